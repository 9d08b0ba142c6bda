package dev.segmentation.benchmarks.cluster;

import dev.segmentation.cluster.Clusterer;
import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.CancellationToken;
import dev.segmentation.fit.FitCancelledException;
import dev.segmentation.fit.FitContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Latency from cancel to {@link FitCancelledException} (issue 13): fits K-Means and HDBSCAN* on 5-dimensional blobs
 * (10 centres, fixed seed) on a second thread, cancels after a series of delays (so the cancel lands in different
 * stages of the fit), either through the {@link CancellationToken} or by interrupting the fitting thread, and
 * prints the time from the cancel call to the moment the exception reaches the fitting thread's catch, and the CPU
 * time the fitting thread used in between (which, unlike the wall time, does not grow when the machine is shared
 * by other processes; work on the pool's worker threads is not included). Also prints
 * the uncancelled fit time for reference (skipped for a clusterer whose row count is given negative). Usage:
 * {@code CancellationLatency [kmeansRows] [hdbscanRows] [threads] [delayMs...]}; a row count of 0 skips that
 * clusterer.
 */
public final class CancellationLatency {
    private CancellationLatency() {
    }

    /** {@code n} rows around {@code centres} Gaussian centres in [-10, 10]^d, sd 1. */
    static DataMatrix blobs(int n, int d, int centres, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] c = new double[centres * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = r.nextDouble() * 20 - 10;
        }
        double[] v = new double[n * d];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(centres);
            for (int j = 0; j < d; j++) {
                v[i * d + j] = c[k * d + j] + gauss(r);
            }
        }
        return DataMatrix.of(n, d, v);
    }

    private static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    public static void main(String[] args) throws Exception {
        int kmRows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int hdRows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        long[] delays = {50, 200, 500, 1000, 2000, 4000, 7000};
        if (args.length > 3) {
            delays = new long[args.length - 3];
            for (int i = 3; i < args.length; i++) {
                delays[i - 3] = Long.parseLong(args[i]);
            }
        }
        Clusterer kmeans = KMeans.builder().k(10).nInit(10).build();
        Clusterer hdbscan = Hdbscan.builder().minClusterSize(50).build();
        if (kmRows != 0) {
            run("kmeans", kmeans, blobs(Math.abs(kmRows), 5, 10, 42), threads, delays, kmRows > 0);
        }
        if (hdRows != 0) {
            run("hdbscan", hdbscan, blobs(Math.abs(hdRows), 5, 10, 42), threads, delays, hdRows > 0);
        }
    }

    private static void run(String name, Clusterer c, DataMatrix x, int threads, long[] delays, boolean reference)
            throws Exception {
        FitContext base = FitContext.seeded(1).withThreads(threads);
        if (reference) {
            long t0 = System.nanoTime();
            c.fit(x, base);
            double full = (System.nanoTime() - t0) / 1e6;
            System.out.printf(Locale.ROOT, "%s %d x %d, %d threads: uncancelled fit %.0f ms%n", name, x.rows(),
                    x.cols(), threads, full);
        } else {
            System.out.printf(Locale.ROOT, "%s %d x %d, %d threads%n", name, x.rows(), x.cols(), threads);
        }
        for (boolean interrupt : new boolean[] {false, true}) {
            double[] lat = new double[delays.length];
            for (int i = 0; i < delays.length; i++) {
                double[] r = once(c, x, base, delays[i], interrupt);
                lat[i] = r[0];
                System.out.printf(Locale.ROOT, "  %s after %5d ms: %7.1f ms wall, %7.1f ms cpu of the fitting thread"
                        + " (stage at cancel: %s)%n", interrupt ? "interrupt" : "token    ", delays[i], r[0], r[1],
                        lastStage);
            }
            double[] s = Arrays.stream(lat).filter(v -> !Double.isNaN(v)).sorted().toArray();
            if (s.length > 0) {
                System.out.printf(Locale.ROOT, "  %s: max %.1f ms, median %.1f ms over %d cancels%n",
                        interrupt ? "interrupt" : "token", s[s.length - 1], s[s.length / 2], s.length);
            }
        }
    }

    /**
     * Milliseconds from cancel to the exception, wall and CPU of the fitting thread; NaN when the fit finished
     * before the cancel.
     */
    private static volatile String lastStage = "";

    private static double[] once(Clusterer c, DataMatrix x, FitContext base, long delayMs, boolean interrupt)
            throws Exception {
        CancellationToken token = new CancellationToken();
        AtomicLong caught = new AtomicLong();
        AtomicLong caughtCpu = new AtomicLong();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        AtomicReference<Throwable> other = new AtomicReference<>();
        AtomicReference<String> stage = new AtomicReference<>("start");
        Thread t = new Thread(() -> {
            try {
                c.fit(x, base.withCancellation(token).withListener((st, done, total) -> stage.set(st)));
            } catch (FitCancelledException e) {
                caught.set(System.nanoTime());
                caughtCpu.set(mx.getCurrentThreadCpuTime());
            } catch (Throwable e) {
                other.set(e);
            }
        }, "fit");
        t.start();
        Thread.sleep(delayMs);
        long cancelCpu = mx.getThreadCpuTime(t.getId());
        long cancelAt = System.nanoTime();
        if (!t.isAlive()) {
            return new double[] {Double.NaN, Double.NaN};
        }
        String atCancel = stage.get();
        if (interrupt) {
            t.interrupt();
        } else {
            token.cancel();
        }
        lastStage = atCancel;
        t.join();
        if (other.get() != null) {
            throw new IllegalStateException(other.get());
        }
        if (caught.get() == 0) {
            return new double[] {Double.NaN, Double.NaN}; // finished before the cancel took effect
        }
        System.gc();
        return new double[] {(caught.get() - cancelAt) / 1e6, (caughtCpu.get() - cancelCpu) / 1e6};
    }
}
