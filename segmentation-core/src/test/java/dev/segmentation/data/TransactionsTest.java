package dev.segmentation.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionsTest {
    private static final long T0 = LocalDateTime.of(2011, 1, 1, 10, 0).toEpochSecond(java.time.ZoneOffset.UTC);

    @Test
    void groupsRowsByEntityInSortedIdOrderAndTime() {
        Transactions t = Transactions.builder()
                .add("b", T0 + 50, "o3", 1, 2.0)
                .add("a", T0 + 10, "o1", 2, 4.0)
                .add("b", T0 + 5, "o2", 3, 6.0)
                .build();
        assertEquals(3, t.size());
        assertEquals(List.of("a", "b"), t.entityIds());
        assertEquals(0, t.entityStart(0));
        assertEquals(1, t.entityEnd(0));
        assertEquals(3, t.entityEnd(1));
        assertEquals(T0 + 5, t.epochSecond(1));
        assertEquals("o2", t.orderId(1));
        assertEquals(3.0, t.quantity(1));
        assertEquals(6.0, t.amount(1));
        assertEquals(1, t.entityOf(2));
        assertEquals(0, t.entityOf(0));
        assertFalse(t.hasItems());
        assertEquals(-1, t.itemCode(0));
    }

    @Test
    void anyRowOrderGivesAnIdenticalTable() {
        Object[][] rows = {
            {"c", T0, "o1", 1.0, 1.5, "x"}, {"a", T0, "o2", 2.0, 2.5, "y"}, {"c", T0, "o1", 1.0, 0.5, "y"},
            {"a", T0 - 100, "o3", 4.0, 3.0, "x"}, {"b", T0, "o4", 1.0, 1.0, null}
        };
        Transactions first = build(rows, new int[] {0, 1, 2, 3, 4});
        Transactions second = build(rows, new int[] {4, 2, 0, 3, 1});
        assertEquals(first.entityIds(), second.entityIds());
        for (int r = 0; r < first.size(); r++) {
            assertEquals(first.epochSecond(r), second.epochSecond(r));
            assertEquals(first.orderId(r), second.orderId(r));
            assertEquals(first.amount(r), second.amount(r));
            assertEquals(first.itemId(r), second.itemId(r));
        }
    }

    private static Transactions build(Object[][] rows, int[] order) {
        Transactions.Builder b = Transactions.builder();
        for (int i : order) {
            Object[] r = rows[i];
            b.add((String) r[0], (Long) r[1], (String) r[2], (Double) r[3], (Double) r[4], (String) r[5], null);
        }
        return b.build();
    }

    @Test
    void blankEntityIsRejectedWithRowColumnAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transactions.builder().add("a", T0, "o", 1, 1).add("  ", T0, "o", 1, 1));
        assertEquals("row 1, column entity: entity id is null or blank, value '  '", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Transactions.builder().add(null, T0, "o", 1, 1));
        assertEquals("row 0, column entity: entity id is null or blank, value null", e.getMessage());
    }

    @Test
    void blankOrderIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transactions.builder().add("a", T0, "", 1, 1));
        assertEquals("row 0, column order: order id is null or blank, value ''", e.getMessage());
    }

    @Test
    void nonFiniteQuantityAndAmountAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transactions.builder().add("a", T0, "o", Double.NaN, 1));
        assertEquals("row 0, column quantity: quantity is not finite, value NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Transactions.builder().at(17).add("a", T0, "o", 1, Double.POSITIVE_INFINITY));
        assertEquals("row 17, column amount: amount is not finite, value Infinity", e.getMessage());
    }

    @Test
    void nonFiniteAttributeIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transactions.builder().attributes("installments")
                        .add("a", T0, "o", 1, 1, null, null, Double.NaN));
        assertEquals("row 0, column installments: attribute is not finite, value NaN", e.getMessage());
    }

    @Test
    void wrongNumberOfAttributeValuesIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transactions.builder().attributes("installments").add("a", T0, "o", 1, 1));
        assertEquals("row 0 has 0 attribute values but 1 attributes are declared [installments]", e.getMessage());
    }

    @Test
    void impossibleTimestampIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transactions.builder().add("a", Transactions.END_EPOCH_SECOND, "o", 1, 1));
        assertEquals("row 0, column timestamp: impossible timestamp, value " + Transactions.END_EPOCH_SECOND
                + " (outside 1900-01-01..2199-12-31)", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Transactions.builder().add("a", Transactions.MIN_EPOCH_SECOND - 1, "o", 1, 1));
        Transactions.builder().add("a", Transactions.MIN_EPOCH_SECOND, "o", 1, 1).build();
    }

    @Test
    void skipPolicyCountsEveryReason() {
        Transactions t = Transactions.builder().onInvalidRow(InvalidRowPolicy.SKIP)
                .add("a", T0, "o", 1, 1)
                .add("", T0, "o", 1, 1)
                .add("a", T0, "o", Double.NaN, 1)
                .add("a", T0, "o", 1, Double.NaN)
                .add("a", Long.MAX_VALUE, "o", 1, 1)
                .add(null, T0, "o", 1, 1)
                .rejectRow(RowProblem.UNPARSEABLE, 9, "Quantity", "abc")
                .build();
        assertEquals(1, t.size());
        RejectedRows r = t.rejected();
        assertEquals(6, r.total());
        assertEquals(2, r.count(RowProblem.BLANK_ENTITY));
        assertEquals(1, r.count(RowProblem.NON_FINITE_QUANTITY));
        assertEquals(1, r.count(RowProblem.NON_FINITE_AMOUNT));
        assertEquals(1, r.count(RowProblem.IMPOSSIBLE_TIMESTAMP));
        assertEquals(1, r.count(RowProblem.UNPARSEABLE));
        assertEquals("row 9, column Quantity: cannot parse the value, value 'abc'", r.examples().get(5));
    }

    @Test
    void rejectRowThrowsUnderFail() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transactions.builder().rejectRow(RowProblem.UNPARSEABLE, 3, "Date", "31.02.x"));
        assertEquals("row 3, column Date: cannot parse the value, value '31.02.x'", e.getMessage());
    }

    @Test
    void emptyTableIsAllowedAndSaysSo() {
        Transactions t = Transactions.builder().build();
        assertTrue(t.isEmpty());
        assertEquals(0, t.entityCount());
        IllegalStateException e = assertThrows(IllegalStateException.class, t::maxEpochSecond);
        assertEquals("the table has no rows", e.getMessage());
    }

    @Test
    void timeSpanIsTheSameOnEveryCallInEitherOrder() {
        Transactions t = Transactions.builder().add("b", T0 + 50, "o3", 1, 2.0).add("a", T0 + 10, "o1", 2, 4.0)
                .add("b", T0 - 5, "o2", 3, 6.0).build();
        assertEquals(T0 + 50, t.maxEpochSecond());
        assertEquals(T0 - 5, t.minEpochSecond());
        assertEquals(T0 + 50, t.maxEpochSecond());
        Transactions u = Transactions.builder().add("a", T0 + 7, "o1", 1, 1.0).build();
        assertEquals(T0 + 7, u.minEpochSecond());
        assertEquals(T0 + 7, u.maxEpochSecond());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                Transactions.builder().build()::minEpochSecond);
        assertEquals("the table has no rows", e.getMessage());
    }

    @Test
    void builderCannotBeReused() {
        Transactions.Builder b = Transactions.builder();
        b.build();
        assertEquals("build() was already called",
                assertThrows(IllegalStateException.class, b::build).getMessage());
    }

    @Test
    void columnsMustHaveEqualLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Transactions.ofColumns(
                new String[] {"a", "b"}, new long[] {T0}, new String[] {"o", "p"}, new double[2], new double[2],
                null, null));
        assertEquals("column epochSeconds has 1 values but entityIds has 2", e.getMessage());
    }

    @Test
    void itemsCategoriesAndAttributesAreKept() {
        Transactions t = Transactions.builder().attributes("installments")
                .add("a", T0, "o1", 1, 10, "sku1", "toys", 3)
                .add("a", T0 + 1, "o1", 1, 10, null, null, 1)
                .build();
        assertTrue(t.hasItems());
        assertTrue(t.hasCategories());
        assertEquals("sku1", t.itemId(0));
        assertEquals(null, t.itemId(1));
        assertEquals("toys", t.category(0));
        assertEquals(3.0, t.attribute(t.attributeIndex("installments"), 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.attributeIndex("x"));
        assertEquals("no attribute named 'x'; attributes are [installments]", e.getMessage());
    }

    @Test
    void betweenKeepsAHalfOpenWindow() {
        Transactions t = Transactions.builder()
                .add("a", T0, "o1", 1, 1).add("a", T0 + 10, "o2", 1, 1).add("b", T0 + 20, "o3", 1, 1).build();
        Transactions w = t.between(Instant.ofEpochSecond(T0 + 1), Instant.ofEpochSecond(T0 + 20));
        assertEquals(1, w.size());
        assertEquals(List.of("a"), w.entityIds());
        assertArrayEquals(new String[] {"o2"}, new String[] {w.orderId(0)});
    }
}
