package dev.segmentation.stability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationTest {

    @Test
    void countsSharesEnteredLeftAndValueMoves() {
        List<String> prevIds = List.of("a", "b", "c", "d", "e", "f");
        int[] prev = {0, 0, 0, 1, 1, -1};
        List<String> newIds = List.of("b", "c", "d", "e", "f", "g", "h");
        int[] next = {0, 1, 1, 2, 0, 2, -1};
        MigrationReport m = Migration.between(prevIds, prev, newIds, next);
        assertArrayEquals(new int[] {-1, 0, 1, 2}, m.segments());
        assertEquals(1, m.count(0, 0));
        assertEquals(1, m.count(0, 1));
        assertEquals(1, m.count(1, 1));
        assertEquals(1, m.count(1, 2));
        assertEquals(1, m.count(-1, 0));
        assertEquals(0.5, m.share(0, 1));
        assertEquals(0.0, m.share(2, 2));
        assertEquals(5, m.shared());
        assertEquals(2, m.stayed());
        assertEquals(List.of("g", "h"), m.enteredIds());
        assertEquals(List.of("a"), m.leftIds());
        assertArrayEquals(new long[] {1, 0, 0, 1}, m.enteredBySegment());
        assertArrayEquals(new long[] {0, 1, 0, 0}, m.leftBySegment());
        Migration.ValueMoves v = Migration.valueMoves(m, Map.of(0, 10.0, 1, 20.0, 2, 5.0));
        assertEquals(1, v.upgrades());   // c: 0 -> 1
        assertEquals(1, v.downgrades()); // e: 1 -> 2
        assertEquals(2, v.unchanged());  // b, d
        assertEquals(1, v.unranked());   // f from noise
        assertTrue(m.table().contains("entered"));
        double[] shares = m.shares();
        assertEquals(16, shares.length);
        assertEquals(1.0, shares[0 * 4 + 1]);
    }

    @Test
    void rejectsBadInput() {
        assertEquals("previous label of row 0 is -4; labels must be -1 (noise) or >= 0",
                assertThrows(IllegalArgumentException.class, () -> Migration.between(List.of("a"), new int[] {-4},
                        List.of("a"), new int[] {0})).getMessage());
        assertEquals("new entity id 'x' appears twice (row 1)", assertThrows(IllegalArgumentException.class,
                () -> Migration.between(List.of("a"), new int[] {0}, List.of("x", "x"), new int[] {0, 0}))
                .getMessage());
        MigrationReport m = Migration.between(List.of("a"), new int[] {0}, List.of("a"), new int[] {0});
        assertEquals("value of segment 0 is not finite: NaN", assertThrows(IllegalArgumentException.class,
                () -> Migration.valueMoves(m, Map.of(0, Double.NaN))).getMessage());
        assertEquals("segment 3 is not in [0]",
                assertThrows(IllegalArgumentException.class, () -> m.count(3, 0)).getMessage());
    }
}
