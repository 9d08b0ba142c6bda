package dev.segmentation.cluster.hdbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The grouped k-nearest-neighbour search against brute force (neighbours ranked by squared distance, then tree
 * position) on data with many ties, for the tree's own points grouped by leaf (core distances) and for new points
 * in arbitrary groups, near and far; and the core distances against brute force for thread counts 1 and 3.
 */
class KnnBatchTest {
    static double[] tiedData(SplittableRandom r, int n, int d, int range) {
        double[] v = new double[n * d];
        for (int i = 0; i < n; i++) {
            if (i > 0 && r.nextInt(5) == 0) {
                System.arraycopy(v, r.nextInt(i) * d, v, i * d, d);
                continue;
            }
            for (int k = 0; k < d; k++) {
                v[i * d + k] = r.nextInt(range);
            }
        }
        return v;
    }

    static KdTree tree(double[] data, int n, int d) {
        int[] id = new int[n];
        for (int i = 0; i < n; i++) {
            id[i] = i;
        }
        return new KdTree(data, n, d, id);
    }

    /** The k smallest (distance, position) pairs for query q, ascending: distances and positions. */
    static void brute(KdTree t, double[] qa, int qo, int k, double[] outD, int[] outP) {
        int n = t.n;
        double[] ds = new double[n];
        Integer[] pos = new Integer[n];
        for (int s = 0; s < n; s++) {
            ds[s] = t.distSq(qa, qo, s);
            pos[s] = s;
        }
        java.util.Arrays.sort(pos, (a, b) -> ds[a] != ds[b] ? Double.compare(ds[a], ds[b]) : Integer.compare(a, b));
        for (int i = 0; i < k; i++) {
            outD[i] = ds[pos[i]];
            outP[i] = pos[i];
        }
    }

    @Test
    void groupedSearchEqualsBruteForceWithTies() {
        SplittableRandom r = new SplittableRandom(11);
        for (int trial = 0; trial < 30; trial++) {
            int d = 1 + r.nextInt(4);
            int n = 1 + r.nextInt(400);
            double[] data = tiedData(r, n, d, 2 + r.nextInt(6));
            KdTree t = tree(data, n, d);
            int k = Math.min(n, 1 + r.nextInt(40));
            KnnBatch knn = new KnnBatch(t, k);
            double[] gotD = new double[k];
            int[] gotP = new int[k];
            double[] expD = new double[k];
            int[] expP = new int[k];
            int[] qo = new int[KnnBatch.MAX_GROUP];
            // the tree's own points, one leaf at a time
            for (int leaf : t.leaves) {
                int m = t.nodeEnd[leaf] - t.nodeStart[leaf];
                for (int i = 0; i < m; i++) {
                    qo[i] = (t.nodeStart[leaf] + i) * d;
                }
                knn.search(t.pts, qo, m);
                for (int i = 0; i < m; i++) {
                    assertEquals(k, knn.drainSorted(i, gotD, gotP));
                    brute(t, t.pts, qo[i], k, expD, expP);
                    assertArrayEquals(expD, gotD, "trial " + trial);
                    assertArrayEquals(expP, gotP, "trial " + trial);
                }
            }
            // new points, near and far, in arbitrary groups
            int m = 1 + r.nextInt(KnnBatch.MAX_GROUP);
            double[] queries = new double[m * d];
            for (int i = 0; i < m * d; i++) {
                queries[i] = r.nextInt(3) == 0 ? -20 + 40 * r.nextDouble() : r.nextInt(8) - 1;
            }
            for (int i = 0; i < m; i++) {
                qo[i] = i * d;
            }
            knn.search(queries, qo, m);
            for (int i = 0; i < m; i++) {
                assertEquals(k, knn.drainSorted(i, gotD, gotP));
                brute(t, queries, qo[i], k, expD, expP);
                assertArrayEquals(expD, gotD, "trial " + trial + " query " + i);
                assertArrayEquals(expP, gotP, "trial " + trial + " query " + i);
            }
        }
    }

    @Test
    void coreDistancesEqualBruteForceForAnyThreadCount() {
        SplittableRandom r = new SplittableRandom(5);
        int n = 3000;
        int d = 3;
        double[] data = tiedData(r, n, d, 9);
        KdTree t = tree(data, n, d);
        int k = 17;
        double[] prev1 = new double[n];
        double[] core1 = Mst.coreDistances(t, k, 1, prev1);
        double[] prev3 = new double[n];
        double[] core3 = Mst.coreDistances(t, k, 3, prev3);
        assertArrayEquals(core1, core3);
        assertArrayEquals(prev1, prev3);
        double[] expD = new double[k];
        int[] expP = new int[k];
        for (int s = 0; s < n; s += 7) {
            brute(t, t.pts, s * d, k, expD, expP);
            assertEquals(Math.sqrt(expD[k - 1]), core1[s], "point " + s);
            assertEquals(Math.sqrt(expD[k - 2]), prev1[s], "point " + s);
        }
    }

