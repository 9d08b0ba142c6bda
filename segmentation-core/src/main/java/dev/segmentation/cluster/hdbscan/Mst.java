package dev.segmentation.cluster.hdbscan;

import dev.segmentation.internal.Cancel;
import dev.segmentation.internal.Parallel;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Core distances and the exact minimum spanning tree of the mutual-reachability graph, over the points of a
 * {@link KdTree} (indices are tree positions).
 *
 * <p>Mutual reachability of a and b: {@code max(core[a], core[b], |a - b|)}. The Borůvka search finds, for every
 * point, its nearest point of another component under that distance with a KD-tree search (pruning by box
 * distance, by the smallest core distance in a node, by nodes wholly inside the point's own component, by a
 * per-component upper bound shared between threads and by each point's lower bound from earlier rounds, as in
 * McInnes and Healy 2017); the points of a leaf search together, so that one box test can discard a node for all
 * of them; components join along their cheapest edges, skipping edges that would close a
 * cycle. When several edges tie, which one is taken may depend on thread timing: the tree is then another minimum
 * spanning tree with the same weights, and the hierarchy built from it ({@link Hierarchy}) merges all equal
 * weights at once, so nothing downstream depends on that choice.
 *
 * <p><b>Strict order</b> (when a {@code rank} array is given): edges are compared by weight, then by
 * {@link #key(int[], int, int)} (the endpoints' canonical ranks, smaller first). That is a strict total order, so
 * the minimum spanning tree under it is unique, and both Prim's and Borůvka's algorithms find exactly that tree for
 * any thread count: every prune and every skip becomes strict ({@code >} instead of {@code >=}), so that an edge of
 * equal weight and smaller key is never discarded. Used by {@link dev.segmentation.cluster.Hdbscan.TieMode}
 * {@code CANONICAL_ORDER}.
 */
final class Mst {
    static final int BLOCK = 512;

    private Mst() {
    }

    /** The tie-break key of the edge (a, b): the smaller canonical rank in the high half, the larger below it. */
    static long key(int[] rank, int a, int b) {
        int ra = rank[a];
        int rb = rank[b];
        return ra < rb ? ((long) ra << 32) | rb : ((long) rb << 32) | ra;
    }

    /** Leaves per parallel block of the core-distance search. */
    static final int LEAF_BLOCK = 16;

    /**
     * Distance from every point to its k-th nearest point counting itself (k clamped to n). When {@code previous}
     * is not null it receives the distance to the (k-1)-th (0 when k is 1). Each point is searched on its own
     * ({@link KnnBatch#searchOne}: nearest node first from the point itself, pruned from the start by the largest
     * squared distance to the previous point's k neighbours), in parallel over fixed blocks of leaves; every value
     * is exact, so neither the seed nor the thread count can change a bit.
     *
     * <p>One query at a time, not the leaf's points together: with k = 51 on 5-dimensional blobs (leaf size 24), a
     * group visits about 430 leaves whose boxes every query of the group must test, against about 185 nodes
     * visited by a single query, while both scan about the same 1,100 points per query (counted at 100k rows);
     * issue 20.
     */
    static double[] coreDistances(KdTree tree, int k, int threads, double[] previous) {
        return coreDistances(tree, k, threads, previous, Cancel.NEVER);
    }

    /** {@link #coreDistances(KdTree, int, int, double[])} with {@code cancel} checked once per block of leaves. */
    static double[] coreDistances(KdTree tree, int k, int threads, double[] previous, Cancel cancel) {
        final int n = tree.n;
        final int kk = Math.min(k, n);
        final double[] core = new double[n];
        final double[] pts = tree.pts;
        final int d = tree.d;
        final int[] leaves = tree.leaves;
        final int nLeaves = leaves.length;
        Parallel.forEachBlock(Parallel.blocks(nLeaves, LEAF_BLOCK), threads, cancel, b -> {
            KnnBatch knn = new KnnBatch(tree, kk);
            int[] seed = new int[kk];
            boolean seeded = false;
            int e = Math.min(nLeaves, (b + 1) * LEAF_BLOCK);
            for (int li = b * LEAF_BLOCK; li < e; li++) {
                int leaf = leaves[li];
                int end = tree.nodeEnd[leaf];
                for (int g = tree.nodeStart[leaf]; g < end; g++) {
                    int qo = g * d;
                    // the previous query's k neighbours are k distinct points: the largest of their squared
                    // distances to this query bounds its k-th from above (computed as the search computes them)
                    double bound = seeded ? tree.maxDistSq(pts, qo, seed, kk) : Double.POSITIVE_INFINITY;
                    knn.searchOne(pts, qo, bound);
                    System.arraycopy(knn.heapI, 0, seed, 0, kk);
                    seeded = true;
                    core[g] = Math.sqrt(knn.heapD[0]);
                    if (previous != null) {
                        previous[g] = Math.sqrt(knn.secondLargest(0));
                    }
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
        return prim(tree, core, threads, Cancel.NEVER);
    }

    /** {@link #prim(KdTree, double[], int)} with {@code cancel} checked every 64 steps. */
    static Edges prim(KdTree tree, double[] core, int threads, Cancel cancel) {
        return prim(tree, core, threads, cancel, null);
    }

    /**
     * {@link #prim(KdTree, double[], int, Cancel)}, under the strict order (weight, {@link #key}) when {@code rank}
     * is not null.
     */
    static Edges prim(KdTree tree, double[] core, int threads, Cancel cancel, int[] rank) {
        final int n = tree.n;
        final boolean strict = rank != null;
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
                if (lb < mw || (strict && lb == mw)) {
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
                        if (w < mw || (strict && w == mw && key(rank, cur, j) < key(rank, from[j], j))) {
                            minW[j] = w;
                            from[j] = cur;
                            mw = w;
                        }
                    }
                }
                if (arg < 0 || mw < best
                        || (strict && mw == best && key(rank, from[j], j) < key(rank, from[arg], arg))) {
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
            if ((step & 63) == 0) {
                cancel.check();
            }
            in[cur] = true;
            current[0] = cur;
            Parallel.forEachBlock(nBlocks, t, body);
            int next = -1;
            double nextW = Double.POSITIVE_INFINITY;
            for (int b = 0; b < nBlocks; b++) {
                int ba = blockArg[b];
                if (ba >= 0 && (next < 0 || blockMin[b] < nextW || (strict && blockMin[b] == nextW
                        && key(rank, from[ba], ba) < key(rank, from[next], next)))) {
                    next = blockArg[b];
                    nextW = blockMin[b];
                }
            }
            out.add(from[next], next, minW[next]);
            cur = next;
        }
        return out;
    }

    /**
     * Borůvka over the KD-tree; see the class comment. Each round searches in two phases: first, in every
     * component, the point with the smallest lower bound (so that component bounds become tight early), then all
     * other points in tree order, skipping a point whose lower bound already reaches its component's bound. A
     * point's lower bound is the best weight its last search proved (no point of another component is nearer under
     * mutual reachability); components only grow, so it stays valid in later rounds.
     */
    static Edges boruvka(KdTree tree, double[] core, int threads, dev.segmentation.fit.ProgressListener listener) {
        return boruvka(tree, core, threads, listener, Cancel.NEVER);
    }

    /**
     * {@link #boruvka(KdTree, double[], int, dev.segmentation.fit.ProgressListener)} with {@code cancel} checked
     * once per round and per block of searches.
     */
    static Edges boruvka(KdTree tree, double[] core, int threads, dev.segmentation.fit.ProgressListener listener,
            Cancel cancel) {
        return boruvka(tree, core, threads, listener, cancel, null);
    }

    /**
     * {@link #boruvka(KdTree, double[], int, dev.segmentation.fit.ProgressListener, Cancel)}, under the strict order
     * (weight, {@link #key}) when {@code rank} is not null.
     */
    static Edges boruvka(KdTree tree, double[] core, int threads, dev.segmentation.fit.ProgressListener listener,
            Cancel cancel, int[] rank) {
        final int n = tree.n;
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
        final double[] pointLb = core.clone(); // a weight is never below the point's own core distance
        final AtomicLongArray bound = new AtomicLongArray(n);
        final long infBits = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
        UnionFind uf = new UnionFind(n);
        double[] compW = new double[n];
        int[] compA = new int[n];
        int[] compB = new int[n];
        final int[] leader = new int[n];
        final int[] leaders = new int[n];
        // the leaf of every tree position, for the leader searches' first scan (see Searcher.search)
        final int[] leafOf = new int[n];
        for (int leaf : tree.leaves) {
            java.util.Arrays.fill(leafOf, tree.nodeStart[leaf], tree.nodeEnd[leaf], leaf);
        }
        int components = n;
        int round = 0;
        while (components > 1) {
            cancel.check();
            round++;
            computeNodeComp(tree, comp, nodeComp);
            for (int c = 0; c < n; c++) {
                bound.setPlain(c, infBits);
            }
            // phase 1: the point of smallest lower bound of every component (first in tree order on ties)
            for (int t = 0; t < n; t++) {
                if (comp[t] == t) {
                    leader[t] = -1;
                }
                bestW[t] = Double.POSITIVE_INFINITY;
                bestJ[t] = -1;
            }
            for (int t = 0; t < n; t++) {
                int c = comp[t];
                int lt = leader[c];
                if (lt < 0 || pointLb[t] < pointLb[lt]) {
                    leader[c] = t;
                }
            }
            int nLeaders = 0;
            for (int c = 0; c < n; c++) {
                if (comp[c] == c) {
                    leaders[nLeaders++] = leader[c];
                }
            }
            final int nl = nLeaders;
            Parallel.forEachBlock(Parallel.blocks(nl, BLOCK), threads, cancel, b -> {
                Searcher sr = new Searcher(tree, core, minCore, comp, nodeComp, bound, pointLb, bestW, bestJ, rank,
                        leafOf);
                int e = Math.min(nl, (b + 1) * BLOCK);
                for (int i = b * BLOCK; i < e; i++) {
                    sr.search(leaders[i]);
                }
            });
            // phase 2: every other point, the points of each leaf searched together
            final int[] leaves = tree.leaves;
            final int nLeaves = leaves.length;
            Parallel.forEachBlock(Parallel.blocks(nLeaves, LEAF_BLOCK), threads, cancel, b -> {
                GroupSearcher gs = new GroupSearcher(tree, core, minCore, comp, nodeComp, bound, pointLb, bestW,
                        bestJ, leader, rank);
                int e = Math.min(nLeaves, (b + 1) * LEAF_BLOCK);
                for (int li = b * LEAF_BLOCK; li < e; li++) {
                    gs.search(leaves[li]);
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
                if (bestJ[t] >= 0 && (bestW[t] < compW[c] || (rank != null && bestW[t] == compW[c]
                        && key(rank, t, bestJ[t]) < key(rank, compA[c], compB[c])))) {
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

    /**
     * The nearest point of another component under mutual reachability, by a single-tree search pruned by box
     * distance, the smallest core distance in a node, nodes wholly inside the query's component and the
     * component's shared bound. One per thread and block; not thread-safe itself.
     */
    private static final class Searcher {
        private final KdTree tree;
        private final double[] core;
        private final double[] minCore;
        private final int[] comp;
        private final int[] nodeComp;
        private final AtomicLongArray bound;
        private final double[] pointLb;
        private final double[] bestW;
        private final int[] bestJ;
        private final int[] rank;
        private final boolean strict;
        private final int[] leafOf;
        private int[] stack = new int[128];
        private double[] stackLb = new double[128];
        /** In and out of {@link #scanLeaf}: the best weight so far and its point (-1: none). */
        private double scanBest;
        private int scanJ;

        Searcher(KdTree tree, double[] core, double[] minCore, int[] comp, int[] nodeComp, AtomicLongArray bound,
                double[] pointLb, double[] bestW, int[] bestJ, int[] rank, int[] leafOf) {
            this.leafOf = leafOf;
            this.rank = rank;
            this.strict = rank != null;
            this.tree = tree;
            this.core = core;
            this.minCore = minCore;
            this.comp = comp;
            this.nodeComp = nodeComp;
            this.bound = bound;
            this.pointLb = pointLb;
            this.bestW = bestW;
            this.bestJ = bestJ;
        }

        /**
         * Scans the points {@code [from, end)} of a leaf for query {@code t}: every point of another component whose
         * mutual-reachability weight beats {@link #scanBest} (under the strict order, ties by rank key) replaces
         * {@link #scanBest} and {@link #scanJ}. The own-leaf-first scan and the traversal's leaf scans share it.
         */
        private void scanLeaf(int t, int from, int end) {
            final double[] pts = tree.pts;
            final int d = tree.d;
            final int[] comp = this.comp;
            final double[] core = this.core;
            final int c = comp[t];
            final double ct = core[t];
            final int qo = t * d;
            final boolean strict = this.strict;
            double best = scanBest;
            int bj = scanJ;
            for (int s = from; s < end; s++) {
                if (comp[s] == c) {
                    continue;
                }
                double cs = core[s];
                double w0 = ct > cs ? ct : cs;
                if (strict ? w0 > best : w0 >= best) {
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
                if (w < best || (strict && w == best && (bj < 0 || key(rank, t, s) < key(rank, t, bj)))) {
                    best = w;
                    bj = s;
                }
            }
            scanBest = best;
            scanJ = bj;
        }

        void search(int t) {
            final KdTree tr = tree;
            final double[] pts = tr.pts;
            final int d = tr.d;
            final int[] left = tr.left;
            final int[] right = tr.right;
            final int[] comp = this.comp;
            final double[] core = this.core;
            final int c = comp[t];
            double best = Double.longBitsToDouble(bound.getOpaque(c));
            final double ct = core[t];
            final boolean strict = this.strict;
            if (strict ? (ct > best || pointLb[t] > best) : (ct >= best || pointLb[t] >= best)) {
                return;
            }
            int bj = -1;
            final int qo = t * d;
            // the query's own leaf first (issue 20): in the first round, where every point is a component and
            // searches here, most points find a neighbour of core distance at most their own at distance at most
            // their own core distance, a weight of exactly core[t], below which no edge of t can be; the root's
            // bound (at least core[t]) then ends the search at once instead of after a descent to the leaf. The
            // scan is the traversal's own leaf scan, so the result is the one the traversal proves (under the
            // strict order, the same edge; otherwise an edge of the same weight, possibly another of equal weight)
            final int own = leafOf[t];
            scanBest = best;
            scanJ = bj;
            scanLeaf(t, tr.nodeStart[own], tr.nodeEnd[own]);
            best = scanBest;
            bj = scanJ;
            int sp = 0;
            stack[sp] = 0;
            stackLb[sp++] = Math.max(ct, Math.max(minCore[0], Math.sqrt(tr.boxDistSq(pts, qo, 0))));
            while (sp > 0) {
                sp--;
                int node = stack[sp];
                double lb = stackLb[sp];
                if (strict ? lb > best : lb >= best) {
                    continue;
                }
                if (nodeComp[node] == c) {
                    continue;
                }
                int l = left[node];
                if (l < 0) {
                    scanBest = best;
                    scanJ = bj;
                    scanLeaf(t, tr.nodeStart[node], tr.nodeEnd[node]);
                    best = scanBest;
                    bj = scanJ;
                    double shared = Double.longBitsToDouble(bound.getOpaque(c));
                    if (shared < best) {
                        best = shared;
                        bj = -1;
                    }
                    continue;
                }
                int r = right[node];
                double ll = Math.max(ct, Math.max(minCore[l], Math.sqrt(tr.boxDistSq(pts, qo, l))));
                double lr = Math.max(ct, Math.max(minCore[r], Math.sqrt(tr.boxDistSq(pts, qo, r))));
                if (sp + 2 > stack.length) {
                    stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                    stackLb = java.util.Arrays.copyOf(stackLb, stackLb.length * 2);
                }
                if (ll <= lr) {
                    if (lr < best || (strict && lr == best)) {
                        stack[sp] = r;
                        stackLb[sp++] = lr;
                    }
                    stack[sp] = l;
                    stackLb[sp++] = ll;
                } else {
                    if (ll < best || (strict && ll == best)) {
                        stack[sp] = l;
                        stackLb[sp++] = ll;
                    }
                    stack[sp] = r;
                    stackLb[sp++] = lr;
                }
            }
            // no point of another component is nearer than best (pruned nodes and points were at least best)
            pointLb[t] = best;
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
    }

    /**
     * The same search as {@link Searcher} for all points of one leaf at once (a dual traversal with the leaf's
     * box): a node is skipped for the whole group when it lies wholly in the group's component (if the leaf has
     * one) or when its lower bound from the group's box and smallest core distance reaches every query's current
     * best; at a leaf, each query is checked on its own before the leaf's points are scanned. Every skip is a valid
     * lower bound for each query, so each query's result is what {@link Searcher} proves. Not thread-safe itself.
     */
    private static final class GroupSearcher {
        private final KdTree tree;
        private final double[] core;
        private final double[] minCore;
        private final int[] comp;
        private final int[] nodeComp;
        private final AtomicLongArray bound;
        private final double[] pointLb;
        private final double[] bestW;
        private final int[] bestJ;
        private final int[] leader;
        private final int[] rank;
        private final boolean strict;
        private final int[] q;
        private final double[] qBest;
        private final int[] qJ;
        private int[] stack = new int[128];
        private double[] stackLb = new double[128];

        GroupSearcher(KdTree tree, double[] core, double[] minCore, int[] comp, int[] nodeComp,
                AtomicLongArray bound, double[] pointLb, double[] bestW, int[] bestJ, int[] leader, int[] rank) {
            this.rank = rank;
            this.strict = rank != null;
            this.tree = tree;
            this.core = core;
            this.minCore = minCore;
            this.comp = comp;
            this.nodeComp = nodeComp;
            this.bound = bound;
            this.pointLb = pointLb;
            this.bestW = bestW;
            this.bestJ = bestJ;
            this.leader = leader;
            // computed once by the tree: scanning every leaf here cost O(leaves) per block of 16 leaves,
            // O(leaves^2 / 16) per Boruvka round (about 40 % of the MST time at 1M points)
            int maxLeaf = tree.maxLeafSize;
            this.q = new int[maxLeaf];
            this.qBest = new double[maxLeaf];
            this.qJ = new int[maxLeaf];
        }

        /** Searches for every point of {@code leafNode} except its component's leader (searched in phase 1). */
        void search(int leafNode) {
            final KdTree tr = tree;
            final double[] pts = tr.pts;
            final int d = tr.d;
            final int[] left = tr.left;
            final int[] right = tr.right;
            final int[] comp = this.comp;
            final double[] core = this.core;
            final double[] boxMin = tr.boxMin;
            final double[] boxMax = tr.boxMax;
            int m = 0;
            double minCt = Double.POSITIVE_INFINITY;
            double groupBest = 0.0;
            for (int t = tr.nodeStart[leafNode]; t < tr.nodeEnd[leafNode]; t++) {
                int c = comp[t];
                if (leader[c] == t) {
                    continue;
                }
                double best = Double.longBitsToDouble(bound.getOpaque(c));
                if (strict ? (core[t] > best || pointLb[t] > best) : (core[t] >= best || pointLb[t] >= best)) {
                    continue;
                }
                q[m] = t;
                qBest[m] = best;
                qJ[m] = -1;
                m++;
                minCt = Math.min(minCt, core[t]);
                groupBest = Math.max(groupBest, best);
            }
            if (m == 0) {
                return;
            }
            final int groupComp = nodeComp[leafNode];
            final int go = leafNode * d;
            int sp = 0;
            stack[sp] = 0;
            stackLb[sp++] = groupLb(0, minCt, go);
            while (sp > 0) {
                sp--;
                int node = stack[sp];
                if (strict ? stackLb[sp] > groupBest : stackLb[sp] >= groupBest) {
                    continue;
                }
                int nc = nodeComp[node];
                if (nc >= 0 && nc == groupComp) {
                    continue;
                }
                int l = left[node];
                if (l >= 0) {
                    int r = right[node];
                    double ll = groupLb(l, minCt, go);
                    double lr = groupLb(r, minCt, go);
                    if (sp + 2 > stack.length) {
                        stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                        stackLb = java.util.Arrays.copyOf(stackLb, stackLb.length * 2);
                    }
                    if (ll <= lr) {
                        if (lr < groupBest || (strict && lr == groupBest)) {
                            stack[sp] = r;
                            stackLb[sp++] = lr;
                        }
                        stack[sp] = l;
                        stackLb[sp++] = ll;
                    } else {
                        if (ll < groupBest || (strict && ll == groupBest)) {
                            stack[sp] = l;
                            stackLb[sp++] = ll;
                        }
                        stack[sp] = r;
                        stackLb[sp++] = lr;
                    }
                    continue;
                }
                final int s0 = tr.nodeStart[node];
                final int e0 = tr.nodeEnd[node];
                final double mc = minCore[node];
                final int bo = node * d;
                double newGroupBest = 0.0;
                for (int i = 0; i < m; i++) {
                    final int t = q[i];
                    final int c = comp[t];
                    double best = qBest[i];
                    if (nc != c) {
                        final double ct = core[t];
                        final int qo = t * d;
                        double bs = 0.0;
                        for (int k = 0; k < d; k++) {
                            double v = pts[qo + k];
                            double diff = Math.max(Math.max(boxMin[bo + k] - v, v - boxMax[bo + k]), 0.0);
                            bs += diff * diff;
                        }
                        double lb = Math.max(ct, Math.max(mc, Math.sqrt(bs)));
                        if (lb < best || (strict && lb == best)) {
                            int bj = qJ[i];
                            for (int s = s0; s < e0; s++) {
                                if (comp[s] == c) {
                                    continue;
                                }
                                double cs = core[s];
                                double w0 = ct > cs ? ct : cs;
                                if (strict ? w0 > best : w0 >= best) {
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
                                if (w < best || (strict && w == best
                                        && (bj < 0 || key(rank, t, s) < key(rank, t, bj)))) {
                                    best = w;
                                    bj = s;
                                }
                            }
                            double shared = Double.longBitsToDouble(bound.getOpaque(c));
                            if (shared < best) {
                                best = shared;
                                bj = -1;
                            } else if (bj >= 0 && bj != qJ[i]) {
                                publish(c, best);
                            }
                            qJ[i] = bj;
                            qBest[i] = best;
                        }
                    }
                    if (best > newGroupBest) {
                        newGroupBest = best;
                    }
                }
                groupBest = newGroupBest;
            }
            // no point of another component is nearer than each query's best (every skip was a lower bound)
            for (int i = 0; i < m; i++) {
                int t = q[i];
                pointLb[t] = qBest[i];
                if (qJ[i] >= 0) {
                    bestW[t] = qBest[i];
                    bestJ[t] = qJ[i];
                }
            }
        }

        /** Lower bound for any query of the group against a node: core distance and box-to-box distance. */
        private double groupLb(int node, double minCt, int go) {
            final int d = tree.d;
            final int o = node * d;
            final double[] bmin = tree.boxMin;
            final double[] bmax = tree.boxMax;
            double s = 0.0;
            for (int k = 0; k < d; k++) {
                double diff = Math.max(Math.max(bmin[o + k] - bmax[go + k], bmin[go + k] - bmax[o + k]), 0.0);
                s += diff * diff;
            }
            return Math.max(minCt, Math.max(minCore[node], Math.sqrt(s)));
        }

        private void publish(int c, double best) {
            long bits = Double.doubleToRawLongBits(best);
            while (true) {
                long cur = bound.get(c);
                if (Double.longBitsToDouble(cur) <= best || bound.compareAndSet(c, cur, bits)) {
                    break;
                }
            }
        }
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
