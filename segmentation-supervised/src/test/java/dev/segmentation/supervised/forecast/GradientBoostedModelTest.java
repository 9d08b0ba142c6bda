package dev.segmentation.supervised.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GradientBoostedModelTest {
    private static GradientBoostedForecaster small(int threads) {
        return GradientBoostedForecaster.builder().lags(1, 2, 4).seasonLength(8).maxHorizon(4).rollingWindows(3, 8)
                .scaleWindow(8).trainingOrigins(10).rounds(20).maxDepth(3).eta(0.3).threads(threads)
                .segments(Map.of("s0", "a", "s1", "a", "s2", "b", "s3", "b", "s4", "c", "s5", "c")).build();
    }

    private static byte[] bits(Forecast f) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        FreshJvmForecast.write(new DataOutputStream(b), f);
        return b.toByteArray();
    }

    @Test
    void aModelReadBackInThisJvmAndInAFreshOneForecastsTheSameBits(@TempDir Path dir) throws Exception {
        ForecastPanel p = NoLeakageProperties.panel(11);
        GradientBoostedForecaster g = small(1);
        byte[] expected;
        Path file = dir.resolve("gbm.model");
        try (GradientBoostedModel m = g.fit(p, 30)) {
            Forecast f = m.forecast(p, 4);
            expected = bits(f);
            assertArrayEquals(expected, bits(g.forecast(p, 30, 4)), "fit + forecast is the forecast method");
            assertArrayEquals(expected, bits(small(2).forecast(p, 30, 4)), "same bits on 2 threads");
            try (var out = Files.newOutputStream(file)) {
                m.write(out);
            }
        }
        try (GradientBoostedModel back = GradientBoostedModel.read(Files.newInputStream(file))) {
            assertEquals(30, back.origin());
            assertArrayEquals(expected, bits(back.forecast(p, 4)));
        }
        Path out = dir.resolve("forecast.bin");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process proc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", cp, FreshJvmForecast.class.getName(), file.toString(), "11", "4", out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        assertEquals(0, proc.waitFor(), () -> "child failed: " + read(dir.resolve("child.log")));
        assertArrayEquals(expected, Files.readAllBytes(out));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void badFilesAndMismatchedPanelsAreRefusedWithTheReason() throws Exception {
        ForecastPanel p = NoLeakageProperties.panel(3);
        byte[] bytes;
        try (GradientBoostedModel m = small(1).fit(p, 30)) {
            bytes = m.toBytes();
            assertEquals("horizon must lie in [1, 4] but was 5", assertThrows(IllegalArgumentException.class,
                    () -> m.forecast(p, 5)).getMessage());
            ForecastPanel other = ForecastPanel.builder(dev.segmentation.features.Period.WEEK)
                    .add("s0", java.time.LocalDate.of(2023, 1, 9), 1).build();
            assertEquals("the panel starts WEEK 2023-01-09 but the model was trained on WEEK periods from 2023-01-02",
                    assertThrows(IllegalArgumentException.class, () -> m.forecast(other, 1)).getMessage());
        }
        byte[] wrongVersion = bytes.clone();
        wrongVersion[7] = 9;
        assertEquals("unsupported model format version 9 (this library reads 1 to 2)", assertThrows(IOException.class,
                () -> GradientBoostedModel.read(new ByteArrayInputStream(wrongVersion))).getMessage());
        assertEquals("not a gradient-boosted forecaster model file (magic 0)", assertThrows(IOException.class,
                () -> GradientBoostedModel.read(new ByteArrayInputStream(new byte[8]))).getMessage());
        assertEquals("horizon 5 exceeds the trained maximum horizon 4", assertThrows(IllegalArgumentException.class,
                () -> small(1).forecast(p, 30, 5)).getMessage());
        assertEquals("quantiles [0.1, 0.9] must include 0.5 (the point forecast)", assertThrows(
                IllegalStateException.class, () -> GradientBoostedForecaster.builder().quantiles(0.9, 0.1).build())
                .getMessage());
        assertEquals("seasonLength 13 must exceed maxHorizon 13 (or be 0)", assertThrows(IllegalStateException.class,
                () -> GradientBoostedForecaster.builder().seasonLength(13).build()).getMessage());
    }

}