    /**
     * Issue 20: core distances search one point at a time. With k = 51, more than two leaves of the tree, on
     * 5-dimensional blobs with some rows repeated, every core distance and previous distance equals a brute-force
     * scan's, bit for bit, for 1, 2 and 3 threads.
     */
    @Test
    void coreDistancesWithKSpanningSeveralLeavesEqualBruteForceForAnyThreadCount() {
        SplittableRandom r = new SplittableRandom(20);
        int n = 4000;
        int d = 5;
        double[] data = new double[n * d];
        for (int i = 0; i < n; i++) {
            if (i % 10 == 9) {
                System.arraycopy(data, (i - 5) * d, data, i * d, d); // exact duplicates: ties at every distance
                continue;
            }
            int c = i % 4;
            for (int j = 0; j < d; j++) {
                data[i * d + j] = 6.0 * ((c >> (j % 2)) & 1) + r.nextGaussian();
            }
        }
        KdTree t = tree(data, n, d);
        int k = 51;
        double[] prev1 = new double[n];
        double[] core1 = Mst.coreDistances(t, k, 1, prev1);
        for (int threads = 2; threads <= 3; threads++) {
            double[] prev = new double[n];
            double[] core = Mst.coreDistances(t, k, threads, prev);
            assertArrayEquals(core1, core, "threads " + threads);
            assertArrayEquals(prev1, prev, "threads " + threads);
        }
        double[] expD = new double[k];
        int[] expP = new int[k];
        for (int s = 0; s < n; s++) {
            brute(t, t.pts, s * d, k, expD, expP);
            assertEquals(Math.sqrt(expD[k - 1]), core1[s], "point " + s);
            assertEquals(Math.sqrt(expD[k - 2]), prev1[s], "point " + s);
        }
    }
    /**
     * Session 6 (issue 20): the one-query search seeded with an upper bound of the k-th squared distance returns the
     * same k neighbours, in the same order and bits, as brute force, for every bound it may be given: none
     * (infinity), the exact k-th squared distance itself (the tightest bound: neighbours tied with it at larger
     * positions must still be found) and the largest squared distance to k random distinct positions; on integer
     * data full of ties and duplicated rows, for 1 to 6 columns (5 takes the written-out kernel), for the tree's own
     * points and for new points.
     */
    @Test
    void seededOneQuerySearchEqualsBruteForceWithTiesAndDuplicates() {
        SplittableRandom r = new SplittableRandom(606);
        for (int trial = 0; trial < 36; trial++) {
            int d = 1 + trial % 6;
            int n = 1 + r.nextInt(trial < 6 ? 30 : 600);
            double[] data = tiedData(r, n, d, 2 + r.nextInt(5));
            KdTree t = tree(data, n, d);
            int k = Math.min(n, 1 + r.nextInt(60));
            KnnBatch knn = new KnnBatch(t, k);
            double[] gotD = new double[k];
            int[] gotP = new int[k];
            double[] expD = new double[k];
            int[] expP = new int[k];
            int queries = n + 20;
            double[] extra = new double[20 * d];
            for (int i = 0; i < extra.length; i++) {
                extra[i] = r.nextInt(3) == 0 ? -10 + 20 * r.nextDouble() : r.nextInt(8) - 1;
            }
            for (int q = 0; q < queries; q++) {
                double[] qa = q < n ? t.pts : extra;
                int qo = q < n ? q * d : (q - n) * d;
                brute(t, qa, qo, k, expD, expP);
                double randomBound = 0.0;
                int[] perm = new int[n];
                for (int i = 0; i < n; i++) {
                    perm[i] = i;
                }
                for (int i = 0; i < k; i++) {
                    int j = i + r.nextInt(n - i);
                    int x = perm[i];
                    perm[i] = perm[j];
                    perm[j] = x;
                    randomBound = Math.max(randomBound, t.distSq(qa, qo, perm[i]));
                }
                double[] bounds = {Double.POSITIVE_INFINITY, expD[k - 1], randomBound};
                for (double bound : bounds) {
                    knn.searchOne(qa, qo, bound);
                    assertEquals(k, knn.drainSorted(0, gotD, gotP));
                    String where = "trial " + trial + " d " + d + " query " + q + " bound " + bound;
                    assertArrayEquals(expD, gotD, where);
                    assertArrayEquals(expP, gotP, where);
                }
            }
        }
    }
}
