package dev.segmentation.cluster.hdbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Issue 20: the exact k-nearest-neighbour searches behind the core distances against brute force, bit for bit, on
 * small integer grids (many tied distances) with duplicated rows, for 1 to 6 columns (5 takes the written-out
 * kernel) and k up to more than two leaves: the core distances and previous-neighbour distances of
 * {@link Mst#coreDistances} for 1 and 2 threads, and {@link KnnBatch#searchOne}'s neighbours (squared distance,
 * then tree position) with no bound and with the exact k-th squared distance as its bound (the tightest one allowed:
 * tied neighbours at larger positions must still be found). A guard for anyone changing the search for speed.
 */
class KnnBruteForceProperties {
    @Property(tries = 60)
    void coreDistancesAndSeededSearchEqualBruteForce(@ForAll @IntRange(min = 1, max = 260) int n,
            @ForAll @IntRange(min = 1, max = 6) int d, @ForAll @IntRange(min = 1, max = 60) int kWanted,
            @ForAll @IntRange(min = 2, max = 6) int range, @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] data = KnnBatchTest.tiedData(r, n, d, range);
        KdTree t = KnnBatchTest.tree(data, n, d);
        int k = Math.min(kWanted, n);
        double[] prev1 = new double[n];
        double[] core1 = Mst.coreDistances(t, k, 1, prev1);
        double[] prev2 = new double[n];
        double[] core2 = Mst.coreDistances(t, k, 2, prev2);
        assertArrayEquals(core1, core2);
        assertArrayEquals(prev1, prev2);
        double[] expD = new double[k];
        int[] expP = new int[k];
        double[] gotD = new double[k];
        int[] gotP = new int[k];
        KnnBatch knn = new KnnBatch(t, k);
        for (int s = 0; s < n; s++) {
            KnnBatchTest.brute(t, t.pts, s * d, k, expD, expP);
            assertEquals(Math.sqrt(expD[k - 1]), core1[s], "core distance of point " + s);
            assertEquals(k > 1 ? Math.sqrt(expD[k - 2]) : 0.0, prev1[s], "previous distance of point " + s);
            for (double bound : new double[] {Double.POSITIVE_INFINITY, expD[k - 1]}) {
                knn.searchOne(t.pts, s * d, bound);
                assertEquals(k, knn.drainSorted(0, gotD, gotP));
                assertArrayEquals(expD, gotD, "point " + s + " bound " + bound);
                assertArrayEquals(expP, gotP, "point " + s + " bound " + bound);
            }
        }
    }
}
