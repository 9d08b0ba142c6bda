package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.fit.FitContext;
import dev.segmentation.testing.OnlineRetailFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The RFM segment names must mean what they say on real data: on UCI Online Retail (the copy bundled with the
 * examples, so this test never skips in a clone), the named groups of the default (classic) table rank on mean
 * orders, mean spend and mean recency the way their names claim. The same claims are checked against the R
 * {@code rfm} 0.3.0 table, which fails them (its Potential Loyalists out-buy its Loyal Customers): that is the bug
 * that made the classic table the default.
 */
class RfmNamesRankOnOnlineRetailTest {
    private static final Path BUNDLED = Path.of("../examples/data/online_retail.csv.gz");

    private static FeatureTable table;

    @BeforeAll
    static void load() {
        assertTrue(Files.isRegularFile(BUNDLED), "the bundled Online Retail copy is part of the repository: "
                + BUNDLED.toAbsolutePath());
        OnlineRetailFixture.Loaded data = OnlineRetailFixture.load(BUNDLED);
        table = Rfm.builder().cancelledOrderPrefix("C").build().compute(data.transactions, FitContext.seeded(1))
                .table();
    }

    /** Mean orders, spend and recency (days) and the count per named group. */
    static Map<RfmSegment, double[]> means(RfmScores scores) {
        double[] f = table.column(Rfm.FREQUENCY_ORDERS);
        double[] m = table.column(Rfm.MONETARY);
        double[] r = table.column(Rfm.RECENCY_DAYS);
        Map<RfmSegment, double[]> sums = new EnumMap<>(RfmSegment.class);
        for (int i = 0; i < f.length; i++) {
            double[] s = sums.computeIfAbsent(scores.segment(i), k -> new double[4]);
            s[0] += f[i];
            s[1] += m[i];
            s[2] += r[i];
            s[3]++;
        }
        for (double[] s : sums.values()) {
            s[0] /= s[3];
            s[1] /= s[3];
            s[2] /= s[3];
        }
        return sums;
    }

    static String print(String title, Map<RfmSegment, double[]> means) {
        StringBuilder b = new StringBuilder(title).append('\n');
        b.append(String.format(Locale.ROOT, "  %-20s %9s %11s %12s %13s%n", "segment", "customers", "mean orders",
                "mean spend", "mean recency"));
        for (Map.Entry<RfmSegment, double[]> e : means.entrySet()) {
            double[] s = e.getValue();
            b.append(String.format(Locale.ROOT, "  %-20s %9d %11.1f %12.0f %13.0f%n", e.getKey().displayName(),
                    (long) s[3], s[0], s[1], s[2]));
        }
        return b.toString();
    }

    private static final int ORDERS = 0;
    private static final int SPEND = 1;
    private static final int RECENCY = 2;

    /**
     * The claims the names make, as pairs: {@code higher} has a larger mean of {@code metric} than {@code lower}
     * (for recency: more days, i.e. less recent).
     */
    private record Claim(RfmSegment higher, RfmSegment lower, int metric) {
        String text(Map<RfmSegment, double[]> means) {
            String what = metric == ORDERS ? "mean orders" : metric == SPEND ? "mean spend" : "mean recency days";
            return higher.displayName() + " " + what + " " + fmt(means.get(higher)) + " should exceed "
                    + lower.displayName() + "'s " + fmt(means.get(lower));
        }

        private String fmt(double[] s) {
            return s == null ? "(empty group)" : String.format(Locale.ROOT, "%.1f", s[metric]);
        }
    }

