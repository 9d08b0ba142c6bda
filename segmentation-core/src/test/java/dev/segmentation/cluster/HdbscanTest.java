package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Settings, errors, edge cases, outputs and prediction of {@link Hdbscan}. */
class HdbscanTest {
    private static final FitContext CTX = FitContext.seeded(3).withThreads(2);

    /** Two well separated Gaussian blobs of 60 rows each plus 4 far outliers. */
    static DataMatrix twoBlobs() {
        SplittableRandom r = new SplittableRandom(11);
        double[][] rows = new double[124][2];
        for (int i = 0; i < 120; i++) {
            double cx = i < 60 ? 0 : 10;
            rows[i][0] = cx + gauss(r) * 0.5;
            rows[i][1] = gauss(r) * 0.5;
        }
        rows[120] = new double[] {5, 8};
        rows[121] = new double[] {-6, -7};
        rows[122] = new double[] {16, 7};
        rows[123] = new double[] {5, -9};
        return DataMatrix.ofRows(rows);
    }

    static double gauss(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    @Test
    void findsTwoBlobsAndNoise() {
        HdbscanModel m = Hdbscan.builder().minClusterSize(10).build().fit(twoBlobs(), CTX);
        assertEquals(2, m.clusterCount());
        int[] l = m.labels();
        // canonical numbering: the cluster holding the lexicographically smallest row is 0 (the blob at x = 0)
        for (int i = 0; i < 60; i++) {
            assertTrue(l[i] == 0 || l[i] == -1);
        }
        for (int i = 60; i < 120; i++) {
            assertTrue(l[i] == 1 || l[i] == -1);
        }
        for (int i = 120; i < 124; i++) {
            assertEquals(-1, l[i], "outlier " + i);
            assertEquals(0.0, m.strengths()[i]);
            assertTrue(m.outlierScores()[i] > 0.5, "outlier score of " + i);
        }
        assertEquals(2, m.clusterPersistence().length);
        assertTrue(m.exemplars(0).length > 0 && m.exemplars(1).length > 0);
        for (int e : m.exemplars(1)) {
            assertEquals(1, l[e]);
            assertEquals(1.0, m.strengths()[e]);
        }
        assertEquals("hdbscan", Hdbscan.builder().build().name());
        assertEquals(2, m.dimension());
        assertEquals(124, m.rows());
    }

    @Test
    void condensedTreeIsConsistentPlainData() {
        HdbscanModel m = Hdbscan.builder().minClusterSize(10).build().fit(twoBlobs(), CTX);
        HdbscanModel.CondensedTree t = m.condensedTree();
        int n = t.pointCount();
        long[] parent = t.parent();
        long[] child = t.child();
        double[] lambda = t.lambda();
        long[] size = t.childSize();
        assertEquals(124, n);
        int[] seen = new int[n];
        for (int r = 0; r < t.size(); r++) {
            assertTrue(parent[r] >= n && parent[r] < child[r] || child[r] < n);
            assertTrue(lambda[r] >= 0);
            if (child[r] < n) {
                seen[(int) child[r]]++;
                assertEquals(1, size[r]);
            } else {
                assertTrue(size[r] >= 10);
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(1, seen[i], "row " + i + " leaves the tree once");
        }
        parent[0] = -5; // a copy
        assertEquals(n, t.parent()[0]);
    }

    @Test
    void builderIsASupplierAndValidates() {
        Hdbscan.Builder b = Hdbscan.builder().minClusterSize(50);
        Supplier<Hdbscan> s = b;
        assertEquals(50, s.get().minClusterSize());
        assertEquals("minClusterSize must be >= 2 but was 1",
                assertThrows(IllegalArgumentException.class, () -> Hdbscan.builder().minClusterSize(1)).getMessage());
        assertEquals("minSamples must be >= 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> Hdbscan.builder().minSamples(0)).getMessage());
        assertEquals("clusterSelectionEpsilon must be finite and >= 0 but was NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> Hdbscan.builder().clusterSelectionEpsilon(Double.NaN)).getMessage());
        assertEquals("clusterSelectionEpsilon must be finite and >= 0 but was -0.5",
                assertThrows(IllegalArgumentException.class,
                        () -> Hdbscan.builder().clusterSelectionEpsilon(-0.5)).getMessage());
        assertEquals("maxClusterSize must be >= 0 (0 = unlimited) but was -1",
                assertThrows(IllegalArgumentException.class, () -> Hdbscan.builder().maxClusterSize(-1)).getMessage());
        assertEquals("maxClusterSize (10) must be 0 or >= minClusterSize (50)",
                assertThrows(IllegalStateException.class, () -> b.maxClusterSize(10).build()).getMessage());
        assertEquals("method", assertThrows(NullPointerException.class,
                () -> Hdbscan.builder().clusterSelectionMethod(null)).getMessage());
        assertEquals("algorithm", assertThrows(NullPointerException.class,
                () -> Hdbscan.builder().mstAlgorithm(null)).getMessage());
        assertTrue(Hdbscan.builder().build().minSamples().isEmpty());
        assertEquals(7, Hdbscan.builder().minSamples(7).build().minSamples().getAsInt());
    }

    @Test
    void nanRowIsRefusedWithRowColumnAndValue() {
        double[][] rows = {{0, 0}, {1, 1}, {2, Double.NaN}, {3, 3}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Hdbscan.builder().build().fit(DataMatrix.ofRows(rows), CTX));
        assertEquals("x has a non-finite value at row 2, column 1: NaN (HDBSCAN needs finite values)",
                e.getMessage());
        double[][] inf = {{0, Double.NEGATIVE_INFINITY}};
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Hdbscan.builder().build().fit(DataMatrix.ofRows(inf), CTX)).getMessage()
                .contains("row 0, column 1: -Infinity"));
        assertEquals("x has no rows: HDBSCAN needs at least one row", assertThrows(IllegalArgumentException.class,
                () -> Hdbscan.builder().build().fit(DataMatrix.of(0, 2, new double[0]), CTX)).getMessage());
        assertEquals("x", assertThrows(NullPointerException.class,
                () -> Hdbscan.builder().build().fit((DataMatrix) null, CTX)).getMessage());
    }

    @Test
    void manyIdenticalRowsHaveCoreDistanceZeroAndNoNaN() {
        double[][] rows = new double[80][];
        for (int i = 0; i < 80; i++) {
            rows[i] = i < 40 ? new double[] {1, 1} : i < 70 ? new double[] {5, 5} : new double[] {i, -i};
        }
        HdbscanModel m = Hdbscan.builder().minClusterSize(10).build().fit(DataMatrix.ofRows(rows), CTX);
        double[] core = m.coreDistances();
        assertEquals(0.0, core[0]);
        assertEquals(0.0, core[45]);
        assertEquals(2, m.clusterCount());
        int[] l = m.labels();
        for (int i = 1; i < 40; i++) {
            assertEquals(l[0], l[i]);
        }
        for (double v : m.strengths()) {
            assertTrue(v >= 0 && v <= 1);
        }
        for (double v : m.outlierScores()) {
            assertTrue(v >= 0 && v <= 1, "outlier score " + v);
        }
        for (double v : m.condensedTree().lambda()) {
            assertTrue(!Double.isNaN(v));
        }
        assertEquals(1.0, m.strengths()[0]);
    }

    @Test
    void allRowsIdenticalIsAllNoiseUnlessASingleClusterIsAllowed() {
        double[][] rows = new double[30][];
        Arrays.fill(rows, new double[] {2, 3});
        DataMatrix x = DataMatrix.ofRows(rows);
        HdbscanModel m = Hdbscan.builder().minClusterSize(5).build().fit(x, CTX);
        assertEquals(0, m.clusterCount());
        assertArrayEquals(filled(30, -1), m.labels());
        assertArrayEquals(new double[30], m.outlierScores());
        HdbscanModel single = Hdbscan.builder().minClusterSize(5).allowSingleCluster(true).build().fit(x, CTX);
        assertEquals(1, single.clusterCount());
        assertArrayEquals(new int[30], single.labels());
        assertEquals(0, single.predict(new double[] {2, 3}));
    }

    @Test
    void oneDimension() {
        double[][] rows = new double[60][1];
        for (int i = 0; i < 60; i++) {
            rows[i][0] = i < 30 ? i * 0.01 : 100 + i * 0.01;
        }
        HdbscanModel m = Hdbscan.builder().minClusterSize(5).build().fit(DataMatrix.ofRows(rows), CTX);
        assertEquals(2, m.clusterCount());
        assertEquals(0, m.labels()[0]);
        assertEquals(1, m.labels()[59]);
        assertEquals(1, m.predict(new double[] {100.4}));
    }

    @Test
    void fewerRowsThanMinClusterSizeIsAllNoise() {
        HdbscanModel m = Hdbscan.builder().minClusterSize(10).build()
                .fit(DataMatrix.ofRows(new double[][] {{0, 0}, {0, 1}, {1, 0}, {5, 5}}), CTX);
        assertEquals(0, m.clusterCount());
        assertArrayEquals(filled(4, -1), m.labels());
        assertEquals(-1, m.predict(new double[] {0, 0}));
        HdbscanModel one = Hdbscan.builder().build().fit(DataMatrix.ofRows(new double[][] {{1, 2}}), CTX);
        assertArrayEquals(new int[] {-1}, one.labels());
        assertArrayEquals(new double[] {0.0}, one.outlierScores());
    }

    @Test
    void minSamplesAboveNIsClampedToNMinusOne() {
        DataMatrix x = twoBlobs();
        HdbscanModel m = Hdbscan.builder().minClusterSize(10).minSamples(1000).build().fit(x, CTX);
        assertEquals(123, m.minSamplesUsed());
        HdbscanModel same = Hdbscan.builder().minClusterSize(10).minSamples(123).build().fit(x, CTX);
        assertArrayEquals(same.labels(), m.labels());
        assertArrayEquals(same.outlierScores(), m.outlierScores());
    }

    @Test
    void leafEpsilonAndMaxClusterSizeSettings() {
        DataMatrix x = twoBlobs();
        HdbscanModel eom = Hdbscan.builder().minClusterSize(10).build().fit(x, CTX);
        HdbscanModel leaf = Hdbscan.builder().minClusterSize(10)
                .clusterSelectionMethod(Hdbscan.ClusterSelectionMethod.LEAF).build().fit(x, CTX);
        assertTrue(leaf.clusterCount() >= eom.clusterCount());
        // an epsilon above the blobs' separation merges back to the root's children: still two clusters
        HdbscanModel eps = Hdbscan.builder().minClusterSize(10).clusterSelectionMethod(Hdbscan.ClusterSelectionMethod.LEAF)
                .clusterSelectionEpsilon(3.0).build().fit(x, CTX);
        assertEquals(2, eps.clusterCount());
        // clusters larger than maxClusterSize are split or dropped
        HdbscanModel small = Hdbscan.builder().minClusterSize(10).maxClusterSize(40).build().fit(x, CTX);
        int[] counts = new int[small.clusterCount()];
        for (int l : small.labels()) {
            if (l >= 0) {
                counts[l]++;
            }
        }
        for (int c : counts) {
            assertTrue(c <= 40, "cluster of " + c);
        }
    }

    @Test
    void trainingRowPredictedAgainKeepsItsLabelOrBecomesNoise() {
        DataMatrix x = twoBlobs();
        HdbscanModel m = Hdbscan.builder().minClusterSize(10).build().fit(x, CTX);
        HdbscanModel.Prediction p = m.predictWithStrength(x);
        int[] l = m.labels();
        double[] s = m.strengths();
        int same = 0;
        for (int i = 0; i < x.rows(); i++) {
            assertTrue(p.label(i) == l[i] || p.label(i) == -1, "row " + i + " never moves to another cluster");
            if (l[i] < 0) {
                assertEquals(-1, p.label(i), "noise stays noise");
            }
            if (p.label(i) == l[i] && l[i] >= 0) {
                same++;
                assertTrue(p.strength(i) >= s[i] - 1e-12, "row " + i + " strength not below its training one");
            }
        }
        assertTrue(same >= 110, same + " of 120 clustered rows keep their label");
    }

    @Test
    void predictValidatesInput() {
        HdbscanModel m = Hdbscan.builder().minClusterSize(10).build().fit(twoBlobs(), CTX);
        assertEquals("row has 3 values but the model was fitted on 2 columns",
                assertThrows(IllegalArgumentException.class, () -> m.predict(new double[3])).getMessage());
        assertEquals("row has a non-finite value at column 1: NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> m.predict(new double[] {0, Double.NaN})).getMessage());
        assertEquals("x has a non-finite value at row 1, column 0: Infinity",
                assertThrows(IllegalArgumentException.class, () -> m.predict(DataMatrix.ofRows(
                        new double[][] {{0, 0}, {Double.POSITIVE_INFINITY, 0}}))).getMessage());
        assertEquals("x has 1 columns but the model was fitted on 2", assertThrows(IllegalArgumentException.class,
                () -> m.predict(DataMatrix.ofRows(new double[][] {{0}}))).getMessage());
        assertEquals("threads must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> m.predictWithStrength(DataMatrix.ofRows(new double[][] {{0, 0}}), 0)).getMessage());
        assertEquals("label must be in [0, 2) but was 2",
                assertThrows(IllegalArgumentException.class, () -> m.exemplars(2)).getMessage());
    }

    @Test
    void predictionIsBatchedDeterministicAndAgreesWithSingleRows() {
        DataMatrix x = twoBlobs();
        HdbscanModel m = Hdbscan.builder().minClusterSize(10).build().fit(x, CTX);
        SplittableRandom r = new SplittableRandom(5);
        double[][] q = new double[700][2];
        for (double[] row : q) {
            row[0] = -4 + 18 * r.nextDouble();
            row[1] = -4 + 8 * r.nextDouble();
        }
        DataMatrix qs = DataMatrix.ofRows(q);
        HdbscanModel.Prediction p1 = m.predictWithStrength(qs, 1);
        HdbscanModel.Prediction p3 = m.predictWithStrength(qs, 3);
        assertArrayEquals(p1.labels(), p3.labels());
        assertArrayEquals(p1.strengths(), p3.strengths());
        for (int i = 0; i < 700; i += 37) {
            HdbscanModel.Prediction one = m.predictWithStrength(q[i]);
            assertEquals(p1.label(i), one.label(0));
            assertEquals(p1.strength(i), one.strength(0));
        }
        assertArrayEquals(p1.labels(), m.predict(qs));
    }

    @Test
    void modelReturnsCopiesAndItsSettings() {
        Hdbscan h = Hdbscan.builder().minClusterSize(10).build();
        HdbscanModel m = h.fit(twoBlobs(), CTX);
        assertSame(h, m.settings());
        m.labels()[0] = 99;
        m.strengths()[0] = 99;
        assertTrue(m.labels()[0] != 99 && m.strengths()[0] != 99);
    }

    static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }
}
