package dev.segmentation.supervised;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Steps;
import org.junit.jupiter.api.Test;

class RegressorTest {
    private static double mse(double[] p, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += (p[i] - y[i]) * (p[i] - y[i]);
        }
        return s / y.length;
    }

    @Test
    void squaredErrorFitsTheMechanism() {
        FeatureTable train = Fixtures.table(2000, 1);
        double[] y = Fixtures.targets(train, 2);
        FeatureTable test = Fixtures.table(1000, 3);
        double[] yt = Fixtures.targets(test, 4);
        RegressorModel m = Regressor.gradientBoosting().nRounds(100).eta(0.1).seed(1).build().fit(train, y);
        // the noise variance is 0.09; the target's variance is about 9.4
        double e = mse(m.predict(test), yt);
        assertTrue(e < 0.2, "mse " + e);
    }

    @Test
    void quantileRegressionCoversTheRequestedShare() {
        FeatureTable train = Fixtures.table(3000, 1);
        double[] y = Fixtures.targets(train, 2);
        FeatureTable test = Fixtures.table(2000, 3);
        double[] yt = Fixtures.targets(test, 4);
        RegressorModel m = Regressor.gradientBoosting().quantiles(0.1, 0.5, 0.9).nRounds(100).eta(0.1).seed(1)
                .build().fit(train, y);
        assertEquals(3, m.outputs());
        DataMatrix q = m.predictAll(test);
        double[] below = new double[3];
        for (int i = 0; i < yt.length; i++) {
            for (int j = 0; j < 3; j++) {
                below[j] += yt[i] <= q.get(i, j) ? 1.0 / yt.length : 0;
            }
        }
        assertEquals(0.1, below[0], 0.05);
        assertEquals(0.5, below[1], 0.05);
        assertEquals(0.9, below[2], 0.05);
    }

    @Test
    void earlyStoppingKeepsTheBestRoundAndRestoresIdentically() {
        FeatureTable train = Fixtures.table(1500, 1);
        double[] y = Fixtures.targets(train, 2);
        RegressorModel m = Regressor.gradientBoosting().nRounds(500).eta(0.3).earlyStoppingRounds(10).seed(1)
                .build().fit(train, y);
        int best = m.bestRound().orElseThrow();
        assertEquals(best + 1, m.rounds());
        assertTrue(m.validationLoss().length < 500, "stopped early");
        StepState s = Steps.state(m);
        RegressorModel back = Steps.restore(s, RegressorModel.class);
        assertArrayEquals(m.predict(train), back.predict(train));
        assertEquals(s, back.state());
    }

    @Test
    void matrixInputWithWeightsNamesColumnsF0Up() {
        FeatureTable train = Fixtures.table(500, 1);
        double[] y = Fixtures.targets(train, 2);
        double[] w = new double[500];
        java.util.Arrays.fill(w, 1);
        w[0] = 0;
        RegressorModel m = Regressor.gradientBoosting().nRounds(10).build().fit(train.matrix(), y, w,
                dev.segmentation.fit.ProgressListener.NONE);
        assertEquals(java.util.List.of("f0", "f1", "f2", "f3"), m.featureNames());
        FeatureTable named = dev.segmentation.data.FeatureTable.wrap(train.entityIds().toArray(new String[0]),
                new String[] {"f0", "f1", "f2", "f3"}, train.values());
        assertArrayEquals(m.predict(named), m.predict(train.matrix()), "a table with columns f0.. matches");
        assertEquals(500, m.predict(train.matrix()).length);
    }

    @Test
    void pseudoHuberResistsGrossOutliers() {
        FeatureTable train = Fixtures.table(2000, 5);
        double[] y = Fixtures.targets(train, 6);
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int i = 0; i < y.length; i++) {
            if (r.nextDouble() < 0.05) {
                y[i] += 50;
            }
        }
        FeatureTable test = Fixtures.table(1000, 8);
        double[] clean = new double[1000];
        for (int i = 0; i < clean.length; i++) {
            clean[i] = 3 * test.get(i, 0) + Math.sin(2 * test.get(i, 1));
        }
        double sq = mae(Regressor.gradientBoosting().nRounds(100).eta(0.1).seed(1).build().fit(train, y)
                .predict(test), clean);
        double huber = mae(Regressor.gradientBoosting().pseudoHuber(1).nRounds(100).eta(0.1).seed(1).build()
                .fit(train, y).predict(test), clean);
        // squared error chases the outliers (a shift of about 0.05 x 50 = 2.5 on average); pseudo-Huber does not
        assertTrue(huber < sq / 2, "pseudo-Huber MAE " + huber + " vs squared error " + sq);
    }

    private static double mae(double[] p, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += Math.abs(p[i] - y[i]);
        }
        return s / y.length;
    }
}
