package dev.segmentation.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecomposedMigrationTest {
    @Test
    void splitsAHandCountedExample() {
        List<String> ids = List.of("a", "b", "c", "d", "e", "f");
        int[] prev = {0, 0, 0, 1, 1, 1};
        int[] resc = {0, 1, 1, 1, 0, 1}; // b, c, e changed behaviour
        int[] refit = {0, 1, 0, 0, 0, 1}; // c moved back by the refit, d moved by the refit
        DecomposedMigration d = DecomposedMigration.of(ids, prev, List.of("f", "e", "d", "c", "b", "a"),
                new int[] {1, 0, 1, 1, 1, 0}, ids, refit);
        assertEquals(6, d.shared());
        assertEquals(3, d.moved()); // b (0->1), d (1->0), e (1->0)
        assertEquals(List.of("b", "c", "e"), d.behaviourChanged());
        assertEquals(List.of("c", "d"), d.modelChanged());
        assertEquals(2, d.behaviourOnly()); // b, e
        assertEquals(1, d.modelOnly()); // d
        assertEquals(0, d.both());
        assertEquals(1, d.returned()); // c
        assertEquals(0.5, d.behaviourRate(), 1e-12);
        assertEquals(List.of("Segment 0 (Loyal): 1 of 3 customers moved (33.3%): 1 changed behaviour, 0 were moved by "
                + "the refit's new boundaries, 0 both; 1 changed behaviour and were moved back.",
                "Segment 1: 2 of 3 customers moved (66.7%): 1 changed behaviour, 1 were moved by the refit's new "
                        + "boundaries, 0 both."), d.sentences(Map.of(0, "Loyal"), "customers"));
        assertEquals(2, d.behaviour().count(0, 1)); // b and c
        assertEquals(2, d.model().count(1, 0)); // c and d
        assertEquals(1, d.total().count(0, 1)); // b
    }

    @Test
    void entitiesMissingFromTheRescoringAreCountedApart() {
        DecomposedMigration d = DecomposedMigration.of(List.of("a", "b"), new int[] {0, 1}, List.of("a"),
                new int[] {0}, List.of("a", "b", "c"), new int[] {0, 0, 1});
        assertEquals(1, d.shared());
        assertEquals(1, d.notInAll());
        assertEquals(0, d.moved());
    }

    @Test
    void badInputIsNamed() {
        assertEquals("previous ids has 1 entries but previous segments has 2", assertThrows(
                IllegalArgumentException.class, () -> DecomposedMigration.of(List.of("a"), new int[] {0, 1},
                        List.of(), new int[0], List.of(), new int[0])).getMessage());
        assertEquals("rescored entity id 'a' appears twice (row 1)", assertThrows(IllegalArgumentException.class,
                () -> DecomposedMigration.of(List.of(), new int[0], List.of("a", "a"), new int[] {0, 0}, List.of(),
                        new int[0])).getMessage());
        assertEquals("new segment of row 0 is -2; segments must be -1 (noise) or >= 0", assertThrows(
                IllegalArgumentException.class, () -> DecomposedMigration.of(List.of(), new int[0], List.of(),
                        new int[0], List.of("a"), new int[] {-2})).getMessage());
    }
}
