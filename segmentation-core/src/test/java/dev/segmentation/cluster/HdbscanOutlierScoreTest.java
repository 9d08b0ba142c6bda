package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import dev.segmentation.state.Steps;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Approximate GLOSH outlier scores of new rows ({@link HdbscanModel#outlierScores(DataMatrix)}). hdbscan-py cannot be
 * installed on this machine (not in the Debian archive, and the Python package index is not reachable), so there is
 * no reference file of its {@code approximate_predict_scores}; these are the properties the definition guarantees,
 * plus the training rows re-scored against hdbscan-py's own training GLOSH scores from the reference files.
 */
class HdbscanOutlierScoreTest {
    private static final FitContext CTX = FitContext.seeded(5).withThreads(2);

    private static HdbscanModel fitBlobs() {
        return Hdbscan.builder().minClusterSize(8).build().fit(HdbscanTest.twoBlobs(), CTX);
    }

    /** Rows whose values appear once in x. */
    private static boolean[] unique(DataMatrix x) {
        Map<String, Integer> count = new HashMap<>();
        for (int i = 0; i < x.rows(); i++) {
            count.merge(Arrays.toString(x.row(i)), 1, Integer::sum);
        }
        boolean[] u = new boolean[x.rows()];
        for (int i = 0; i < x.rows(); i++) {
            u[i] = count.get(Arrays.toString(x.row(i))) == 1;
        }
        return u;
    }

    @Test
    void trainingRowsScoredAsNewRowsGetTheirTrainingGloshScoresBitForBit() {
        DataMatrix x = HdbscanTest.twoBlobs();
        HdbscanModel m = fitBlobs();
        double[] approx = m.outlierScores(x, 2);
        double[] glosh = m.outlierScores();
        assertArrayEquals(glosh, approx);
        // the far rows of twoBlobs are outliers, blob centres are not
        assertTrue(approx[121] > 0.5, "far row " + approx[121]);
        assertTrue(Arrays.stream(approx).anyMatch(v -> v == 0.0), "some row is its cluster's densest");
    }

    static Stream<HdbscanTestData.Case> cases() {
        return HdbscanTestData.cases().stream()
                .filter(c -> c.name.startsWith("clusterable") || c.name.equals("hepta") || c.name.equals("tetra"));
    }

    /**
     * On the reference cases: each training row whose values are unique, scored as a new row, gets the model's
     * training GLOSH score exactly, and hdbscan-py's {@code outlier_scores_} within 1e-9 wherever ours matches it in
     * the fit (ties in hdbscan-py's order-dependent cases are the fit's concern, tested in HdbscanReferenceTest).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainingRowsOfTheReferenceCasesAsNewRows(HdbscanTestData.Case c) {
        DataMatrix x = HdbscanTestData.input(c);
        HdbscanTestData.Fit ref = HdbscanTestData.fit(c);
        HdbscanModel m = HdbscanTestData.builder(c).build().fit(x, CTX);
        double[] approx = m.outlierScores(x, 2);
        double[] glosh = m.outlierScores();
        boolean[] unique = unique(x);
        int checked = 0;
        int againstPeer = 0;
        for (int i = 0; i < x.rows(); i++) {
            assertTrue(approx[i] >= 0.0 && approx[i] <= 1.0, c.name + " row " + i + ": " + approx[i]);
            if (unique[i]) {
                assertEquals(glosh[i], approx[i], 0.0, c.name + " row " + i);
                checked++;
                if (Math.abs(glosh[i] - ref.outlier[i]) <= 1e-9) {
                    assertEquals(ref.outlier[i], approx[i], 1e-9, c.name + " row " + i + " against hdbscan-py");
                    againstPeer++;
                }
            }
        }
        assertTrue(checked > x.rows() / 2, c.name + ": only " + checked + " unique rows");
        assertTrue(againstPeer > x.rows() / 2, c.name + ": only " + againstPeer + " rows as hdbscan-py's");
    }

    @Test
    void scoresAreInTheUnitIntervalForRowsAnywhere() {
        HdbscanModel m = fitBlobs();
        SplittableRandom r = new SplittableRandom(7);
        int n = 2000;
        double[] rows = new double[n * 2];
        for (int i = 0; i < rows.length; i++) {
            // from inside the blobs to far outside the data's box
            rows[i] = (r.nextDouble() * 2 - 1) * Math.pow(10, r.nextInt(4));
        }
        DataMatrix x = DataMatrix.of(n, 2, rows);
        double[] s = m.outlierScores(x, 2);
        for (int i = 0; i < n; i++) {
            assertTrue(s[i] >= 0.0 && s[i] <= 1.0, "row " + i + ": " + s[i]);
        }
    }

    /**
     * Along a ray from a blob's centre, beyond every training row in the ray's direction (every distance to a
     * training row grows along it), the row's lambda only falls, so once it has left its neighbour's cluster the
     * score never falls; far away it tends to 1.
     */
    @Test
    void scoresRiseAlongARayAwayFromTheData() {
        DataMatrix train = HdbscanTest.twoBlobs();
        HdbscanModel m = fitBlobs();
        for (double angle = 0; angle < 2 * Math.PI; angle += Math.PI / 8) {
            double ux = Math.cos(angle);
            double uy = Math.sin(angle);
            double extent = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < train.rows(); i++) {
                extent = Math.max(extent, train.get(i, 0) * ux + train.get(i, 1) * uy);
            }
            int steps = 400;
            double[] rows = new double[steps * 2];
            for (int t = 0; t < steps; t++) {
                double dist = extent + 0.05 * t * (1 + t / 20.0);
                rows[2 * t] = dist * ux;
                rows[2 * t + 1] = dist * uy;
            }
            double[] s = m.outlierScores(DataMatrix.of(steps, 2, rows), 2);
            for (int t = 1; t < steps; t++) {
                assertTrue(s[t] >= s[t - 1], "angle " + angle + ", step " + t + ": " + s[t - 1] + " then " + s[t]);
            }
            assertTrue(s[steps - 1] > 0.99, "angle " + angle + ": far row scored " + s[steps - 1]);
        }
    }

    @Test
    void rowsBeyondOverflowScoreOneAndAreNoise() {
        HdbscanModel m = fitBlobs();
        HdbscanModel.Prediction p = m.predictWithStrength(DataMatrix.ofRows(new double[][] {{1e200, -1e200}}), 1);
        assertEquals(-1, p.label(0));
        assertEquals(1.0, p.outlierScore(0));
    }

    @Test
    void sameBitsForAnyThreadCountAndInEveryEntryPoint() {
        HdbscanModel m = fitBlobs();
        SplittableRandom r = new SplittableRandom(3);
        int n = 3000;
        double[] rows = new double[n * 2];
        for (int i = 0; i < n; i++) {
            rows[2 * i] = -4 + 18 * r.nextDouble();
            rows[2 * i + 1] = -6 + 12 * r.nextDouble();
        }
        DataMatrix x = DataMatrix.of(n, 2, rows);
        double[] one = m.outlierScores(x, 1);
        assertArrayEquals(one, m.outlierScores(x, 2));
        assertArrayEquals(one, m.outlierScores(x, 3));
        assertArrayEquals(one, m.outlierScores(x, 7));
        assertArrayEquals(one, m.predictWithStrength(x, 3).outlierScores());
        double[] strengths = new double[n];
        double[] scores = new double[n];
        assertArrayEquals(m.predict(x), m.predict(x, strengths, scores));
        assertArrayEquals(one, scores);
        assertArrayEquals(m.predictWithStrength(x, 1).strengths(), strengths);
        assertEquals(one[17], m.predictWithStrength(x.row(17)).outlierScore(0));
    }

    @Test
    void aRestoredModelScoresTheSameBits() {
        HdbscanModel m = fitBlobs();
        HdbscanModel back = Steps.restore(Steps.state(m), HdbscanModel.class);
        DataMatrix train = HdbscanTest.twoBlobs();
        SplittableRandom r = new SplittableRandom(9);
        double[] rows = new double[500 * 2];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = -8 + 26 * r.nextDouble();
        }
        DataMatrix x = DataMatrix.of(500, 2, rows);
        assertArrayEquals(m.outlierScores(x, 2), back.outlierScores(x, 2));
        // the training GLOSH scores are not kept in the file, yet the restored model re-derives them for its rows
        assertEquals(0, back.outlierScores().length);
        assertArrayEquals(m.outlierScores(), back.outlierScores(train, 2));
        assertTrue(back.scoresNewRows());
    }

    @Test
    void withoutAnyClusterRowsAreNoiseAndStillScoredAgainstTheTree() {
        SplittableRandom r = new SplittableRandom(4);
        double[][] rows = new double[40][2];
        for (double[] row : rows) {
            row[0] = r.nextDouble();
            row[1] = r.nextDouble();
        }
        DataMatrix x = DataMatrix.ofRows(rows);
        HdbscanModel m = Hdbscan.builder().minClusterSize(30).build().fit(x, CTX);
        assertEquals(0, m.clusterCount());
        HdbscanModel.Prediction p = m.predictWithStrength(x, 2);
        for (int i = 0; i < x.rows(); i++) {
            assertEquals(-1, p.label(i));
            assertEquals(0.0, p.strength(i));
        }
        assertArrayEquals(m.outlierScores(), p.outlierScores());
    }

    @Test
    void exactDuplicatesScoreZeroAsInTheFit() {
        double[][] rows = new double[30][];
        for (int i = 0; i < 15; i++) {
            rows[i] = new double[] {0, 0};
            rows[15 + i] = new double[] {5 + 0.01 * i, 5};
        }
        HdbscanModel m = Hdbscan.builder().minClusterSize(5).build().fit(DataMatrix.ofRows(rows), CTX);
        assertEquals(0.0, m.outlierScores()[0]);
        assertEquals(0.0, m.predictWithStrength(new double[] {0, 0}).outlierScore(0));
    }

    @Test
    void errorsNameTheProblem() {
        HdbscanModel m = fitBlobs();
        assertEquals("x has 3 columns but the model was fitted on 2", assertThrows(IllegalArgumentException.class,
                () -> m.outlierScores(DataMatrix.of(1, 3, new double[3]))).getMessage());
        assertEquals("x has a non-finite value at row 1, column 0: NaN", assertThrows(IllegalArgumentException.class,
                () -> m.outlierScores(DataMatrix.of(2, 2, new double[] {0, 0, Double.NaN, 0}))).getMessage());
        assertEquals("threads must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> m.outlierScores(DataMatrix.of(1, 2, new double[2]), 0)).getMessage());
        DataMatrix x = DataMatrix.of(2, 2, new double[4]);
        assertEquals("strengthsOut has 2 and outlierScoresOut 1 values but x has 2 rows",
                assertThrows(IllegalArgumentException.class, () -> m.predict(x, new double[2], new double[1]))
                        .getMessage());
        assertThrows(NullPointerException.class, () -> m.predict(x, new double[2], null));
        assertThrows(NullPointerException.class, () -> m.outlierScores(null));
        GaussianMixtureModel g = GaussianMixture.builder().k(2).build().fit(HdbscanTest.twoBlobs(), CTX);
        assertFalse(g.scoresNewRows());
        assertEquals("GaussianMixtureModel defines no outlier score for new rows (scoresNewRows() is false)",
                assertThrows(UnsupportedOperationException.class, () -> g.predict(x, new double[2], new double[2]))
                        .getMessage());
    }
}
