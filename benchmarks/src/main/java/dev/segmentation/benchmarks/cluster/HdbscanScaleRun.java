package dev.segmentation.benchmarks.cluster;

import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;

/**
 * Scale run of HDBSCAN* on 5-dimensional blobs (10 centres, fixed seed), minClusterSize 50: fit time for each n
 * (best of a few repetitions after a warm-up), the growth exponent fitted by least squares on log time against
 * log n, and prediction throughput for 100,000 new points. Usage: {@code HdbscanScaleRun [threads] [n...]}.
 */
public final class HdbscanScaleRun {
    private HdbscanScaleRun() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int[] sizes = {50_000, 100_000, 200_000, 400_000, 800_000};
        if (args.length > 1) {
            sizes = new int[args.length - 1];
            for (int i = 1; i < args.length; i++) {
                sizes[i - 1] = Integer.parseInt(args[i]);
            }
        }
        FitContext ctx = FitContext.seeded(0).withThreads(threads);
        Hdbscan h = Hdbscan.builder().minClusterSize(50).build();
        h.fit(HdbscanBenchmark.blobs(20_000, 5, 10, 1), ctx); // warm-up
        double[] lx = new double[sizes.length];
        double[] ly = new double[sizes.length];
        HdbscanModel last = null;
        for (int s = 0; s < sizes.length; s++) {
            int n = sizes[s];
            DataMatrix x = HdbscanBenchmark.blobs(n, 5, 10, 42);
            int reps = n <= 200_000 ? 3 : 1;
            double best = Double.POSITIVE_INFINITY;
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                last = h.fit(x, ctx);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            int noise = 0;
            for (int l : last.labels()) {
                noise += l < 0 ? 1 : 0;
            }
            System.out.printf("n=%d fit %.3f s clusters=%d noise=%d%n", n, best, last.clusterCount(), noise);
            lx[s] = Math.log(n);
            ly[s] = Math.log(best);
        }
        if (sizes.length > 1) {
            double mx = 0;
            double my = 0;
            for (int i = 0; i < sizes.length; i++) {
                mx += lx[i] / sizes.length;
                my += ly[i] / sizes.length;
            }
            double sxy = 0;
            double sxx = 0;
            for (int i = 0; i < sizes.length; i++) {
                sxy += (lx[i] - mx) * (ly[i] - my);
                sxx += (lx[i] - mx) * (lx[i] - mx);
            }
            System.out.printf("growth exponent %.3f%n", sxy / sxx);
        }
        DataMatrix train = HdbscanBenchmark.blobs(100_000, 5, 10, 42);
        HdbscanModel m = h.fit(train, ctx);
        DataMatrix q = HdbscanBenchmark.blobs(100_000, 5, 10, 43);
        m.predictWithStrength(q, threads);
        long t0 = System.nanoTime();
        m.predictWithStrength(q, threads);
        double sec = (System.nanoTime() - t0) / 1e9;
        System.out.printf("predict 100000 points: %.3f s (%.0f points/s)%n", sec, 100_000 / sec);
    }
}
