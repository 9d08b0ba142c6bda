package dev.segmentation.benchmarks.cluster;

import dev.segmentation.cluster.series.DtwKMeans;
import dev.segmentation.cluster.series.DtwKMeansModel;
import dev.segmentation.cluster.series.KShape;
import dev.segmentation.cluster.series.KShapeModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Scale run of the series clusterers (issue 19 part 2) on simulated weekly demand: {@code n} series of {@code t}
 * weeks, each one of {@code k} shapes (a bump, a step, two seasons, growth, ...; shifted by up to 4 weeks, scaled,
 * offset, with noise sd 0.3). Times a k-Shape fit and a DTW K-Means fit (band {@code band}, 1 DBA step) with
 * {@code maxIter} iterations each (1 = seeding, one refinement and two assignments), with wall and process CPU time
 * and the system load average before and after each fit (the machine may be shared: CPU time is the steadier figure).
 * Usage: {@code SeriesClusteringScaleRun [out.json|-] [threads] [n] [t] [k] [band] [maxIter]}.
 */
public final class SeriesClusteringScaleRun {
    private SeriesClusteringScaleRun() {
    }

    public static void main(String[] args) throws IOException {
        String out = args.length > 0 ? args[0] : "-";
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int t = args.length > 3 ? Integer.parseInt(args[3]) : 104;
        int k = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        int band = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        int maxIter = args.length > 6 ? Integer.parseInt(args[6]) : 1;
        FitContext ctx = FitContext.seeded(0).withThreads(threads);
        DataMatrix warm = simulate(5_000, t, k, 1);
        KShape kshape = KShape.builder().k(k).maxIter(maxIter).build();
        DtwKMeans dtw = DtwKMeans.builder().k(k).bandRadius(band).dbaIterations(1).maxIter(maxIter).build();
        kshape.fit(warm, ctx);
        dtw.fit(warm, ctx);
        DataMatrix x = simulate(n, t, k, 42);
        List<String> rows = new ArrayList<>();
        for (String alg : new String[] {"kshape", "dtw-kmeans"}) {
            double load0 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            long c0 = HdbscanPeers.processCpuNanos();
            long t0 = System.nanoTime();
            double inertia;
            int iterations;
            if (alg.equals("kshape")) {
                KShapeModel m = kshape.fit(x, ctx);
                inertia = m.inertia();
                iterations = m.iterations();
            } else {
                DtwKMeansModel m = dtw.fit(x, ctx);
                inertia = m.inertia();
                iterations = m.iterations();
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = (HdbscanPeers.processCpuNanos() - c0) / 1e9;
            double load1 = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            String row = String.format(Locale.ROOT, "    {\"algorithm\": \"%s\", \"n\": %d, \"t\": %d, \"k\": %d, "
                    + "\"band\": %s, \"max_iter\": %d, \"iterations\": %d, \"fit_wall_s\": %.3f, "
                    + "\"fit_cpu_s\": %.3f, \"load_before\": %.2f, \"load_after\": %.2f, \"mean_distance\": %.6f}",
                    alg, n, t, k, alg.equals("kshape") ? "null" : Integer.toString(band), maxIter, iterations, wall,
                    cpu, load0, load1, inertia / n);
            System.out.println(row.trim());
            rows.add(row);
        }
        if (!out.equals("-")) {
            String json = "{\n  \"benchmark\": \"series clustering scale run (k-Shape, DTW K-Means)\",\n"
                    + "  \"data\": \"simulated weekly demand, k shapes shifted by up to 4 weeks, seed 42\",\n"
                    + String.format(Locale.ROOT, "  \"threads\": %d,%n  \"machine\": \"%d logical cores shared with "
                            + "other builds (wall times are noisy; CPU is process CPU incl. GC and JIT)\",%n"
                            + "  \"jdk\": \"%s\",%n  \"date\": \"%s\",%n", threads,
                            Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                            java.time.LocalDate.now())
                    + "  \"runs\": [\n" + String.join(",\n", rows) + "\n  ]\n}\n";
            Files.writeString(Path.of(out), json);
        }
    }

    /** {@code n} series of {@code t} weeks, row i of shape i % shapes. */
    static DataMatrix simulate(int n, int t, int shapes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n * t];
        for (int i = 0; i < n; i++) {
            int s = i % shapes;
            int shift = rng.nextInt(9) - 4;
            double scale = 0.5 + 2 * rng.nextDouble();
            double offset = 5 + 10 * rng.nextDouble();
            for (int p = 0; p < t; p++) {
                double u = (double) Math.floorMod(p - shift, t) / t;
                v[i * t + p] = offset + scale * shape(s, u) + 0.3 * rng.nextGaussian();
            }
        }
        return DataMatrix.wrap(n, t, v);
    }

    private static double shape(int s, double u) {
        switch (s % 8) {
            case 0:
                return Math.exp(-Math.pow((u - 0.5) / 0.05, 2));
            case 1:
                return u < 0.5 ? 0 : 1;
            case 2:
                return Math.sin(4 * Math.PI * u);
            case 3:
                return u * u;
            case 4:
                return Math.exp(-Math.pow((u - 0.9) / 0.03, 2));
            case 5:
                return Math.sin(2 * Math.PI * u);
            case 6:
                return 1 - u;
            default:
                return Math.abs(Math.sin(8 * Math.PI * u));
        }
    }
}
