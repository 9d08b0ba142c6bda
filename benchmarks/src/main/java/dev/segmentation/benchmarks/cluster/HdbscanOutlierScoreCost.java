package dev.segmentation.benchmarks.cluster;

import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What approximate GLOSH outlier scores of new rows cost on top of approximate prediction (a main program): the
 * {@link HdbscanBenchmark} model (blobs, 10 centres in 5 dimensions, minClusterSize 50) and 100,000 new points from
 * the same blobs, timed in alternation within one JVM:
 * <ul>
 *   <li>{@link HdbscanModel#predict(DataMatrix)}: labels only (strengths computed, no outlier score);</li>
 *   <li>{@link HdbscanModel#predictWithStrength(DataMatrix, int)}: labels, strengths and outlier scores from the same
 *       neighbour query.</li>
 * </ul>
 * Reports best and median wall times and the process CPU time of each repeat, the ratio of the medians, the load
 * average before and after, and checks that labels agree between the two and that the outlier scores have the same
 * bits on 1 thread and on the given threads. The machine may be shared: read the ratio, measured in one run, and
 * the CPU times.
 *
 * <p>Usage: {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar
 * dev.segmentation.benchmarks.cluster.HdbscanOutlierScoreCost [out.json [n [queries [threads [repeats]]]]]};
 * defaults {@code benchmarks/results/hdbscan-outlier-cost-<date>.json}, 100000, 100000, 2, 5. {@code predict(x)} uses
 * every visible processor: run it with as many as {@code threads}.
 */
public final class HdbscanOutlierScoreCost {
    private HdbscanOutlierScoreCost() {
    }

    private static long cpu() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    }

    private static double median(double[] v) {
        double[] w = v.clone();
        Arrays.sort(w);
        return w.length % 2 == 1 ? w[w.length / 2] : (w[w.length / 2 - 1] + w[w.length / 2]) / 2;
    }

    public static void main(String[] args) throws IOException {
        String out = args.length > 0 ? args[0]
                : "benchmarks/results/hdbscan-outlier-cost-" + java.time.LocalDate.now() + ".json";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int m = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        DataMatrix data = HdbscanBenchmark.blobs(n, 5, 10, 42);
        DataMatrix queries = HdbscanBenchmark.blobs(m, 5, 10, 42, 43);
        long t0 = System.nanoTime();
        HdbscanModel model = Hdbscan.builder().minClusterSize(50).build()
                .fit(data, FitContext.seeded(0).withThreads(threads));
        double fit = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "fit %,d x 5 in %.2f s, %d clusters; %d processors visible%n", n, fit,
                model.clusterCount(), Runtime.getRuntime().availableProcessors());
        double[] wallLabels = new double[repeats];
        double[] cpuLabels = new double[repeats];
        double[] wallScores = new double[repeats];
        double[] cpuScores = new double[repeats];
        int[] labels = null;
        double[] scores = null;
        // one untimed warm-up of each, then alternate
        model.predict(queries);
        model.predictWithStrength(queries, threads);
        for (int k = 0; k < repeats; k++) {
            long c0 = cpu();
            long w0 = System.nanoTime();
            int[] l = model.predict(queries);
            wallLabels[k] = (System.nanoTime() - w0) / 1e9;
            cpuLabels[k] = (cpu() - c0) / 1e9;
            c0 = cpu();
            w0 = System.nanoTime();
            HdbscanModel.Prediction p = model.predictWithStrength(queries, threads);
            wallScores[k] = (System.nanoTime() - w0) / 1e9;
            cpuScores[k] = (cpu() - c0) / 1e9;
            if (!Arrays.equals(l, p.labels())) {
                throw new IllegalStateException("repeat " + k + ": labels differ between the two calls");
            }
            if (labels == null) {
                labels = l;
                scores = p.outlierScores();
            } else if (!Arrays.equals(labels, l) || !Arrays.equals(scores, p.outlierScores())) {
                throw new IllegalStateException("repeat " + k + " gave other results");
            }
            System.out.printf(Locale.ROOT, "repeat %d: labels only %.3f s (CPU %.3f s), with outlier scores %.3f s "
                    + "(CPU %.3f s)%n", k, wallLabels[k], cpuLabels[k], wallScores[k], cpuScores[k]);
        }
        boolean sameBits = Arrays.equals(scores, model.outlierScores(queries, 1));
        if (!sameBits) {
            throw new IllegalStateException("outlier scores differ between 1 and " + threads + " threads");
        }
        double ratioWall = median(wallScores) / median(wallLabels);
        double ratioCpu = median(cpuScores) / median(cpuLabels);
        double meanScore = Arrays.stream(scores).average().orElse(Double.NaN);
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf(Locale.ROOT, "median ratio with/without outlier scores: wall %.3f, CPU %.3f%n", ratioWall,
                ratioCpu);
        String json = String.format(Locale.ROOT, "{%n  \"what\": \"HDBSCAN approximate prediction of %d new points, "
                + "model of %d x 5 blobs (minClusterSize 50): labels only vs labels + strengths + approximate GLOSH "
                + "outlier scores\",%n  \"java\": \"%s\",%n  \"processors\": %d,%n  \"threads\": %d,%n"
                + "  \"fit_s\": %.3f,%n  \"clusters\": %d,%n  \"labels_only_wall_s\": %s,%n  \"labels_only_cpu_s\": %s,%n"
                + "  \"with_outlier_scores_wall_s\": %s,%n  \"with_outlier_scores_cpu_s\": %s,%n"
                + "  \"median_ratio_wall\": %.4f,%n  \"median_ratio_cpu\": %.4f,%n  \"mean_outlier_score\": %.6f,%n"
                + "  \"same_bits_1_thread\": %s,%n  \"load_average_before\": %.2f,%n  \"load_average_after\": %.2f%n}%n",
                m, n, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), threads, fit,
                model.clusterCount(), Arrays.toString(wallLabels), Arrays.toString(cpuLabels),
                Arrays.toString(wallScores), Arrays.toString(cpuScores), ratioWall, ratioCpu, meanScore, sameBits,
                loadBefore, loadAfter);
        Path file = Path.of(out);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, json, StandardCharsets.UTF_8);
        System.out.println("wrote " + file);
    }
}
