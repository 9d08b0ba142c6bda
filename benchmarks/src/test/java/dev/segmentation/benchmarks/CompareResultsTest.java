package dev.segmentation.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CompareResults on two small JMH result fixtures (src/test/resources/compare): the K-Means benchmark is 20 %
 * slower beyond the noise (and reported in another unit), the CSV throughput 5 % lower, the scaling benchmark 20 %
 * slower within the noise, and the RFM benchmark ran with other parameters (no baseline).
 */
class CompareResultsTest {
    private static final String KMEANS = "cluster.KMeansBenchmark.lloydIteration [avgt] k=8,n=100000";
    private static final String CSV = "io.CsvBenchmark.parse [thrpt] rows=1000";
    private static final String SCALING = "scaling.ScalingBenchmark.robust [avgt] n=100";
    private static final String RFM = "features.RfmBenchmark.rfm [avgt] n=200";

    @TempDir
    Path tmp;

    private static Path fixture(String name) throws URISyntaxException {
        return Paths.get(CompareResultsTest.class.getResource("/compare/" + name).toURI());
    }

    private static final class Run {
        int status;
        String out;
        String err;
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Run r = new Run();
        r.status = CompareResults.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        r.out = out.toString(StandardCharsets.UTF_8);
        r.err = err.toString(StandardCharsets.UTF_8);
        return r;
    }

    private static String line(String out, String key) {
        for (String l : out.split("\n")) {
            if (l.startsWith(key + " ")) {
                return l;
            }
        }
        throw new AssertionError("no line for " + key + " in\n" + out);
    }

    @Test
    void flagsTheBenchmarkMoreThanTenPercentSlower() throws Exception {
        Run r = run(fixture("baseline.json").toString(), fixture("new.json").toString());
        assertEquals(1, r.status, r.out + r.err);
        // 12000 us/op against 10 ms/op: slowdown 1.2, baseline shown in the new unit
        String k = line(r.out, KMEANS);
        assertTrue(k.contains("10000.0") && k.contains("12000.0") && k.contains("1.200") && k.endsWith("SLOWER"), k);
        String csv = line(r.out, CSV);
        assertTrue(csv.contains("1.053") && csv.endsWith("same"), csv);
        String scaling = line(r.out, SCALING);
        assertTrue(scaling.contains("1.200") && scaling.endsWith("SLOWER (within noise)")
                && scaling.contains("50% / 33%"), scaling);
        assertTrue(line(r.out, RFM).endsWith("new (no baseline)"));
        assertTrue(r.out.contains("4 benchmarks, 3 compared, 2 more than 10% slower, 2 flagged."), r.out);
        assertTrue(r.out.contains("noise: each score's 99.9% confidence half-width"), r.out);
    }

    @Test
    void ignoreNoiseFlagsOnlySlowdownsBeyondTheNoise() throws Exception {
        Run r = run("--ignore-noise", fixture("baseline.json").toString(), fixture("new.json").toString());
        assertEquals(1, r.status);
        assertTrue(r.out.contains("2 more than 10% slower, 1 flagged (slowdowns within the noise are not flagged)"),
                r.out);
    }

    @Test
    void aLargerThresholdPasses() throws Exception {
        Run r = run("--threshold", "25%", fixture("baseline.json").toString(), fixture("new.json").toString());
        assertEquals(0, r.status, r.out);
        assertTrue(r.out.contains("0 more than 25% slower, 0 flagged"), r.out);
        assertEquals(0, run("--threshold", "0.21", fixture("baseline.json").toString(),
                fixture("new.json").toString()).status);
        assertEquals(1, run("--threshold", "0.19", fixture("baseline.json").toString(),
                fixture("new.json").toString()).status);
    }

    @Test
    void aRunComparedWithItselfIsTheSame() throws Exception {
        Run r = run(fixture("new.json").toString(), fixture("new.json").toString());
        assertEquals(0, r.status);
        assertTrue(line(r.out, KMEANS).contains("1.000"));
    }

