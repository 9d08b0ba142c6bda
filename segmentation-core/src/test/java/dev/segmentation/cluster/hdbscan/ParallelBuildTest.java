package dev.segmentation.cluster.hdbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.internal.Cancel;
import dev.segmentation.internal.IntSorts;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Session 6 (issue 20): the canonical row sort and the KD-tree build run on two threads from 2^16 rows on; both
 * must give exactly what the one-thread build gives, on data full of ties and duplicated rows (100,003 rows, odd,
 * so the halves differ in size).
 */
class ParallelBuildTest {
    private static final int N = 100_003;

    @Test
    void canonicalSortOnTwoOrThreeThreadsEqualsTheSequentialStableSort() {
        int d = 3;
        double[] data = KnnBatchTest.tiedData(new SplittableRandom(61), N, d, 7);
        IntSorts.IndexComparator cmp = (a, b) -> {
            for (int k = 0; k < d; k++) {
                int c = Double.compare(data[a * d + k], data[b * d + k]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        int[] expected = identity(N);
        IntSorts.stableSort(expected, new int[N], 0, N, cmp);
        for (int threads = 1; threads <= 3; threads++) {
            assertArrayEquals(expected, HdbscanEngine.stableSort(identity(N), cmp, threads, Cancel.NEVER),
                    "threads " + threads);
        }
    }

    @Test
    void kdTreeOnTwoOrThreeThreadsIsTheSameTreeNodeForNode() {
        int d = 4;
        double[] data = KnnBatchTest.tiedData(new SplittableRandom(62), N, d, 9);
        KdTree one = new KdTree(data, N, d, identity(N), Cancel.NEVER, 1);
        assertEquals(KdTree.subtreeNodes(N), one.nodeCount);
        for (int threads = 2; threads <= 3; threads++) {
            KdTree t = new KdTree(data, N, d, identity(N), Cancel.NEVER, threads);
            String where = "threads " + threads;
            assertEquals(one.nodeCount, t.nodeCount, where);
            assertArrayEquals(one.index, t.index, where);
            assertArrayEquals(one.nodeStart, t.nodeStart, where);
            assertArrayEquals(one.nodeEnd, t.nodeEnd, where);
            assertArrayEquals(one.left, t.left, where);
            assertArrayEquals(one.right, t.right, where);
            assertArrayEquals(one.boxMin, t.boxMin, where);
            assertArrayEquals(one.boxMax, t.boxMax, where);
            assertArrayEquals(one.leaves, t.leaves, where);
            assertArrayEquals(one.pts, t.pts, where);
        }
    }

    private static int[] identity(int n) {
        int[] id = new int[n];
        for (int i = 0; i < n; i++) {
            id[i] = i;
        }
        return id;
    }
}
