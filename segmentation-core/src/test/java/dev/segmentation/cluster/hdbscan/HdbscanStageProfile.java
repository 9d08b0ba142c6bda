package dev.segmentation.cluster.hdbscan;

import dev.segmentation.fit.ProgressListener;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;

/**
 * Not a test: a main program that times each HDBSCAN* stage by the CPU time of the calling thread (ThreadMXBean),
 * single-threaded, on 5-dimensional blobs (10 centres, the benchmark's generator), and prints a fingerprint of
 * every output (labels, strengths, outlier scores, core distances, predictions) so that a speed change can be
 * checked to change no bit. Usage: {@code HdbscanStageProfile [n] [reps]}.
 */
public final class HdbscanStageProfile {
    private HdbscanStageProfile() {
    }

    static double[] blobs(int n, int d, int centres, long seed) {
        return blobs(n, d, centres, seed, seed);
    }

    /** Blobs whose centres come from {@code centreSeed} and whose noise from {@code seed}. */
    static double[] blobs(int n, int d, int centres, long centreSeed, long seed) {
        SplittableRandom r = new SplittableRandom(centreSeed);
        double[] c = new double[centres * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = -10 + 20 * r.nextDouble();
        }
        if (seed != centreSeed) {
            r = new SplittableRandom(seed);
        }
        double[] v = new double[n * d];
        for (int i = 0; i < n; i++) {
            int k = i % centres;
            for (int j = 0; j < d; j++) {
                double u = r.nextDouble();
                double w = r.nextDouble();
                v[i * d + j] = c[k * d + j] + Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
            }
        }
        return v;
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int d = 5;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] data = blobs(n, d, 10, 42);
        double[] queries = args.length > 2 && args[2].equals("far") ? blobs(100_000, d, 10, 43)
                : blobs(100_000, d, 10, 42, 43);
        HdbscanEngine.Settings s = new HdbscanEngine.Settings();
        s.minClusterSize = 50;
        s.threads = 1;
        for (int rep = 0; rep < reps; rep++) {
            long t0 = mx.getCurrentThreadCpuTime();
            int[] id = new int[n];
            for (int i = 0; i < n; i++) {
                id[i] = i;
            }
            KdTree tree = new KdTree(data, n, d, id);
            long t1 = mx.getCurrentThreadCpuTime();
            double[] prev = new double[n];
            double[] core = Mst.coreDistances(tree, 51, 1, prev);
            long t2 = mx.getCurrentThreadCpuTime();
            Mst.Edges e = Mst.boruvka(tree, core, 1, ProgressListener.NONE);
            long t3 = mx.getCurrentThreadCpuTime();
            Hierarchy h = Hierarchy.build(n, e, tree.index);
            Hierarchy.Condensed ct = h.condense(50);
            long t3b = mx.getCurrentThreadCpuTime();
            int bridges = ct.bridges;
            int attached = Bridging.attach(ct, tree, 1);
            long t4 = mx.getCurrentThreadCpuTime();
            HdbscanEngine.Result r = HdbscanEngine.fit(data, n, d, s);
            long t5 = mx.getCurrentThreadCpuTime();
            int[] pl = new int[100_000];
            double[] ps = new double[100_000];
            r.predictor.predict(queries, 100_000, pl, ps, 1);
            long t6 = mx.getCurrentThreadCpuTime();
            System.out.printf("n=%d tree %.3f core %.3f boruvka %.3f hierarchy %.3f bridging %.4f (%d rows, %d "
                    + "attached) | full fit %.3f | predict 100k %.3f s (%.2f us/point)%n", n, (t1 - t0) / 1e9,
                    (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t3b - t3) / 1e9, (t4 - t3b) / 1e9, bridges, attached,
                    (t5 - t4) / 1e9, (t6 - t5) / 1e9, (t6 - t5) / 1e3 / 100_000);
            if (rep == reps - 1) {
                long fp = 17;
                for (int i = 0; i < n; i++) {
                    fp = fp * 31 + r.labels[i];
                    fp = fp * 31 + Double.doubleToLongBits(r.strengths[i]);
                    fp = fp * 31 + Double.doubleToLongBits(r.outlierScores[i]);
                    fp = fp * 31 + Double.doubleToLongBits(r.coreDistances[i]);
                }
                long fq = 17;
                for (int i = 0; i < pl.length; i++) {
                    fq = fq * 31 + pl[i];
                    fq = fq * 31 + Double.doubleToLongBits(ps[i]);
                }
                double wsum = 0;
                for (int i = 0; i < e.count; i++) {
                    wsum += e.w[i];
                }
                System.out.printf("clusters %d fit fingerprint %016x predict fingerprint %016x mst weight %.17g%n",
                        r.clusterCount, fp, fq, wsum);
            }
        }
    }
}
