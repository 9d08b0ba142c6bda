package dev.segmentation.examples.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The segmentation command end to end on the bundled UCI Online Retail data, through picocli as main runs it. */
class SegmentationToolTest {
    /** The examples module's bundled data (surefire runs in the module folder). */
    static final Path DATA = Path.of("data/online_retail.csv.gz");

    @TempDir
    static Path dir;

    static Run fit;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SegmentationTool.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static String pipeline(String cluster) {
        return """
                {
                  "source": {"path": "%s", "preset": "onlineRetail"},
                  "eligibility": {"minOrders": 2},
                  "features": [{"type": "rfm", "cancelledOrderPrefix": "C", "asOf": "2011-12-10"}],
                  "filters": [{"feature": "monetary", "atMost": 20000}],
                  "scaling": {"method": "robust", "log1p": ["frequency_orders", "monetary", "avg_order_value"]},
                  "clusterer": %s,
                  "seed": 7,
                  "threads": 2,
                  "outputs": {"dir": "%s", "scatter": ["recency_days", "monetary"]}
                }
                """.formatted(DATA, cluster, dir.resolve("fit"));
    }

    static Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @BeforeAll
    static void fitOnce() throws IOException {
        Path p = write("pipeline.json", pipeline("{\"kmeans\": {\"k\": 4, \"nInit\": 2}}"));
        fit = run("fit", "-q", p.toString());
    }

    @Test
    void fitWritesEveryOutputAndThePipelineItRanWithDefaults() throws IOException {
        assertEquals(0, fit.code(), fit.err());
        Path out = dir.resolve("fit");
        for (String f : List.of("model.json", "assignments.csv", "assignments.json", "summary.csv", "summary.json",
                "profiles.csv", "profiles.json", "report.html", "pipeline.json")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertTrue(fit.out().contains("segmented into 4 segments"), fit.out());
        JsonNode ran = Pipeline.MAPPER.readTree(out.resolve("pipeline.json").toFile());
        assertEquals(300, ran.at("/clusterer/kmeans/maxIter").intValue());
        assertEquals(1e-4, ran.at("/clusterer/kmeans/tol").doubleValue());
        assertEquals("exclude", ran.at("/features/0/returnsPolicy").textValue());
        assertEquals("robust", ran.at("/scaling/method").textValue());

        // the written pipeline runs again to the same assignments, bit for bit
        Run again = run("fit", "-q", out.resolve("pipeline.json").toString(), "-o", dir.resolve("again").toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(Files.readString(out.resolve("assignments.csv")),
                Files.readString(dir.resolve("again/assignments.csv")));
    }

    /**
     * An HDBSCAN model scored by the tool: scores.csv and scores.json carry each assigned or noise entity's outlier
     * score, the same bits as core's predict with the model read back from its file; excluded entities have none.
     */
    @Test
    void scoreWritesHdbscanOutlierScoresAsCorePredict() throws IOException {
        // one month of the data keeps the three reads (fit, score, core) short
        Path month = window("september.csv", "2011-09", "2011-09");
        Path p = write("hdbscan.json", pipeline("{\"hdbscan\": {\"minClusterSize\": 15}}").replace(DATA.toString(),
                month.toString()));
        Path fitOut = dir.resolve("fit-hdbscan");
        Run hfit = run("fit", "-q", p.toString(), "-o", fitOut.toString());
        assertEquals(0, hfit.code(), hfit.err());
        Path out = dir.resolve("score-hdbscan");
        Run score = run("score", "-m", fitOut.resolve("model.json").toString(), "-i", month.toString(),
                "-p", fitOut.resolve("pipeline.json").toString(), "-o", out.toString());
        assertEquals(0, score.code(), score.err());
        dev.segmentation.SegmentAssignments want = dev.segmentation.io.SegmentationModels.read(
                fitOut.resolve("model.json")).predict(dev.segmentation.io.CsvPresets.onlineRetail().build()
                        .read(month));
        double[] scores = want.outlierScores().orElseThrow();
        Map<String, Double> byId = new HashMap<>();
        for (int i = 0; i < scores.length; i++) {
            byId.put(want.entityIds().get(i), scores[i]);
        }
        List<String> rows = Files.readAllLines(out.resolve("scores.csv"));
        assertEquals("entity,status,segment,segment_name,strength,outlier_score,reason", rows.get(0));
        int noise = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            if (f[1].equals("ASSIGNED")) {
                assertEquals(Double.doubleToLongBits(byId.get(f[0])), Double.doubleToLongBits(Double.parseDouble(f[5])),
                        row);
                noise += f[2].equals("-1") ? 1 : 0;
            } else {
                assertEquals("", f[5], row);
            }
        }
        assertEquals(want.size(), byId.size());
        assertTrue(noise > 0, "the case has noise rows");
        JsonNode json = Pipeline.MAPPER.readTree(out.resolve("scores.json").toFile());
        for (JsonNode o : json) {
            Double w = byId.get(o.get("entity").asText());
            assertEquals(w != null && o.get("status").asText().equals("ASSIGNED"), o.has("outlier_score"),
                    o.toString());
            if (o.has("outlier_score")) {
                assertEquals(w, o.get("outlier_score").asDouble(), o.toString());
            }
        }
    }

    @Test
    void scoreGivesEveryEntityAStatusAndReproducesTheTrainingSegments() throws IOException {
        assertEquals(0, fit.code(), fit.err());
        Path out = dir.resolve("score");
        Run score = run("score", "-m", dir.resolve("fit/model.json").toString(), "-i", DATA.toString(),
                "-p", dir.resolve("fit/pipeline.json").toString(), "--as-of", "2011-12-10", "-o", out.toString());
        assertEquals(0, score.code(), score.err());
        List<String> rows = Files.readAllLines(out.resolve("scores.csv"));
        assertEquals("entity,status,segment,segment_name,strength,outlier_score,reason", rows.get(0));
        Map<String, Integer> byStatus = new HashMap<>();
        Map<String, String> scored = new HashMap<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            byStatus.merge(f[1], 1, Integer::sum);
            assertEquals("", f[5], "K-Means defines no outlier score: " + row);
            if (f[1].equals("ASSIGNED")) {
                scored.put(f[0], f[2]);
            } else {
                assertFalse(f[6].isEmpty(), "a reason for " + row);
            }
        }
        // every customer of the input once: 4,372 with a customer id
        assertEquals(4372, rows.size() - 1);
        for (String s : List.of("ASSIGNED", "NOT_ELIGIBLE", "NOT_DESCRIBED", "FILTERED")) {
            assertTrue(byStatus.getOrDefault(s, 0) > 0, s + " in " + byStatus);
        }
        // the training data scored at the training as-of date lands in the training segments
        List<String> training = Files.readAllLines(dir.resolve("fit/assignments.csv"));
        assertEquals(training.size() - 1, scored.size());
        for (String row : training.subList(1, training.size())) {
            String[] f = row.split(",", -1);
            assertEquals(f[1], scored.get(f[0]), row);
        }
        JsonNode json = Pipeline.MAPPER.readTree(out.resolve("scores.json").toFile());
        assertEquals(4372, json.size());
    }

