package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.fit.FitContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RfmProperties {
    private static final long DAY0 = LocalDate.of(2023, 3, 1).toEpochDay() * 86_400L;

    /** One generated purchase line. */
    static final class Row {
        final String entity;
        final long time;
        final String order;
        final double quantity;
        final double amount;

        Row(String entity, long time, String order, double quantity, double amount) {
            this.entity = entity;
            this.time = time;
            this.order = order;
            this.quantity = quantity;
            this.amount = amount;
        }

        @Override
        public String toString() {
            return entity + "@" + time + "/" + order + " q=" + quantity + " a=" + amount;
        }
    }

    @Provide
    Arbitrary<List<Row>> rows() {
        Arbitrary<Row> row = Combinators.combine(
                Arbitraries.integers().between(0, 5),
                Arbitraries.longs().between(0, 90L * 86_400L),
                Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(-3, 6),
                Arbitraries.of(0.0, 0.5, 1.25, 3.0, 10.1, 99.99))
                .as((e, t, o, c, q, p) -> new Row("e" + e, DAY0 + t, (c == 0 ? "C" : "") + "o" + o, q, q * p));
        return row.list().ofMinSize(1).ofMaxSize(60);
    }

    static Transactions build(List<Row> rows) {
        Transactions.Builder b = Transactions.builder();
        for (Row r : rows) {
            b.add(r.entity, r.time, r.order, r.quantity, r.amount);
        }
        return b.build();
    }

    private static boolean cancelled(Row r) {
        return r.order.startsWith("C");
    }

    private static boolean purchase(Row r) {
        return !cancelled(r) && r.quantity > 0 && r.amount > 0;
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.MIXIN)
    void invariantsAndBruteForceOracle(@ForAll("rows") List<Row> rows, @ForAll ReturnsPolicy policy) {
        RfmResult result = Rfm.builder().cancelledOrders(id -> id.startsWith("C")).returnsPolicy(policy).build()
                .compute(build(rows), FitContext.seeded(1).withThreads(2));
        FeatureTable t = result.table();
        long lastDay = Long.MIN_VALUE;
        for (Row r : rows) {
            lastDay = Math.max(lastDay, Math.floorDiv(r.time, 86_400L));
        }
        long purchases = 0;
        for (Row r : rows) {
            purchases += purchase(r) ? 1 : 0;
        }
        assertEquals(purchases, result.purchaseRows());
        assertEquals(rows.size(), result.purchaseRows() + result.excludedRows() + result.nettedRows());
        Set<String> withPurchase = new HashSet<>();
        for (Row r : rows) {
            if (purchase(r)) {
                withPurchase.add(r.entity);
            }
        }
        assertEquals(withPurchase, new HashSet<>(t.entityIds()));
        for (int i = 0; i < t.rows(); i++) {
            String e = t.entityId(i);
            double sum = 0;
            double scale = 0;
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            Set<String> orders = new HashSet<>();
            for (Row r : rows) {
                if (!r.entity.equals(e)) {
                    continue;
                }
                if (purchase(r)) {
                    sum += r.amount;
                    long d = Math.floorDiv(r.time, 86_400L);
                    first = Math.min(first, d);
                    last = Math.max(last, d);
                    orders.add(r.order);
                } else if (policy == ReturnsPolicy.NET && (cancelled(r) || r.quantity < 0)) {
                    sum -= Math.abs(r.amount);
                }
                scale += Math.abs(r.amount);
            }
            double recency = t.get(i, Rfm.RECENCY_DAYS);
            double frequency = t.get(i, Rfm.FREQUENCY_ORDERS);
            double tenure = t.get(i, Rfm.TENURE_DAYS);
            assertTrue(recency >= 0 && frequency >= 1 && tenure >= 0, e);
            assertEquals(lastDay + 1 - last, recency, e);
            assertEquals(orders.size(), frequency, e);
            assertEquals(last - first, tenure, e);
            assertEquals(sum, t.get(i, Rfm.MONETARY), 1e-12 * (1 + scale), e);
            if (policy == ReturnsPolicy.EXCLUDE) {
                assertTrue(t.get(i, Rfm.MONETARY) > 0, e);
            }
            assertEquals(t.get(i, Rfm.MONETARY) / frequency, t.get(i, Rfm.AVG_ORDER_VALUE), 0.0, e);
        }
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.MIXIN)
    void rowOrderDoesNotChangeTheTable(@ForAll("rows") List<Row> rows, @ForAll long seed,
            @ForAll ReturnsPolicy policy) {
        Rfm rfm = Rfm.builder().cancelledOrders(id -> id.startsWith("C")).returnsPolicy(policy).build();
        List<Row> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(seed));
        FitContext ctx = FitContext.seeded(1);
        RfmResult a = rfm.compute(build(rows), ctx);
        RfmResult b = rfm.compute(build(shuffled), ctx.withThreads(3));
        assertEquals(a.table(), b.table());
        assertEquals(a.summary(), b.summary());
    }
}
