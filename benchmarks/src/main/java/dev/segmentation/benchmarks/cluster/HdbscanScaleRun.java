package dev.segmentation.benchmarks.cluster;

import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scale run of HDBSCAN* on 5-dimensional blobs (10 centres, fixed seed), minClusterSize 50: wall and process CPU
 * time of the fit for each n (best of a few repetitions after a warm-up), the growth exponents fitted by least
 * squares on log time against log n, and prediction throughput for 100,000 new points drawn from the same blobs
 * (and, for contrast, from blobs elsewhere, far from the training data). The machine may be shared: CPU time is
 * the steadier figure. Usage: {@code HdbscanScaleRun [out.json|-] [threads] [n...]}.
 */
public final class HdbscanScaleRun {
    private HdbscanScaleRun() {
    }

    public static void main(String[] args) throws IOException {
        String out = args.length > 0 ? args[0] : "-";
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int[] sizes = {50_000, 100_000, 200_000, 400_000, 800_000};
        if (args.length > 2) {
            sizes = new int[args.length - 2];
            for (int i = 2; i < args.length; i++) {
                sizes[i - 2] = Integer.parseInt(args[i]);
            }
        }
        FitContext ctx = FitContext.seeded(0).withThreads(threads);
        Hdbscan h = Hdbscan.builder().minClusterSize(50).build();
        h.fit(HdbscanBenchmark.blobs(20_000, 5, 10, 1), ctx); // warm-up
        double[] lx = new double[sizes.length];
        double[] lw = new double[sizes.length];
        double[] lc = new double[sizes.length];
        List<String> rows = new ArrayList<>();
        for (int s = 0; s < sizes.length; s++) {
            int n = sizes[s];
            DataMatrix x = HdbscanBenchmark.blobs(n, 5, 10, 42);
            int reps = n <= 200_000 ? 3 : 1;
            double best = Double.POSITIVE_INFINITY;
            double bestCpu = Double.POSITIVE_INFINITY;
            HdbscanModel last = null;
            for (int r = 0; r < reps; r++) {
                long c0 = HdbscanPeers.processCpuNanos();
                long t0 = System.nanoTime();
                last = h.fit(x, ctx);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                bestCpu = Math.min(bestCpu, (HdbscanPeers.processCpuNanos() - c0) / 1e9);
            }
            int noise = HdbscanPeers.countNoise(last.labels());
            String row = String.format(Locale.ROOT, "    {\"n\": %d, \"fit_wall_s\": %.3f, \"fit_cpu_s\": %.3f, "
                    + "\"clusters\": %d, \"noise\": %d}", n, best, bestCpu, last.clusterCount(), noise);
            System.out.println(row.trim());
            rows.add(row);
            lx[s] = Math.log(n);
            lw[s] = Math.log(best);
            lc[s] = Math.log(bestCpu);
        }
        double expWall = Double.NaN;
        double expCpu = Double.NaN;
        if (sizes.length > 1) {
            expWall = HdbscanPeers.fitLine(lx, lw)[1];
            expCpu = HdbscanPeers.fitLine(lx, lc)[1];
            System.out.printf(Locale.ROOT, "growth exponent: wall %.3f, cpu %.3f%n", expWall, expCpu);
        }
        DataMatrix train = HdbscanBenchmark.blobs(100_000, 5, 10, 42);
        HdbscanModel m = h.fit(train, ctx);
        double[] near = predictSeconds(m, HdbscanBenchmark.blobs(100_000, 5, 10, 42, 43), threads);
        double[] far = predictSeconds(m, HdbscanBenchmark.blobs(100_000, 5, 10, 43), threads);
        System.out.printf(Locale.ROOT, "predict 100000 points from the training blobs: %.3f s wall, %.3f s cpu "
                + "(%.0f points/s wall)%n", near[0], near[1], 100_000 / near[0]);
        System.out.printf(Locale.ROOT, "predict 100000 points from other blobs (far): %.3f s wall, %.3f s cpu "
                + "(%.0f points/s wall)%n", far[0], far[1], 100_000 / far[0]);
        if (!out.equals("-")) {
            StringBuilder json = new StringBuilder();
            json.append("{\n  \"benchmark\": \"HDBSCAN* scale run (ours)\",\n");
            json.append("  \"data\": \"Gaussian blobs, 5 dimensions, 10 centres uniform in [-10,10]^5, unit sd, "
                    + "seed 42\",\n  \"min_cluster_size\": 50,\n");
            json.append(String.format(Locale.ROOT, "  \"threads\": %d,%n  \"machine\": \"%d logical cores shared "
                    + "with other builds (wall times are noisy; CPU is process CPU incl. GC and JIT)\",%n"
                    + "  \"jdk\": \"%s\",%n  \"date\": \"%s\",%n", threads,
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    java.time.LocalDate.now()));
            json.append("  \"runs\": [\n").append(String.join(",\n", rows)).append("\n  ],\n");
            json.append(String.format(Locale.ROOT, "  \"growth_exponent_wall\": %.3f,%n"
                    + "  \"growth_exponent_cpu\": %.3f,%n", expWall, expCpu));
            json.append(String.format(Locale.ROOT, "  \"predict_100k_same_blobs\": {\"wall_s\": %.3f, \"cpu_s\": "
                    + "%.3f, \"points_per_s_wall\": %.0f},%n", near[0], near[1], 100_000 / near[0]));
            json.append(String.format(Locale.ROOT, "  \"predict_100k_far_blobs\": {\"wall_s\": %.3f, \"cpu_s\": "
                    + "%.3f, \"points_per_s_wall\": %.0f}%n}%n", far[0], far[1], 100_000 / far[0]));
            Path p = Paths.get(out);
            Files.createDirectories(p.toAbsolutePath().getParent());
            Files.write(p, json.toString().getBytes(StandardCharsets.UTF_8));
            System.out.println("wrote " + p);
        }
    }

    /** Best of three {wall, cpu} seconds after one warm-up prediction. */
    static double[] predictSeconds(HdbscanModel m, DataMatrix q, int threads) {
        m.predictWithStrength(q, threads);
        double wall = Double.POSITIVE_INFINITY;
        double cpu = Double.POSITIVE_INFINITY;
        for (int r = 0; r < 3; r++) {
            long c0 = HdbscanPeers.processCpuNanos();
            long t0 = System.nanoTime();
            m.predictWithStrength(q, threads);
            wall = Math.min(wall, (System.nanoTime() - t0) / 1e9);
            cpu = Math.min(cpu, (HdbscanPeers.processCpuNanos() - c0) / 1e9);
        }
        return new double[] {wall, cpu};
    }
}
