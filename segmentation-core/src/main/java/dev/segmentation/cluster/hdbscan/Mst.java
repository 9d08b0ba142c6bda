package dev.segmentation.cluster.hdbscan;

import dev.segmentation.internal.Parallel;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Core distances and the exact minimum spanning tree of the mutual-reachability graph, over the points of a
 * {@link KdTree} (indices are tree positions).
 *
 * <p>Mutual reachability of a and b: {@code max(core[a], core[b], |a - b|)}. The Borůvka search finds, for every
 * point, its nearest point of another component under that distance with a single-tree KD search (pruning by box
 * distance, by the smallest core distance in a node, by nodes wholly inside the point's own component and by a
 * per-component upper bound); components join along their cheapest edges, skipping edges that would close a
 * cycle. When several edges tie, which one is taken may depend on thread timing: the tree is then another minimum
 * spanning tree with the same weights, and the hierarchy built from it ({@link Hierarchy}) merges all equal
 * weights at once, so nothing downstream depends on that choice.
 */
final class Mst {
    static final int BLOCK = 512;

    private Mst() {
    }

    /**
     * Distance from every point to its k-th nearest point counting itself (k clamped to n), in parallel blocks.
     * When {@code previous} is not null it receives the distance to the (k-1)-th (0 when k is 1).
     */
    static double[] coreDistances(KdTree tree, int k, int threads, double[] previous) {
        final int n = tree.n;
        final int kk = Math.min(k, n);
        final double[] core = new double[n];
        final double[] pts = tree.pts;
        final int d = tree.d;
        Parallel.forEachBlock(Parallel.blocks(n, BLOCK), threads, b -> {
            KdTree.Knn knn = tree.new Knn(kk);
            int e = Math.min(n, (b + 1) * BLOCK);
            for (int t = b * BLOCK; t < e; t++) {
                knn.search(pts, t * d);
                core[t] = Math.sqrt(knn.heapD[0]);
                if (previous != null) {
                    double second = 0.0;
                    if (knn.size > 1) {
                        second = knn.heapD[1];
                        if (knn.size > 2 && knn.heapD[2] > second) {
                            second = knn.heapD[2];
                        }
                    }
                    previous[t] = Math.sqrt(second);
                }
            }
        });
        return core;
    }

    /** An MST as three parallel arrays of n-1 edges. */
    static final class Edges {
        final int[] a;
        final int[] b;
        final double[] w;
        int count;

        Edges(int n) {
            int m = Math.max(0, n - 1);
            a = new int[m];
            b = new int[m];
            w = new double[m];
        }

        void add(int x, int y, double weight) {
            a[count] = x;
            b[count] = y;
            w[count] = weight;
            count++;
        }
    }

