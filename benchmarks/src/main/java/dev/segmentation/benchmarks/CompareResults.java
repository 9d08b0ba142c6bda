package dev.segmentation.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Compares a new JMH run with committed results and flags regressions: the regression check of issue 7.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.segmentation.benchmarks.CompareResults
 * [--threshold 10%] [--ignore-noise] <baseline.json|dir> <new.json>}. Both files are JMH JSON result files
 * ({@code -rf json}); a directory means every {@code *.json} file in it that is a JMH result (other JSON, such as
 * the scale runs, is skipped), read in file-name order so that a later file (a later date) overrides an earlier
 * one for the same benchmark. Benchmarks are matched by name, mode and parameters.
 *
 * <p>For each benchmark of the new run it prints the baseline and new scores (in the new run's unit), the
 * slowdown (new time over baseline time, so 1.25 means 25 % slower; for throughput modes baseline over new) and
 * the noise: each JMH score comes with the half-width of its 99.9 % confidence interval, which divided by the
 * score is a relative, unit-free error; a change is beyond the noise when the two confidence intervals do not
 * overlap. A benchmark is flagged when it is more than the threshold (default 10 %) slower; with
 * {@code --ignore-noise} a slowdown within the noise is only reported, not flagged.
 *
 * <p>Exit status: 0 when nothing is flagged, 1 when at least one benchmark is flagged, 2 on bad arguments or an
 * unreadable file.
 */
public final class CompareResults {
    private CompareResults() {
    }

    /** One benchmark score: the time (or throughput) per op converted to seconds (or ops per second). */
    static final class Score {
        final String key;
        final double score;
        final double error;
        final String unit;
        final boolean throughput;
        /** Multiplier from {@link #unit} to seconds per op (or ops per second for throughput). */
        final double toBase;

        Score(String key, double score, double error, String unit) {
            this.key = key;
            this.score = score;
            this.error = Double.isFinite(error) ? error : 0.0;
            this.unit = unit;
            this.throughput = unit.startsWith("ops/");
            this.toBase = unitFactor(unit);
        }

        double base() {
            return score * toBase;
        }

        double relativeError() {
            return score == 0 ? 0 : Math.abs(error / score);
        }
    }

    /** A compared benchmark. */
    static final class Row {
        final String key;
        final Score baseline;
        final Score current;
        final double slowdown;
        final boolean beyondNoise;
        final boolean flagged;
        final String verdict;

        Row(String key, Score baseline, Score current, double threshold, boolean ignoreNoise) {
            this.key = key;
            this.baseline = baseline;
            this.current = current;
            if (baseline == null) {
                slowdown = Double.NaN;
                beyondNoise = false;
                flagged = false;
                verdict = "new (no baseline)";
                return;
            }
            double b = baseline.base();
            double c = current.base();
            slowdown = current.throughput ? b / c : c / b;
            double bLo = (baseline.score - baseline.error) * baseline.toBase;
            double bHi = (baseline.score + baseline.error) * baseline.toBase;
            double cLo = (current.score - current.error) * current.toBase;
            double cHi = (current.score + current.error) * current.toBase;
            beyondNoise = cLo > bHi || cHi < bLo;
            boolean slower = slowdown > 1.0 + threshold;
            boolean faster = slowdown < 1.0 / (1.0 + threshold);
            flagged = slower && (beyondNoise || !ignoreNoise);
            if (slower) {
                verdict = beyondNoise ? "SLOWER" : "SLOWER (within noise)";
            } else if (faster) {
                verdict = beyondNoise ? "faster" : "faster (within noise)";
            } else {
                verdict = "same";
            }
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the comparison; returns the exit status (0 ok, 1 regression, 2 usage or input error). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        double threshold = 0.10;
        boolean ignoreNoise = false;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--threshold")) {
                if (i + 1 >= args.length) {
                    err.println("--threshold needs a value, e.g. --threshold 10% or --threshold 0.1");
                    return 2;
                }
                try {
                    threshold = parseThreshold(args[++i]);
                } catch (IllegalArgumentException e) {
                    err.println(e.getMessage());
                    return 2;
                }
            } else if (a.equals("--ignore-noise")) {
                ignoreNoise = true;
            } else if (a.startsWith("--")) {
                err.println("unknown option " + a + "; usage: CompareResults [--threshold 10%] [--ignore-noise] "
                        + "<baseline.json|dir> <new.json>");
                return 2;
            } else {
                files.add(a);
            }
        }
        if (files.size() != 2) {
            err.println("usage: CompareResults [--threshold 10%] [--ignore-noise] <baseline.json|dir> <new.json> "
                    + "(got " + files.size() + " file arguments)");
            return 2;
        }
        Map<String, Score> baseline;
        Map<String, Score> current;
        try {
            Path newFile = Paths.get(files.get(1));
            baseline = readBaseline(Paths.get(files.get(0)), newFile);
            current = read(newFile);
            if (current == null) {
                err.println(newFile + " is not a JMH JSON result file (expected an array of benchmark results)");
                return 2;
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("cannot read results: " + e.getMessage());
            return 2;
        }
        List<Row> rows = compare(baseline, current, threshold, ignoreNoise);
        print(rows, threshold, ignoreNoise, out);
        for (Row r : rows) {
            if (r.flagged) {
                return 1;
            }
        }
        return 0;
    }

    static double parseThreshold(String s) {
        String t = s.trim();
        double v;
        try {
            v = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100.0 : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("threshold must be a fraction (0.1) or a percentage (10%) but was '"
                    + s + "'");
        }
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("threshold must be >= 0 but was '" + s + "'");
        }
        return v;
    }

    /** Compares every benchmark of {@code current} with its baseline, in the current run's order. */
    static List<Row> compare(Map<String, Score> baseline, Map<String, Score> current, double threshold,
            boolean ignoreNoise) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Score> e : current.entrySet()) {
            rows.add(new Row(e.getKey(), baseline.get(e.getKey()), e.getValue(), threshold, ignoreNoise));
        }
        return rows;
    }

    /** The baseline scores of a file, or of every JMH result file in a directory (except {@code exclude}). */
    static Map<String, Score> readBaseline(Path path, Path exclude) throws IOException {
        if (!Files.isDirectory(path)) {
            Map<String, Score> m = read(path);
            if (m == null) {
                throw new IllegalArgumentException(path + " is not a JMH JSON result file");
            }
            return m;
        }
        List<Path> jsons = new ArrayList<>();
        try (Stream<Path> s = Files.list(path)) {
            s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().forEach(jsons::add);
        }
        Map<String, Score> all = new LinkedHashMap<>();
        for (Path p : jsons) {
            if (Files.exists(exclude) && Files.isSameFile(p, exclude)) {
                continue;
            }
            Map<String, Score> m = read(p);
            if (m != null) {
                all.putAll(m);
            }
        }
        return all;
    }

    /** The scores of one JMH JSON file by key, or null when the file is JSON but not a JMH result. */
    static Map<String, Score> read(Path path) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(path.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(path + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            return null;
        }
        Map<String, Score> m = new LinkedHashMap<>();
        for (JsonNode b : root) {
            JsonNode pm = b.get("primaryMetric");
            if (!b.hasNonNull("benchmark") || pm == null || !pm.hasNonNull("score")) {
                return null;
            }
            String key = key(b);
            String unit = pm.hasNonNull("scoreUnit") ? pm.get("scoreUnit").asText() : "";
            double error = pm.hasNonNull("scoreError") && pm.get("scoreError").isNumber()
                    ? pm.get("scoreError").asDouble() : 0.0;
            m.put(key, new Score(key, pm.get("score").asDouble(), error, unit));
        }
        return m;
    }

    /** Benchmark name (package prefix dropped), mode and parameters in name order. */
    static String key(JsonNode b) {
        String name = b.get("benchmark").asText();
        String shortName = name.startsWith("dev.segmentation.benchmarks.")
                ? name.substring("dev.segmentation.benchmarks.".length()) : name;
        StringBuilder k = new StringBuilder(shortName);
        if (b.hasNonNull("mode")) {
            k.append(" [").append(b.get("mode").asText()).append(']');
        }
        JsonNode params = b.get("params");
        if (params != null && params.isObject()) {
            TreeMap<String, String> sorted = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = params.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), e.getValue().asText());
            }
            String sep = " ";
            for (Map.Entry<String, String> e : sorted.entrySet()) {
                k.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = ",";
            }
        }
        return k.toString();
    }

    /** Seconds per op (time units) or ops per second (throughput units) per unit of {@code unit}. */
    static double unitFactor(String unit) {
        String u = unit.trim();
        if (u.startsWith("ops/")) {
            return 1.0 / seconds(u.substring(4));
        }
        if (u.endsWith("/op")) {
            return seconds(u.substring(0, u.length() - 3));
        }
        return 1.0;
    }

    private static double seconds(String u) {
        switch (u) {
            case "ns": return 1e-9;
            case "us": return 1e-6;
            case "ms": return 1e-3;
            case "s": return 1.0;
            case "min": return 60.0;
            case "hr": return 3600.0;
            case "day": return 86400.0;
            default: return 1.0;
        }
    }

    static void print(List<Row> rows, double threshold, boolean ignoreNoise, PrintStream out) {
        int w = "benchmark".length();
        for (Row r : rows) {
            w = Math.max(w, r.key.length());
        }
        String fmt = "%-" + w + "s  %14s  %14s  %-8s  %8s  %15s  %s%n";
        out.printf(Locale.ROOT, fmt, "benchmark", "baseline", "new", "unit", "slowdown", "noise (b / n)", "verdict");
        int flagged = 0;
        int slower = 0;
        int compared = 0;
        for (Row r : rows) {
            Score c = r.current;
            String base = "-";
            String noise = String.format(Locale.ROOT, "- / %.0f%%", 100 * c.relativeError());
            String ratio = "-";
            if (r.baseline != null) {
                compared++;
                // the baseline in the new run's unit
                base = number(r.baseline.base() / c.toBase);
                noise = String.format(Locale.ROOT, "%.0f%% / %.0f%%", 100 * r.baseline.relativeError(),
                        100 * c.relativeError());
                ratio = String.format(Locale.ROOT, "%.3f", r.slowdown);
                if (r.slowdown > 1.0 + threshold) {
                    slower++;
                }
            }
            if (r.flagged) {
                flagged++;
            }
            out.printf(Locale.ROOT, fmt, r.key, base, number(c.score), c.unit, ratio, noise, r.verdict);
        }
        out.printf(Locale.ROOT, "%n%d benchmarks, %d compared, %d more than %.0f%% slower, %d flagged%s.%n",
                rows.size(), compared, slower, 100 * threshold, flagged, ignoreNoise ? " (slowdowns within the noise "
                        + "are not flagged)" : "");
        out.println("slowdown: new time / baseline time (baseline ops / new ops for throughput); 1.10 = 10% slower.");
        out.println("noise: each score's 99.9% confidence half-width as a percentage of the score (unit-free); a "
                + "change is beyond the noise only when the two confidence intervals do not overlap. On a shared "
                + "machine 10-50% is common: rerun a flagged benchmark with more iterations before trusting it.");
    }

    private static String number(double v) {
        double a = Math.abs(v);
        if (a >= 1000 || a == 0) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
