package dev.segmentation.cluster.hdbscan;

/**
 * Exact k-nearest-neighbour search for a small group of query points at once (a KD-tree leaf's own points, or new
 * points that fall in one leaf), by one dual traversal of the {@link KdTree}: a node is visited when its box is
 * within the group's current bound (the largest k-th distance of any query in the group) of the group's box,
 * nearest child first; at a leaf, each query is checked against the leaf's box and its own k-th distance before
 * the leaf's points are scanned, and a point's distance sum stops as soon as it exceeds that k-th distance.
 *
 * <p>Neighbours are ranked by (squared distance, tree position), a strict total order, so the k found are the
 * same set, bit for bit, as any other exact search with that order (a brute-force scan, for instance): the
 * traversal changes only the speed. Squared distances sum the columns in order, as {@link KdTree#distSq} does.
 *
 * <p>Owns all its buffers (per-query bounded max-heaps on primitive arrays, the traversal stack), so a search
 * allocates nothing. One instance per thread; not thread-safe.
 */
final class KnnBatch {
    /** Largest group size. */
    static final int MAX_GROUP = 32;

    private final KdTree tree;
    final int k;
    /** Heap of query i: distances at {@code [i*k, i*k+k)}, max at {@code i*k}. */
    final double[] heapD;
    final int[] heapI;
    final int[] size;
    private final double[] gMin;
    private final double[] gMax;
    private int[] stack = new int[128];
    private double[] stackLb = new double[128];

    KnnBatch(KdTree tree, int k) {
        this.tree = tree;
        this.k = k;
        this.heapD = new double[MAX_GROUP * k];
        this.heapI = new int[MAX_GROUP * k];
        this.size = new int[MAX_GROUP];
        this.gMin = new double[tree.d];
        this.gMax = new double[tree.d];
    }

    /**
     * Finds the k nearest tree positions (k clamped to n by the caller) of {@code m <= MAX_GROUP} queries, query i
     * at offset {@code qo[i]} of {@code qa}. Afterwards heap i holds them (max at its first slot).
     */
    void search(double[] qa, int[] qo, int m) {
        final int d = tree.d;
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
        final int[] sz = size;
        for (int j = 0; j < d; j++) {
            gMin[j] = Double.POSITIVE_INFINITY;
            gMax[j] = Double.NEGATIVE_INFINITY;
        }
        for (int i = 0; i < m; i++) {
            sz[i] = 0;
            int o = qo[i];
            for (int j = 0; j < d; j++) {
                double v = qa[o + j];
                if (v < gMin[j]) {
                    gMin[j] = v;
                }
                if (v > gMax[j]) {
                    gMax[j] = v;
                }
            }
        }
        double bound = Double.POSITIVE_INFINITY;
        int sp = 0;
        stack[sp] = 0;
        stackLb[sp++] = boxBoxDistSq(0);
        while (sp > 0) {
            sp--;
            int node = stack[sp];
            if (stackLb[sp] > bound) {
                continue;
            }
            int l = left[node];
            if (l >= 0) {
                int r = right[node];
                double dl = boxBoxDistSq(l);
                double dr = boxBoxDistSq(r);
                if (sp + 2 > stack.length) {
                    stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                    stackLb = java.util.Arrays.copyOf(stackLb, stackLb.length * 2);
                }
                if (dl <= dr) {
                    if (dr <= bound) {
                        stack[sp] = r;
                        stackLb[sp++] = dr;
                    }
                    stack[sp] = l;
                    stackLb[sp++] = dl;
                } else {
                    if (dl <= bound) {
                        stack[sp] = l;
                        stackLb[sp++] = dl;
                    }
                    stack[sp] = r;
                    stackLb[sp++] = dr;
                }
                continue;
            }
            // a leaf: each query against its box, then its points
            final int s0 = nodeStart[node];
            final int e0 = nodeEnd[node];
            final int bo = node * d;
            double newBound = 0.0;
            for (int i = 0; i < m; i++) {
                final int qoff = qo[i];
                final int h = i * kk;
                int cnt = sz[i];
                double top = cnt == kk ? hd[h] : Double.POSITIVE_INFINITY;
                double lb = 0.0;
                for (int j = 0; j < d; j++) {
                    double v = qa[qoff + j];
                    double diff = Math.max(Math.max(boxMin[bo + j] - v, v - boxMax[bo + j]), 0.0);
                    lb += diff * diff;
                }
                if (!(lb > top || (lb == top && s0 > hi[h]))) {
                    for (int t = s0; t < e0; t++) {
                        int po = t * d;
                        double sum = 0.0;
                        for (int j = 0; j < d; j++) {
                            double diff = qa[qoff + j] - pts[po + j];
                            sum += diff * diff;
                        }
                        if (sum > top) {
                            continue;
                        }
                        if (cnt < kk) {
                            push(hd, hi, h, cnt, sum, t);
                            cnt++;
                            if (cnt == kk) {
                                top = hd[h];
                            }
                        } else if (sum < top || t < hi[h]) { // sum <= top here; equal sums by position
                            replaceTop(hd, hi, h, cnt, sum, t);
                            top = hd[h];
                        }
                    }
                    sz[i] = cnt;
                }
                if (top > newBound) {
                    newBound = top;
                }
            }
            bound = newBound;
        }
    }

