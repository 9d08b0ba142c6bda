package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Steps;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GaussianMixtureTest {
    /** Three blobs in 2-d around (0,0), (10,0), (0,10), with different spreads. */
    static DataMatrix blobs(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n * 2];
        double[][] c = {{0, 0}, {10, 0}, {0, 10}};
        double[] s = {1.0, 0.5, 1.5};
        for (int i = 0; i < n; i++) {
            int g = i % 3;
            v[2 * i] = c[g][0] + s[g] * rng.nextGaussian();
            v[2 * i + 1] = c[g][1] + s[g] * rng.nextGaussian();
        }
        return DataMatrix.wrap(n, 2, v);
    }

    private static GaussianMixture.Builder three(GaussianMixture.CovarianceType t) {
        return GaussianMixture.builder().k(3).covarianceType(t).nInit(2).tol(1e-8).maxIter(200);
    }

    @Test
    void kAboveRowCountIsRefused() {
        DataMatrix x = DataMatrix.of(3, 1, new double[] {1, 2, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture.builder().k(5).build().fit(x, FitContext.seeded(1)));
        assertEquals("k = 5 exceeds the number of rows (3)", e.getMessage());
    }

    @Test
    void badSettingsAreRefusedNamingParameterAndValue() {
        GaussianMixture.Builder b = GaussianMixture.builder();
        assertEquals("regCovar must be finite and >= 0 but was -1.0",
                assertThrows(IllegalArgumentException.class, () -> b.regCovar(-1.0)).getMessage());
        assertEquals("regCovar must be finite and >= 0 but was NaN",
                assertThrows(IllegalArgumentException.class, () -> b.regCovar(Double.NaN)).getMessage());
        assertEquals("regCovar must be finite and >= 0 but was Infinity",
                assertThrows(IllegalArgumentException.class, () -> b.regCovar(Double.POSITIVE_INFINITY))
                        .getMessage());
        assertEquals("k must be >= 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> b.k(0)).getMessage());
        assertEquals("tol must be finite and >= 0 but was -0.1",
                assertThrows(IllegalArgumentException.class, () -> b.tol(-0.1)).getMessage());
        assertEquals("maxIter must be >= 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> b.maxIter(0)).getMessage());
        assertEquals("nInit must be >= 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> b.nInit(0)).getMessage());
        assertEquals("initialWeights[1] must be positive and finite but was 0.0",
                assertThrows(IllegalArgumentException.class, () -> b.initialWeights(new double[] {1.0, 0.0}))
                        .getMessage());
        assertEquals("initialWeights must sum to 1 but sum to 0.8",
                assertThrows(IllegalArgumentException.class, () -> b.initialWeights(new double[] {0.4, 0.4}))
                        .getMessage());
        assertEquals("initialPrecisions[2] is NaN",
                assertThrows(IllegalArgumentException.class, () -> b.initialPrecisions(new double[] {1, 1, Double.NaN}))
                        .getMessage());
    }

    @Test
    void inconsistentInitialParametersAreRefusedByBuild() {
        assertEquals("initialWeights have 2 values but k = 3",
                assertThrows(IllegalStateException.class, () -> GaussianMixture.builder().k(3)
                        .initialWeights(new double[] {0.5, 0.5}).build()).getMessage());
        assertEquals("initialMeans have 2 rows but k = 3",
                assertThrows(IllegalStateException.class, () -> GaussianMixture.builder().k(3)
                        .initialMeans(DataMatrix.of(2, 1, new double[] {0, 1})).build()).getMessage());
        assertEquals("give initialPrecisions or initialCovariances, not both",
                assertThrows(IllegalStateException.class, () -> GaussianMixture.builder().k(1)
                        .initialPrecisions(new double[] {1}).initialCovariances(new double[] {1}).build())
                        .getMessage());
        assertEquals("nInit = 2 with all initial parameters given: every run would be the same; use nInit 1",
                assertThrows(IllegalStateException.class, () -> GaussianMixture.builder().k(1).nInit(2)
                        .covarianceType(GaussianMixture.CovarianceType.SPHERICAL)
                        .initialWeights(new double[] {1}).initialMeans(DataMatrix.of(1, 1, new double[] {0}))
                        .initialPrecisions(new double[] {1}).build()).getMessage());
    }

    @Test
    void initialParametersOfWrongShapeAreRefusedAtFit() {
        DataMatrix x = blobs(30, 1);
        GaussianMixture g = GaussianMixture.builder().k(3).initialPrecisions(new double[] {1, 0, 0, 1}).build();
        assertEquals("initial precisions have 4 values but FULL with k = 3, d = 2 needs 12",
                assertThrows(IllegalArgumentException.class, () -> g.fit(x, FitContext.seeded(1))).getMessage());
        GaussianMixture h = GaussianMixture.builder().k(3).initialMeans(DataMatrix.of(3, 1, new double[3])).build();
        assertEquals("initialMeans have 1 columns but x has 2",
                assertThrows(IllegalArgumentException.class, () -> h.fit(x, FitContext.seeded(1))).getMessage());
    }

    @Test
    void nonFiniteInputIsRefusedNamingRowAndColumn() {
        double[] v = blobs(30, 1).toArray();
        v[2 * 4 + 1] = Double.POSITIVE_INFINITY;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture.builder().k(2).build().fit(DataMatrix.wrap(30, 2, v), FitContext.seeded(1)));
        assertEquals("x holds the non-finite value Infinity at row 4, column 1", e.getMessage());
        GaussianMixtureModel m = GaussianMixture.builder().k(2).build().fit(blobs(30, 1), FitContext.seeded(1));
        assertEquals("x holds the non-finite value Infinity at row 4, column 1",
                assertThrows(IllegalArgumentException.class, () -> m.scoreSamples(DataMatrix.wrap(30, 2, v)))
                        .getMessage());
        assertEquals("row holds the non-finite value NaN at column 0",
                assertThrows(IllegalArgumentException.class, () -> m.predict(new double[] {Double.NaN, 0}))
                        .getMessage());
        assertEquals("cannot fit a Gaussian mixture to an empty matrix (0 x 2)",
                assertThrows(IllegalArgumentException.class, () -> GaussianMixture.builder().build()
                        .fit(DataMatrix.of(0, 2, new double[0]), FitContext.seeded(1))).getMessage());
    }

    @Test
    void collapsedComponentWithoutRegularisationIsReportedNotTurnedIntoNaN() {
        // two exact duplicates far from the rest: with regCovar 0 their component's covariance is singular
        double[] v = {0, 0, 1, 0.5, -0.7, 1.2, 0.3, -1, 100, 100, 100, 100};
        DataMatrix x = DataMatrix.of(6, 2, v);
        GaussianMixture g = GaussianMixture.builder().k(2).regCovar(0.0)
                .initialMeans(DataMatrix.of(2, 2, new double[] {0, 0, 100, 100})).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.fit(x, FitContext.seeded(1)));
        assertTrue(e.getMessage().matches(
                "Gaussian mixture fit failed: component [01] has an ill-defined covariance.*"),
                e.getMessage());
        assertTrue(e.getMessage().contains("larger regCovar"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(GaussianMixture.CovarianceType.class)
    void labelsStrengthsAndProbabilitiesAgreeWithPrediction(GaussianMixture.CovarianceType t) {
        DataMatrix x = blobs(600, 3);
        GaussianMixtureModel m = three(t).build().fit(x, FitContext.seeded(4));
        double[] s = new double[x.rows()];
        int[] p = m.predict(x, s);
        assertArrayEquals(m.labels(), p);
        assertArrayEquals(m.strengths(), s);
        assertArrayEquals(m.trainingLogLikelihoods(), m.scoreSamples(x));
        DataMatrix proba = m.predictProba(x);
        for (int i = 0; i < x.rows(); i++) {
            double sum = 0.0;
            double max = 0.0;
            for (int c = 0; c < 3; c++) {
                sum += proba.get(i, c);
                max = Math.max(max, proba.get(i, c));
            }
            assertEquals(1.0, sum, 1e-12, "row " + i);
            assertEquals(s[i], max, 0.0, "row " + i);
            assertEquals(p[i], m.predict(x.row(i)), "row " + i);
        }
        // three well-separated blobs: each true group is one component
        for (int g = 0; g < 3; g++) {
            for (int i = g; i < x.rows(); i += 3) {
                assertEquals(p[g], p[i], "row " + i);
            }
        }
        assertEquals(1.0, java.util.Arrays.stream(m.weights()).sum(), 1e-12);
        assertTrue(m.converged());
        double n = x.rows();
        assertEquals(-2 * n * m.meanLogLikelihood(x) + m.freeParameters() * Math.log(n), m.bic(x), 1e-9);
        assertEquals(-2 * n * m.meanLogLikelihood(x) + 2 * m.freeParameters(), m.aic(x), 1e-9);
    }

    @Test
    void freeParametersFollowScikitLearn() {
        DataMatrix x = blobs(60, 1);
        long[] expected = {3 * 3 + 6 + 2, 3 + 6 + 2, 6 + 6 + 2, 3 + 6 + 2}; // FULL, TIED, DIAG, SPHERICAL, d = 2
        GaussianMixture.CovarianceType[] types = GaussianMixture.CovarianceType.values();
        for (int i = 0; i < types.length; i++) {
            assertEquals(expected[i], three(types[i]).build().fit(x, FitContext.seeded(1)).freeParameters(),
                    types[i].name());
        }
    }

    @ParameterizedTest
    @EnumSource(GaussianMixture.CovarianceType.class)
    void roundTripThroughStateGivesIdenticalBits(GaussianMixture.CovarianceType t) {
        DataMatrix x = blobs(900, 5);
        GaussianMixtureModel m = three(t).build().fit(x, FitContext.seeded(2));
        StepState state = Steps.state(m);
        assertEquals(GaussianMixtureStepFactory.TYPE, state.type());
        GaussianMixtureModel r = Steps.restore(state, GaussianMixtureModel.class);
        DataMatrix fresh = blobs(500, 77);
        double[] s1 = new double[500];
        double[] s2 = new double[500];
        assertArrayEquals(m.predict(fresh, s1), r.predict(fresh, s2));
        for (int i = 0; i < 500; i++) {
            assertEquals(Double.doubleToRawLongBits(s1[i]), Double.doubleToRawLongBits(s2[i]), "row " + i);
        }
        assertArrayEquals(m.scoreSamples(fresh), r.scoreSamples(fresh));
        assertArrayEquals(m.weights(), r.weights());
        assertArrayEquals(m.covariances(), r.covariances());
        assertEquals(m.iterations(), r.iterations());
        assertEquals(m.converged(), r.converged());
        assertEquals(0, r.labels().length);
        assertEquals(state, Steps.state(r));
    }

    @Test
    void corruptStateIsRefusedNamingThePart() {
        GaussianMixtureModel m = three(GaussianMixture.CovarianceType.DIAG).build().fit(blobs(90, 1),
                FitContext.seeded(1));
        StepState s = m.state();
        StepState.Builder b = StepState.builder(GaussianMixtureStepFactory.TYPE, 1)
                .put("covarianceType", "BANANA").put("k", 3).put("dimension", 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Steps.restore(b.build()));
        assertEquals("gaussian_mixture state: unknown covarianceType 'BANANA' (expected FULL, TIED, DIAG or SPHERICAL)",
                e.getMessage());
        StepState shortMeans = StepState.builder(GaussianMixtureStepFactory.TYPE, 1).put("covarianceType", "DIAG")
                .put("k", 3).put("dimension", 2).put("weights", s.doubles("weights")).put("means", new double[5])
                .put("covariances", s.doubles("covariances")).put("precisionFactors", s.doubles("precisionFactors"))
                .put("lowerBound", 0.0).put("converged", "true").put("iterations", 3).build();
        assertEquals("gaussian_mixture state: means need 6 values but there are 5",
                assertThrows(IllegalArgumentException.class, () -> Steps.restore(shortMeans)).getMessage());
        GaussianMixtureModel full = three(GaussianMixture.CovarianceType.FULL).build().fit(blobs(90, 1),
                FitContext.seeded(1));
        StepState fs = full.state();
        double[] f = fs.doubles("precisionFactors");
        f[1] = 0.5; // above the diagonal of component 0's factor
        StepState upper = StepState.builder(GaussianMixtureStepFactory.TYPE, 1).put("covarianceType", "FULL")
                .put("k", 3).put("dimension", 2).put("weights", fs.doubles("weights")).put("means", fs.doubles("means"))
                .put("covariances", fs.doubles("covariances")).put("precisionFactors", f)
                .put("lowerBound", 0.0).put("converged", "true").put("iterations", 3).build();
        assertEquals("gaussian_mixture state: precision factor 0 must be lower triangular but holds 0.5 at row 0, "
                + "column 1", assertThrows(IllegalArgumentException.class, () -> Steps.restore(upper)).getMessage());
    }

    @Test
    void bicSelectsTheNumberOfBlobs() {
        DataMatrix x = blobs(900, 11);
        GaussianMixture.Builder b = GaussianMixture.builder().nInit(3).tol(1e-6);
        GaussianMixture.BicSelection sel = GaussianMixture.selectByBic(x, 1, 6, b, FitContext.seeded(8));
        assertEquals(3, sel.bestK());
        assertEquals(6, sel.bic().length);
        assertEquals(3, sel.best().clusterCount());
        for (int i = 0; i < 6; i++) {
            assertEquals(sel.models().get(i).bic(x), sel.bic()[i], 0.0);
        }
        assertEquals("k range must satisfy 1 <= kMin <= kMax but was [3, 2]",
                assertThrows(IllegalArgumentException.class,
                        () -> GaussianMixture.selectByBic(x, 3, 2, b, FitContext.seeded(1))).getMessage());
    }

    @ParameterizedTest
    @EnumSource(GaussianMixture.Init.class)
    void bothInitialisationsRecoverTheBlobs(GaussianMixture.Init init) {
        DataMatrix x = blobs(600, 21);
        GaussianMixtureModel m = GaussianMixture.builder().k(3).init(init).tol(1e-8).build()
                .fit(x, FitContext.seeded(3));
        double[] means = m.means().toArray();
        double[][] truth = {{0, 0}, {10, 0}, {0, 10}};
        for (double[] t : truth) {
            double best = Double.POSITIVE_INFINITY;
            for (int c = 0; c < 3; c++) {
                best = Math.min(best, Math.hypot(means[2 * c] - t[0], means[2 * c + 1] - t[1]));
            }
            assertTrue(best < 0.3, init + ": no mean near " + t[0] + "," + t[1] + " (closest " + best + ")");
        }
    }

    @Test
    void givenCovariancesStartLikeTheirPrecisions() {
        DataMatrix x = blobs(300, 2);
        DataMatrix means = DataMatrix.of(3, 2, new double[] {1, 1, 9, 1, 1, 9});
        double[] w = {0.2, 0.3, 0.5};
        double[] cov = {2, 0.5, 0.5, 1, 1, 0, 0, 1, 3, -1, -1, 2};
        double[] prec = new double[12];
        for (int c = 0; c < 3; c++) {
            double a = cov[4 * c];
            double b = cov[4 * c + 1];
            double dd = cov[4 * c + 3];
            double det = a * dd - b * b;
            prec[4 * c] = dd / det;
            prec[4 * c + 1] = -b / det;
            prec[4 * c + 2] = -b / det;
            prec[4 * c + 3] = a / det;
        }
        GaussianMixtureModel a = GaussianMixture.builder().k(3).initialWeights(w).initialMeans(means)
                .initialCovariances(cov).maxIter(5).tol(0).build().fit(x, FitContext.seeded(1));
        GaussianMixtureModel b = GaussianMixture.builder().k(3).initialWeights(w).initialMeans(means)
                .initialPrecisions(prec).maxIter(5).tol(0).build().fit(x, FitContext.seeded(99));
        assertArrayEquals(a.means().toArray(), b.means().toArray(), 1e-9);
        assertArrayEquals(a.covariances(), b.covariances(), 1e-9);
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(5, a.iterations());
    }

    @Test
    void farPointHasTheLowestLikelihoodAndTopOutlierScore() {
        double[] v = blobs(300, 6).toArray();
        double[] w = java.util.Arrays.copyOf(v, v.length + 2);
        w[v.length] = 40;
        w[v.length + 1] = -40;
        DataMatrix x = DataMatrix.wrap(301, 2, w);
        GaussianMixtureModel m = three(GaussianMixture.CovarianceType.FULL).build().fit(x, FitContext.seeded(1));
        double[] scores = m.outlierScores();
        for (int i = 0; i < 300; i++) {
            assertTrue(scores[i] < scores[300], "row " + i);
            assertTrue(scores[i] >= 0 && scores[i] < 1, "row " + i);
        }
        assertEquals(300.0 / 301.0, scores[300], 0.0);
    }

    @Test
    void threadCountAndRestartsDoNotChangeTheBits() {
        DataMatrix x = blobs(20_000, 9);
        GaussianMixture g = three(GaussianMixture.CovarianceType.FULL).nInit(3).build();
        GaussianMixtureModel one = g.fit(x, FitContext.seeded(5).withThreads(1));
        GaussianMixtureModel two = g.fit(x, FitContext.seeded(5).withThreads(2));
        assertArrayEquals(one.covariances(), two.covariances());
        assertArrayEquals(one.means().toArray(), two.means().toArray());
        assertArrayEquals(one.strengths(), two.strengths());
        assertEquals(Double.doubleToRawLongBits(one.lowerBound()), Double.doubleToRawLongBits(two.lowerBound()));
    }
}