    @Test
    void aDirectoryBaselineSkipsOtherJsonAndTheNewFileAndLetsLaterFilesWin() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("results"));
        Files.copy(fixture("baseline.json"), dir.resolve("a-2026-01-01.json"));
        // a later file with a faster K-Means baseline overrides the earlier one
        String later = Files.readString(fixture("baseline.json")).replace("\"score\": 10.0", "\"score\": 11.5");
        Files.writeString(dir.resolve("b-2026-02-01.json"), later);
        Files.writeString(dir.resolve("scale-run.json"), "{\"benchmark\": \"not JMH\", \"runs\": []}");
        Files.writeString(dir.resolve("notes.txt"), "not json");
        Path current = dir.resolve("z-new.json");
        Files.copy(fixture("new.json"), current);
        Map<String, CompareResults.Score> base = CompareResults.readBaseline(dir, current);
        assertEquals(4, base.size());
        assertEquals(11.5, base.get(KMEANS).score);
        Run r = run(dir.toString(), current.toString());
        assertTrue(line(r.out, KMEANS).contains("1.043"), r.out);
        assertEquals(1, r.status); // the scaling benchmark is still 20 % slower
    }

    @Test
    void throughputSlowdownIsBaselineOverNew() {
        CompareResults.Score b = new CompareResults.Score("x", 2.0, 0.0, "ops/ms");
        CompareResults.Score c = new CompareResults.Score("x", 1000.0, 0.0, "ops/s");
        List<CompareResults.Row> rows = CompareResults.compare(Map.of("x", b), Map.of("x", c), 0.1, false);
        assertEquals(2.0, rows.get(0).slowdown, 1e-12);
        assertTrue(rows.get(0).flagged);
        assertTrue(rows.get(0).beyondNoise);
    }

    @Test
    void badArgumentsExitWithStatusTwoAndSayWhy() throws Exception {
        Run one = run(fixture("new.json").toString());
        assertEquals(2, one.status);
        assertTrue(one.err.contains("(got 1 file arguments)"), one.err);
        Run opt = run("--fast", "a", "b");
        assertEquals(2, opt.status);
        assertTrue(opt.err.startsWith("unknown option --fast"), opt.err);
        Run noValue = run("a", "b", "--threshold");
        assertEquals(2, noValue.status);
        assertTrue(noValue.err.startsWith("--threshold needs a value"), noValue.err);
        Path notJmh = tmp.resolve("scale.json");
        Files.writeString(notJmh, "{\"runs\": []}");
        Run wrong = run(fixture("baseline.json").toString(), notJmh.toString());
        assertEquals(2, wrong.status);
        assertTrue(wrong.err.contains("is not a JMH JSON result file"), wrong.err);
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "[{\"benchmark\": ");
        Run bad = run(broken.toString(), fixture("new.json").toString());
        assertEquals(2, bad.status);
        assertTrue(bad.err.contains("is not valid JSON"), bad.err);
        Run missing = run(tmp.resolve("missing.json").toString(), fixture("new.json").toString());
        assertEquals(2, missing.status);
        assertTrue(missing.err.startsWith("cannot read results"), missing.err);
    }

    @Test
    void thresholdParsing() {
        assertEquals(0.1, CompareResults.parseThreshold("10%"), 1e-12);
        assertEquals(0.05, CompareResults.parseThreshold("0.05"), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompareResults.parseThreshold("ten"));
        assertEquals("threshold must be a fraction (0.1) or a percentage (10%) but was 'ten'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CompareResults.parseThreshold("-5%"));
        assertEquals("threshold must be >= 0 but was '-5%'", e.getMessage());
        assertFalse(Double.isNaN(CompareResults.parseThreshold("0")));
    }

    @Test
    void unitFactors() {
        assertEquals(1e-3, CompareResults.unitFactor("ms/op"), 0);
        assertEquals(1e-6, CompareResults.unitFactor("us/op"), 0);
        assertEquals(1e3, CompareResults.unitFactor("ops/ms"), 1e-9);
        assertEquals(1.0, CompareResults.unitFactor("ops/s"), 0);
    }
}