    /**
     * Finds the k nearest tree positions of one query (offset {@code qo} of {@code qa}) into heap 0, pruning from
     * the start with {@code seedBound}: a squared distance known to be at least the query's k-th nearest squared
     * distance as this class computes it (for instance the largest computed squared distance from the query to any
     * k distinct tree positions), or {@code +Infinity}. Until the heap holds k points, a point or node farther than
     * the seed bound is skipped; every point at most that far is still taken, so the k found are exactly those of
     * {@link #search} (same order, same bits); only the work changes.
     */
    void searchOne(double[] qa, int qo, double seedBound) {
        if (tree.d == 5) {
            searchOne5(qa, qo, seedBound);
            return;
        }
        final int d = tree.d;
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
        int sp = 0;
        stack[sp] = 0;
        stackLb[sp++] = tree.boxDistSq(qa, qo, 0);
        while (sp > 0) {
            sp--;
            int node = stack[sp];
            if (stackLb[sp] > top) {
                continue;
            }
            int l = left[node];
            if (l >= 0) {
                int r = right[node];
                double dl = pointBoxDistSq(qa, qo, boxMin, boxMax, l * d, d);
                double dr = pointBoxDistSq(qa, qo, boxMin, boxMax, r * d, d);
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
            final int e0 = nodeEnd[node];
            if (cnt == kk && stackLb[sp] == top && s0 > hi[0]) {
                continue; // every point of the leaf ties at best and comes after the current k-th by position
            }
            for (int t = s0; t < e0; t++) {
                int po = t * d;
                double sum = 0.0;
                for (int j = 0; j < d; j++) {
                    double diff = qa[qo + j] - pts[po + j];
                    sum += diff * diff;
                }
                if (sum > top) {
                    continue;
                }
                if (cnt < kk) {
                    push(hd, hi, 0, cnt, sum, t);
                    cnt++;
                    if (cnt == kk) {
                        top = hd[0];
                    }
                } else if (sum < top || t < hi[0]) { // sum <= top here; equal sums by position
                    replaceTop(hd, hi, 0, cnt, sum, t);
                    top = hd[0];
                }
            }
        }
        size[0] = cnt;
    }

    /**
     * {@link #searchOne} for 5 columns (the PCA-5 embeddings the segmentation pipeline fits HDBSCAN* on, and issue
     * 20's benchmark): the query's coordinates held in locals and the distance sums written out, about 20-25% less
     * CPU than the loop over columns (single thread, 200k rows). Same sums in the same order, so the same bits.
     */
    private void searchOne5(double[] qa, int qo, double seedBound) {
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
            int l = left[node];
            if (l >= 0) {
                int r = right[node];
                double dl = box5(q0, q1, q2, q3, q4, boxMin, boxMax, l * 5);
                double dr = box5(q0, q1, q2, q3, q4, boxMin, boxMax, r * 5);
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
                    push(hd, hi, 0, cnt, sum, t);
                    cnt++;
                    if (cnt == kk) {
                        top = hd[0];
                    }
                } else if (sum < top || t < hi[0]) { // sum <= top here; equal sums by position
                    replaceTop(hd, hi, 0, cnt, sum, t);
                    top = hd[0];
                }
            }
        }
        size[0] = cnt;
    }

    /** {@link #pointBoxDistSq} for 5 columns, written out (same terms in the same order). */
    private static double box5(double q0, double q1, double q2, double q3, double q4, double[] mn, double[] mx,
            int o) {
        double a0 = Math.max(Math.max(mn[o] - q0, q0 - mx[o]), 0.0);
        double a1 = Math.max(Math.max(mn[o + 1] - q1, q1 - mx[o + 1]), 0.0);
        double a2 = Math.max(Math.max(mn[o + 2] - q2, q2 - mx[o + 2]), 0.0);
        double a3 = Math.max(Math.max(mn[o + 3] - q3, q3 - mx[o + 3]), 0.0);
        double a4 = Math.max(Math.max(mn[o + 4] - q4, q4 - mx[o + 4]), 0.0);
        return a0 * a0 + a1 * a1 + a2 * a2 + a3 * a3 + a4 * a4;
    }

    private static double pointBoxDistSq(double[] qa, int qo, double[] boxMin, double[] boxMax, int bo, int d) {
        double s = 0.0;
        for (int j = 0; j < d; j++) {
            double v = qa[qo + j];
            double diff = Math.max(Math.max(boxMin[bo + j] - v, v - boxMax[bo + j]), 0.0);
            s += diff * diff;
        }
        return s;
    }

    /** Squared distance between the group's box and a node's box. */
    private double boxBoxDistSq(int node) {
        final int d = tree.d;
        final int o = node * d;
        final double[] bmin = tree.boxMin;
        final double[] bmax = tree.boxMax;
        double s = 0.0;
        for (int j = 0; j < d; j++) {
            double diff = Math.max(Math.max(bmin[o + j] - gMax[j], gMin[j] - bmax[o + j]), 0.0);
            s += diff * diff;
        }
        return s;
    }

    /**
     * Adds {@code (ds, t)} to the bounded max-heap of {@code cnt < k} entries at offset {@code h} of {@code hd} /
     * {@code hi}, ordered by (squared distance, position). Static so that the profilers in the tests share it.
     */
    static void push(double[] hd, int[] hi, int h, int cnt, double ds, int t) {
        int i = cnt;
        while (i > 0) {
            int p = (i - 1) >>> 1;
            double pd = hd[h + p];
            if (ds > pd || (ds == pd && t > hi[h + p])) {
                hd[h + i] = pd;
                hi[h + i] = hi[h + p];
                i = p;
            } else {
                break;
            }
        }
        hd[h + i] = ds;
        hi[h + i] = t;
    }

    /** Replaces the top (largest) of the full heap of {@code cnt} entries at {@code h} by {@code (ds, t)}. */
    static void replaceTop(double[] hd, int[] hi, int h, int cnt, double ds, int t) {
        int i = 0;
        int half = cnt >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            int r = c + 1;
            double cd = hd[h + c];
            int ci = hi[h + c];
            if (r < cnt) {
                double rd = hd[h + r];
                int ri = hi[h + r];
                if (rd > cd || (rd == cd && ri > ci)) {
                    c = r;
                    cd = rd;
                    ci = ri;
                }
            }
            if (cd > ds || (cd == ds && ci > t)) {
                hd[h + i] = cd;
                hi[h + i] = ci;
                i = c;
            } else {
                break;
            }
        }
        hd[h + i] = ds;
        hi[h + i] = t;
    }

    /**
     * Empties heap {@code q} into {@code outDistSq} and {@code outPos} ascending by (distance, position) (heap
     * sort); returns the count. The heap is left empty.
     */
    int drainSorted(int q, double[] outDistSq, int[] outPos) {
        final int h = q * k;
        int cnt = size[q];
        final int m = cnt;
        while (cnt > 0) {
            double topD = heapD[h];
            int topI = heapI[h];
            cnt--;
            outDistSq[cnt] = topD;
            outPos[cnt] = topI;
            if (cnt > 0) {
                double lastD = heapD[h + cnt];
                int lastI = heapI[h + cnt];
                replaceTop(heapD, heapI, h, cnt, lastD, lastI);
            }
        }
        size[q] = 0;
        return m;
    }

    /** The second largest squared distance in heap q (the larger of the root's children), or 0 with fewer than 2. */
    double secondLargest(int q) {
        final int h = q * k;
        int cnt = size[q];
        double second = 0.0;
        if (cnt > 1) {
            second = heapD[h + 1];
            if (cnt > 2 && heapD[h + 2] > second) {
                second = heapD[h + 2];
            }
        }
        return second;
    }
}
