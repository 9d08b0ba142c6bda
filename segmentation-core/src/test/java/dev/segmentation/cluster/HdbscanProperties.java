package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Order independence with many ties: integer coordinates in a small range and duplicated rows, so many mutual
 * reachability distances are equal. A row permutation, the thread count and the MST algorithm change nothing.
 */
class HdbscanProperties {
    static DataMatrix tiedData(long seed, int n, int d, int range) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            if (i > 0 && r.nextInt(4) == 0) {
                rows[i] = rows[r.nextInt(i)].clone(); // duplicate an earlier row
                continue;
            }
            int centre = r.nextInt(3) * range;
            for (int k = 0; k < d; k++) {
                rows[i][k] = centre + r.nextInt(range);
            }
        }
        return DataMatrix.ofRows(rows);
    }

    @Property(tries = 60)
    void permutationGivesSameLabelsAndBits(@ForAll long seed, @ForAll @IntRange(min = 2, max = 160) int n,
            @ForAll @IntRange(min = 1, max = 3) int d, @ForAll @IntRange(min = 2, max = 6) int range,
            @ForAll @IntRange(min = 2, max = 12) int minClusterSize, @ForAll @IntRange(min = 0, max = 6) int ms,
            @ForAll boolean leaf, @ForAll boolean allowSingle) {
        DataMatrix x = tiedData(seed, n, d, range);
        Hdbscan.Builder b = Hdbscan.builder().minClusterSize(minClusterSize).allowSingleCluster(allowSingle)
                .clusterSelectionMethod(leaf ? Hdbscan.ClusterSelectionMethod.LEAF : Hdbscan.ClusterSelectionMethod.EOM);
        if (ms > 0) {
            b.minSamples(ms);
        }
        HdbscanModel base = b.mstAlgorithm(Hdbscan.MstAlgorithm.BORUVKA_KDTREE).build()
                .fit(x, FitContext.seeded(1).withThreads(1));
        int[] perm = HdbscanTestData.permutation(n, seed ^ 0x5deece66dL);
        HdbscanModel permuted = b.build().fit(x.selectRows(perm), FitContext.seeded(1).withThreads(3));
        HdbscanOrderIndependenceTest.assertSamePermuted(base, permuted, perm);
        HdbscanModel brute = b.mstAlgorithm(Hdbscan.MstAlgorithm.BRUTE_FORCE).build()
                .fit(x, FitContext.seeded(1).withThreads(2));
        HdbscanOrderIndependenceTest.assertSamePermuted(base, brute, HdbscanOrderIndependenceTest.identity(n));
        // invariants: labels in [-1, k), strengths and scores in [0, 1], noise has strength 0
        int[] l = base.labels();
        double[] s = base.strengths();
        double[] o = base.outlierScores();
        for (int i = 0; i < n; i++) {
            assertTrue(l[i] >= -1 && l[i] < base.clusterCount());
            assertTrue(s[i] >= 0 && s[i] <= 1 && o[i] >= 0 && o[i] <= 1, "row " + i);
            assertTrue(l[i] >= 0 || s[i] == 0.0);
        }
    }

    @Property(tries = 30)
    void predictionDoesNotDependOnRowOrderOrThreads(@ForAll long seed,
            @ForAll @IntRange(min = 20, max = 150) int n, @ForAll @IntRange(min = 1, max = 3) int d) {
        DataMatrix x = tiedData(seed, n, d, 4);
        DataMatrix queries = tiedData(seed + 1, 50, d, 5);
        Hdbscan h = Hdbscan.builder().minClusterSize(5).build();
        HdbscanModel a = h.fit(x, FitContext.seeded(1).withThreads(1));
        HdbscanModel b = h.fit(x.selectRows(HdbscanTestData.permutation(n, seed)), FitContext.seeded(1));
        HdbscanModel.Prediction pa = a.predictWithStrength(queries, 1);
        HdbscanModel.Prediction pb = b.predictWithStrength(queries, 3);
        org.junit.jupiter.api.Assertions.assertArrayEquals(pa.labels(), pb.labels());
        org.junit.jupiter.api.Assertions.assertArrayEquals(pa.strengths(), pb.strengths());
        org.junit.jupiter.api.Assertions.assertArrayEquals(pa.outlierScores(), pb.outlierScores());
    }

    /**
     * Approximate GLOSH scores of new rows, on tied data with duplicates and on continuous data: every score is in
     * [0, 1], and every training row whose values appear once, scored as a new row, gets its training GLOSH score
     * bit for bit, whatever minClusterSize and minSamples (also above the row count, where both clamp alike).
     */
    @Property(tries = 80)
    void newRowOutlierScoresAreInTheUnitIntervalAndTrainingRowsKeepTheirGloshScores(@ForAll long seed,
            @ForAll @IntRange(min = 2, max = 140) int n, @ForAll @IntRange(min = 1, max = 3) int d,
            @ForAll @IntRange(min = 2, max = 12) int minClusterSize, @ForAll @IntRange(min = 0, max = 8) int ms,
            @ForAll boolean tied, @ForAll boolean leaf) {
        DataMatrix x;
        if (tied) {
            x = tiedData(seed, n, d, 4);
        } else {
            SplittableRandom r = new SplittableRandom(seed);
            double[] v = new double[n * d];
            for (int i = 0; i < v.length; i++) {
                v[i] = (i / d) % 3 * 5 + r.nextDouble() * (1 + (i / d) % 2);
            }
            x = DataMatrix.of(n, d, v);
        }
        Hdbscan.Builder b = Hdbscan.builder().minClusterSize(minClusterSize)
                .clusterSelectionMethod(leaf ? Hdbscan.ClusterSelectionMethod.LEAF : Hdbscan.ClusterSelectionMethod.EOM);
        if (ms > 0) {
            b.minSamples(ms);
        }
        HdbscanModel m = b.build().fit(x, FitContext.seeded(1).withThreads(2));
        double[] glosh = m.outlierScores();
        double[] again = m.outlierScores(x, 2);
        java.util.Map<String, Integer> count = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            count.merge(java.util.Arrays.toString(x.row(i)), 1, Integer::sum);
        }
        for (int i = 0; i < n; i++) {
            assertTrue(again[i] >= 0 && again[i] <= 1, "row " + i + ": " + again[i]);
            if (count.get(java.util.Arrays.toString(x.row(i))) == 1) {
                org.junit.jupiter.api.Assertions.assertEquals(glosh[i], again[i], 0.0, "row " + i);
            } else {
                // an exact duplicate gets the training score of one of its twins (itself included)
                boolean twin = false;
                for (int j = 0; j < n; j++) {
                    twin |= java.util.Arrays.equals(x.row(i), x.row(j)) && glosh[j] == again[i];
                }
                assertTrue(twin, "row " + i + ": " + again[i] + " is no twin's training score");
            }
        }
        DataMatrix queries = tiedData(seed + 7, 40, d, 9);
        double[] q = m.outlierScores(queries, 3);
        org.junit.jupiter.api.Assertions.assertArrayEquals(q, m.outlierScores(queries, 1));
        for (double v : q) {
            assertTrue(v >= 0 && v <= 1, "query score " + v);
        }
    }
}
