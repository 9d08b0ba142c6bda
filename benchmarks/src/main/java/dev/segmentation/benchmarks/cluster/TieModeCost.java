package dev.segmentation.benchmarks.cluster;

import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Fit cost of the two HDBSCAN tie modes: n rows of 3 integer columns (RFM-like: few distinct values, many
 * duplicates) and of 3 continuous columns (blobs), minClusterSize 50, one thread; best of three runs of the calling
 * thread's CPU time, after a warm-up. Usage: {@code TieModeCost [n]} (default 100000).
 */
public final class TieModeCost {
    private TieModeCost() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        SplittableRandom r = new SplittableRandom(19);
        double[] ints = new double[n * 3];
        double[] cont = new double[n * 3];
        for (int i = 0; i < n; i++) {
            int c = i % 5;
            for (int j = 0; j < 3; j++) {
                ints[i * 3 + j] = Math.max(0, Math.round(10 * c + 4 * gauss(r)));
                cont[i * 3 + j] = 10 * c + 4 * gauss(r);
            }
        }
        for (String what : new String[] {"integer", "continuous"}) {
            DataMatrix x = DataMatrix.of(n, 3, what.equals("integer") ? ints : cont);
            for (Hdbscan.TieMode mode : Hdbscan.TieMode.values()) {
                Hdbscan h = Hdbscan.builder().minClusterSize(50).tieMode(mode).build();
                h.fit(DataMatrix.of(Math.min(n, 5000), 3, java.util.Arrays.copyOf(what.equals("integer") ? ints
                        : cont, Math.min(n, 5000) * 3)), FitContext.seeded(0).withThreads(1));
                double best = Double.POSITIVE_INFINITY;
                HdbscanModel m = null;
                ThreadMXBean tb = ManagementFactory.getThreadMXBean();
                for (int rep = 0; rep < 3; rep++) {
                    long t0 = tb.getCurrentThreadCpuTime();
                    m = h.fit(x, FitContext.seeded(0).withThreads(1));
                    best = Math.min(best, (tb.getCurrentThreadCpuTime() - t0) / 1e9);
                }
                long noise = java.util.Arrays.stream(m.labels()).filter(v -> v < 0).count();
                System.out.printf(Locale.ROOT, "%s n=%d %s: cpu %.2f s, clusters %d, noise %.3f%n", what, n, mode,
                        best, m.clusterCount(), noise / (double) n);
            }
        }
    }

    static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
