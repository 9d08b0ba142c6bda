package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.fit.FitContext;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RfmTest {
    private static final FitContext CTX = FitContext.seeded(3);

    private static LocalDateTime at(int day, int hour, int minute) {
        return LocalDateTime.of(2024, 1, day, hour, minute);
    }

    /**
     * A: two purchase orders (O1 with two lines on Jan 1, O2 late on Jan 5), a return line, a cancelled order, a
     * zero-quantity line and a free line. B: two orders (Jan 3, Jan 10) and a cancelled order with a positive line.
     * C: only a return. The last date of any row is Jan 10.
     */
    static Transactions sample() {
        return Transactions.builder()
                .add("A", at(1, 10, 0), "O1", 2, 10.0)
                .add("A", at(1, 10, 0), "O1", 1, 5.0)
                .add("A", at(5, 23, 59), "O2", 1, 7.5)
                .add("A", at(6, 0, 30), "O3", -1, -5.0)
                .add("A", at(7, 9, 0), "C9", -1, -2.5)
                .add("A", at(8, 9, 0), "O4", 0, 0.0)
                .add("A", at(9, 9, 0), "O5", 3, 0.0)
                .add("B", at(3, 8, 0), "O6", 1, 4.0)
                .add("B", at(10, 12, 0), "O7", 1, 6.0)
                .add("B", at(9, 12, 0), "C10", 1, 3.0)
                .add("C", at(4, 8, 0), "O8", -2, -8.0)
                .build();
    }

    private static Rfm.Builder flagged() {
        return Rfm.builder().cancelledOrders(id -> id.startsWith("C"));
    }

    @Test
    void columnsAreTheDocumentedOnes() {
        assertEquals(List.of("recency_days", "frequency_orders", "monetary", "avg_order_value", "tenure_days"),
                Features.rfm().featureNames());
    }

    @Test
    void excludePolicyCountsOnlyPurchaseLines() {
        RfmResult r = flagged().build().compute(sample(), CTX);
        FeatureTable t = r.table();
        assertEquals(List.of("A", "B"), t.entityIds());
        assertEquals(LocalDate.of(2024, 1, 11), r.asOf());
        // A: last purchase Jan 5, orders O1 O2, 10 + 5 + 7.5, first purchase Jan 1
        assertArrayEquals(new double[] {6, 2, 22.5, 11.25, 4}, t.row(0));
        // B: last purchase Jan 10, orders O6 O7, first Jan 3
        assertArrayEquals(new double[] {1, 2, 10, 5, 7}, t.row(1));
        assertEquals(5, r.purchaseRows());
        assertEquals(2, r.excludedRows(RfmExclusion.CANCELLED_ORDER));
        assertEquals(2, r.excludedRows(RfmExclusion.NEGATIVE_QUANTITY));
        assertEquals(1, r.excludedRows(RfmExclusion.ZERO_QUANTITY));
        assertEquals(1, r.excludedRows(RfmExclusion.NON_POSITIVE_AMOUNT));
        assertEquals(6, r.excludedRows());
        assertEquals(0, r.nettedRows());
        assertEquals(List.of("C"), r.droppedEntities());
        assertEquals(ReturnsPolicy.EXCLUDE, r.policy());
    }

    @Test
    void netPolicySubtractsReturnLinesWithoutCountingThemAsOrders() {
        RfmResult r = flagged().returnsPolicy(ReturnsPolicy.NET).build().compute(sample(), CTX);
        FeatureTable t = r.table();
        assertEquals(List.of("A", "B"), t.entityIds());
        // A: 22.5 - 5 - 2.5; the return dates (Jan 6, 7) move neither recency nor tenure
        assertArrayEquals(new double[] {6, 2, 15, 7.5, 4}, t.row(0));
        // B: the cancelled order's positive line is subtracted too (a return never raises monetary)
        assertArrayEquals(new double[] {1, 2, 7, 3.5, 7}, t.row(1));
        assertEquals(2, r.nettedRows(RfmExclusion.CANCELLED_ORDER));
        assertEquals(2, r.nettedRows(RfmExclusion.NEGATIVE_QUANTITY));
        assertEquals(0, r.excludedRows(RfmExclusion.CANCELLED_ORDER));
        assertEquals(0, r.excludedRows(RfmExclusion.NEGATIVE_QUANTITY));
        assertEquals(1, r.excludedRows(RfmExclusion.ZERO_QUANTITY));
        assertEquals(1, r.excludedRows(RfmExclusion.NON_POSITIVE_AMOUNT));
        assertEquals(List.of("C"), r.droppedEntities(), "an entity with only returns has no purchase date");
        assertTrue(r.summary().contains("netted cancelled_order=2 negative_quantity=2"), r.summary());
    }

    @Test
    void withoutPredicateCancelledOrdersAreOrdinaryRows() {
        RfmResult r = Rfm.defaults().compute(sample(), CTX);
        assertEquals(0, r.excludedRows(RfmExclusion.CANCELLED_ORDER));
        assertEquals(3, r.excludedRows(RfmExclusion.NEGATIVE_QUANTITY));
        // B's C10 line now counts as a purchase on Jan 9: three orders
        assertArrayEquals(new double[] {1, 3, 13, 13 / 3.0, 7}, r.table().row(1));
    }

    @Test
    void fixedAsOfDate() {
        Rfm rfm = flagged().asOf(LocalDate.of(2024, 1, 20)).build();
        FeatureTable t = rfm.compute(sample(), CTX).table();
        assertEquals(15, t.get(0, Rfm.RECENCY_DAYS));
        assertEquals(10, t.get(1, Rfm.RECENCY_DAYS));
        assertEquals(LocalDate.of(2024, 1, 20), rfm.asOf().orElseThrow());
        Rfm sameDay = flagged().asOf(LocalDate.of(2024, 1, 10)).build();
        assertEquals(0, sameDay.compute(sample(), CTX).table().get(1, Rfm.RECENCY_DAYS));
        assertTrue(flagged().asOf(LocalDate.of(2024, 1, 20)).asOfDayAfterLastDate().build().asOf().isEmpty());
    }

    @Test
    void purchaseAfterFixedAsOfDateIsRefused() {
        Rfm rfm = flagged().asOf(LocalDate.of(2024, 1, 7)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rfm.compute(sample(), CTX));
        assertEquals("entity 'B' has a purchase on 2024-01-10, after the as-of date 2024-01-07; filter the"
                + " transactions (Transactions.between) or move the as-of date", e.getMessage());
    }

    @Test
    void emptyTransactionsAreRefused() {
        Transactions empty = Transactions.builder().build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Features.rfm().extract(empty, CTX));
        assertEquals("transactions has no rows: RFM needs at least one row", e.getMessage());
    }

    @Test
    void builderValidatesAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Rfm.builder().asOf(LocalDate.of(1800, 1, 1)));
        assertEquals("asOf must be within 1900-01-01..2200-01-01 but was 1800-01-01", e.getMessage());
        NullPointerException n = assertThrows(NullPointerException.class, () -> Rfm.builder().asOf(null));
        assertEquals("asOf", n.getMessage());
        n = assertThrows(NullPointerException.class, () -> Rfm.builder().returnsPolicy(null));
        assertEquals("policy", n.getMessage());
        n = assertThrows(NullPointerException.class, () -> Rfm.builder().cancelledOrders(null));
        assertEquals("isCancelled", n.getMessage());
        assertThrows(NullPointerException.class, () -> Rfm.defaults().compute(null));
    }

    @Test
    void extractEqualsComputeTableAndFactoriesAgree() {
        Transactions t = sample();
        assertEquals(Rfm.defaults().compute(t, CTX).table(), Features.rfm().extract(t, CTX));
        assertEquals(ReturnsPolicy.NET, Features.rfm(ReturnsPolicy.NET).returnsPolicy());
        assertEquals(flagged().build().compute(t, CTX).table(), Features.rfm(flagged()).extract(t, CTX));
    }

    @Test
    void sameOrderOnTwoDaysCountsOnce() {
        Transactions t = Transactions.builder()
                .add("A", at(1, 10, 0), "O1", 1, 1.0)
                .add("A", at(2, 10, 0), "O2", 1, 1.0)
                .add("A", at(3, 10, 0), "O1", 1, 1.0)
                .build();
        assertArrayEquals(new double[] {1, 2, 3, 1.5, 2}, Rfm.defaults().compute(t, CTX).table().row(0));
    }

    @Test
    void compensatedSumOfManySmallAmountsIsExact() {
        Transactions.Builder b = Transactions.builder();
        for (int i = 0; i < 1000; i++) {
            b.add("A", at(1 + i % 28, 10, 0), "O" + i, 1, 0.1);
        }
        assertEquals(100.0, Rfm.defaults().compute(b.build(), CTX).table().get(0, Rfm.MONETARY), 0.0);
    }

    /** Random transactions over more entities than one block holds. */
    static Transactions generated(int entities, int rows, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Transactions.Builder b = Transactions.builder();
        long t0 = LocalDate.of(2020, 1, 1).toEpochDay() * 86_400L;
        for (int i = 0; i < rows; i++) {
            int e = rnd.nextInt(entities);
            double q = rnd.nextInt(10) - 1;
            double a = q * (rnd.nextInt(1000) / 100.0);
            String order = (rnd.nextInt(20) == 0 ? "C" : "") + e + "-" + rnd.nextInt(5);
            b.add("cust" + e, t0 + rnd.nextLong(400L * 86_400L), order, q, a);
        }
        return b.build();
    }

    @Test
    void sameBitsForAnyThreadCount() {
        Transactions t = generated(3 * Rfm.ENTITIES_PER_BLOCK + 101, 40_000, 11);
        for (ReturnsPolicy p : ReturnsPolicy.values()) {
            Rfm rfm = flagged().returnsPolicy(p).build();
            RfmResult one = rfm.compute(t, CTX.withThreads(1));
            for (int threads = 2; threads <= 3; threads++) {
                RfmResult other = rfm.compute(t, CTX.withThreads(threads));
                assertEquals(one.table(), other.table(), "threads " + threads);
                assertEquals(one.summary(), other.summary());
                assertEquals(one.droppedEntities(), other.droppedEntities());
            }
        }
    }
}
