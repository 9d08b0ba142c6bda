package dev.segmentation.stability;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class StabilityProperties {

    static List<String> ids(int n) {
        List<String> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add("e" + i);
        }
        return l;
    }

    /** Stable IDs: every ID in {@code 0..k-1} used at least once (when n >= k), some rows noise. */
    static int[] segmentation(int n, int k, Random r) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i < k ? i : (r.nextInt(10) == 0 ? -1 : r.nextInt(k));
        }
        return y;
    }

    @Property(tries = 200)
    void aligningARelabelledCopyRestoresTheOriginalIds(@ForAll @IntRange(min = 1, max = 200) int n,
            @ForAll @IntRange(min = 1, max = 15) int k, @ForAll long seed) {
        Random r = new Random(seed);
        int[] prev = segmentation(n, Math.min(k, n), r);
        // the same entities in shuffled order, labels permuted by a random bijection
        int kk = Math.min(k, n);
        List<Integer> perm = new ArrayList<>();
        for (int i = 0; i < kk; i++) {
            perm.add(i);
        }
        Collections.shuffle(perm, r);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, r);
        List<String> prevIds = ids(n);
        List<String> newIds = new ArrayList<>();
        int[] relabelled = new int[n];
        int[] expected = new int[n];
        for (int q = 0; q < n; q++) {
            int i = order.get(q);
            newIds.add(prevIds.get(i));
            relabelled[q] = prev[i] < 0 ? -1 : perm.get(prev[i]);
            expected[q] = prev[i];
        }
        Alignment al = SegmentAlignment.defaults().byEntities(prevIds, prev, newIds, relabelled);
        assertArrayEquals(expected, al.relabel(relabelled));
        assertEquals(0, al.appeared().length);
        assertEquals(0, al.vanished().length);
    }

    @Property(tries = 200)
    void migrationOfASegmentationWithItselfIsDiagonal(@ForAll @IntRange(min = 1, max = 200) int n,
            @ForAll @IntRange(min = 1, max = 10) int k, @ForAll long seed) {
        int[] y = segmentation(n, Math.min(k, n), new Random(seed));
        MigrationReport m = Migration.between(ids(n), y, ids(n), y);
        int[] segs = m.segments();
        long[] c = m.counts();
        for (int a = 0; a < segs.length; a++) {
            for (int b = 0; b < segs.length; b++) {
                if (a != b) {
                    assertEquals(0, c[a * segs.length + b]);
                } else {
                    assertEquals(1.0, m.share(segs[a], segs[a]));
                }
            }
        }
        assertEquals(n, m.stayed());
        assertEquals(0, m.enteredIds().size() + m.leftIds().size());
    }
}
