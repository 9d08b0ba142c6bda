package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.sim.RetailSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue 20: the compact columnar store. Every column round-trips exactly through the row builder, the sorted
 * columns and the streaming appender, including values that force a column's fallback encoding; the simulator's
 * table stays within 30 bytes per transaction; every error path of the appender names what is wrong.
 */
class TransactionsCompactStoreTest {
    private static final long T0 = 1_700_000_000L;

    /** Rows of one entity in canonical order (time, order, item, category, quantity, amount). */
    private static final long[] TIME = {Transactions.MIN_EPOCH_SECOND, T0, T0, T0 + 60, Transactions.END_EPOCH_SECOND - 1};
    private static final String[] ORDER = {"O1", "O2", "O2", "O0", "O3"};
    private static final String[] ITEM = {"I0", null, "I1", "I1", "I0"};
    private static final String[] CATEGORY = {"K0", "K1", "K1", "K0", "K0"}; // item I1 under two categories
    private static final double[] QTY = {1, -0.0, 2.5, 1e300, 3};
    private static final double[] AMT = {0.1 + 0.2, 19.99, -4.0, 1e-300, Double.MIN_VALUE};

    private static Transactions fallbackTableFromRows() {
        Transactions.Builder b = Transactions.builder();
        for (int r = TIME.length - 1; r >= 0; r--) {
            b.add("C1", TIME[r], ORDER[r], QTY[r], AMT[r], ITEM[r], CATEGORY[r]);
        }
        return b.build();
    }

    private static void assertWrittenValues(Transactions t) {
        assertEquals(TIME.length, t.size());
        for (int r = 0; r < TIME.length; r++) {
            assertEquals(TIME[r], t.epochSecond(r), "time of row " + r);
            assertEquals(ORDER[r], t.orderId(r), "order of row " + r);
            assertEquals(ITEM[r], t.itemId(r), "item of row " + r);
            assertEquals(CATEGORY[r], t.category(r), "category of row " + r);
            assertEquals(Double.doubleToRawLongBits(QTY[r]), Double.doubleToRawLongBits(t.quantity(r)),
                    "quantity of row " + r);
            assertEquals(Double.doubleToRawLongBits(AMT[r]), Double.doubleToRawLongBits(t.amount(r)),
                    "amount of row " + r);
        }
    }

    @Test
    void everyColumnRoundTripsExactlyWhenEachFallsBack() {
        Transactions t = fallbackTableFromRows();
        assertWrittenValues(t);
        String layout = t.storageLayout();
        assertTrue(layout.contains("time: int64 epoch seconds (fallback"), layout);
        assertTrue(layout.contains("order: int32 codes (fallback"), layout);
        assertTrue(layout.contains("quantity: float64 (fallback"), layout);
        assertTrue(layout.contains("amount: float64 (fallback"), layout);
        assertTrue(layout.contains("an item appears under two categories"), layout);
        assertEquals(t.minEpochSecond(), Transactions.MIN_EPOCH_SECOND);
        assertEquals(t.maxEpochSecond(), Transactions.END_EPOCH_SECOND - 1);
    }

    @Test
    void theAppenderAndSortedColumnsGiveTheRowBuildersTableWithFallbacks() {
        Transactions rows = fallbackTableFromRows();
        Transactions.Appender a = Transactions.appender().items(new String[] {"I0", "I1", "I9"})
                .categories(new String[] {"K0", "K1"}).orders(new String[] {"O0", "O1", "O2", "O3"}).entity("C1");
        long[] time = new long[TIME.length];
        int[] order = new int[TIME.length];
        int[] item = new int[TIME.length];
        int[] category = new int[TIME.length];
        for (int r = 0; r < TIME.length; r++) {
            time[r] = TIME[r];
            order[r] = ORDER[r].charAt(1) - '0';
            item[r] = ITEM[r] == null ? -1 : ITEM[r].charAt(1) - '0';
            category[r] = CATEGORY[r].charAt(1) - '0';
            a.row(time[r], order[r], QTY[r], AMT[r], item[r], category[r]);
        }
        Transactions appended = a.build();
        assertWrittenValues(appended);
        assertEquals(2, appended.itemCount(), "the unused item I9 is dropped");
        TransactionsSortedColumnsTest.assertSameTable(rows, appended);
        Transactions sorted = Transactions.sortedColumns().entities(new String[] {"C1"}, new int[] {0, TIME.length})
                .rows(time, order, QTY.clone(), AMT.clone()).orders(new String[] {"O0", "O1", "O2", "O3"})
                .items(new String[] {"I0", "I1", "I9"}, item).categories(new String[] {"K0", "K1"}, category)
                .build();
        TransactionsSortedColumnsTest.assertSameTable(rows, sorted);
        assertEquals(rows.storageLayout(), appended.storageLayout());
    }

    @Test
    void theSimulatorsTableFitsIn30BytesPerTransactionWithoutFallback() {
        Transactions t = RetailSimulator.builder().seed(7).entities(3000).weeks(52).activityScale(0.2).build()
                .simulate(2).transactions();
        double perRow = t.storageBytes() / (double) t.size();
        assertTrue(perRow <= 30, perRow + " bytes per row: " + t.storageLayout());
        assertFalse(t.storageLayout().contains("fallback"), t.storageLayout());
        assertTrue(t.storageLayout().contains("category: none per row"), t.storageLayout());
    }

