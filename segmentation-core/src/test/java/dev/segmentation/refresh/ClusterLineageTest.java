package dev.segmentation.refresh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterLineageTest {
    @Test
    void readsBirthDeathSplitAndMergeFromTheContingencyTable() {
        // previous: 0 (10 entities) splits into 0 and 5; 1 and 2 (5 each) merge into 1; 3 (4) dissolves into noise;
        // 4 (6) continues as 4; new 6 grows from previous noise
        List<String> ids = new ArrayList<>();
        List<Integer> prev = new ArrayList<>();
        List<Integer> next = new ArrayList<>();
        add(ids, prev, next, 5, 0, 0);
        add(ids, prev, next, 5, 0, 5);
        add(ids, prev, next, 5, 1, 1);
        add(ids, prev, next, 5, 2, 1);
        add(ids, prev, next, 4, 3, -1);
        add(ids, prev, next, 6, 4, 4);
        add(ids, prev, next, 6, -1, 6);
        ClusterLineage.Events e = ClusterLineage.defaults().between(ids, toArray(prev), ids, toArray(next));
        assertEquals(List.of(6), e.born());
        assertEquals(List.of(3), e.died());
        assertEquals(Map.of(0, List.of(0, 5)), e.splits());
        assertEquals(Map.of(1, List.of(1, 2)), e.merges());
        assertEquals(Map.of(4, 4), e.continued());
        assertEquals(List.of("born: 6", "died: 3", "split: 0 -> [0, 5]", "merged: [1, 2] -> 1"), e.lines());
        // above one half nothing can split or merge
        ClusterLineage.Events strict = ClusterLineage.defaults().threshold(0.6).between(ids, toArray(prev), ids,
                toArray(next));
        assertEquals(Map.of(), strict.splits());
        assertEquals(Map.of(), strict.merges());
    }

    @Test
    void badSettingsAndInputAreNamed() {
        assertEquals("threshold must be in (0, 1] but was 0.0", assertThrows(IllegalArgumentException.class,
                () -> ClusterLineage.defaults().threshold(0)).getMessage());
        assertEquals("previous entity id 'a' appears twice", assertThrows(IllegalArgumentException.class,
                () -> ClusterLineage.defaults().between(List.of("a", "a"), new int[] {0, 0}, List.of(),
                        new int[0])).getMessage());
        assertEquals("new segment of row 0 is -3; segments must be -1 (noise) or >= 0", assertThrows(
                IllegalArgumentException.class, () -> ClusterLineage.defaults().between(List.of(), new int[0],
                        List.of("a"), new int[] {-3})).getMessage());
    }

    private static void add(List<String> ids, List<Integer> prev, List<Integer> next, int n, int p, int q) {
        for (int i = 0; i < n; i++) {
            ids.add("e" + ids.size());
            prev.add(p);
            next.add(q);
        }
    }

    private static int[] toArray(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }
}
