package dev.segmentation.supervised;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.data.FeatureTable;
import org.junit.jupiter.api.Test;

/**
 * Measures what the module README states: XGBoost's hist trees give the same model bytes for the same seed, and
 * (measured here on 1, 2 and 4 threads) for any thread count.
 */
class DeterminismTest {
    @Test
    void sameModelForAnyThreadCount() {
        FeatureTable train = Fixtures.table(3000, 11);
        int[] y = Fixtures.labels(train, 4, 12);
        Classifier.Builder b = Classifier.gradientBoosting().nRounds(20).subsample(0.8).colsampleBynode(0.8)
                .colsampleBytree(0.9).seed(99);
        ClassifierModel one = b.nThread(1).build().fit(train, y);
        for (int threads : new int[] {2, 4}) {
            ClassifierModel many = b.nThread(threads).build().fit(train, y);
            assertArrayEquals(one.xgboostJson(), many.xgboostJson(), "model JSON with " + threads + " threads");
            assertArrayEquals(one.probabilities(train).toArray(), many.probabilities(train).toArray());
        }
    }

    @Test
    void randomForestSameModelForAnyThreadCount() {
        FeatureTable train = Fixtures.table(3000, 11);
        double[] y = Fixtures.targets(train, 12);
        Regressor.Builder b = Regressor.randomForest().numParallelTree(30).seed(4);
        RegressorModel one = b.nThread(1).build().fit(train, y);
        RegressorModel two = b.nThread(2).build().fit(train, y);
        assertArrayEquals(one.predict(train), two.predict(train));
        assertEquals(one.gainImportance(), two.gainImportance());
    }
}
