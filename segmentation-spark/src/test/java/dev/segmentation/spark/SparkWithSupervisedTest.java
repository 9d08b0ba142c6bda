package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.state.Steps;
import dev.segmentation.supervised.Classifier;
import dev.segmentation.supervised.ClassifierModel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's class-path requirement: segmentation-supervised (XGBoost4J's Scala 2.12 build, Scala jars excluded,
 * kryo kept) trains, predicts and round-trips in the same JVM as a running Spark 4 session (Scala 2.13, its own
 * kryo-shaded), in either order.
 */
class SparkWithSupervisedTest {
    @Test
    void xgboostTrainsAndRestoresBesideARunningSparkSession() throws Exception {
        assertEquals(500, SparkTesting.spark().range(1000).filter("id % 2 = 0").count());
        SplittableRandom r = new SplittableRandom(3);
        int n = 400;
        String[] ids = new String[n];
        double[] v = new double[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "e" + i;
            v[2 * i] = r.nextDouble(-1, 1);
            v[2 * i + 1] = r.nextDouble(-1, 1);
            y[i] = v[2 * i] + 0.5 * v[2 * i + 1] > 0 ? 1 : 0;
        }
        FeatureTable x = FeatureTable.wrap(ids, new String[] {"a", "b"}, v);
        ClassifierModel m = Classifier.gradientBoosting().nRounds(30).build().fit(x, y);
        int[] p = m.predict(x);
        int right = 0;
        for (int i = 0; i < n; i++) {
            right += p[i] == y[i] ? 1 : 0;
        }
        assertTrue(right >= n * 0.95, right + " of " + n);
        ClassifierModel back = Steps.restore(Steps.state(m), ClassifierModel.class);
        assertArrayEquals(p, back.predict(x));
        // Spark still works after XGBoost loaded its natives and kryo classes
        assertEquals(250, SparkTesting.spark().range(1000).filter("id % 4 = 0").count());
        Class<?> kryo = Class.forName("com.esotericsoftware.kryo.KryoSerializable");
        assertTrue(kryo.getProtectionDomain().getCodeSource() != null);
    }
}