    @Test
    void reportAndSweep() throws IOException {
        assertEquals(0, fit.code(), fit.err());
        Path html = dir.resolve("r/report.html");
        Run report = run("report", "-m", dir.resolve("fit/model.json").toString(), "-o", html.toString(),
                "--title", "Customers");
        assertEquals(0, report.code(), report.err());
        assertTrue(Files.readString(html).contains("Customers"));

        Run sweep = run("sweep", "-q", dir.resolve("pipeline.json").toString(), "--k-min", "2", "--k-max", "3",
                "-o", dir.resolve("sweep").toString());
        assertEquals(0, sweep.code(), sweep.err());
        List<String> rows = Files.readAllLines(dir.resolve("sweep/k_selection.csv"));
        assertEquals(3, rows.size(), rows.toString());
        assertTrue(rows.get(1).startsWith("2,2,"), rows.get(1));
        assertTrue(Files.size(dir.resolve("sweep/k_selection.png")) > 0);
    }

    /** The bundled file's rows whose InvoiceDate month is in [from, to] (yyyy-MM), header kept, as a plain CSV. */
    static Path window(String name, String from, String to) throws IOException {
        Pattern date = Pattern.compile(",(\\d{4}-\\d{2})-\\d{2} \\d{2}:\\d{2}:\\d{2},");
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(DATA)), StandardCharsets.UTF_8))) {
            out.add(r.readLine());
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                Matcher m = date.matcher(line);
                assertTrue(m.find(), line);
                String month = m.group(1);
                if (month.compareTo(from) >= 0 && month.compareTo(to) <= 0) {
                    out.add(line);
                }
            }
        }
        Path file = dir.resolve(name);
        Files.write(file, out, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void refreshScoresRefitsAlignsAndReportsMigrationAndDrift() throws IOException {
        Path w1 = window("w1.csv", "2011-01", "2011-06");
        Path w2 = window("w2.csv", "2011-04", "2011-09");
        Path p = write("refresh.json", pipeline("{\"kmeans\": {\"k\": 3, \"nInit\": 2}}")
                .replace(", \"asOf\": \"2011-12-10\"", ""));
        Run first = run("fit", "-q", p.toString(), "-i", w1.toString(), "-o", dir.resolve("w1fit").toString());
        assertEquals(0, first.code(), first.err());
        Path out = dir.resolve("refresh");
        Run refresh = run("refresh", "-q", "-m", dir.resolve("w1fit/model.json").toString(), "-p",
                dir.resolve("w1fit/pipeline.json").toString(), "-i", w2.toString(), "--previous-input",
                w1.toString(), "-o", out.toString());
        assertEquals(0, refresh.code(), refresh.err());
        for (String f : List.of("scores.csv", "scores.json", "model.json", "assignments.csv", "alignment.csv",
                "migration.csv", "migration.png", "drift.csv", "report.html")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        // three refit segments, each matched to a distinct ID of the saved model (the same k, overlapping windows)
        List<String> alignment = Files.readAllLines(out.resolve("alignment.csv"));
        assertEquals(4, alignment.size(), alignment.toString());
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (String row : alignment.subList(1, 4)) {
            ids.add(row.split(",")[2]);
        }
        assertEquals(java.util.Set.of("0", "1", "2"), ids);
        // 3 x 3 migration cells; drift for each of the five RFM features
        assertEquals(10, Files.readAllLines(out.resolve("migration.csv")).size());
        List<String> drift = Files.readAllLines(out.resolve("drift.csv"));
        assertEquals(List.of("recency_days", "frequency_orders", "monetary", "avg_order_value", "tenure_days"),
                drift.subList(1, drift.size()).stream().map(l -> l.split(",")[0]).toList());
        assertTrue(refresh.out().contains("Migration: "), refresh.out());
        assertTrue(refresh.out().contains("Behaviour change "), refresh.out());
        assertTrue(java.nio.file.Files.exists(out.resolve("migration-split.csv")));
    }

    @Test
    void yamlPipelineFitsLikeItsJsonTwinAndIsWrittenBackAsYaml() throws IOException {
        assertEquals(0, fit.code(), fit.err());
        JsonNode json = Pipeline.MAPPER.readTree(dir.resolve("pipeline.json").toFile());
        Path yaml = dir.resolve("pipeline.yaml");
        Files.writeString(yaml, Pipeline.YAML.writeValueAsString(json));
        Run r = run("fit", "-q", yaml.toString(), "-o", dir.resolve("yaml").toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(dir.resolve("fit/assignments.csv")),
                Files.readString(dir.resolve("yaml/assignments.csv")));
        JsonNode ran = Pipeline.YAML.readTree(dir.resolve("yaml/pipeline.yaml").toFile());
        assertEquals(2, ran.at("/clusterer/kmeans/nInit").intValue());
        assertEquals(300, ran.at("/clusterer/kmeans/maxIter").intValue());

        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, Files.readString(yaml).replace("seed:", "sed:"));
        Run err = run("fit", bad.toString());
        assertEquals(1, err.code());
        assertTrue(err.err().contains("bad.yml: $.sed: unknown key"), err.err());
    }

    @Test
    void unknownKeyNamesItsPath() throws IOException {
        Path p = write("unknown.json", pipeline("{\"kmeans\": {\"k\": 4, \"nInits\": 2}}"));
        Run r = run("fit", p.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains(p + ": $.clusterer.kmeans.nInits: unknown key (known here: k, nInit, maxIter,"
                + " tol)"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose: " + r.err());
    }

    @Test
    void badValuesNameTheirPathAndValue() throws IOException {
        Run k = run("fit", write("k0.json", pipeline("{\"kmeans\": {\"k\": 0}}")).toString());
        assertEquals(1, k.code());
        assertTrue(k.err().contains("$.clusterer.kmeans.k: ") && k.err().contains("0"), k.err());

        Run type = run("fit", write("kstring.json", pipeline("{\"kmeans\": {\"k\": \"five\"}}")).toString());
        assertEquals(1, type.code());
        assertTrue(type.err().contains("$.clusterer.kmeans.k: expected an integer but was \"five\""), type.err());

        Run period = run("fit", write("period.json", pipeline("{\"kmeans\": {\"k\": 3}}").replace(
                "{\"type\": \"rfm\", \"cancelledOrderPrefix\": \"C\", \"asOf\": \"2011-12-10\"}",
                "{\"type\": \"demandStats\", \"period\": \"fortnight\"}")).toString());
        assertEquals(1, period.code());
        assertTrue(period.err().contains("$.features[0].period: unknown value \"fortnight\" (expected one of day, "
                + "week, month)"), period.err());

        Run extractor = run("fit", write("extractor.json", pipeline("{\"kmeans\": {\"k\": 3}}").replace(
                "\"type\": \"rfm\"", "\"type\": \"rmf\"")).toString());
        assertEquals(1, extractor.code());
        assertTrue(extractor.err().contains("$.features[0].type: unknown extractor \"rmf\""), extractor.err());

        Run two = run("fit", write("two.json", pipeline("{\"kmeans\": {\"k\": 3}, \"hdbscan\": {}}")).toString());
        assertEquals(1, two.code());
        assertTrue(two.err().contains("$.clusterer: give exactly one of kmeans, kSweep, hdbscan"), two.err());

        Run json = run("fit", write("broken.json", "{\"source\": ").toString());
        assertEquals(1, json.code());
        assertTrue(json.err().contains("broken.json: not valid JSON"), json.err());

        Run verbose = run("fit", "--verbose", dir.resolve("k0.json").toString());
        assertEquals(1, verbose.code());
        assertTrue(verbose.err().contains("\tat "), "a stack trace with --verbose: " + verbose.err());
    }

    @Test
    void missingFilesExitWithTwo() throws IOException {
        Run pipeline = run("fit", dir.resolve("nope.json").toString());
        assertEquals(2, pipeline.code());
        assertTrue(pipeline.err().contains("file not found: " + dir.resolve("nope.json")
                + " (pipeline file not found)"), pipeline.err());

        Path p = write("noinput.json", pipeline("{\"kmeans\": {\"k\": 3}}"));
        Run input = run("fit", p.toString(), "-i", dir.resolve("orders.csv").toString());
        assertEquals(2, input.code());
        assertTrue(input.err().contains("file not found: " + dir.resolve("orders.csv") + " (input not found)"),
                input.err());

        Run model = run("score", "-m", dir.resolve("model.json").toString(), "-i", DATA.toString(), "--preset",
                "onlineRetail");
        assertEquals(2, model.code());
        assertTrue(model.err().contains("(model file not found)"), model.err());
    }

    @Test
    void exitCodesByKindOfFailure() {
        assertEquals(2, SegmentationTool.exitCode(new java.nio.file.NoSuchFileException("x")));
        assertEquals(2, SegmentationTool.exitCode(new java.io.UncheckedIOException(
                new java.nio.file.NoSuchFileException("x"))));
        assertEquals(1, SegmentationTool.exitCode(new PipelineException("p")));
        assertEquals(1, SegmentationTool.exitCode(new IllegalArgumentException("k must be >= 1 but was 0")));
        assertEquals(3, SegmentationTool.exitCode(new NullPointerException()));
        assertEquals(3, SegmentationTool.exitCode(new java.io.IOException("disk full")));
    }

    @Test
    void usageErrorsExitWithOneAndEverySubcommandHasHelp() {
        for (String sub : List.of("fit", "score", "refresh", "report", "sweep", "example")) {
            Run help = run(sub, "--help");
            assertEquals(0, help.code(), sub);
            assertTrue(help.out().contains("Usage: segmentation " + sub), help.out());
        }
        assertEquals(1, run("frobnicate").code());
        Run noLayout = run("score", "-m", "model.json", "-i", "orders.csv");
        assertEquals(1, noLayout.code());
        assertTrue(noLayout.err().contains("Missing required argument"), noLayout.err());
        Run preset = run("score", "-m", dir.resolve("fit/model.json").toString(), "-i", DATA.toString(), "--preset",
                "tesco");
        assertEquals(1, preset.code());
        assertTrue(preset.err().contains("unknown value \"tesco\""), preset.err());
        Run example = run("example", "Nope");
        assertEquals(1, example.code());
        assertTrue(example.err().contains("unknown example \"Nope\" (expected one of OnlineRetailSegmentation"),
                example.err());
        Run exampleHelp = run("example", "OnlineRetailSegmentation", "--help");
        assertEquals(0, exampleHelp.code());
        assertTrue(exampleHelp.out().contains("Usage: online-retail-segmentation"), exampleHelp.out());
    }
}
