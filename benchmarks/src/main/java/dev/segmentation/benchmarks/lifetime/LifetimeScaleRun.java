package dev.segmentation.benchmarks.lifetime;

import dev.segmentation.lifetime.BgNbd;
import dev.segmentation.lifetime.BgNbdModel;
import dev.segmentation.lifetime.CustomerSummary;
import dev.segmentation.lifetime.GammaGamma;
import dev.segmentation.lifetime.GammaGammaModel;
import dev.segmentation.lifetime.LifetimePredictor;
import dev.segmentation.lifetime.LifetimeValues;
import dev.segmentation.lifetime.TimeUnit;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The figures of {@link LifetimeBenchmark} with CPU time and load average beside the wall clock (the machine is
 * shared): BG/NBD and Gamma-Gamma fits on 1M customers (3 runs each; the fit is single-threaded, so its thread CPU
 * time is its cost), and predictions for 10M customers with 1 and 2 threads (3 runs each, process CPU), checking that
 * both thread counts give the same bits. Usage: {@code java -Xmx4g -cp benchmarks.jar
 * dev.segmentation.benchmarks.lifetime.LifetimeScaleRun [fitCustomers] [predictCustomers (0: fits only)] [fitThreads]}.
 */
public final class LifetimeScaleRun {
    private LifetimeScaleRun() {
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The numbers of distinct (x, tx, T) triples (the BG/NBD sufficient statistic), of distinct (x, mean spend)
     * pairs among repeat customers (Gamma-Gamma's), and of repeat customers, counted here independently of the
     * library's grouping (packed keys, sorted).
     */
    static long[] distinctCounts(CustomerSummary s) {
        int n = s.size();
        double[] fx = s.frequency();
        double[] ftx = s.recency();
        double[] ft = s.t();
        double[] fm = s.monetaryValue();
        long[] triples = new long[n];
        long[] pairs = new long[n];
        int repeat = 0;
        for (int i = 0; i < n; i++) {
            long x = (long) fx[i];
            triples[i] = (x << 40) | ((long) ftx[i] << 20) | (long) ft[i];
            if (x > 0) {
                pairs[repeat++] = Double.doubleToLongBits(fm[i]) * 1_000_003L + x; // a hash: may only undercount
            }
        }
        return new long[] {countDistinct(triples, n), countDistinct(pairs, repeat), repeat};
    }

    private static long countDistinct(long[] keys, int len) {
        long[] k = Arrays.copyOf(keys, len);
        Arrays.sort(k);
        long c = 0;
        for (int i = 0; i < len; i++) {
            if (i == 0 || k[i] != k[i - 1]) {
                c++;
            }
        }
        return c;
    }

    public static void main(String[] args) {
        int fitN = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int predictN = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
        long g0 = System.nanoTime();
        CustomerSummary fitData = LifetimeData.summary(fitN, 15);
        System.out.printf(Locale.ROOT, "generated %,d customers in %.1f s; load %s%n", fitN,
                (System.nanoTime() - g0) / 1e9, load());
        int fitThreads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        long[] counts = distinctCounts(fitData);
        System.out.printf(Locale.ROOT, "distinct (x, tx, T) triples %d of %d customers; distinct (x, mean spend) pairs"
                + " %d of %d repeat customers%n", counts[0], fitN, counts[1], counts[2]);
        for (int run = 0; run < 3; run++) {
            long w = System.nanoTime();
            long c = processCpu();
            BgNbdModel bg = BgNbd.builder().threads(fitThreads).build().fit(fitData);
            long w1 = System.nanoTime();
            long c1 = processCpu();
            GammaGammaModel gg = GammaGamma.builder().build().fit(fitData);
            long w2 = System.nanoTime();
            long c2 = processCpu();
            System.out.printf(Locale.ROOT, "fit %,d: BG/NBD (%d threads) wall %.2f s, process CPU %.2f s (%s; %s);"
                    + " Gamma-Gamma (1 thread) wall %.2f s, process CPU %.2f s (%s); load %s%n", fitN, fitThreads,
                    (w1 - w) / 1e9, (c1 - c) / 1e9, bg, bg.diagnostics().orElseThrow(), (w2 - w1) / 1e9,
                    (c2 - c1) / 1e9, gg, load());
            var d = bg.diagnostics().orElseThrow();
            var dg = gg.diagnostics().orElseThrow();
            System.out.printf(Locale.ROOT, "RESULT {\"run\": %d, \"customers\": %d, \"threads\": %d,"
                    + " \"bgnbd_wall_s\": %.4f, \"bgnbd_process_cpu_s\": %.4f, \"bgnbd_passes\": %d,"
                    + " \"bgnbd_newton_iterations\": %d, \"bgnbd_log_likelihood\": %.10f,"
                    + " \"bgnbd_relative_gradient_norm\": %.3e, \"bgnbd_parameters\": [%.15g, %.15g, %.15g, %.15g],"
                    + " \"gamma_gamma_wall_s\": %.4f, \"gamma_gamma_process_cpu_s\": %.4f,"
                    + " \"gamma_gamma_passes\": %d, \"distinct_triples\": %d, \"distinct_spend_pairs\": %d,"
                    + " \"load_after\": \"%s\"}%n", run, fitN, fitThreads, (w1 - w) / 1e9, (c1 - c) / 1e9,
                    d.evaluations(), d.newtonIterations(), d.logLikelihood(), d.relativeGradientNorm(), bg.r(),
                    bg.alpha(), bg.a(), bg.b(), (w2 - w1) / 1e9, (c2 - c1) / 1e9, dg.evaluations(), counts[0],
                    counts[1], load());
        }
        if (predictN == 0) {
            return;
        }
        fitData = null;
        g0 = System.nanoTime();
        CustomerSummary data = LifetimeData.summary(predictN, 16);
        System.out.printf(Locale.ROOT, "generated %,d customers in %.1f s; load %s%n", predictN,
                (System.nanoTime() - g0) / 1e9, load());
        BgNbdModel bg = BgNbdModel.of(0.826541912083235, 68.90512058573017, 0.003437377900553807, 6.745116204448827,
                TimeUnit.DAY);
        GammaGammaModel gg = GammaGammaModel.of(2.1033820144182607, 3.4511789586115507, 485.88859457600637);
        double[] reference = null;
        for (int threads : new int[] {1, 2}) {
            LifetimePredictor p = LifetimePredictor.builder().threads(threads).build();
            for (int run = 0; run < 4; run++) {
                long w = System.nanoTime();
                long c = processCpu();
                LifetimeValues v = p.predict(bg, gg, data);
                long w1 = System.nanoTime();
                long c1 = processCpu();
                double[] clv = v.clv();
                if (reference == null) {
                    reference = clv;
                } else if (!Arrays.equals(reference, clv)) {
                    throw new AssertionError("threads " + threads + " gave other bits");
                }
                System.out.printf(Locale.ROOT, "predict %,d, %d threads%s: wall %.3f s (%.1f M customers/s), process"
                        + " CPU %.3f s (%.1f M customers per CPU-second); load %s%n", predictN, threads,
                        run == 0 ? " (warm-up)" : "", (w1 - w) / 1e9, predictN / ((w1 - w) / 1e3),
                        (c1 - c) / 1e9, predictN / ((c1 - c) / 1e3), load());
            }
        }
        System.out.println("1 and 2 threads gave the same bits");
    }
}
