package dev.segmentation.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.Events;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Ids;
import dev.segmentation.data.InvalidRowPolicy;
import dev.segmentation.data.RowProblem;
import dev.segmentation.data.Transactions;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, weak spot "blank ids": ids made only of a no-break space (U+00A0) or a zero-width space (U+200B) were
 * accepted as entities while U+3000 was rejected. Every id made only of whitespace, Unicode space separators and
 * format characters is blank now; the message names the row and quotes the text with its code points.
 */
class BlankIdsTest {
    private static final long T = 1_300_000_000L;

    private static String rejected(String entity, String order) {
        return assertThrows(IllegalArgumentException.class,
                () -> Transactions.builder().add("ok", T, "o1", 1, 2).add(entity, T, order, 1, 2)).getMessage();
    }

    @Test
    void invisibleEntityIdsAreRejectedNamingRowAndText() {
        assertEquals("row 1, column entity: entity id is null or blank, value '\u00A0' (U+00A0)",
                rejected("\u00A0", "o2"));
        assertEquals("row 1, column entity: entity id is null or blank, value '\u200B' (U+200B)",
                rejected("\u200B", "o2"));
        assertEquals("row 1, column entity: entity id is null or blank, value '\u3000' (U+3000)",
                rejected("\u3000", "o2"));
        assertEquals("row 1, column entity: entity id is null or blank, value '\u00A0\u200B \uFEFF\u2007' "
                + "(U+00A0 U+200B U+0020 U+FEFF U+2007)", rejected("\u00A0\u200B \uFEFF\u2007", "o2"));
        assertEquals("row 1, column entity: entity id is null or blank, value '  '", rejected("  ", "o2"));
    }

    @Test
    void invisibleOrderIdsAreRejectedToo() {
        assertEquals("row 1, column order: order id is null or blank, value '\u2060' (U+2060)",
                rejected("c1", "\u2060"));
    }

    @Test
    void underSkipTheyAreCountedAsBlankEntities() {
        Transactions t = Transactions.builder().onInvalidRow(InvalidRowPolicy.SKIP)
                .add("a", T, "o1", 1, 2).add("\u00A0", T, "o2", 1, 2).add("\u200B\u200B", T, "o3", 1, 2).build();
        assertEquals(1, t.entityCount());
        assertEquals(2, t.rejected().count(RowProblem.BLANK_ENTITY));
    }

    @Test
    void idsWithAVisibleCharacterAreKeptAsWritten() {
        Transactions t = Transactions.builder().add("A\u00A0B", T, "o1", 1, 2).add("\u200BC", T, "o2", 1, 2)
                .build();
        assertEquals(List.of("A\u00A0B", "\u200BC"), t.entityIds());
        assertFalse(Ids.isBlank("x"));
        assertTrue(Ids.isBlank(""));
        assertTrue(Ids.isBlank(null));
    }

    @Test
    void featureTablesAndEventsApplyTheSameRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureTable.of(List.of("a", "\u00A0"), List.of("x"), new double[] {1, 2}));
        assertEquals("entity id 1 is blank: '\u00A0' (U+00A0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Events.builder().add("a", T, "visit").add("\u200B", T, "visit"));
        assertEquals("event 1, column entity: entity id is null or blank, value '\u200B' (U+200B)", e.getMessage());
    }
}
