package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.fit.FitContext;
import dev.segmentation.testing.OnlineRetailFixture;
import dev.segmentation.testing.SharedData;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Differential test against {@code data/reference/online_retail_rfm.csv} (pandas 1.5.3; see its README): the same
 * row filter gives the same customers and the same values, monetary compared after rounding ours to the 10
 * significant digits the reference prints.
 */
class RfmOnlineRetailTest {
    private static final MathContext TEN_DIGITS = new MathContext(10, RoundingMode.HALF_EVEN);

    static RfmResult referenceFilterResult(Transactions t, int threads) {
        Rfm rfm = Rfm.builder().cancelledOrders(id -> id.startsWith("C")).build();
        return rfm.compute(t, FitContext.seeded(1).withThreads(threads));
    }

    @Test
    void matchesReferenceTableForEveryCustomer() {
        Path refFile = SharedData.require("data/reference/online_retail_rfm.csv");
        OnlineRetailFixture.Loaded data = OnlineRetailFixture.require();
        assertEquals(541_909, data.rowsRead);
        assertEquals(135_080, data.skippedNoCustomer);
        RfmResult result = referenceFilterResult(data.transactions, 2);
        System.out.println("Online Retail: " + result.summary());
        assertEquals(LocalDate.of(2011, 12, 10), result.asOf());
        FeatureTable ours = result.table();

        List<String> lines = SharedData.lines(refFile);
        assertEquals("CustomerID,recency_days,frequency_orders,monetary,tenure_days", lines.get(0));
        Map<String, String[]> ref = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] p = lines.get(i).split(",");
            ref.put(p[0], p);
        }
        assertEquals(ref.size(), ours.rows(), "number of customers");
        int rc = ours.columnIndex(Rfm.RECENCY_DAYS);
        int fc = ours.columnIndex(Rfm.FREQUENCY_ORDERS);
        int mc = ours.columnIndex(Rfm.MONETARY);
        int ac = ours.columnIndex(Rfm.AVG_ORDER_VALUE);
        int tc = ours.columnIndex(Rfm.TENURE_DAYS);
        List<String> mismatches = new ArrayList<>();
        for (int r = 0; r < ours.rows(); r++) {
            String id = ours.entityId(r);
            String[] p = ref.get(id);
            if (p == null) {
                mismatches.add(id + ": not in the reference");
                continue;
            }
            check(mismatches, id, "recency_days", ours.get(r, rc), Double.parseDouble(p[1]));
            check(mismatches, id, "frequency_orders", ours.get(r, fc), Double.parseDouble(p[2]));
            check(mismatches, id, "tenure_days", ours.get(r, tc), Double.parseDouble(p[4]));
            BigDecimal m = new BigDecimal(ours.get(r, mc)).round(TEN_DIGITS);
            if (m.compareTo(new BigDecimal(p[3])) != 0) {
                mismatches.add(id + ": monetary " + ours.get(r, mc) + " rounds to " + m.toPlainString()
                        + ", reference " + p[3]);
            }
            assertEquals(ours.get(r, mc) / ours.get(r, fc), ours.get(r, ac), 0.0, "avg_order_value of " + id);
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches, first: "
                + mismatches.subList(0, Math.min(10, mismatches.size())));
    }

    private static void check(List<String> out, String id, String name, double ours, double ref) {
        if (ours != ref) {
            out.add(id + ": " + name + " " + ours + " vs reference " + ref);
        }
    }

    @Test
    void sameBitsForAnyThreadCountOnOnlineRetail() {
        OnlineRetailFixture.Loaded data = OnlineRetailFixture.require();
        FeatureTable one = referenceFilterResult(data.transactions, 1).table();
        assertEquals(one, referenceFilterResult(data.transactions, 2).table());
        assertEquals(one, referenceFilterResult(data.transactions, 3).table());
    }
}