    static List<Claim> claims() {
        List<Claim> c = new ArrayList<>();
        RfmSegment[] valuable = {RfmSegment.CHAMPIONS, RfmSegment.LOYAL_CUSTOMERS};
        RfmSegment[] weaker = {RfmSegment.POTENTIAL_LOYALIST, RfmSegment.NEW_CUSTOMERS, RfmSegment.PROMISING,
            RfmSegment.NEED_ATTENTION, RfmSegment.ABOUT_TO_SLEEP, RfmSegment.HIBERNATING, RfmSegment.LOST};
        for (int metric : new int[] {ORDERS, SPEND}) {
            // Champions buy most often and spend most; Loyal Customers come next, above every weaker name
            c.add(new Claim(RfmSegment.CHAMPIONS, RfmSegment.LOYAL_CUSTOMERS, metric));
            for (RfmSegment v : valuable) {
                for (RfmSegment w : weaker) {
                    c.add(new Claim(v, w, metric));
                }
            }
            // "spent big and bought often, but long ago" ranks above the low-value old groups
            for (RfmSegment big : new RfmSegment[] {RfmSegment.CANT_LOSE_THEM, RfmSegment.AT_RISK}) {
                c.add(new Claim(big, RfmSegment.HIBERNATING, metric));
                c.add(new Claim(big, RfmSegment.LOST, metric));
                c.add(new Claim(big, RfmSegment.ABOUT_TO_SLEEP, metric));
            }
            c.add(new Claim(RfmSegment.CANT_LOSE_THEM, RfmSegment.AT_RISK, metric));
            c.add(new Claim(RfmSegment.HIBERNATING, RfmSegment.LOST, metric));
            // Potential Loyalists have bought more than New Customers and Promising ones
            c.add(new Claim(RfmSegment.POTENTIAL_LOYALIST, RfmSegment.NEW_CUSTOMERS, metric));
            c.add(new Claim(RfmSegment.POTENTIAL_LOYALIST, RfmSegment.PROMISING, metric));
        }
        // recency: the recent names bought more recently than the old ones
        RfmSegment[] recent = {RfmSegment.CHAMPIONS, RfmSegment.NEW_CUSTOMERS, RfmSegment.PROMISING,
            RfmSegment.POTENTIAL_LOYALIST};
        RfmSegment[] old = {RfmSegment.AT_RISK, RfmSegment.CANT_LOSE_THEM, RfmSegment.HIBERNATING, RfmSegment.LOST,
            RfmSegment.ABOUT_TO_SLEEP, RfmSegment.NEED_ATTENTION};
        for (RfmSegment o : old) {
            for (RfmSegment r : recent) {
                c.add(new Claim(o, r, RECENCY));
            }
        }
        for (RfmSegment o : new RfmSegment[] {RfmSegment.AT_RISK, RfmSegment.CANT_LOSE_THEM,
            RfmSegment.HIBERNATING, RfmSegment.LOST}) {
            c.add(new Claim(o, RfmSegment.LOYAL_CUSTOMERS, RECENCY));
        }
        c.add(new Claim(RfmSegment.PROMISING, RfmSegment.NEW_CUSTOMERS, RECENCY));
        return c;
    }

    static List<String> violations(Map<RfmSegment, double[]> means) {
        List<String> out = new ArrayList<>();
        for (Claim c : claims()) {
            double[] hi = means.get(c.higher());
            double[] lo = means.get(c.lower());
            if (hi == null || lo == null || !(hi[c.metric()] > lo[c.metric()])) {
                out.add(c.text(means));
            }
        }
        return out;
    }

    @Test
    void classicNamesRankOnOrdersSpendAndRecencyAsTheyClaim() {
        RfmScores scores = RfmScores.of(table);
        Map<RfmSegment, double[]> means = means(scores);
        System.out.print(print("Online Retail, classic RFM table (default):", means));
        for (RfmSegment s : RfmSegment.values()) {
            if (s != RfmSegment.OTHERS) {
                assertTrue(means.containsKey(s), s.displayName() + " has no customer on Online Retail");
            }
        }
        List<String> v = violations(means);
        assertTrue(v.isEmpty(), v.size() + " of " + claims().size() + " claims fail: " + v);
        assertEquals(RfmSegmentRule.classic(), RfmSegmentRule.defaults());
    }

    @Test
    void customer12415IsAChampionNotAPotentialLoyalist() {
        // 21 orders, GBP 124,914, 25 days before the end of the data: the example of a backwards name
        int row = table.entityIds().indexOf("12415.0");
        assertTrue(row >= 0, "customer 12415 is in the data");
        assertEquals(21.0, table.get(row, table.columnIndex(Rfm.FREQUENCY_ORDERS)));
        assertEquals(RfmSegment.CHAMPIONS, RfmScores.of(table).segment(row));
        assertEquals(RfmSegment.POTENTIAL_LOYALIST, RfmScores.of(table, RfmSegmentRule.rfmPackage030())
                .segment(row));
    }

    @Test
    void theRfm030TableFailsTheClaimsItsNamesMake() {
        Map<RfmSegment, double[]> means = means(RfmScores.of(table, RfmSegmentRule.rfmPackage030()));
        System.out.print(print("Online Retail, R rfm 0.3.0 table (the option):", means));
        double[] pl = means.get(RfmSegment.POTENTIAL_LOYALIST);
        double[] loyal = means.get(RfmSegment.LOYAL_CUSTOMERS);
        assertTrue(pl[ORDERS] > loyal[ORDERS] && pl[SPEND] > loyal[SPEND],
                "under rfm 0.3.0 Potential Loyalists out-buy Loyal Customers");
        assertFalse(violations(means).isEmpty());
    }
}
