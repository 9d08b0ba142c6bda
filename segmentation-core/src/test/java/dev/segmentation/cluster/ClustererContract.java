package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Clusterer} must keep (see its Javadoc). A test class of an implementation extends this
 * class and returns a configured instance from {@link #clusterer()}; it may override {@link #data()} when the
 * default data (three separated Gaussian blobs, 3 columns, 30,000 rows so that parallel code really splits) does
 * not suit it.
 */
abstract class ClustererContract {
    /** The clusterer under test. */
    protected abstract Clusterer clusterer();

    /** Data to fit: three blobs in 3 dimensions, with a fixed seed. */
    protected DataMatrix data() {
        return blobs(30_000, 3, 3, 7L);
    }

    /** {@code n} rows around {@code centres} well-separated centres in {@code d} dimensions. */
    static DataMatrix blobs(int n, int d, int centres, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < n; i++) {
            int c = i % centres;
            for (int j = 0; j < d; j++) {
                v[i * d + j] = 10.0 * c * (j + 1) + rng.nextGaussian();
            }
        }
        return DataMatrix.wrap(n, d, v);
    }

    @Test
    void fitDoesNotModifyItsInput() {
        DataMatrix x = data();
        double[] before = x.toArray();
        clusterer().fit(x, FitContext.seeded(1));
        assertArrayEquals(before, x.toArray());
    }

    @Test
    void sameSeedGivesSameModel() {
        DataMatrix x = data();
        ClusterModel a = clusterer().fit(x, FitContext.seeded(3));
        ClusterModel b = clusterer().fit(x, FitContext.seeded(3));
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(a.clusterCount(), b.clusterCount());
        assertArrayEquals(a.predict(x), b.predict(x));
    }

    @Test
    void threadCountDoesNotChangeTheModel() {
        DataMatrix x = data();
        ClusterModel one = clusterer().fit(x, FitContext.seeded(5).withThreads(1));
        for (int threads : new int[] {2, 3}) {
            ClusterModel m = clusterer().fit(x, FitContext.seeded(5).withThreads(threads));
            assertArrayEquals(one.labels(), m.labels(), "threads " + threads);
            assertEquals(one.clusterCount(), m.clusterCount(), "threads " + threads);
            assertArrayEquals(one.predict(x), m.predict(x), "threads " + threads);
        }
    }

    @Test
    void labelsLieBetweenMinusOneAndClusterCount() {
        DataMatrix x = data();
        ClusterModel m = clusterer().fit(x, FitContext.seeded(9));
        int[] labels = m.labels();
        assertEquals(x.rows(), labels.length);
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            assertTrue(l >= -1 && l < m.clusterCount(), "row " + i + " has label " + l);
        }
        assertEquals(x.cols(), m.dimension());
    }

    @Test
    void nonFiniteInputIsRefusedNamingRowAndColumn() {
        DataMatrix x = data();
        double[] v = x.toArray();
        int d = x.cols();
        v[3 * d + (d - 1)] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> clusterer().fit(DataMatrix.wrap(x.rows(), d, v), FitContext.seeded(1)));
        assertTrue(e.getMessage().contains("row 3") && e.getMessage().contains("column " + (d - 1)),
                e.getMessage());
        double[] w = x.toArray();
        w[5 * d] = Double.NEGATIVE_INFINITY;
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> clusterer().fit(DataMatrix.wrap(x.rows(), d, w), FitContext.seeded(1)));
        assertTrue(f.getMessage().contains("row 5") && f.getMessage().contains("column 0"), f.getMessage());
    }

    @Test
    void predictWithWrongDimensionIsRefused() {
        DataMatrix x = data();
        ClusterModel m = clusterer().fit(x, FitContext.seeded(1));
        int d = x.cols();
        assertThrows(IllegalArgumentException.class, () -> m.predict(new double[d + 1]));
        assertThrows(IllegalArgumentException.class, () -> m.predict(DataMatrix.of(2, d + 1, new double[2 * (d + 1)])));
    }
}
