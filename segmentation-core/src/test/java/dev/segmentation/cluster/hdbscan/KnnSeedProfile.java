package dev.segmentation.cluster.hdbscan;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Not a test: single-thread CPU time of the core-distance search, the unseeded one-query search
 * ({@link KnnBatch#search} with a group of one) against the seeded one ({@link Mst#coreDistances}), interleaved in
 * one JVM on 5-d blobs, checking that both give the same bits. Usage: {@code KnnSeedProfile n reps k}.
 */
public final class KnnSeedProfile {
    private KnnSeedProfile() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int reps = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        int d = 5;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] data = HdbscanStageProfile.blobs(n, d, 10, 42);
        int[] id = new int[n];
        for (int i = 0; i < n; i++) {
            id[i] = i;
        }
        KdTree tree = new KdTree(data, n, d, id);
        for (int rep = 0; rep < reps; rep++) {
            long t0 = mx.getCurrentThreadCpuTime();
            double[] a = new double[n];
            KnnBatch knn = new KnnBatch(tree, k);
            int[] qo = new int[1];
            for (int g = 0; g < n; g++) {
                qo[0] = g * d;
                knn.search(tree.pts, qo, 1);
                a[g] = Math.sqrt(knn.heapD[0]);
                knn.size[0] = 0;
            }
            long t1 = mx.getCurrentThreadCpuTime();
            double[] b = Mst.coreDistances(tree, k, 1, null);
            long t2 = mx.getCurrentThreadCpuTime();
            boolean same = java.util.Arrays.equals(a, b);
            System.out.printf(Locale.ROOT, "n=%d k=%d unseeded %.3f s seeded %.3f s same %b%n", n, k,
                    (t1 - t0) / 1e9, (t2 - t1) / 1e9, same);
        }
    }
}
