package dev.segmentation.supervised.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.state.StepState;
import dev.segmentation.state.Steps;
import dev.segmentation.supervised.StateFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fitted forecaster persisted as a step (StepState + the StepFactory service), in this JVM and a fresh one. */
class ForecasterStateTest {
    private static GradientBoostedForecaster forecaster() {
        return GradientBoostedForecaster.builder().lags(1, 2, 4).seasonLength(8).maxHorizon(4).rollingWindows(3, 8)
                .scaleWindow(8).trainingOrigins(10).rounds(20).maxDepth(3).eta(0.3).seasonalNeighbourhood(2)
                .seasonalGrowthWindows(4).easterFeatures(true).seasonalCovariates(true).weightByScale(true)
                .segments(Map.of("s0", "a", "s1", "a", "s2", "b", "s3", "b", "s4", "c", "s5", "c")).build();
    }

    private static byte[] bits(Forecast f) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        FreshJvmForecast.write(new DataOutputStream(b), f);
        return b.toByteArray();
    }

    @Test
    void aStateRestoredHereAndInAFreshJvmForecastsTheSameBits(@TempDir Path dir) throws Exception {
        ForecastPanel p = NoLeakageProperties.panel(11);
        byte[] expected;
        StepState s;
        try (GradientBoostedModel m = forecaster().fit(p, 30)) {
            expected = bits(m.forecast(p, 4));
            s = Steps.state(m);
        }
        assertEquals(GradientBoostedForecasterStepFactory.TYPE, s.type());
        assertTrue(Steps.knownTypes().contains(GradientBoostedForecasterStepFactory.TYPE));
        try (GradientBoostedModel back = Steps.restore(s, GradientBoostedModel.class)) {
            assertArrayEquals(expected, bits(back.forecast(p, 4)));
            assertEquals(s, back.state(), "the state of a restored model is the state it came from");
        }
        Path file = dir.resolve("gbm.state");
        StateFiles.write(s, file);
        Path out = dir.resolve("forecast.bin");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process proc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", cp, FreshJvmForecast.class.getName(), file.toString(), "11", "4", out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        assertEquals(0, proc.waitFor(), () -> "child failed: " + read(dir.resolve("child.log")));
        assertArrayEquals(expected, Files.readAllBytes(out));
    }

    @Test
    void aBadStateIsRefusedWithItsPart() {
        ForecastPanel p = NoLeakageProperties.panel(3);
        StepState s;
        try (GradientBoostedModel m = forecaster().fit(p, 30)) {
            s = m.state();
        }
        StepState wrongLength = StepState.builder(GradientBoostedForecasterStepFactory.TYPE, 1).put("origin", 30)
                .put("name", "gbm").put("modelBytes", 5).put("model", new int[] {1}).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Steps.restore(wrongLength));
        assertEquals("gbm-forecaster state: modelBytes 5 does not match 1 packed ints", e.getMessage());
        StepState notAModel = StepState.builder(GradientBoostedForecasterStepFactory.TYPE, 1).put("origin", 30)
                .put("name", "gbm").put("modelBytes", 4).put("model", new int[] {0x01020304}).build();
        e = assertThrows(IllegalArgumentException.class, () -> Steps.restore(notAModel));
        assertEquals("gbm-forecaster state: not a gradient-boosted forecaster model file (magic 1020304)",
                e.getMessage());
        assertEquals(s.type(), GradientBoostedForecasterStepFactory.TYPE);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
