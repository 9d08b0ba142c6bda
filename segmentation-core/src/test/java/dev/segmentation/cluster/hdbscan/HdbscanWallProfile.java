package dev.segmentation.cluster.hdbscan;

import dev.segmentation.fit.ProgressListener;
import dev.segmentation.internal.Cancel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * Not a test: a main program that runs the stages of {@link HdbscanEngine#fit} one by one, as the engine does, with
 * a given thread count, and prints the wall and process CPU seconds (all threads) of each stage, then a
 * fingerprint (core distances, MST weight, labels, strengths, outlier scores of the whole engine fit) so that a
 * speed change can be checked to change no bit. Data: a raw little-endian float64 file ({@code n x d}, as numpy's
 * {@code tofile} writes it) or generated blobs. Usage: {@code HdbscanWallProfile file.f64|blobs n d threads reps}.
 */
public final class HdbscanWallProfile {
    private HdbscanWallProfile() {
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long w0;
    private static long c0;
    private static final StringBuilder LINE = new StringBuilder();

    private static void start() {
        w0 = System.nanoTime();
        c0 = cpu();
    }

    private static void stop(String name) {
        long w = System.nanoTime() - w0;
        long c = cpu() - c0;
        LINE.append(String.format(Locale.ROOT, " %s %.2f/%.2f", name, w / 1e9, c / 1e9));
        start();
    }

    public static void main(String[] args) throws IOException {
        String file = args[0];
        int n = Integer.parseInt(args[1]);
        int d = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        int reps = Integer.parseInt(args[4]);
        double[] data;
        if (file.equals("blobs")) {
            data = HdbscanStageProfile.blobs(n, d, 10, 42);
        } else {
            byte[] b = Files.readAllBytes(Paths.get(file));
            data = new double[n * d];
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(data);
        }
        HdbscanEngine.Settings s = new HdbscanEngine.Settings();
        s.minClusterSize = 50;
        s.threads = threads;
        System.out.println("stage wall/cpu s, n=" + n + " threads=" + threads + " load "
                + new String(Files.readAllBytes(Paths.get("/proc/loadavg"))).trim());
        for (int rep = 0; rep < reps; rep++) {
            LINE.setLength(0);
            long fw = System.nanoTime();
            long fc = cpu();
            start();
            int[] canon = new int[n];
            for (int i = 0; i < n; i++) {
                canon[i] = i;
            }
            final double[] dd = data;
            canon = HdbscanEngine.stableSort(canon, (a, bb) -> {
                int oa = a * d;
                int ob = bb * d;
                for (int k = 0; k < d; k++) {
                    int c = Double.compare(dd[oa + k], dd[ob + k]);
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            }, threads, Cancel.NEVER);
            double[] cdata = new double[n * d];
            int[] identity = new int[n];
            for (int c = 0; c < n; c++) {
                System.arraycopy(data, canon[c] * d, cdata, c * d, d);
                identity[c] = c;
            }
            stop("sort");
            KdTree tree = new KdTree(cdata, n, d, identity, Cancel.NEVER, threads);
            stop("tree");
            double[] prev = new double[n];
            double[] core = Mst.coreDistances(tree, 51, threads, prev, Cancel.NEVER);
            stop("core");
            StringBuilder rounds = new StringBuilder();
            long[] last = {System.nanoTime(), cpu()};
            ProgressListener perRound = (stage, done, total) -> {
                long w = System.nanoTime();
                long c = cpu();
                rounds.append(String.format(Locale.ROOT, " %d:%.2f/%.2f", total - done, (w - last[0]) / 1e9,
                        (c - last[1]) / 1e9));
                last[0] = w;
                last[1] = c;
            };
            Mst.Edges e = Mst.boruvka(tree, core, threads, perRound, Cancel.NEVER, null);
            stop("boruvka");
            Hierarchy h = Hierarchy.build(n, e, tree.index, Cancel.NEVER, false, threads);
            stop("hierarchy");
            Hierarchy.Condensed ct = h.condense(50, Cancel.NEVER);
            stop("condense");
            Bridging.attach(ct, tree, threads, Cancel.NEVER);
            stop("bridging");
            double stagesW = (System.nanoTime() - fw) / 1e9;
            double stagesC = (cpu() - fc) / 1e9;
            long t0 = System.nanoTime();
            long tc = cpu();
            HdbscanEngine.Result r = HdbscanEngine.fit(data, n, d, s);
            double fitW = (System.nanoTime() - t0) / 1e9;
            double fitC = (cpu() - tc) / 1e9;
            long fp = 17;
            for (int i = 0; i < n; i++) {
                fp = fp * 31 + r.labels[i];
                fp = fp * 31 + Double.doubleToLongBits(r.strengths[i]);
                fp = fp * 31 + Double.doubleToLongBits(r.outlierScores[i]);
                fp = fp * 31 + Double.doubleToLongBits(r.coreDistances[i]);
                fp = fp * 31 + Double.doubleToLongBits(prev[i]);
            }
            double wsum = 0;
            for (int i = 0; i < e.count; i++) {
                wsum += e.w[i];
            }
            System.out.printf(Locale.ROOT, "rep %d:%s | stages %.2f/%.2f | engine fit %.2f/%.2f | clusters %d fp %016x "
                    + "mst %.17g%n  boruvka rounds (components left: wall/cpu):%s%n", rep, LINE, stagesW, stagesC, fitW, fitC, r.clusterCount, fp, wsum, rounds);
        }
    }
}
