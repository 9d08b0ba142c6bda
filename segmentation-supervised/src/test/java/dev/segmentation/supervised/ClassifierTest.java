package dev.segmentation.supervised;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import org.junit.jupiter.api.Test;

class ClassifierTest {
    @Test
    void multiclassGradientBoostingLearnsTheSectors() {
        FeatureTable train = Fixtures.table(2000, 1);
        int[] y = Fixtures.labels(train, 4, 2);
        FeatureTable test = Fixtures.table(1000, 3);
        int[] yt = Fixtures.labels(test, 4, 4);
        ClassifierModel m = Classifier.gradientBoosting().nRounds(50).seed(7).build().fit(train, y);
        assertEquals(4, m.classCount());
        int[] p = m.predict(test);
        int ok = 0;
        for (int i = 0; i < p.length; i++) {
            ok += p[i] == yt[i] ? 1 : 0;
        }
        // 10% of labels are random (a quarter of those right by chance): the best possible accuracy is about 0.925
        assertTrue(ok / 1000.0 > 0.85, "accuracy " + ok / 1000.0);
        DataMatrix prob = m.probabilities(test);
        for (int i = 0; i < prob.rows(); i++) {
            double s = 0;
            for (int c = 0; c < 4; c++) {
                s += prob.get(i, c);
            }
            assertEquals(1, s, 1e-6);
        }
    }

    @Test
    void binaryRandomForest() {
        FeatureTable train = Fixtures.table(2000, 1);
        int[] y = Fixtures.labels(train, 2, 2);
        ClassifierModel m = Classifier.randomForest().seed(3).build().fit(train, y);
        assertEquals(1, m.rounds());
        FeatureTable test = Fixtures.table(1000, 3);
        int[] yt = Fixtures.labels(test, 2, 4);
        int[] p = m.predict(test);
        int ok = 0;
        for (int i = 0; i < p.length; i++) {
            ok += p[i] == yt[i] ? 1 : 0;
        }
        assertTrue(ok / 1000.0 > 0.85, "accuracy " + ok / 1000.0);
        assertTrue(m.gainImportance().get("x1") > m.gainImportance().get("noise0"));
    }

    @Test
    void sameSeedGivesTheSameModelBytes() {
        FeatureTable train = Fixtures.table(1000, 1);
        int[] y = Fixtures.labels(train, 3, 2);
        Classifier c = Classifier.gradientBoosting().nRounds(20).subsample(0.7).colsampleBynode(0.7).seed(5).build();
        assertEquals(c.fit(train, y).state(), c.fit(train, y).state());
        double[] a = c.fit(train, y).probabilities(train).toArray();
        double[] b = c.fit(train, y).probabilities(train).toArray();
        assertArrayEquals(a, b);
    }
}
