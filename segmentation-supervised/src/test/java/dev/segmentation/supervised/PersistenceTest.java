package dev.segmentation.supervised;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Steps;
import java.io.DataInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
    private static final FeatureTable TRAIN = Fixtures.table(1500, 71);

    private static ClassifierModel classifier() {
        return Classifier.gradientBoosting().nRounds(200).earlyStoppingRounds(10).subsample(0.8)
                .balancedClassWeights().seed(3).build().fit(TRAIN, Fixtures.labels(TRAIN, 3, 72));
    }

    private static RegressorModel regressor() {
        return Regressor.randomForest().numParallelTree(30).quantiles(0.2, 0.8).seed(3).build()
                .fit(TRAIN, Fixtures.targets(TRAIN, 73));
    }

    @Test
    void stateRoundTripPredictsTheSameBits() {
        ClassifierModel c = classifier();
        StepState s = Steps.state(c);
        assertEquals(ClassifierStepFactory.TYPE, s.type());
        ClassifierModel back = Steps.restore(s, ClassifierModel.class);
        FeatureTable x = Fixtures.table(500, 77);
        assertArrayEquals(c.probabilities(x).toArray(), back.probabilities(x).toArray());
        assertEquals(c.gainImportance(), back.gainImportance());
        assertEquals(s, back.state());
        assertEquals(c.bestRound(), back.bestRound());
        assertTrue(Steps.knownTypes().contains(RegressorStepFactory.TYPE));
    }

    @Test
    void aFreshJvmPredictsTheSameBits(@TempDir Path dir) throws Exception {
        ClassifierModel c = classifier();
        RegressorModel r = regressor();
        StateFiles.write(c.state(), dir.resolve("classifier.state"));
        StateFiles.write(r.state(), dir.resolve("regressor.state"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                FreshJvmPredict.class.getName(), dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("fresh.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "fresh JVM finished");
        assertEquals(0, p.exitValue(), () -> {
            try {
                return Files.readString(dir.resolve("fresh.log"));
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        FeatureTable x = Fixtures.table(500, 77);
        double[] cp = c.probabilities(x).toArray();
        double[] rp = r.predictAll(x).toArray();
        try (DataInputStream in = new DataInputStream(Files.newInputStream(dir.resolve("fresh.bin")))) {
            for (double v : cp) {
                assertEquals(Double.doubleToRawLongBits(v), in.readLong());
            }
            for (double v : rp) {
                assertEquals(Double.doubleToRawLongBits(v), in.readLong());
            }
            assertEquals(-1, in.read(), "no more values");
        }
    }

    @Test
    void badStatesAreRefusedWithTheirPart() {
        StepState s = classifier().state();
        StepState.Builder b = StepState.builder(ClassifierStepFactory.TYPE, 2);
        assertEquals("'xgboost-classifier' state version 2 is newer than this library reads (up to 1)",
                assertThrows(IllegalArgumentException.class, () -> Steps.restore(b.build())).getMessage());
        StepState.Builder broken = StepState.builder(ClassifierStepFactory.TYPE, 1);
        for (var e : s.parameters().entrySet()) {
            Object v = e.getValue();
            if (e.getKey().equals("modelBytes")) {
                broken.put("modelBytes", 12L);
            } else if (v instanceof Long) {
                broken.put(e.getKey(), (Long) v);
            } else if (v instanceof Double) {
                broken.put(e.getKey(), (Double) v);
            } else {
                broken.put(e.getKey(), (String) v);
            }
        }
        broken.putStrings("featureNames", s.strings("featureNames")).put("classWeights", s.doubles("classWeights"))
                .put("validationLoss", s.doubles("validationLoss")).put("model", new int[] {1, 2, 3});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Steps.restore(broken.build())).getMessage()
                .startsWith("XGBoost cannot read the model bytes"));
    }
}