    @Test
    void theSimulatorGivesTheSameTableForAnyThreadCount() {
        RetailSimulator s = RetailSimulator.builder().seed(11).entities(70_000).weeks(8).activityScale(0.3).build();
        // more than one wave of blocks, so the capacity estimate and the wave boundaries are crossed
        TransactionsSortedColumnsTest.assertSameTable(s.simulate(1).transactions(), s.simulate(3).transactions());
    }

    @Test
    void appenderWithoutItemsOrCategoriesLeavesThoseColumnsAbsent() {
        Transactions t = Transactions.appender().items(new String[] {"I0"}).categories(new String[] {"K0"})
                .numberedOrders("O").entity("A").row(T0, 0, 1, 2, -1, 0).row(T0 + 1, 1, 1, 2, -1, 0).entity("B")
                .row(T0, 2, 1, 3, -1, -1).build();
        assertFalse(t.hasItems());
        assertTrue(t.hasCategories());
        assertEquals(0, t.categoryCode(0));
        assertEquals(0, t.categoryCode(1));
        assertEquals(-1, t.categoryCode(2));
        assertEquals("O2", t.orderId(2));
        assertEquals(3, t.orderCount());
        assertEquals(2, t.entityStart(1));
        assertEquals(3, t.entityEnd(1));
    }

    private static void assertMessage(Class<? extends Throwable> type, String message, Executable e) {
        assertEquals(message, assertThrows(type, e).getMessage());
    }

    @Test
    void appenderErrorsNameTheRowColumnAndValue() {
        assertMessage(IllegalArgumentException.class, "entity id 0 is null or blank: '  '",
                () -> Transactions.appender().numberedOrders("O").entity("  "));
        assertMessage(IllegalArgumentException.class,
                "entity ids must be strictly increasing but id 1 'A' follows 'B'",
                () -> Transactions.appender().numberedOrders("O").entity("B").row(T0, 0, 1, 1, -1, -1).entity("A"));
        assertMessage(IllegalArgumentException.class, "entity 'A' (code 0) has no row",
                () -> Transactions.appender().numberedOrders("O").entity("A").entity("B"));
        assertMessage(IllegalArgumentException.class, "entity 'A' (code 0) has no row",
                () -> Transactions.appender().numberedOrders("O").entity("A").build());
        assertMessage(IllegalArgumentException.class,
                "row 0, column timestamp: impossible timestamp, value -9999999999 (outside 1900-01-01..2199-12-31)",
                () -> Transactions.appender().numberedOrders("O").entity("A").row(-9_999_999_999L, 0, 1, 1, -1, -1));
        assertMessage(IllegalArgumentException.class, "row 1, column quantity: quantity is not finite, value NaN",
                () -> Transactions.appender().numberedOrders("O").entity("A").row(T0, 0, 1, 1, -1, -1)
                        .row(T0, 0, Double.NaN, 1, -1, -1));
        assertMessage(IllegalArgumentException.class,
                "row 0, column amount: amount is not finite, value Infinity",
                () -> Transactions.appender().numberedOrders("O").entity("A")
                        .row(T0, 0, 1, Double.POSITIVE_INFINITY, -1, -1));
        assertMessage(IllegalArgumentException.class, "row 0, column item: code 1 is outside -1..0 (1 item ids)",
                () -> Transactions.appender().items(new String[] {"I"}).numberedOrders("O").entity("A")
                        .row(T0, 0, 1, 1, 1, -1));
        assertMessage(IllegalArgumentException.class,
                "row 0, column category: code 0 is outside -1..-1 (0 category ids)",
                () -> Transactions.appender().numberedOrders("O").entity("A").row(T0, 0, 1, 1, -1, 0));
        assertMessage(IllegalArgumentException.class, "row 0, column order: code 2 is outside 0..1 (2 order ids)",
                () -> Transactions.appender().orders(new String[] {"a", "b"}).entity("A").row(T0, 2, 1, 1, -1, -1));
        assertMessage(IllegalArgumentException.class, "rows 0 and 1 of entity 'A' are out of canonical order "
                + "(timestamp, order, item, category, quantity, amount)",
                () -> Transactions.appender().numberedOrders("O").entity("A").row(T0, 0, 2, 1, -1, -1)
                        .row(T0, 0, 1, 1, -1, -1));
        assertMessage(IllegalArgumentException.class, "order code 1 ('O1') has no row",
                () -> Transactions.appender().numberedOrders("O").entity("A").row(T0, 0, 1, 1, -1, -1)
                        .row(T0, 2, 1, 1, -1, -1).build());
        assertMessage(IllegalStateException.class, "orders(...) or numberedOrders(...) was not given",
                () -> Transactions.appender().entity("A"));
        assertMessage(IllegalStateException.class, "entity(...) must start the rows of an entity",
                () -> Transactions.appender().numberedOrders("O").row(T0, 0, 1, 1, -1, -1));
        assertMessage(IllegalStateException.class, "items(...) must be given before the first entity",
                () -> Transactions.appender().numberedOrders("O").entity("A").items(new String[] {"I"}));
        assertMessage(IllegalArgumentException.class, "rows must be >= 0 but was -1",
                () -> Transactions.appender().reserve(-1));
        assertMessage(IllegalArgumentException.class,
                "item ids must be strictly increasing but id 1 'a' follows 'b'",
                () -> Transactions.appender().items(new String[] {"b", "a"}));
        Transactions.Appender done = Transactions.appender().numberedOrders("O");
        done.build();
        assertMessage(IllegalStateException.class, "build() was already called", done::build);
    }
}
