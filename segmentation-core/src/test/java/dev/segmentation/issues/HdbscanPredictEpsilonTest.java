package dev.segmentation.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Regression for hdbscan-py issue 375 (its {@code approximate_predict} reads the clusters selected without
 * {@code cluster_selection_epsilon}, so prediction finds more clusters than the fit): here prediction uses the
 * clusters the fit selected with epsilon. A training row predicted again keeps its fit label when it was clustered
 * (and predicted labels never exceed the fit's clusters); and when epsilon makes the root the single cluster, a row
 * the fit left as noise (it left the root below lambda 1 / epsilon) stays noise in prediction.
 */
class HdbscanPredictEpsilonTest {
    static double[][] blobs(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] c = {{0, 0}, {2.5, 0.3}, {8, 8}, {0, 9}};
        double[][] x = new double[500][];
        for (int i = 0; i < x.length; i++) {
            if (i % 12 == 11) {
                x[i] = new double[] {r.nextDouble(-3, 12), r.nextDouble(-3, 12)};
                continue;
            }
            double[] cc = c[i % c.length];
            x[i] = new double[] {cc[0] + 0.3 * gauss(r), cc[1] + 0.3 * gauss(r)};
        }
        return x;
    }

    static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static void assertPredictionKeepsFit(HdbscanModel m, double[][] rows) {
        int[] fit = m.labels();
        int[] again = m.predict(DataMatrix.ofRows(rows));
        for (int i = 0; i < rows.length; i++) {
            assertTrue(again[i] >= -1 && again[i] < m.clusterCount(), "row " + i + " predicted " + again[i]);
            if (fit[i] >= 0) {
                assertEquals(fit[i], again[i], "clustered row " + i + " keeps its fit label");
            }
        }
    }

    @Test
    void predictionUsesTheEpsilonSelectedClusters() {
        double[][] rows = blobs(1);
        for (Hdbscan.ClusterSelectionMethod method : Hdbscan.ClusterSelectionMethod.values()) {
            HdbscanModel plain = Hdbscan.builder().minClusterSize(10).minSamples(5).clusterSelectionMethod(method)
                    .build().fit(DataMatrix.ofRows(rows), FitContext.seeded(1));
            HdbscanModel eps = Hdbscan.builder().minClusterSize(10).minSamples(5).clusterSelectionMethod(method)
                    .clusterSelectionEpsilon(2.0).build().fit(DataMatrix.ofRows(rows), FitContext.seeded(1));
            assertTrue(eps.clusterCount() < plain.clusterCount(), method + ": epsilon merges the close blobs, "
                    + plain.clusterCount() + " -> " + eps.clusterCount());
            assertPredictionKeepsFit(eps, rows);
            // a new row near the two merged blobs lands in their one epsilon cluster
            int a = eps.predict(new double[] {0.1, 0.05});
            int b = eps.predict(new double[] {2.4, 0.25});
            assertTrue(a >= 0 && a == b, method + ": " + a + " and " + b);
        }
    }

    @Test
    void withTheRootAsTheSingleClusterRowsBelowOneOverEpsilonStayNoise() {
        double[][] rows = blobs(2);
        double epsilon = 4.0;
        HdbscanModel m = Hdbscan.builder().minClusterSize(10).minSamples(5).allowSingleCluster(true)
                .clusterSelectionEpsilon(epsilon).build().fit(DataMatrix.ofRows(rows), FitContext.seeded(1));
        assertEquals(1, m.clusterCount(), "epsilon selects the root");
        int[] fit = m.labels();
        int noise = 0;
        for (int l : fit) {
            noise += l < 0 ? 1 : 0;
        }
        assertTrue(noise > 0, "some rows leave the root below lambda 1 / epsilon");
        int[] again = m.predict(DataMatrix.ofRows(rows));
        for (int i = 0; i < rows.length; i++) {
            assertEquals(fit[i], again[i], "row " + i + " at " + rows[i][0] + ", " + rows[i][1]);
        }
        // a far new row reaches the root below 1 / epsilon: noise, as in the fit
        assertEquals(-1, m.predict(new double[] {30, -20}));
    }
}
