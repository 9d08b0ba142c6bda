package dev.segmentation.quality;

import dev.segmentation.testing.TinyKMeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import org.junit.jupiter.api.Test;

class DbcvTest {
    static final double[][] CENTRES = {{0, 0}, {6, 0}, {0, 6}};

    static int[] truth(int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
        }
        return y;
    }

    @Test
    void separatedBlobsScoreHighAndMixedLabelsLow() {
        DataMatrix x = TinyKMeans.blobs(CENTRES, 600, 0.5, 4);
        double good = Dbcv.evaluate(x, truth(600), 2).score();
        double bad = Dbcv.evaluate(x, TinyKMeans.randomLabels(600, 3, 0, 5), 2).score();
        assertTrue(good > 0.5, "good " + good);
        assertTrue(bad < 0, "bad " + bad);
        assertTrue(good <= 1 && bad >= -1);
    }

    @Test
    void noiseIsLeftOutButCountsInTheWeights() {
        DataMatrix x = TinyKMeans.blobs(CENTRES, 600, 0.5, 4);
        double clean = Dbcv.evaluate(x, truth(600), 2).score();
        double[] v = new double[700 * 2];
        System.arraycopy(x.toArray(), 0, v, 0, 1200);
        int[] y = new int[700];
        System.arraycopy(truth(600), 0, y, 0, 600);
        for (int i = 600; i < 700; i++) {
            v[2 * i] = 100 + i;
            v[2 * i + 1] = -50;
            y[i] = -1;
        }
        double withNoise = Dbcv.evaluate(DataMatrix.wrap(700, 2, v), y, 2).score();
        assertEquals(clean * 600 / 700, withNoise, 1e-12);
    }

    @Test
    void bitIdenticalForAnyThreadCount() {
        DataMatrix x = TinyKMeans.blobs(CENTRES, 900, 1.5, 9);
        int[] y = truth(900);
        y[5] = -1;
        DbcvResult one = Dbcv.evaluate(x, y, 1);
        for (int threads = 2; threads <= 3; threads++) {
            DbcvResult r = Dbcv.evaluate(x, y, threads);
            assertEquals(one.score(), r.score());
            assertArrayEquals(one.clusterValidity(), r.clusterValidity());
        }
        assertArrayEquals(new int[] {0, 1, 2}, one.clusters());
    }

    @Test
    void handComputedExampleWithCoincidingPoints() {
        // cluster 0 = {0, 0}: all distances 0, core distances 0 (as hdbscan-py), sparseness 0;
        // cluster 1 = {5, 6}: core distances (1^-1 / 1)^-1 = 1, its one edge weighs 1; separation max(5, 0, 1) = 5
        DataMatrix x = DataMatrix.of(4, 1, new double[] {0, 0, 5, 6});
        DbcvResult r = Dbcv.evaluate(x, new int[] {0, 0, 1, 1}, 1);
        assertArrayEquals(new double[] {1.0, 0.8}, r.clusterValidity(), 1e-15);
        assertEquals(0.9, r.score(), 1e-15);
    }

    @Test
    void rejectsBadInput() {
        DataMatrix x = DataMatrix.of(4, 1, new double[] {0, 1, 5, 6});
        assertEquals("DBCV needs at least 2 clusters but got 1", assertThrows(IllegalArgumentException.class,
                () -> Dbcv.evaluate(x, new int[] {0, 0, -1, 0}, 1)).getMessage());
        assertEquals("DBCV needs at least 2 points per cluster but cluster 7 has 1",
                assertThrows(IllegalArgumentException.class,
                        () -> Dbcv.evaluate(x, new int[] {0, 0, 0, 7}, 1)).getMessage());
        assertEquals("threads must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> Dbcv.evaluate(x, new int[] {0, 0, 1, 1}, 0)).getMessage());
        assertEquals("label of row 0 is -3; labels must be -1 (noise) or >= 0",
                assertThrows(IllegalArgumentException.class,
                        () -> Dbcv.score(x, new int[] {-3, 0, 1, 1})).getMessage());
    }
}
