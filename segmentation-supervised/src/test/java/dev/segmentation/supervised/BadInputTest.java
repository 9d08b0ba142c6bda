package dev.segmentation.supervised;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import org.junit.jupiter.api.Test;

/** Each bad input gives a clear error naming what was wrong, or follows the documented policy (NaN = missing). */
class BadInputTest {
    private final FeatureTable x = Fixtures.table(200, 1);

    @Test
    void oneClassIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Classifier.gradientBoosting().build().fit(x, new int[200]));
        assertEquals("labels hold one class (0) only: a classifier needs at least two classes", e.getMessage());
    }

    @Test
    void aMissingClassIsRefused() {
        int[] y = new int[200];
        for (int i = 0; i < 200; i++) {
            y[i] = i % 2 == 0 ? 0 : 2;
        }
        assertEquals("class 1 of 0..2 has no training row", assertThrows(IllegalArgumentException.class,
                () -> Classifier.gradientBoosting().build().fit(x, y)).getMessage());
    }

    @Test
    void labelsAboveNClassesAreRefused() {
        int[] y = Fixtures.labels(x, 4, 2);
        int row = 0;
        while (y[row] != 3) {
            row++;
        }
        int r = row;
        assertEquals("labels[" + r + "] is 3 but nClasses is 3", assertThrows(IllegalArgumentException.class,
                () -> Classifier.gradientBoosting().nClasses(3).build().fit(x, y)).getMessage());
    }

    @Test
    void nanFeaturesAreMissingValuesAndInfinitiesAreRefused() {
        double[] v = x.values();
        for (int i = 0; i < 200; i += 3) {
            v[i * 4 + 2] = Double.NaN;
        }
        FeatureTable withNan = FeatureTable.wrap(x.entityIds().toArray(new String[0]),
                x.featureNames().toArray(new String[0]), v);
        int[] y = Fixtures.labels(x, 2, 2);
        ClassifierModel m = Classifier.gradientBoosting().nRounds(5).build().fit(withNan, y);
        double[] p = m.probabilities(withNan).toArray();
        for (double a : p) {
            assertTrue(a >= 0 && a <= 1);
        }
        v[5 * 4 + 1] = Double.POSITIVE_INFINITY;
        FeatureTable withInf = FeatureTable.wrap(x.entityIds().toArray(new String[0]),
                x.featureNames().toArray(new String[0]), v);
        assertEquals("table to predict: row 5 (entity c5), column 'x1' is Infinity, which is not a finite float"
                + " (NaN is allowed and means missing)",
                assertThrows(IllegalArgumentException.class, () -> m.predict(withInf)).getMessage());
        v[5 * 4 + 1] = 1e300;
        FeatureTable huge = FeatureTable.wrap(x.entityIds().toArray(new String[0]),
                x.featureNames().toArray(new String[0]), v);
        assertEquals("training table: row 5 (entity c5), column 'x1' is 1.0E300, which is not a finite float"
                + " (NaN is allowed and means missing)", assertThrows(IllegalArgumentException.class,
                        () -> Classifier.gradientBoosting().build().fit(huge, y)).getMessage());
    }

    @Test
    void mismatchedFeatureNamesAreRefused() {
        int[] y = Fixtures.labels(x, 2, 2);
        ClassifierModel m = Classifier.gradientBoosting().nRounds(5).build().fit(x, y);
        FeatureTable other = x.select("x1", "x0", "noise0");
        assertEquals("table to predict: the model's features [noise1] are missing from the table, which has"
                + " [x1, x0, noise0]", assertThrows(IllegalArgumentException.class, () -> m.predict(other))
                        .getMessage());
        // another column order is matched by name
        FeatureTable reordered = x.select("noise1", "x1", "x0", "noise0");
        assertEquals(java.util.Arrays.toString(m.predict(x)), java.util.Arrays.toString(m.predict(reordered)));
        assertEquals("matrix to predict has 3 columns but the model was trained on 4",
                assertThrows(IllegalArgumentException.class,
                        () -> m.predict(DataMatrix.of(1, 3, new double[] {1, 2, 3}))).getMessage());
    }

    @Test
    void settersNameTheParameterAndValue() {
        assertEquals("maxDepth must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> Classifier.gradientBoosting().maxDepth(0)).getMessage());
        assertEquals("eta must be in (0, 1] but was 1.5", assertThrows(IllegalArgumentException.class,
                () -> Classifier.gradientBoosting().eta(1.5)).getMessage());
        assertEquals("subsample must be in (0, 1] but was 0.0", assertThrows(IllegalArgumentException.class,
                () -> Classifier.gradientBoosting().subsample(0)).getMessage());
        assertEquals("lambda must be finite and >= 0 but was NaN", assertThrows(IllegalArgumentException.class,
                () -> Classifier.gradientBoosting().lambda(Double.NaN)).getMessage());
        assertEquals("classWeights[1] must be finite and > 0 but was -1.0", assertThrows(
                IllegalArgumentException.class, () -> Classifier.gradientBoosting().classWeights(1, -1)).getMessage());
        assertEquals("quantile levels must increase but were [0.5, 0.1]", assertThrows(IllegalArgumentException.class,
                () -> Regressor.gradientBoosting().quantiles(0.5, 0.1)).getMessage());
        assertEquals("earlyStoppingRounds 5 needs more than one round, but nRounds is 1 (as in a random forest):"
                + " set nRounds > 1 or earlyStoppingRounds 0", assertThrows(IllegalStateException.class,
                        () -> Classifier.randomForest().earlyStoppingRounds(5).build()).getMessage());
        assertEquals("classWeights [1.0, 2.0] and balancedClassWeights() are both set: choose one",
                assertThrows(IllegalStateException.class,
                        () -> Classifier.gradientBoosting().classWeights(1, 2).balancedClassWeights().build())
                        .getMessage());
    }

    @Test
    void badWeightsAndTargetsNameTheRow() {
        int[] y = Fixtures.labels(x, 2, 2);
        double[] w = new double[200];
        java.util.Arrays.fill(w, 1);
        w[7] = -1;
        assertEquals("sampleWeights[7] must be finite and >= 0 but was -1.0", assertThrows(
                IllegalArgumentException.class, () -> Classifier.gradientBoosting().build().fit(x, y, w))
                        .getMessage());
        double[] t = Fixtures.targets(x, 3);
        t[9] = Double.NaN;
        assertEquals("targets[9] is NaN, which is not a finite float", assertThrows(IllegalArgumentException.class,
                () -> Regressor.gradientBoosting().build().fit(x, t)).getMessage());
    }

    @Test
    void classWeightsShiftPredictionsTowardsTheWeightedClass() {
        int[] y = Fixtures.labels(x, 2, 2);
        ClassifierModel plain = Classifier.gradientBoosting().nRounds(10).build().fit(x, y);
        ClassifierModel heavy = Classifier.gradientBoosting().nRounds(10).classWeights(1, 20).build().fit(x, y);
        int a = 0;
        int b = 0;
        for (int p : plain.predict(x)) {
            a += p;
        }
        for (int p : heavy.predict(x)) {
            b += p;
        }
        assertTrue(b > a, "class-1 predictions " + a + " -> " + b);
        assertEquals(20.0, heavy.classWeights()[1]);
    }
}
