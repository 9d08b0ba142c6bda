package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Distributed Lloyd against core's K-Means, across partitionings. */
class SparkKMeansTest {
    private static final int N = 3000;
    private static final int D = 3;
    private static double[] x;
    private static List<Row> rows;

    /** Four well-separated Gaussian blobs: every good run ends at the same partition. */
    @BeforeAll
    static void blobs() {
        SplittableRandom rnd = new SplittableRandom(5);
        double[][] centre = {{0, 0, 0}, {10, 0, 0}, {0, 10, 0}, {0, 0, 10}};
        x = new double[N * D];
        rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            Object[] r = new Object[D + 1];
            r[0] = String.format("e%05d", i);
            for (int c = 0; c < D; c++) {
                double v = centre[i % 4][c] + rnd.nextGaussian();
                x[i * D + c] = v;
                r[c + 1] = v;
            }
            rows.add(RowFactory.create(r));
        }
    }

    private static Dataset<Row> matrix(int partitions) {
        return SparkTesting.spark().createDataFrame(rows, SparkFeatures.schema(List.of("a", "b", "c")))
                .repartition(partitions);
    }

    @Test
    void reachesCoresFixedPointForAnyPartitioning() {
        KMeansModel core = KMeans.builder().k(4).nInit(4).tol(0).build()
                .fit(DataMatrix.wrap(N, D, x.clone()), FitContext.seeded(3));
        double[][] want = core.centreRows();
        int[] coreLabels = core.labels();
        SparkKMeans.Result first = null;
        for (int p : new int[] {1, 3, 7}) {
            SparkKMeans.Result r = SparkKMeans.builder().k(4).tol(0).sampleSize(400).seed(9).build().fit(matrix(p));
            assertTrue(r.converged(), r.toString());
            assertEquals(N, r.rows());
            double[][] got = r.centreRows();
            int[] map = new int[4];
            for (int j = 0; j < 4; j++) {
                map[j] = core.predict(got[j]);
                for (int c = 0; c < D; c++) {
                    assertEquals(want[map[j]][c], got[j][c], 1e-12 * Math.max(1, Math.abs(want[map[j]][c])),
                            p + " partitions, centre " + j);
                }
            }
            for (int i = 0; i < N; i++) {
                double[] row = java.util.Arrays.copyOfRange(x, i * D, (i + 1) * D);
                assertEquals(coreLabels[i], map[r.predict(row)], "row " + i + ", " + p + " partitions");
            }
            assertEquals(core.inertia(), r.inertia(), 1e-9 * core.inertia());
            // the result as core's model type: same centres bit for bit, same rule on every row
            KMeansModel asCore = r.toKMeansModel();
            assertArrayEquals(got, asCore.centreRows());
            assertEquals(Double.doubleToLongBits(r.inertia()), Double.doubleToLongBits(asCore.inertia()));
            assertEquals(r.iterations(), asCore.iterations());
            int[] coreRule = asCore.predict(DataMatrix.wrap(N, D, x.clone()));
            for (int i = 0; i < N; i++) {
                assertEquals(r.predict(java.util.Arrays.copyOfRange(x, i * D, (i + 1) * D)), coreRule[i]);
            }
            if (first == null) {
                first = r;
            }
        }
        // the same partitioning gives the same bits
        SparkKMeans.Result again = SparkKMeans.builder().k(4).tol(0).sampleSize(400).seed(9).build().fit(matrix(1));
        assertArrayEquals(first.centreRows(), again.centreRows());
        assertEquals(Double.doubleToLongBits(first.inertia()), Double.doubleToLongBits(again.inertia()));
    }

    @Test
    void errorsNameTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkKMeans.builder().k(0));
        assertEquals("k must be >= 1 but was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkKMeans.builder().tol(Double.NaN));
        assertEquals("tol must be finite and >= 0 but was NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparkKMeans.builder().k(4).sampleSize(2).build().fit(matrix(2)));
        assertTrue(e.getMessage().startsWith("the seeding sample has "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" rows, fewer than k = 4; raise sampleSize"), e.getMessage());
    }
}
