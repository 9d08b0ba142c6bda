package dev.segmentation.cluster.hdbscan;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Not a test: where the core-distance search's time goes (issue 20, session 7), single thread, 5-d blobs, thread CPU
 * time. The seeded search as the fit runs it; then {@link KnnBatch#searchOne} with every query's exact k-th squared
 * distance times f as its bound (f = 1: the least work a pruned search of this tree can do; f = infinity: no seed),
 * with the nodes, leaves, points, heap pushes and replacements per query counted by a copy of the search; each query
 * searched twice in a row (the repeat runs on warm caches); and, with the exact bound, the tree walk alone (leaves
 * listed, not scanned) and the leaf scans alone (distances only, no heap). Usage: {@code KnnCostSplit n reps k}.
 */
public final class KnnCostSplit {
    private KnnCostSplit() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int reps = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        int d = 5;
        double[] data = HdbscanStageProfile.blobs(n, d, 10, 42);
        int[] id = new int[n];
        for (int i = 0; i < n; i++) {
            id[i] = i;
        }
        KdTree tree = new KdTree(data, n, d, id);
        System.out.println("n=" + n + " k=" + k + " d=5, one thread, thread CPU s; load " + loadavg());
        for (int rep = 0; rep < reps; rep++) {
            long c0 = cpu();
            double[] core = Mst.coreDistances(tree, k, 1, null);
            System.out.printf(Locale.ROOT, "rep %d: Mst.coreDistances (seeded, as the fit) %.3f s%n", rep, (cpu() - c0) / 1e9);
            double[] bound = new double[n];
            for (int i = 0; i < n; i++) {
                bound[i] = core[i] * core[i] * (1 + 1e-12);
            }
            KnnBatch knn = new KnnBatch(tree, k);
            StringBuilder loose = new StringBuilder();
            for (double f : FACTORS) {
                loose.append(String.format(Locale.ROOT, " x%.1f %.3f", f, timeSearch(tree, knn, bound, f, 1)));
            }
            System.out.println("  searchOne with the exact k-th squared distance times f as its bound, s:" + loose);
            double twice = timeSearch(tree, knn, bound, 4.0, 2);
            double once = timeSearch(tree, knn, bound, 4.0, 1);
            System.out.printf(Locale.ROOT, "  bound x4: each query twice in a row %.3f s, once %.3f s: the repeat with warm caches %.3f s%n",
                    twice, once, twice - once);
            int[] stack = new int[256];
            double[] stackLb = new double[256];
            for (double f : FACTORS) {
                long[] counts = new long[5];
                for (int g = 0; g < n; g++) {
                    countingSearch5(tree, k, knn.heapD, knn.heapI, stack, stackLb, tree.pts, g * d, bound[g] * f, counts);
                }
                System.out.printf(Locale.ROOT, "  bound x%.1f per query: nodes %.1f leaves %.1f points %.1f pushes %.1f replacements %.1f%n",
                        f, counts[0] / (double) n, counts[1] / (double) n, counts[2] / (double) n, counts[3] / (double) n, counts[4] / (double) n);
            }
            int[] leafList = new int[n * 80];
            int[] leafStart = new int[n + 1];
            long w0 = cpu();
            int at = walkAll(tree, bound, stack, stackLb, leafList, leafStart);
            long w1 = cpu();
            long hits = scanAll(tree, bound, leafList, leafStart);
            long w2 = cpu();
            System.out.printf(Locale.ROOT, "  exact bound: tree walk alone %.3f s (%.1f leaves/q), leaf scans alone %.3f s (%.1f points within/q)%n",
                    (w1 - w0) / 1e9, at / (double) n, (w2 - w1) / 1e9, hits / (double) n);
        }
    }

    private static final double[] FACTORS = {1.0, 1.2, 1.5, 2.0, 4.0, Double.POSITIVE_INFINITY};

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    static String loadavg() {
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/proc/loadavg"))).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** Every query searched {@code times} times in a row with bound f times its exact k-th; thread CPU seconds. */
    static double timeSearch(KdTree tree, KnnBatch knn, double[] bound, double f, int times) {
        long c0 = cpu();
        double chk = 0;
        for (int g = 0; g < tree.n; g++) {
            for (int r = 0; r < times; r++) {
                knn.searchOne(tree.pts, g * 5, bound[g] * f);
                chk += knn.heapD[0];
            }
        }
        double s = (cpu() - c0) / 1e9;
        if (chk < 0) {
            System.out.println(chk);
        }
        return s;
    }

    static int walkAll(KdTree tree, double[] bound, int[] stack, double[] stackLb, int[] leafList, int[] leafStart) {
        int at = 0;
        for (int g = 0; g < tree.n; g++) {
            leafStart[g] = at;
            at = walk(tree, tree.pts, g * 5, bound[g], stack, stackLb, leafList, at);
        }
        leafStart[tree.n] = at;
        return at;
    }

    static long scanAll(KdTree tree, double[] bound, int[] leafList, int[] leafStart) {
        long hits = 0;
        double[] pts = tree.pts;
        for (int g = 0; g < tree.n; g++) {
            int qo = g * 5;
            double q0 = pts[qo];
            double q1 = pts[qo + 1];
            double q2 = pts[qo + 2];
            double q3 = pts[qo + 3];
            double q4 = pts[qo + 4];
            double lim = bound[g];
            for (int c = leafStart[g]; c < leafStart[g + 1]; c++) {
                int node = leafList[c];
                int end = tree.nodeEnd[node];
                for (int t = tree.nodeStart[node]; t < end; t++) {
                    int po = t * 5;
                    double e0 = q0 - pts[po];
                    double e1 = q1 - pts[po + 1];
                    double e2 = q2 - pts[po + 2];
                    double e3 = q3 - pts[po + 3];
                    double e4 = q4 - pts[po + 4];
                    double sum = e0 * e0 + e1 * e1 + e2 * e2 + e3 * e3 + e4 * e4;
                    hits += sum <= lim ? 1 : 0;
                }
            }
        }
        return hits;
    }

    /** The session 6 5-column search ({@code KnnBatch.searchOne5} at b241cc4) counting nodes, leaves, points, pushes, replacements. */
    static void countingSearch5(KdTree tree, int k, double[] heapD, int[] heapI, int[] stackIn, double[] stackLbIn,
            double[] qa, int qo, double seedBound, long[] counts) {
        int[] stack = stackIn;
        double[] stackLb = stackLbIn;
        final int kk = k;
        final double[] boxMin = tree.boxMin;
        final double[] boxMax = tree.boxMax;
        final double[] pts = tree.pts;
        final int[] nodeStart = tree.nodeStart;
        final int[] nodeEnd = tree.nodeEnd;
        final int[] left = tree.left;
        final int[] right = tree.right;
        final double[] hd = heapD;
        final int[] hi = heapI;
        int cnt = 0;
        double top = seedBound;
        final double q0 = qa[qo];
        final double q1 = qa[qo + 1];
        final double q2 = qa[qo + 2];
        final double q3 = qa[qo + 3];
        final double q4 = qa[qo + 4];
        int sp = 0;
        stack[sp] = 0;
        stackLb[sp++] = tree.boxDistSq(qa, qo, 0);
        while (sp > 0) {
            sp--;
            int node = stack[sp];
            if (stackLb[sp] > top) {
                continue;
            }
            counts[0]++;
            int l = left[node];
            if (l >= 0) {
                int r = right[node];
                double dl = box(q0, q1, q2, q3, q4, boxMin, boxMax, l * 5);
                double dr = box(q0, q1, q2, q3, q4, boxMin, boxMax, r * 5);
                if (sp + 2 > stack.length) {
                    stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                    stackLb = java.util.Arrays.copyOf(stackLb, stackLb.length * 2);
                }
                if (dl <= dr) {
                    if (dr <= top) {
                        stack[sp] = r;
                        stackLb[sp++] = dr;
                    }
                    stack[sp] = l;
                    stackLb[sp++] = dl;
                } else {
                    if (dl <= top) {
                        stack[sp] = l;
                        stackLb[sp++] = dl;
                    }
                    stack[sp] = r;
                    stackLb[sp++] = dr;
                }
                continue;
            }
            final int s0 = nodeStart[node];
            final int end = nodeEnd[node];
            if (cnt == kk && stackLb[sp] == top && s0 > hi[0]) {
                continue; // every point of the leaf ties at best and comes after the current k-th by position
            }
            counts[1]++;
            counts[2] += end - s0;
            for (int t = s0; t < end; t++) {
                int po = t * 5;
                double e0 = q0 - pts[po];
                double e1 = q1 - pts[po + 1];
                double e2 = q2 - pts[po + 2];
                double e3 = q3 - pts[po + 3];
                double e4 = q4 - pts[po + 4];
                double sum = e0 * e0 + e1 * e1 + e2 * e2 + e3 * e3 + e4 * e4;
                if (sum > top) {
                    continue;
                }
                if (cnt < kk) {
                    counts[3]++;
                    KnnBatch.push(heapD, heapI, 0, cnt, sum, t);
                    cnt++;
                    if (cnt == kk) {
                        top = hd[0];
                    }
                } else if (sum < top || t < hi[0]) { // sum <= top here; equal sums by position
                    counts[4]++;
                    KnnBatch.replaceTop(heapD, heapI, 0, cnt, sum, t);
                    top = hd[0];
                }
            }
        }
    }

    /** The search's tree walk with a fixed bound (box distances as {@code box5}); appends the leaves reached. */
    static int walk(KdTree tree, double[] qa, int qo, double lim, int[] stack, double[] stackLb, int[] out, int at) {
        double q0 = qa[qo];
        double q1 = qa[qo + 1];
        double q2 = qa[qo + 2];
        double q3 = qa[qo + 3];
        double q4 = qa[qo + 4];
        double[] mn = tree.boxMin;
        double[] mx = tree.boxMax;
        int sp = 0;
        stack[sp] = 0;
        stackLb[sp++] = tree.boxDistSq(qa, qo, 0);
        while (sp > 0) {
            sp--;
            int node = stack[sp];
            if (stackLb[sp] > lim) {
                continue;
            }
            int l = tree.left[node];
            if (l >= 0) {
                int r = tree.right[node];
                double dl = box(q0, q1, q2, q3, q4, mn, mx, l * 5);
                double dr = box(q0, q1, q2, q3, q4, mn, mx, r * 5);
                if (dl <= dr) {
                    if (dr <= lim) {
                        stack[sp] = r;
                        stackLb[sp++] = dr;
                    }
                    stack[sp] = l;
                    stackLb[sp++] = dl;
                } else {
                    if (dl <= lim) {
                        stack[sp] = l;
                        stackLb[sp++] = dl;
                    }
                    stack[sp] = r;
                    stackLb[sp++] = dr;
                }
                continue;
            }
            out[at++] = node;
        }
        return at;
    }

    static double box(double q0, double q1, double q2, double q3, double q4, double[] mn, double[] mx, int o) {
        double a0 = Math.max(Math.max(mn[o] - q0, q0 - mx[o]), 0.0);
        double a1 = Math.max(Math.max(mn[o + 1] - q1, q1 - mx[o + 1]), 0.0);
        double a2 = Math.max(Math.max(mn[o + 2] - q2, q2 - mx[o + 2]), 0.0);
        double a3 = Math.max(Math.max(mn[o + 3] - q3, q3 - mx[o + 3]), 0.0);
        double a4 = Math.max(Math.max(mn[o + 4] - q4, q4 - mx[o + 4]), 0.0);
        return a0 * a0 + a1 * a1 + a2 * a2 + a3 * a3 + a4 * a4;
    }
}
