package dev.segmentation.stability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link SegmentAlignment#byOverlap} (counts only) gives what {@link SegmentAlignment#byEntities} gives. */
class SegmentAlignmentByOverlapTest {

    @Test
    void countsAloneGiveTheAlignmentOfTheIdLists() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(60);
            int kp = 1 + rnd.nextInt(5);
            int kn = 1 + rnd.nextInt(5);
            List<String> prevIds = new ArrayList<>();
            List<String> newIds = new ArrayList<>();
            int[] prev = new int[n];
            int[] next = new int[n + 3];
            int m = 0;
            for (int i = 0; i < n; i++) {
                prevIds.add("e" + i);
                prev[i] = rnd.nextInt(kp + 1) - 1;
                if (i == 0 || rnd.nextInt(4) > 0) {
                    newIds.add("e" + i);
                    next[m++] = rnd.nextInt(kn + 1) - 1;
                }
            }
            for (int i = 0; i < 3; i++) {
                newIds.add("new" + i);
                next[m++] = rnd.nextInt(kn + 1) - 1;
            }
            int[] nextLabels = java.util.Arrays.copyOf(next, m);
            SegmentAlignment al = trial % 2 == 0 ? SegmentAlignment.defaults()
                    : SegmentAlignment.defaults().minJaccard(0.3);
            Alignment expected = al.byEntities(prevIds, prev, newIds, nextLabels);

            int[] ps = dev.segmentation.quality.internal.Checks.nonNoiseDistinct(prev);
            int[] ns = dev.segmentation.quality.internal.Checks.nonNoiseDistinct(nextLabels);
            long[] overlap = new long[ns.length * ps.length];
            long[] prevShared = new long[ps.length];
            long[] newShared = new long[ns.length];
            long shared = 0;
            for (int j = 0; j < m; j++) {
                int r = prevIds.indexOf(newIds.get(j));
                if (r < 0) {
                    continue;
                }
                shared++;
                int a = java.util.Arrays.binarySearch(ns, nextLabels[j]);
                int b = java.util.Arrays.binarySearch(ps, prev[r]);
                if (nextLabels[j] >= 0) {
                    newShared[a]++;
                }
                if (prev[r] >= 0) {
                    prevShared[b]++;
                }
                if (nextLabels[j] >= 0 && prev[r] >= 0) {
                    overlap[a * ps.length + b]++;
                }
            }
            Alignment got = al.byOverlap(ps, ns, overlap, prevShared, newShared, shared);
            assertArrayEquals(expected.newLabels(), got.newLabels(), "trial " + trial);
            assertArrayEquals(expected.stableIds(), got.stableIds(), "trial " + trial);
            assertArrayEquals(expected.appeared(), got.appeared(), "trial " + trial);
            assertArrayEquals(expected.vanished(), got.vanished(), "trial " + trial);
            assertEquals(expected.matches(), got.matches(), "trial " + trial);
            assertEquals(expected.nextId(), got.nextId(), "trial " + trial);
        }
    }

    @Test
    void badCountsAreRefusedWithTheirValue() {
        SegmentAlignment al = SegmentAlignment.defaults();
        assertEquals("previousSegments must be ascending and distinct but holds 1 after 2",
                assertThrows(IllegalArgumentException.class, () -> al.byOverlap(new int[] {2, 1}, new int[] {0},
                        new long[2], new long[2], new long[1], 1)).getMessage());
        assertEquals("newSegments must not contain noise or negative IDs but holds -1 at index 0",
                assertThrows(IllegalArgumentException.class, () -> al.byOverlap(new int[] {0}, new int[] {-1},
                        new long[1], new long[1], new long[1], 1)).getMessage());
        assertEquals("overlap must have 1 x 1 = 1 counts, previousShared 1 and newShared 1, but they have 2, 1 and 1",
                assertThrows(IllegalArgumentException.class, () -> al.byOverlap(new int[] {0}, new int[] {0},
                        new long[2], new long[1], new long[1], 1)).getMessage());
        assertEquals("overlap of new label 0 and previous ID 0 is 3, more than their shared counts 2 and 3",
                assertThrows(IllegalArgumentException.class, () -> al.byOverlap(new int[] {0}, new int[] {0},
                        new long[] {3}, new long[] {3}, new long[] {2}, 3)).getMessage());
        assertEquals("newShared[0] is negative: -1",
                assertThrows(IllegalArgumentException.class, () -> al.byOverlap(new int[] {0}, new int[] {0},
                        new long[] {0}, new long[] {0}, new long[] {-1}, 1)).getMessage());
        assertEquals("the labellings share no entity; align by centres instead",
                assertThrows(IllegalArgumentException.class, () -> al.byOverlap(new int[] {0}, new int[] {0},
                        new long[] {0}, new long[] {0}, new long[] {0}, 0)).getMessage());
    }
}