    /**
     * Prim's algorithm on the dense mutual-reachability graph: O(n^2 d) time, O(n) memory. Each step updates the
     * candidate edges in fixed blocks (in parallel for large n) and takes the first smallest in block order, so the
     * result does not depend on the thread count.
     */
    static Edges prim(KdTree tree, double[] core, int threads) {
        final int n = tree.n;
        final int d = tree.d;
        final double[] pts = tree.pts;
        Edges out = new Edges(n);
        if (n < 2) {
            return out;
        }
        final boolean[] in = new boolean[n];
        final double[] minW = new double[n];
        final int[] from = new int[n];
        java.util.Arrays.fill(minW, Double.POSITIVE_INFINITY);
        final int block = 1024;
        final int nBlocks = Parallel.blocks(n, block);
        final int[] blockArg = new int[nBlocks];
        final double[] blockMin = new double[nBlocks];
        final int[] current = new int[1];
        java.util.function.IntConsumer body = b -> {
            int cur = current[0];
            double cc = core[cur];
            int oc = cur * d;
            int arg = -1;
            double best = Double.POSITIVE_INFINITY;
            int e = Math.min(n, (b + 1) * block);
            for (int j = b * block; j < e; j++) {
                if (in[j]) {
                    continue;
                }
                double mw = minW[j];
                double cj = core[j];
                double lb = cc > cj ? cc : cj;
                if (lb < mw) {
                    // squared-distance prefilter (conservative), then the exact comparison
                    double limit = mw == Double.POSITIVE_INFINITY ? mw : mw * mw * (1.0 + 1e-9);
                    int oj = j * d;
                    double sum = 0;
                    int k = 0;
                    for (; k < d; k++) {
                        double diff = pts[oc + k] - pts[oj + k];
                        sum += diff * diff;
                        if (sum > limit) {
                            break;
                        }
                    }
                    if (k == d) {
                        double dist = Math.sqrt(sum);
                        double w = dist > lb ? dist : lb;
                        if (w < mw) {
                            minW[j] = w;
                            from[j] = cur;
                            mw = w;
                        }
                    }
                }
                if (arg < 0 || mw < best) {
                    best = mw;
                    arg = j;
                }
            }
            blockArg[b] = arg;
            blockMin[b] = best;
        };
        int cur = 0;
        int t = n >= 4 * block ? threads : 1;
        for (int step = 1; step < n; step++) {
            in[cur] = true;
            current[0] = cur;
            Parallel.forEachBlock(nBlocks, t, body);
            int next = -1;
            double nextW = Double.POSITIVE_INFINITY;
            for (int b = 0; b < nBlocks; b++) {
                if (blockArg[b] >= 0 && (next < 0 || blockMin[b] < nextW)) {
                    next = blockArg[b];
                    nextW = blockMin[b];
                }
            }
            out.add(from[next], next, minW[next]);
            cur = next;
        }
        return out;
    }

