package dev.segmentation.stability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentAlignmentTest {
    static final List<String> IDS = List.of("a", "b", "c", "d", "e", "f", "g", "h");

    @Test
    void keepsIdsOfMatchedSegmentsAndIssuesNewOnes() {
        // previous: segments 4 {a,b,c}, 7 {d,e,f}, 9 {g,h}; new: 0 ~ 7, 1 ~ 4, 2 = {g} only, noise h
        int[] prev = {4, 4, 4, 7, 7, 7, 9, 9};
        List<String> newIds = List.of("d", "e", "f", "a", "b", "c", "g", "h", "z");
        int[] next = {0, 0, 0, 1, 1, 1, 2, -1, 2};
        Alignment al = SegmentAlignment.defaults().byEntities(IDS, prev, newIds, next);
        assertEquals(Alignment.Basis.ENTITIES, al.basis());
        assertEquals(7, al.stableId(0));
        assertEquals(4, al.stableId(1));
        assertEquals(9, al.stableId(2));
        assertEquals(-1, al.stableId(-1));
        assertArrayEquals(new int[] {7, 7, 7, 4, 4, 4, 9, -1, 9}, al.relabel(next));
        assertArrayEquals(new int[0], al.appeared());
        assertArrayEquals(new int[0], al.vanished());
        assertEquals(3, al.matches().size());
        assertEquals(0.5, al.matches().get(2).jaccard(), 1e-12); // {g} vs {g,h} on shared entities
        // with a Jaccard threshold the weak match is refused: 9 vanishes, new segment 2 gets ID 10
        Alignment strict = SegmentAlignment.defaults().minJaccard(0.6).byEntities(IDS, prev, newIds, next);
        assertEquals(10, strict.stableId(2));
        assertArrayEquals(new int[] {10}, strict.appeared());
        assertArrayEquals(new int[] {9}, strict.vanished());
        assertEquals(11, strict.nextId());
        assertEquals(20, SegmentAlignment.defaults().minJaccard(0.6).nextId(20)
                .byEntities(IDS, prev, newIds, next).stableId(2));
    }

    @Test
    void aSplitSegmentKeepsItsIdForTheLargerPart() {
        int[] prev = {0, 0, 0, 0, 0, 0, 1, 1};
        int[] next = {0, 0, 0, 0, 1, 1, 2, 2};
        Alignment al = SegmentAlignment.defaults().byEntities(IDS, prev, IDS, next);
        assertArrayEquals(new int[] {0, 2, 1}, al.stableIds());
        assertArrayEquals(new int[] {2}, al.appeared());
    }

    @Test
    void byCentresWhenNoEntityIsShared() {
        double[][] prevC = {{0, 0}, {10, 0}, {0, 10}};
        double[][] newC = {{10.5, 0}, {0, 0.2}, {50, 50}};
        Alignment al = SegmentAlignment.defaults().byCentres(new int[] {3, 5, 8}, prevC, new int[] {0, 1, 2}, newC);
        assertEquals(Alignment.Basis.CENTRES, al.basis());
        assertEquals(5, al.stableId(0));
        assertEquals(3, al.stableId(1));
        assertEquals(8, al.stableId(2)); // the only one left, however far
        Alignment near = SegmentAlignment.defaults().maxDistance(5)
                .byCentres(new int[] {3, 5, 8}, prevC, new int[] {0, 1, 2}, newC);
        assertEquals(9, near.stableId(2));
        assertArrayEquals(new int[] {8}, near.vanished());
        assertEquals(0.5, near.matches().get(0).centreDistance(), 1e-12);
    }

    @Test
    void rejectsBadInput() {
        SegmentAlignment s = SegmentAlignment.defaults();
        assertEquals("the labellings share no entity (1 previous, 1 new); align by centres instead",
                assertThrows(IllegalArgumentException.class,
                        () -> s.byEntities(List.of("a"), new int[] {0}, List.of("b"), new int[] {0})).getMessage());
        assertEquals("previous entity id 'a' appears twice (row 1)", assertThrows(IllegalArgumentException.class,
                () -> s.byEntities(List.of("a", "a"), new int[] {0, 1}, List.of("a"), new int[] {0})).getMessage());
        assertEquals("new ids has 1 entries but new labels has 2", assertThrows(IllegalArgumentException.class,
                () -> s.byEntities(List.of("a"), new int[] {0}, List.of("a"), new int[] {0, 1})).getMessage());
        assertEquals("nextId 1 must be above every previous ID (largest 3)",
                assertThrows(IllegalArgumentException.class, () -> s.nextId(1)
                        .byEntities(List.of("a"), new int[] {3}, List.of("a"), new int[] {0})).getMessage());
        assertEquals("minJaccard must be in [0, 1] but was 2.0",
                assertThrows(IllegalArgumentException.class, () -> s.minJaccard(2)).getMessage());
        assertEquals("maxDistance must be >= 0 but was -1.0",
                assertThrows(IllegalArgumentException.class, () -> s.maxDistance(-1)).getMessage());
        assertEquals("nextId must be >= 0 but was -2",
                assertThrows(IllegalArgumentException.class, () -> s.nextId(-2)).getMessage());
        assertEquals("previous segment ID 2 appears twice", assertThrows(IllegalArgumentException.class,
                () -> s.byCentres(new int[] {2, 2}, new double[2][1], new int[] {0}, new double[1][1])).getMessage());
        assertEquals("new centre 0 has a non-finite value NaN at dimension 0",
                assertThrows(IllegalArgumentException.class, () -> s.byCentres(new int[] {0}, new double[1][1],
                        new int[] {0}, new double[][] {{Double.NaN}})).getMessage());
        assertEquals("previous centres have 1 dimensions but new centres have 2",
                assertThrows(IllegalArgumentException.class, () -> s.byCentres(new int[] {0}, new double[1][1],
                        new int[] {0}, new double[1][2])).getMessage());
        Alignment al = s.byEntities(List.of("a"), new int[] {0}, List.of("a"), new int[] {0});
        assertEquals("label 5 of row 0 is not a segment of the new labelling",
                assertThrows(IllegalArgumentException.class, () -> al.relabel(new int[] {5})).getMessage());
    }
}
