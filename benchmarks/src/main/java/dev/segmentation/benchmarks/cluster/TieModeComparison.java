package dev.segmentation.benchmarks.cluster;

import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import dev.segmentation.quality.ExternalIndices;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * HDBSCAN's two tie modes ({@link Hdbscan.TieMode}) side by side on tie-heavy data (issue 19, part 3): the sets made
 * by {@code benchmarks/scripts/tie_sets.py} (integer RFM features of Online Retail; benchmark sets rounded to few
 * distinct values, 1-d of 2,048 rows with 58 to 344 distinct values, and 2-d) with the labels of the hdbscan-py
 * stand-in ({@code hdbscan_py_order_emulation.py}, which reproduces hdbscan-py's reference labels on all 9 reference
 * cases with default selection), and the hdbscan-py reference cases themselves (hdbscan-py's own labels).
 *
 * <p>Per set and mode: clusters, noise fraction, ARI against hdbscan-py (noise as one more label), ARI against the
 * ground truth where the source has one, and whether the canonical mode gave the same outputs on 1 and 2 threads and
 * on reversed rows. Writes a markdown table.
 *
 * <p>Usage: {@code TieModeComparison <tie-sets-dir> <shared-data-dir> [out.md]}.
 */
public final class TieModeComparison {
    private TieModeComparison() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args.length > 0 ? args[0] : "benchmarks/results/tie-sets");
        Path shared = Paths.get(args.length > 1 ? args[1] : "../shared/data");
        Path out = Paths.get(args.length > 2 ? args[2] : "benchmarks/results/hdbscan-tie-modes.md");
        StringBuilder md = new StringBuilder();
        md.append("| set | n x d | distinct | mcs | hdbscan-py clusters / noise | SIMULTANEOUS clusters / noise | "
                + "ARI vs py | CANONICAL_ORDER clusters / noise | ARI vs py | ARI vs truth (py / sim / canon) | "
                + "canonical deterministic |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        List<String> lines = Files.readAllLines(dir.resolve("manifest.tsv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            String name = f[0];
            double[][] x = readCsv(dir.resolve(name + ".csv"));
            int[] py = readInts(dir.resolve(name + ".py_labels.txt"));
            Path tp = dir.resolve(name + ".truth.txt");
            int[] truth = Files.exists(tp) ? readInts(tp) : null;
            row(md, name, x, f[3], Integer.parseInt(f[4]), Integer.parseInt(f[5]), py, truth, "stand-in");
        }
        // hdbscan-py's own reference labels
        String[][] refCases = {
            {"clusterable_mcs15", "hdbscan_clusterable_data/clusterable_data.csv", "15", "0"},
            {"clusterable_mcs15_ms5", "hdbscan_clusterable_data/clusterable_data.csv", "15", "5"},
            {"hepta", "clustering_benchmarks_gagolews_v1/fcps/hepta.data.gz", "10", "0"},
            {"tetra", "clustering_benchmarks_gagolews_v1/fcps/tetra.data.gz", "20", "0"},
            {"s1", "clustering_benchmarks_gagolews_v1/sipu/s1.data.gz", "50", "0"},
            {"a1", "clustering_benchmarks_gagolews_v1/sipu/a1.data.gz", "25", "10"},
            {"ring_noisy", "clustering_benchmarks_gagolews_v1/graves/ring_noisy.data.gz", "20", "0"},
            {"chameleon_t4_8k", "clustering_benchmarks_gagolews_v1/other/chameleon_t4_8k.data.gz", "40", "15"},
            {"wine", "clustering_benchmarks_gagolews_v1/uci/wine.data.gz", "10", "0"},
        };
        for (String[] c : refCases) {
            Path p = shared.resolve(c[1]);
            if (!Files.exists(p)) {
                continue;
            }
            double[][] x = p.toString().endsWith(".gz") ? readGz(p) : readCsv(p);
            int[] py = readRefLabels(shared.resolve("reference/hdbscan_" + c[0] + "_fit.csv"));
            row(md, "ref:" + c[0], x, distinct(x), Integer.parseInt(c[2]), Integer.parseInt(c[3]), py, null,
                    "hdbscan-py");
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
        System.out.print(md);
    }

    private static void row(StringBuilder md, String name, double[][] rows, String distinct, int mcs, int ms, int[] py,
            int[] truth, String pySource) {
        DataMatrix x = DataMatrix.ofRows(rows);
        Hdbscan.Builder b = Hdbscan.builder().minClusterSize(mcs);
        if (ms > 0) {
            b.minSamples(ms);
        }
        HdbscanModel sim = b.tieMode(Hdbscan.TieMode.SIMULTANEOUS).build().fit(x, FitContext.seeded(0).withThreads(2));
        Hdbscan canonical = b.tieMode(Hdbscan.TieMode.CANONICAL_ORDER).build();
        HdbscanModel can = canonical.fit(x, FitContext.seeded(0).withThreads(2));
        HdbscanModel can1 = canonical.fit(x, FitContext.seeded(0).withThreads(1));
        int n = rows.length;
        double[][] rev = new double[n][];
        for (int i = 0; i < n; i++) {
            rev[i] = rows[n - 1 - i];
        }
        HdbscanModel canRev = canonical.fit(DataMatrix.ofRows(rev), FitContext.seeded(0).withThreads(2));
        boolean det = Arrays.equals(can.labels(), can1.labels()) && Arrays.equals(can.strengths(), can1.strengths())
                && sameMultiset(rows, can, rev, canRev);
        String truthAri = truth == null ? "-" : String.format(Locale.ROOT, "%.3f / %.3f / %.3f", ari(truth, py),
                ari(truth, sim.labels()), ari(truth, can.labels()));
        md.append(String.format(Locale.ROOT, "| %s | %d x %d | %s | %d | %d / %.3f (%s) | %d / %.3f | %.3f | %d / %.3f "
                + "| %.3f | %s | %s |%n", name, n, rows[0].length, distinct, mcs, clusters(py), noise(py), pySource,
                sim.clusterCount(), noise(sim.labels()), ari(py, sim.labels()), can.clusterCount(),
                noise(can.labels()), ari(py, can.labels()), truthAri, det ? "yes" : "NO"));
    }

    /** Same (row values, label, strength, outlier score) tuples, whatever the row order. */
    private static boolean sameMultiset(double[][] a, HdbscanModel ma, double[][] b, HdbscanModel mb) {
        return Arrays.equals(tuples(a, ma), tuples(b, mb));
    }

    private static String[] tuples(double[][] x, HdbscanModel m) {
        int[] l = m.labels();
        double[] s = m.strengths();
        double[] o = m.outlierScores();
        String[] t = new String[x.length];
        for (int i = 0; i < x.length; i++) {
            t[i] = Arrays.toString(x[i]) + "|" + l[i] + "|" + s[i] + "|" + o[i];
        }
        Arrays.sort(t);
        return t;
    }

    private static double ari(int[] a, int[] b) {
        return ExternalIndices.adjustedRandIndex(a, b);
    }

    private static int clusters(int[] l) {
        return Arrays.stream(l).max().orElse(-1) + 1;
    }

    private static double noise(int[] l) {
        return Arrays.stream(l).filter(v -> v < 0).count() / (double) l.length;
    }

    private static String distinct(double[][] x) {
        StringBuilder s = new StringBuilder();
        for (int j = 0; j < x[0].length && j < 3; j++) {
            final int c = j;
            s.append(j > 0 ? "/" : "").append(Arrays.stream(x).mapToDouble(r -> r[c]).distinct().count());
        }
        return x[0].length > 3 ? s + "/..." : s.toString();
    }

    static double[][] readCsv(Path p) throws IOException {
        List<double[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            try {
                double[] r = new double[f.length];
                for (int j = 0; j < f.length; j++) {
                    r[j] = Double.parseDouble(f[j].trim());
                }
                out.add(r);
            } catch (NumberFormatException header) {
                if (!out.isEmpty()) {
                    throw header;
                }
            }
        }
        return out.toArray(new double[0][]);
    }

    static double[][] readGz(Path p) throws IOException {
        List<double[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(p)),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                out.add(Arrays.stream(line.trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray());
            }
        }
        return out.toArray(new double[0][]);
    }

    static int[] readInts(Path p) throws IOException {
        return Files.readAllLines(p, StandardCharsets.UTF_8).stream().filter(s -> !s.isBlank())
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    }

    static int[] readRefLabels(Path p) throws IOException {
        List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
        int[] l = new int[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            l[i - 1] = Integer.parseInt(lines.get(i).split(",")[1]);
        }
        return l;
    }
}