    /** Borůvka over the KD-tree; see the class comment. */
    static Edges boruvka(KdTree tree, double[] core, int threads, dev.segmentation.fit.ProgressListener listener) {
        final int n = tree.n;
        final int d = tree.d;
        final double[] pts = tree.pts;
        Edges out = new Edges(n);
        if (n < 2) {
            return out;
        }
        final int nodes = tree.nodeCount;
        final double[] minCore = new double[nodes];
        for (int node = nodes - 1; node >= 0; node--) {
            int l = tree.left[node];
            if (l < 0) {
                double m = Double.POSITIVE_INFINITY;
                for (int t = tree.nodeStart[node]; t < tree.nodeEnd[node]; t++) {
                    m = Math.min(m, core[t]);
                }
                minCore[node] = m;
            } else {
                minCore[node] = Math.min(minCore[l], minCore[tree.right[node]]);
            }
        }
        final int[] comp = new int[n];
        for (int t = 0; t < n; t++) {
            comp[t] = t;
        }
        final int[] nodeComp = new int[nodes];
        final double[] bestW = new double[n];
        final int[] bestJ = new int[n];
        final AtomicLongArray bound = new AtomicLongArray(n);
        final long infBits = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
        UnionFind uf = new UnionFind(n);
        double[] compW = new double[n];
        int[] compA = new int[n];
        int[] compB = new int[n];
        int components = n;
        int round = 0;
        while (components > 1) {
            round++;
            computeNodeComp(tree, comp, nodeComp);
            for (int c = 0; c < n; c++) {
                bound.setPlain(c, infBits);
            }
            final int nBlocks = Parallel.blocks(n, BLOCK);
            Parallel.forEachBlock(nBlocks, threads, b -> {
                int[] stack = new int[128];
                double[] stackLb = new double[128];
                int e = Math.min(n, (b + 1) * BLOCK);
                for (int t = b * BLOCK; t < e; t++) {
                    bestW[t] = Double.POSITIVE_INFINITY;
                    bestJ[t] = -1;
                    int c = comp[t];
                    double best = Double.longBitsToDouble(bound.getOpaque(c));
                    double ct = core[t];
                    if (ct >= best) {
                        continue;
                    }
                    int bj = -1;
                    int qo = t * d;
                    int sp = 0;
                    stack[sp] = 0;
                    stackLb[sp++] = Math.max(ct, Math.max(minCore[0], Math.sqrt(tree.boxDistSq(pts, qo, 0))));
                    while (sp > 0) {
                        sp--;
                        int node = stack[sp];
                        double lb = stackLb[sp];
                        if (lb >= best) {
                            continue;
                        }
                        if (nodeComp[node] == c) {
                            continue;
                        }
                        int l = tree.left[node];
                        if (l < 0) {
                            int end = tree.nodeEnd[node];
                            for (int s = tree.nodeStart[node]; s < end; s++) {
                                if (comp[s] == c) {
                                    continue;
                                }
                                double cs = core[s];
                                double w0 = ct > cs ? ct : cs;
                                if (w0 >= best) {
                                    continue;
                                }
                                int os = s * d;
                                double sum = 0;
                                for (int k = 0; k < d; k++) {
                                    double diff = pts[qo + k] - pts[os + k];
                                    sum += diff * diff;
                                }
                                double dist = Math.sqrt(sum);
                                double w = dist > w0 ? dist : w0;
                                if (w < best) {
                                    best = w;
                                    bj = s;
                                }
                            }
                            double shared = Double.longBitsToDouble(bound.getOpaque(c));
                            if (shared < best) {
                                best = shared;
                                bj = -1;
                            }
                            continue;
                        }
                        int r = tree.right[node];
                        double ll = Math.max(ct, Math.max(minCore[l], Math.sqrt(tree.boxDistSq(pts, qo, l))));
                        double lr = Math.max(ct, Math.max(minCore[r], Math.sqrt(tree.boxDistSq(pts, qo, r))));
                        if (sp + 2 > stack.length) {
                            stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                            stackLb = java.util.Arrays.copyOf(stackLb, stackLb.length * 2);
                        }
                        if (ll <= lr) {
                            stack[sp] = r;
                            stackLb[sp++] = lr;
                            stack[sp] = l;
                            stackLb[sp++] = ll;
                        } else {
                            stack[sp] = l;
                            stackLb[sp++] = ll;
                            stack[sp] = r;
                            stackLb[sp++] = lr;
                        }
                    }
                    if (bj >= 0) {
                        bestW[t] = best;
                        bestJ[t] = bj;
                        long bits = Double.doubleToRawLongBits(best);
                        while (true) {
                            long cur = bound.get(c);
                            if (Double.longBitsToDouble(cur) <= best || bound.compareAndSet(c, cur, bits)) {
                                break;
                            }
                        }
                    }
                }
            });
            // cheapest edge of every component, first point wins ties (fixed order)
            for (int t = 0; t < n; t++) {
                if (comp[t] == t) {
                    compW[t] = Double.POSITIVE_INFINITY;
                    compA[t] = -1;
                }
            }
            for (int t = 0; t < n; t++) {
                int c = comp[t];
                if (bestJ[t] >= 0 && bestW[t] < compW[c]) {
                    compW[c] = bestW[t];
                    compA[c] = t;
                    compB[c] = bestJ[t];
                }
            }
            int added = 0;
            for (int c = 0; c < n; c++) {
                if (comp[c] == c && compA[c] >= 0) {
                    if (uf.union(compA[c], compB[c])) {
                        out.add(compA[c], compB[c], compW[c]);
                        added++;
                    }
                }
            }
            if (added == 0) {
                throw new IllegalStateException("Boruvka round " + round + " added no edge with "
                        + components + " components left");
            }
            components -= added;
            for (int t = 0; t < n; t++) {
                comp[t] = uf.find(t);
            }
            listener.progress("hdbscan/mst", n - components, n - 1);
        }
        return out;
    }

    private static void computeNodeComp(KdTree tree, int[] comp, int[] nodeComp) {
        for (int node = tree.nodeCount - 1; node >= 0; node--) {
            int l = tree.left[node];
            if (l < 0) {
                int s = tree.nodeStart[node];
                int c = comp[s];
                for (int t = s + 1; t < tree.nodeEnd[node]; t++) {
                    if (comp[t] != c) {
                        c = -1;
                        break;
                    }
                }
                nodeComp[node] = c;
            } else {
                int cl = nodeComp[l];
                nodeComp[node] = cl >= 0 && cl == nodeComp[tree.right[node]] ? cl : -1;
            }
        }
    }
}
