package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.sim.RetailSimulator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The sorted-columns fast path: same table as the row builder, and every rule it checks. */
class TransactionsSortedColumnsTest {
    private static final long T0 = 1_700_000_000L;

    /** Every accessor of two tables agrees. */
    static void assertSameTable(Transactions a, Transactions b) {
        assertEquals(a.size(), b.size());
        assertEquals(a.entityIds(), b.entityIds());
        assertEquals(a.orderCount(), b.orderCount());
        assertEquals(a.itemCount(), b.itemCount());
        assertEquals(a.categoryCount(), b.categoryCount());
        assertEquals(a.hasItems(), b.hasItems());
        assertEquals(a.hasCategories(), b.hasCategories());
        assertEquals(a.attributeNames(), b.attributeNames());
        for (int e = 0; e <= a.entityCount(); e++) {
            if (e < a.entityCount()) {
                assertEquals(a.entityStart(e), b.entityStart(e));
            }
        }
        for (int c = 0; c < a.orderCount(); c++) {
            assertEquals(a.orderIdOfCode(c), b.orderIdOfCode(c));
        }
        for (int c = 0; c < a.itemCount(); c++) {
            assertEquals(a.itemIdOfCode(c), b.itemIdOfCode(c));
        }
        for (int c = 0; c < a.categoryCount(); c++) {
            assertEquals(a.categoryOfCode(c), b.categoryOfCode(c));
        }
        for (int r = 0; r < a.size(); r++) {
            assertEquals(a.epochSecond(r), b.epochSecond(r));
            assertEquals(a.orderCode(r), b.orderCode(r));
            assertEquals(a.itemCode(r), b.itemCode(r));
            assertEquals(a.categoryCode(r), b.categoryCode(r));
            assertEquals(Double.doubleToLongBits(a.quantity(r)), Double.doubleToLongBits(b.quantity(r)));
            assertEquals(Double.doubleToLongBits(a.amount(r)), Double.doubleToLongBits(b.amount(r)));
            for (int k = 0; k < a.attributeNames().size(); k++) {
                assertEquals(a.attribute(k, r), b.attribute(k, r));
            }
        }
    }

