package dev.segmentation.cluster;

import dev.segmentation.data.DataMatrix;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Opens K-Means internals to the JMH benchmarks (same package, benchmarks module only, never published): the
 * fitted-data layout, one Lloyd iteration from fixed centres, and one k-means++ seeding. Its {@link #main} times
 * one Lloyd iteration by CPU time, which tells real gains from the noise of a shared machine better than wall time.
 */
public final class KMeansBenchmarkAccess {
    private final KMeansData data;
    private final KMeansRun run;
    private final KMeansPlusPlus init;
    private final int k;

    /** Lays out {@code x} (input order, as a fit with canonical order off) for {@code k} centres on {@code threads}. */
    public KMeansBenchmarkAccess(DataMatrix x, int k, int threads) {
        this.data = KMeansData.of(x, false);
        this.run = new KMeansRun(data, k, threads, false);
        this.init = new KMeansPlusPlus(data, k, threads);
        this.k = k;
    }

    /**
     * Lays out {@code x} (input order) once, for {@link #fixedIterations} with the Lloyd or Hamerly engine: the
     * state the peer benchmarks start from (each peer's own data conversion is untimed too).
     */
    public KMeansBenchmarkAccess(DataMatrix x, int k, int threads, boolean hamerly) {
        this.data = KMeansData.of(x, false);
        this.run = new KMeansRun(data, k, threads, hamerly);
        this.init = new KMeansPlusPlus(data, k, threads);
        this.k = k;
    }

    /**
     * Exactly {@code iterations} iterations (tol 0; fewer only if no label changes) from {@code init}
     * ({@code k x d}, row-major) on the prepared data, with the final labels as a fit computes them; returns the
     * centres, row-major.
     */
    public double[] fixedIterations(double[] init, int iterations) {
        return run.run(init, iterations, 0.0).centres;
    }

    /** Whether K-Means runs use the optional Vector API kernels ({@code --add-modules jdk.incubator.vector}). */
    public static boolean vectorApi() {
        return KMeansKernels.vectorEnabled;
    }

    /** One Lloyd iteration (assignment and update) from {@code centres}; returns the total squared shift. */
    public double lloydIteration(double[] centres) {
        return run.iterate(centres);
    }

    /**
     * One Lloyd iteration from {@code centres} after a first one ({@link #lloydIteration}) from the same centres:
     * the labels do not change, so the exact sums are kept (a fit's last iterations); returns the total squared
     * shift.
     */
    public double lloydIterationSteady(double[] centres) {
        return run.iterateAgain(centres);
    }

    /** Greedy k-means++ seeding with a generator seeded by {@code seed}; returns the {@code k x d} centres. */
    public double[] kmeansPlusPlus(long seed) {
        double[] c = new double[k * data.d];
        init.init(new SplittableRandom(seed), c);
        return c;
    }

    /**
     * CPU time of one Lloyd iteration on the data of {@code KMeansBenchmark} (1,000,000 x 8 blobs, k = 8, centres k
     * spread data rows): the minimum over the second half of {@code reps} iterations of the CPU time summed over
     * all live threads, and the wall time. Arguments: {@code threads} (default 1), {@code reps} (default 40), and what to
     * time: {@code lloyd} (the default), {@code lloydSteady} (an iteration in which no label changes, after a first
     * one), {@code lloyd20} or {@code hamerly20} (20 iterations from the fixed centres
     * and the final labels, with the Lloyd or the Hamerly engine), {@code kmeanspp} (one seeding), {@code prepare} or {@code prepareCanonical}
     * (the validated tiled copy of the data, in input or canonical order; the one-thread preparation); then the
     * data, {@code blobs} (default; {@code blobs5}: the same with 5 columns) or {@code rfm} (1,000,000 x 3 simulated RFM-like features without cluster
     * structure), and k (default 8).
     */
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        String what = args.length > 2 ? args[2] : "lloyd";
        String kind = args.length > 3 ? args[3] : "blobs";
        int k = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        int n = 1_000_000;
        int d = kind.equals("rfm") ? 3 : kind.equals("blobs5") ? 5 : 8;
        SplittableRandom rng = new SplittableRandom(20_240_601L);
        double[] c = new double[k * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = rng.nextDouble() * 20 - 10;
        }
        double[] v = new double[n * d];
        for (int i = 0; i < n; i++) {
            if (kind.equals("rfm")) {
                // RFM-like features of simulated customers, log1p-transformed and centred (no cluster structure):
                // recency in days (exponential), frequency (geometric), monetary value (log-normal)
                double activity = rng.nextGaussian();
                v[i * d] = Math.log1p(-Math.log(1 - rng.nextDouble()) * 90 * Math.exp(-0.5 * activity)) - 3.8;
                v[i * d + 1] = Math.log1p(Math.floor(-Math.log(1 - rng.nextDouble()) * 4 * Math.exp(0.6 * activity)))
                        - 1.2;
                v[i * d + 2] = 0.8 * rng.nextGaussian() + 0.5 * activity;
            } else {
                int b = rng.nextInt(k);
                for (int j = 0; j < d; j++) {
                    v[i * d + j] = c[b * d + j] + rng.nextGaussian();
                }
            }
        }
        DataMatrix x = DataMatrix.wrap(n, d, v);
        KMeansBenchmarkAccess access = new KMeansBenchmarkAccess(x, k, threads, what.equals("hamerly20"));
        double[] centres = new double[k * d];
        for (int q = 0; q < k; q++) {
            System.arraycopy(x.row((int) ((long) q * n / k)), 0, centres, q * d, d);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long minCpu = Long.MAX_VALUE;
        long minWall = Long.MAX_VALUE;
        double sink = 0;
        for (int it = 0; it < reps; it++) {
            long c0 = allThreadsCpu(mx);
            long w0 = System.nanoTime();
            switch (what) {
                case "lloyd": sink += access.lloydIteration(centres); break;
                case "lloydSteady":
                    if (it == 0) {
                        sink += access.lloydIteration(centres);
                    }
                    sink += access.lloydIterationSteady(centres);
                    break;
                case "lloyd20":
                case "hamerly20": sink += access.fixedIterations(centres, 20)[0]; break;
                case "kmeanspp": sink += access.kmeansPlusPlus(it)[0]; break;
                case "prepare": sink += KMeansData.of(x, false).meanVariance(1); break;
                case "prepareCanonical": sink += KMeansData.of(x, true).meanVariance(1); break;
                default: throw new IllegalArgumentException(
                        "lloyd, lloydSteady, lloyd20, hamerly20, kmeanspp, prepare or prepareCanonical: " + what);
            }
            long w = System.nanoTime() - w0;
            long cpu = allThreadsCpu(mx) - c0;
            if (it >= reps / 2) {
                minCpu = Math.min(minCpu, cpu);
                minWall = Math.min(minWall, w);
            }
        }
        System.out.printf(Locale.ROOT, "threads %d: %s (" + kind + " 1,000,000 x " + d + ", k = " + k + "): CPU %.2f ms (all "
                + "threads, min), wall %.2f ms (min)  [%s]%n", threads, what, minCpu / 1e6, minWall / 1e6, sink > 0);
    }

    private static long allThreadsCpu(ThreadMXBean mx) {
        long s = 0;
        for (long id : mx.getAllThreadIds()) {
            long t = mx.getThreadCpuTime(id);
            if (t > 0) {
                s += t;
            }
        }
        return s;
    }
}
