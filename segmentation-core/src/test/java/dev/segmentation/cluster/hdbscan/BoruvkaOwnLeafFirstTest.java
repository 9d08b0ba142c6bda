package dev.segmentation.cluster.hdbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.segmentation.fit.ProgressListener;
import dev.segmentation.internal.Cancel;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Session 6 (issue 20): Borůvka's leader searches scan their own leaf before the traversal, so in the first round
 * most points stop at once on an edge of weight core[t]; among equal weights that may pick another edge than the
 * traversal did. On tie-heavy data in 5 columns (integer grid values, duplicated rows, many leaves), the default
 * search must still give a minimum spanning tree: the same multiset of weights, bit for bit, as Prim's dense
 * search, for 1, 2 and 3 threads; and the whole fit the same labels, strengths and outlier scores for those thread
 * counts.
 */
class BoruvkaOwnLeafFirstTest {
    @Test
    void defaultBoruvkaKeepsPrimsWeightsOnTieHeavyDataForAnyThreadCount() {
        SplittableRandom r = new SplittableRandom(66);
        for (int trial = 0; trial < 4; trial++) {
            int n = 1500 + r.nextInt(1500);
            int d = 5;
            double[] v = KnnBatchTest.tiedData(r, n, d, 3 + trial);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            KdTree tree = new KdTree(v, n, d, order);
            int k = 1 + 3 * (trial + 1);
            double[] core = Mst.coreDistances(tree, k, 1, null);
            double[] expected = sortedWeights(Mst.prim(tree, core, 1));
            for (int threads = 1; threads <= 3; threads++) {
                double[] got = sortedWeights(Mst.boruvka(tree, core, threads, ProgressListener.NONE, Cancel.NEVER));
                assertArrayEquals(expected, got, "trial " + trial + " threads " + threads);
            }
        }
    }

    @Test
    void wholeFitIsTheSameForOneTwoAndThreeThreadsOnTieHeavyData() {
        SplittableRandom r = new SplittableRandom(67);
        int n = 6000;
        int d = 5;
        double[] v = KnnBatchTest.tiedData(r, n, d, 6);
        HdbscanEngine.Result one = fit(v, n, d, 1);
        for (int threads = 2; threads <= 3; threads++) {
            HdbscanEngine.Result t = fit(v, n, d, threads);
            assertArrayEquals(one.labels, t.labels, "threads " + threads);
            assertArrayEquals(one.strengths, t.strengths, "threads " + threads);
            assertArrayEquals(one.outlierScores, t.outlierScores, "threads " + threads);
            assertArrayEquals(one.coreDistances, t.coreDistances, "threads " + threads);
        }
    }

    private static HdbscanEngine.Result fit(double[] v, int n, int d, int threads) {
        HdbscanEngine.Settings s = new HdbscanEngine.Settings();
        s.minClusterSize = 20;
        s.minSamples = 8;
        s.threads = threads;
        return HdbscanEngine.fit(v, n, d, s);
    }

    private static double[] sortedWeights(Mst.Edges e) {
        double[] w = Arrays.copyOf(e.w, e.count);
        Arrays.sort(w);
        return w;
    }
}
