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

    public static void main(String[] args) {
        int fitN = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int predictN = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
        long g0 = System.nanoTime();
        CustomerSummary fitData = LifetimeData.summary(fitN, 15);
        System.out.printf(Locale.ROOT, "generated %,d customers in %.1f s; load %s%n", fitN,
                (System.nanoTime() - g0) / 1e9, load());
        int fitThreads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
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
