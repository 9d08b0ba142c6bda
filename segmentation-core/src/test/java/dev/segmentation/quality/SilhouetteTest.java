package dev.segmentation.quality;

import dev.segmentation.testing.TinyKMeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import org.junit.jupiter.api.Test;

class SilhouetteTest {

    /** The definition, with every pairwise distance computed directly. */
    static double[] bruteForce(DataMatrix x, int[] labels) {
        int n = x.rows();
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            java.util.Map<Integer, double[]> sums = new java.util.TreeMap<>();
            for (int j = 0; j < n; j++) {
                double dd = 0;
                for (int t = 0; t < x.cols(); t++) {
                    double df = x.get(i, t) - x.get(j, t);
                    dd += df * df;
                }
                double[] acc = sums.computeIfAbsent(labels[j], l -> new double[2]);
                acc[0] += Math.sqrt(dd);
                acc[1] += 1;
            }
            double[] own = sums.get(labels[i]);
            if (own[1] == 1) {
                s[i] = 0;
                continue;
            }
            double a = own[0] / (own[1] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (java.util.Map.Entry<Integer, double[]> e : sums.entrySet()) {
                if (e.getKey() != labels[i]) {
                    b = Math.min(b, e.getValue()[0] / e.getValue()[1]);
                }
            }
            s[i] = Math.max(a, b) == 0 ? 0 : (b - a) / Math.max(a, b);
        }
        return s;
    }

    @Test
    void matchesTheDefinitionOnRandomShapes() {
        for (int seed = 0; seed < 20; seed++) {
            int n = 3 + seed * 7;
            int d = 1 + seed % 4;
            int k = 2 + seed % 5;
            DataMatrix x = TinyKMeans.uniform(n, d, seed);
            int[] labels = TinyKMeans.randomLabels(n, Math.min(k, n - 1), -1, seed + 100);
            labels[0] = 50; // a singleton cluster
            if (Contingency.distinct(labels).length < 2 || Contingency.distinct(labels).length > n - 1) {
                continue;
            }
            double[] expected = bruteForce(x, labels);
            double[] actual = Silhouette.samples(x, labels, 2);
            for (int i = 0; i < n; i++) {
                assertEquals(expected[i], actual[i], 1e-12, "seed " + seed + " row " + i);
            }
            assertEquals(0.0, actual[0]);
        }
    }

    @Test
    void bitIdenticalForAnyThreadCount() {
        DataMatrix x = TinyKMeans.uniform(1000, 3, 7);
        int[] labels = TinyKMeans.randomLabels(1000, 5, -1, 8);
        double[] one = Silhouette.samples(x, labels, 1);
        assertArrayEquals(one, Silhouette.samples(x, labels, 2));
        assertArrayEquals(one, Silhouette.samples(x, labels, 3));
        assertEquals(Silhouette.score(x, labels, 1), Silhouette.score(x, labels, 3));
    }

    @Test
    void sampledEstimateIsExactWithEveryRowAndCloseWithFewer() {
        double[][] centres = {{0, 0}, {3, 0}, {0, 3}};
        DataMatrix x = TinyKMeans.blobs(centres, 3000, 1.0, 3);
        int[] labels = new int[3000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
        }
        double exact = Silhouette.score(x, labels, 2);
        SilhouetteEstimate all = Silhouette.sampled(x, labels, 5000, 1, 2);
        assertTrue(all.exact());
        assertEquals(exact, all.estimate(), 1e-12);
        assertEquals(0.0, all.standardError());
        SilhouetteEstimate some = Silhouette.sampled(x, labels, 400, 1, 2);
        assertEquals(400, some.sampleSize());
        assertTrue(some.standardError() > 0);
        assertTrue(Math.abs(some.estimate() - exact) < 5 * some.standardError(), some + " vs " + exact);
        assertEquals(some.estimate(), Silhouette.sampled(x, labels, 400, 1, 1).estimate());
    }

    @Test
    void rejectsBadInput() {
        DataMatrix x = TinyKMeans.uniform(5, 2, 1);
        assertEquals("labels has 4 entries but x has 5 rows",
                assertThrows(IllegalArgumentException.class, () -> Silhouette.score(x, new int[4], 1)).getMessage());
        assertEquals("silhouette needs between 2 and n - 1 = 4 distinct labels but got 1",
                assertThrows(IllegalArgumentException.class, () -> Silhouette.score(x, new int[5], 1)).getMessage());
        assertEquals("silhouette needs between 2 and n - 1 = 4 distinct labels but got 5",
                assertThrows(IllegalArgumentException.class,
                        () -> Silhouette.score(x, new int[] {0, 1, 2, 3, 4}, 1)).getMessage());
        assertEquals("threads must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> Silhouette.score(x, new int[] {0, 0, 1, 1, 1}, 0)).getMessage());
        assertEquals("sampleSize must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> Silhouette.sampled(x, new int[] {0, 0, 1, 1, 1}, 0, 1, 1)).getMessage());
        DataMatrix nan = DataMatrix.of(3, 1, new double[] {0, Double.NaN, 1});
        assertEquals("x has a non-finite value NaN at row 1, column 0", assertThrows(IllegalArgumentException.class,
                () -> Silhouette.score(nan, new int[] {0, 1, 1}, 1)).getMessage());
        assertThrows(NullPointerException.class, () -> Silhouette.score(null, new int[0], 1));
    }
}
