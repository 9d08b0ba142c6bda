package dev.segmentation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntityRowsTest {
    @Test
    void mapsEachIdToItsRow() {
        Map<String, Integer> m = EntityRows.of(List.of("b", "a", "c"), new int[] {0, -1, 3}, "previous",
                "previous labels", "label");
        assertEquals(Map.of("b", 0, "a", 1, "c", 2), m);
    }

    @Test
    void everyErrorNamesTheListTheRowAndTheValue() {
        assertEquals("previousIds", assertThrows(NullPointerException.class,
                () -> EntityRows.of(null, new int[0], "previous", "previous labels", "label")).getMessage());
        assertEquals("rescoredSegments", assertThrows(NullPointerException.class,
                () -> EntityRows.of(List.of(), null, "rescored", "rescoredSegments", "segment")).getMessage());
        assertEquals("new ids has 1 entries but new segments has 2", assertThrows(IllegalArgumentException.class,
                () -> EntityRows.of(List.of("a"), new int[] {0, 1}, "new", "newSegments", "segment")).getMessage());
        assertEquals("new id 1", assertThrows(NullPointerException.class,
                () -> EntityRows.of(Arrays.asList("a", null), new int[] {0, 1}, "new", "new labels", "label"))
                .getMessage());
        assertEquals("previous entity id 'a' appears twice (row 2)", assertThrows(IllegalArgumentException.class,
                () -> EntityRows.of(List.of("a", "b", "a"), new int[] {0, 1, 2}, "previous", "previous labels",
                        "label")).getMessage());
        assertEquals("rescored segment of row 1 is -2; segments must be -1 (noise) or >= 0",
                assertThrows(IllegalArgumentException.class, () -> EntityRows.of(List.of("a", "b"),
                        new int[] {0, -2}, "rescored", "rescoredSegments", "segment")).getMessage());
    }
}