    @Test
    void simulatorTableEqualsTheRowBuilderOnShuffledRows() {
        Transactions fast = RetailSimulator.builder().seed(3).entities(300).weeks(30).items(40).categories(4).build()
                .simulate(2).transactions();
        int n = fast.size();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int x = perm[i];
            perm[i] = perm[j];
            perm[j] = x;
        }
        Transactions.Builder b = Transactions.builder();
        for (int k = 0; k < n; k++) {
            int r = perm[k];
            b.add(fast.entityId(fast.entityOf(r)), fast.epochSecond(r), fast.orderId(r), fast.quantity(r),
                    fast.amount(r), fast.itemId(r), fast.category(r));
        }
        assertSameTable(b.build(), fast);
        assertTrue(fast.orderIdOfCode(0).startsWith("O"));
    }

    @Test
    void simulatorGivesTheSameTableForOneTwoAndThreeThreads() {
        RetailSimulator sim = RetailSimulator.builder().seed(9).entities(9000).weeks(8).activityScale(0.3).build();
        Transactions one = sim.simulate(1).transactions();
        assertSameTable(one, sim.simulate(2).transactions());
        assertSameTable(one, sim.simulate(3).transactions());
        assertEquals("threads must be >= 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> sim.simulate(0)).getMessage());
    }

    /** Two entities, three orders, items with one unused id, an attribute. */
    private static Transactions.SortedColumns valid() {
        return Transactions.sortedColumns()
                .entities(new String[] {"A", "B"}, new int[] {0, 3, 4})
                .rows(new long[] {T0, T0, T0 + 5, T0}, new int[] {0, 0, 1, 2}, new double[] {1, 2, 1, 4},
                        new double[] {1.5, 3, 2, 8})
                .orders(new String[] {"o1", "o2", "o3"})
                .items(new String[] {"a", "b", "c"}, new int[] {0, 2, -1, 2})
                .categories(new String[] {"k"}, new int[] {-1, -1, -1, -1})
                .attribute("inst", new double[] {1, 1, 3, 2});
    }

    @Test
    void validColumnsMatchTheRowBuilderAndDropUnusedIds() {
        Transactions fast = valid().build();
        Transactions slow = Transactions.builder().attributes("inst")
                .add("B", T0, "o3", 4, 8, "c", null, 2)
                .add("A", T0 + 5, "o2", 1, 2, null, null, 3)
                .add("A", T0, "o1", 2, 3, "c", null, 1)
                .add("A", T0, "o1", 1, 1.5, "a", null, 1)
                .build();
        assertSameTable(slow, fast);
        assertEquals(2, fast.itemCount());
        assertFalse(fast.hasCategories());
        assertEquals("o2", fast.orderId(2));
    }

    @Test
    void numberedOrdersArePaddedAndMadeOnDemand() {
        Transactions t = Transactions.sortedColumns()
                .entities(new String[] {"A"}, new int[] {0, 11})
                .rows(new long[11], range(11), new double[11], new double[11])
                .numberedOrders("X", 11)
                .build();
        // timestamps of 0 are 1970: valid
        assertEquals("X00", t.orderIdOfCode(0));
        assertEquals("X10", t.orderId(10));
        assertEquals(11, t.orderCount());
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> t.orderIdOfCode(11));
        assertEquals("count must be >= 0 but was -1", assertThrows(IllegalArgumentException.class,
                () -> Transactions.sortedColumns().numberedOrders("X", -1)).getMessage());
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }

    private static void fails(String message, Executable x) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, x).getMessage());
    }

    @Test
    void everyRuleIsCheckedAndNamed() {
        fails("start must have entities + 1 = 3 values but has 2",
                () -> Transactions.sortedColumns().entities(new String[] {"A", "B"}, new int[] {0, 1}));
        fails("column quantities has 3 values but entityIds has 4", () -> valid()
                .rows(new long[] {T0, T0, T0, T0}, new int[4], new double[3], new double[4]).build());
        fails("entity ids must be strictly increasing but id 1 'A' follows 'B'",
                () -> valid().entities(new String[] {"B", "A"}, new int[] {0, 3, 4}).build());
        fails("entity id 0 is null or blank: ' '",
                () -> valid().entities(new String[] {" ", "B"}, new int[] {0, 3, 4}).build());
        fails("order ids must be strictly increasing but id 2 'o2' follows 'o2'",
                () -> valid().orders(new String[] {"o1", "o2", "o2"}).build());
        fails("start[0] must be 0 but was 1", () -> valid().entities(new String[] {"A", "B"}, new int[] {1, 3, 4})
                .build());
        fails("start[2] must be the number of rows 4 but was 3",
                () -> valid().entities(new String[] {"A", "B"}, new int[] {0, 3, 3}).build());
        fails("entity 'A' (code 0) has no row: start[1] = 0 must exceed start[0] = 0", () -> valid()
                .entities(new String[] {"A", "B", "C"}, new int[] {0, 0, 3, 4}).build());
        fails("row 1, column timestamp: impossible timestamp, value " + Transactions.END_EPOCH_SECOND
                + " (outside 1900-01-01..2199-12-31)", () -> valid().rows(new long[] {T0,
                    Transactions.END_EPOCH_SECOND, T0, T0}, new int[] {0, 0, 1, 2}, new double[4], new double[4])
                .build());
        fails("row 2, column quantity: quantity is not finite, value NaN", () -> valid().rows(new long[] {T0, T0,
            T0 + 5, T0}, new int[] {0, 0, 1, 2}, new double[] {1, 2, Double.NaN, 4}, new double[4]).build());
        fails("row 0, column amount: amount is not finite, value Infinity", () -> valid().rows(new long[] {T0, T0,
            T0 + 5, T0}, new int[] {0, 0, 1, 2}, new double[] {1, 2, 1, 4},
                new double[] {Double.POSITIVE_INFINITY, 0, 0, 0}).build());
        fails("row 3, column inst2: attribute is not finite, value NaN",
                () -> valid().attribute("other", new double[4]).attribute("inst2", new double[] {0, 0, 0,
                    Double.NaN}).build());
        fails("row 3, column order: code 3 is outside 0..2 (3 order ids)", () -> valid().rows(new long[] {T0, T0,
            T0 + 5, T0}, new int[] {0, 0, 1, 3}, new double[4], new double[4]).build());
        fails("row 1, column item: code 3 is outside -1..2 (3 item ids)",
                () -> valid().items(new String[] {"a", "b", "c"}, new int[] {0, 3, -1, 2}).build());
        fails("row 0, column category: code -2 is outside -1..0 (1 category ids)",
                () -> valid().categories(new String[] {"k"}, new int[] {-2, -1, -1, -1}).build());
        fails("rows 0 and 1 of entity 'A' are out of canonical order (timestamp, order, item, category, quantity, "
                + "amount, attributes)", () -> valid().rows(new long[] {T0 + 1, T0, T0 + 5, T0},
                new int[] {0, 0, 1, 2}, new double[4], new double[4]).build());
        fails("order code 1 ('o2') has no row", () -> valid().rows(new long[] {T0, T0, T0 + 5, T0},
                new int[] {0, 0, 0, 2}, new double[4], new double[4]).build());
        fails("attribute name 'inst' is declared twice", () -> valid().attribute("inst", new double[4]));
        fails("attribute name is blank: ''", () -> valid().attribute("", new double[4]));
        assertEquals("orders(...) or numberedOrders(...) was not given", assertThrows(IllegalStateException.class,
                () -> Transactions.sortedColumns().entities(new String[0], new int[1])
                        .rows(new long[0], new int[0], new double[0], new double[0]).build()).getMessage());
        assertEquals("rows(...) was not given", assertThrows(IllegalStateException.class,
                () -> Transactions.sortedColumns().entities(new String[0], new int[1]).build()).getMessage());
        assertEquals("entities(...) was not given", assertThrows(IllegalStateException.class,
                () -> Transactions.sortedColumns().build()).getMessage());
        Transactions.SortedColumns once = valid();
        once.build();
        assertEquals("build() was already called", assertThrows(IllegalStateException.class, once::build)
                .getMessage());
    }
}
