package dev.segmentation.supervised.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.features.Period;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ForecastTable's row layout, CSV and JSON files, and the forecast charts. */
class ForecastOutputsTest {
    @TempDir
    Path dir;

    /** Two entities x 6 weeks from Monday 2024-01-01; "b,\"x\"" needs CSV quoting. */
    static ForecastPanel panel() {
        ForecastPanel.Builder b = ForecastPanel.builder(Period.WEEK);
        for (int t = 0; t < 6; t++) {
            b.add("a", LocalDate.of(2024, 1, 1).plusWeeks(t), 10 + t);
            b.add("b,\"x\"", LocalDate.of(2024, 1, 1).plusWeeks(t), 2 * t);
        }
        return b.build();
    }

    static Forecast quantileForecast() {
        // entities x horizon 2 x 2, levels 0.1, 0.5, 0.9
        return new Forecast("gbm", 4, 2, 2, new double[] {14, 15, 8, 9}, new double[] {0.1, 0.5, 0.9},
                new double[][] {{12, 13, 7, 8}, {14, 15, 8, 9}, {16, 17.5, 9, 10}});
    }

    @Test
    void rowsFollowTheDocumentedLayout() {
        ForecastTable t = ForecastTable.of(panel(), quantileForecast(), Map.of("a", "seg_0"));
        assertEquals(List.of("entity_id", "segment", "method", "origin_date", "target_date", "step", "forecast", "q10",
                "q50", "q90"), t.columns());
        assertEquals(4, t.rows().size());
        ForecastTable.Row r = t.rows().get(1);
        assertEquals(List.of("a", "seg_0", "gbm", LocalDate.of(2024, 1, 29), LocalDate.of(2024, 2, 5), 2, 15.0, 13.0,
                15.0, 17.5), r.values());
        assertEquals("", t.rows().get(2).segment());
        assertEquals("q2.5", ForecastTable.quantileColumn(0.025));
        ForecastTable plain = ForecastTable.of(panel(), new Forecast("naive", 4, 2, 2, new double[] {13, 13, 6, 6}),
                Map.of());
        assertEquals(7, plain.columns().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.concat(plain));
        assertEquals("quantile levels differ: [0.1, 0.5, 0.9] and []", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ForecastTable.of(panel(),
                new Forecast("naive", 4, 1, 2, new double[] {1, 2}), Map.of()));
        assertEquals("the forecast has 1 entities but the panel 2", e.getMessage());
    }

    @Test
    void csvAndJsonFilesHoldEveryRowAndNoTemporaryFileRemains() throws IOException {
        ForecastTable t = ForecastTable.of(panel(), quantileForecast(), Map.of("a", "seg_0"));
        Path csv = dir.resolve("out/forecasts.csv");
        t.writeCsv(csv);
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("entity_id,segment,method,origin_date,target_date,step,forecast,q10,q50,q90", lines.get(0));
        assertEquals("a,seg_0,gbm,2024-01-29,2024-01-29,1,14.0,12.0,14.0,16.0", lines.get(1));
        assertEquals("\"b,\"\"x\"\"\",,gbm,2024-01-29,2024-02-05,2,9.0,8.0,9.0,10.0", lines.get(4));
        assertEquals(5, lines.size());

        Path json = dir.resolve("out/forecasts.json");
        t.writeJson(json);
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(10, root.get("columns").size());
        assertEquals(4, root.get("rows").size());
        JsonNode r = root.get("rows").get(3);
        assertEquals("b,\"x\"", r.get("entity_id").asText());
        assertEquals("2024-02-05", r.get("target_date").asText());
        assertEquals(10.0, r.get("q90").asDouble());
        assertEquals(0.9, root.get("quantile_levels").get(2).asDouble());
        // written with the default permissions like any new file (not owner-only like a temporary file)
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(csv));
        }
        Files.delete(plain);
        // overwrite keeps one file and leaves no temporary sibling
        t.writeCsv(csv);
        try (Stream<Path> s = Files.list(dir.resolve("out"))) {
            assertEquals(List.of("forecasts.csv", "forecasts.json"), s.map(p -> p.getFileName().toString()).sorted()
                    .toList());
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFile() throws IOException {
        Path csv = dir.resolve("f.csv");
        Files.writeString(csv, "old");
        IOException e = assertThrows(IOException.class, () -> ForecastTable.writeAtomically(csv, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(csv));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count());
        }
    }

    static ErrorMetrics metrics(String group, String method, double wape) {
        return new ErrorMetrics(group, method, 1, 1, 0, 0, wape, 0, 0, 0, 0, 0, 0, new double[0], new double[0]);
    }

    @Test
    void chartsArePngsOfTheAskedSize() throws IOException {
        ForecastPanel p = panel();
        Forecast naive = new Forecast("naive", 4, 2, 2, new double[] {13, 13, 6, 6});
        Path f = dir.resolve("actuals.png");
        ForecastCharts.actualsVersusForecast(f, p, List.of(quantileForecast(), naive), new String[] {"s0", "s1"}, 2,
                4, 300, 200);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(600, img.getWidth());
        assertEquals(400, img.getHeight()); // two segments, one row each
        List<ErrorMetrics> m = List.of(
                metrics("s0", "gbm", 0.1),
                metrics("s0", "naive", 0.2));
        Path e = dir.resolve("errors.png");
        ForecastCharts.errorBySegment(e, m, ErrorMetrics::wape, "WAPE", 400, 300);
        assertEquals(400, ImageIO.read(e.toFile()).getWidth());
    }

    @Test
    void chartErrorsNameTheProblem() {
        ForecastPanel p = panel();
        Forecast naive = new Forecast("naive", 4, 2, 2, new double[] {13, 13, 6, 6});
        Forecast other = new Forecast("ses", 3, 2, 2, new double[] {13, 13, 6, 6});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ForecastCharts
                .actualsVersusForecast(dir.resolve("x.png"), p, List.of(naive, other), new String[] {"a", "b"}, 1, 4,
                        300, 200));
        assertEquals("forecast ses (origin 3, horizon 2, 2 entities) does not match naive (origin 4, horizon 2) on a "
                + "panel of 2 entities", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ForecastCharts.actualsVersusForecast(
                dir.resolve("x.png"), p, List.of(naive), new String[] {"a"}, 1, 4, 300, 200));
        assertEquals("segmentOf has 1 labels but the panel 2 entities", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ForecastCharts.actualsVersusForecast(
                dir.resolve("x.png"), p, List.of(naive), new String[] {"a", "b"}, 1, 4, 50, 200));
        assertEquals("panelWidth must be within [100, 8000] but was 50", e.getMessage());
        List<ErrorMetrics> m = List.of(metrics("s0", "gbm", Double.NaN));
        e = assertThrows(IllegalArgumentException.class, () -> ForecastCharts.errorBySegment(dir.resolve("e.png"), m,
                ErrorMetrics::wape, "WAPE", 400, 300));
        assertEquals("WAPE of group s0, method gbm is not finite: NaN", e.getMessage());
        assertTrue(!Files.exists(dir.resolve("x.png")));
    }
}
