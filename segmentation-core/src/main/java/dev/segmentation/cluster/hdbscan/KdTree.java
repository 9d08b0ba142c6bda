package dev.segmentation.cluster.hdbscan;

import dev.segmentation.internal.Cancel;

/**
 * A static KD-tree over points held in tree order (each node's points are contiguous), with tight bounding boxes.
 * Built deterministically from the input order: the split dimension is the widest box side, the split position
 * the median, and equal coordinates are ordered by input position, so the same input order gives the same tree.
 * Immutable after construction; searchers ({@link KnnBatch}) own their buffers, so
 * concurrent searches are safe.
 */
final class KdTree {
    static final int LEAF_SIZE = 24;

    final int n;
    final int d;
    /** Coordinates in tree order, row-major. */
    final double[] pts;
    /** Input position of each tree position. */
    final int[] index;
    final int[] nodeStart;
    final int[] nodeEnd;
    /** Children of a node, -1 for a leaf. */
    final int[] left;
    final int[] right;
    final double[] boxMin;
    final double[] boxMax;
    final int nodeCount;
    /** Leaf node ids in tree order (by their first position). */
    final int[] leaves;
    /** The largest number of points in one leaf (at least 1), for sizing per-leaf scratch buffers. */
    final int maxLeafSize;

    /**
     * Builds a tree over {@code data} (row-major, {@code n x d}) taken in the order {@code order} (input rows).
     * Equal coordinates are ordered by row number, so callers pass data in a canonical row order.
     */
    KdTree(double[] data, int n, int d, int[] order) {
        this(data, n, d, order, Cancel.NEVER);
    }

    /** {@link #KdTree(double[], int, int, int[])} with {@code cancel} checked every 64 nodes and on every node of more than 8192 rows. */
    KdTree(double[] data, int n, int d, int[] order, Cancel cancel) {
        this(data, n, d, order, cancel, 1);
    }

    /**
     * {@link #KdTree(double[], int, int, int[], Cancel)} built on up to {@code threads} threads: the root is split
     * first, then its two subtrees are built at once. The shape of a subtree depends only on its row count (median
     * splits, leaves of at most {@link #LEAF_SIZE}), so each subtree's node ids are known in advance and the tree is
     * the same, node for node, for any thread count.
     */
    KdTree(double[] data, int n, int d, int[] order, Cancel cancel, int threads) {
        this.n = n;
        this.d = d;
        final int count = subtreeNodes(n);
        final int[] ns = new int[count];
        final int[] ne = new int[count];
        final int[] lc = new int[count];
        final int[] rc = new int[count];
        final double[] bmin = new double[count * d];
        final double[] bmax = new double[count * d];
        final int[] idx = order.clone();
        ns[0] = 0;
        ne[0] = n;
        if (threads > 1 && n > 2 * LEAF_SIZE && n >= 1 << 16) {
            // the root here; then its children's subtrees, in the ids the sequential build gives them: node 1's
            // descendants from 3 on, node 2's right after node 1's subtree
            splitNode(data, d, idx, 0, 1, ns, ne, lc, rc, bmin, bmax, cancel);
            int leftNodes = subtreeNodes(ne[1] - ns[1]);
            int[] firstFree = {3, 3 + leftNodes - 1};
            dev.segmentation.internal.Parallel.forEachBlock(2, threads, cancel,
                    b -> buildSubtree(data, d, idx, 1 + b, firstFree[b], ns, ne, lc, rc, bmin, bmax, cancel));
        } else {
            buildSubtree(data, d, idx, 0, 1, ns, ne, lc, rc, bmin, bmax, cancel);
        }
        this.nodeCount = count;
        this.nodeStart = ns;
        this.nodeEnd = ne;
        this.left = lc;
        this.right = rc;
        this.boxMin = bmin;
        this.boxMax = bmax;
        this.index = idx;
        double[] p = new double[n * d];
        for (int t = 0; t < n; t++) {
            System.arraycopy(data, idx[t] * d, p, t * d, d);
        }
        this.pts = p;
        int leafCount = 0;
        int maxLeaf = 1;
        for (int node = 0; node < count; node++) {
            if (lc[node] < 0) {
                leafCount++;
                maxLeaf = Math.max(maxLeaf, ne[node] - ns[node]);
            }
        }
        this.maxLeafSize = maxLeaf;
        int[] lv = new int[leafCount];
        int at = 0;
        int[] stack = new int[128];
        int sp = 0;
        stack[sp++] = 0;
        while (sp > 0) {
            int node = stack[--sp];
            if (lc[node] < 0) {
                lv[at++] = node;
            } else {
                stack[sp++] = rc[node];
                stack[sp++] = lc[node];
            }
        }
        this.leaves = lv;
    }

    /** Nodes of the subtree over {@code m} rows (the shape depends on the count only). */
    static int subtreeNodes(int m) {
        if (m <= LEAF_SIZE) {
            return 1;
        }
        int half = m >>> 1;
        int a = subtreeNodes(half);
        // the two halves differ by at most one row; equal halves have equal subtrees
        return 1 + a + (m - half == half ? a : subtreeNodes(m - half));
    }

    /**
     * Builds the subtree of {@code root} (its range already set) depth first, giving new nodes ids from
     * {@code firstFree} on in the order the sequential build does: a node's two children take the next two ids
     * when the node is split, and the left child's subtree is built before the right one's.
     */
    private static void buildSubtree(double[] data, int d, int[] idx, int root, int firstFree, int[] ns, int[] ne,
            int[] lc, int[] rc, double[] bmin, double[] bmax, Cancel cancel) {
        int count = firstFree;
        int[] stack = new int[128];
        int sp = 0;
        stack[sp++] = root;
        while (sp > 0) {
            int node = stack[--sp];
            if (splitNode(data, d, idx, node, count, ns, ne, lc, rc, bmin, bmax, cancel)) {
                int l = count++;
                int r = count++;
                if (sp + 2 > stack.length) {
                    stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                }
                stack[sp++] = r;
                stack[sp++] = l;
            }
        }
    }

    /**
     * Computes the box of {@code node}; a node of more than {@link #LEAF_SIZE} rows is split at the median of its
     * widest side into children {@code l} and {@code l + 1} (ranges set, boxes not yet); returns whether it was.
     */
    private static boolean splitNode(double[] data, int d, int[] idx, int node, int l, int[] ns, int[] ne, int[] lc,
            int[] rc, double[] bmin, double[] bmax, Cancel cancel) {
        int s = ns[node];
        int e = ne[node];
        // every 64 nodes, and on every large node: the top levels each pass over all n rows (box and
        // selection), so checking only every 64th node left about 5 levels, 100 to 165 ms at 1M rows, unchecked
        if ((node & 63) == 0 || e - s > 8192) {
            cancel.check();
        }
        computeBox(data, d, idx, s, e, bmin, bmax, node);
        if (e - s <= LEAF_SIZE) {
            lc[node] = -1;
            rc[node] = -1;
            return false;
        }
        int dim = 0;
        double widest = -1;
        for (int k = 0; k < d; k++) {
            double w = bmax[node * d + k] - bmin[node * d + k];
            if (w > widest) {
                widest = w;
                dim = k;
            }
        }
        int mid = (s + e) >>> 1;
        if (widest > 0) { // identical points: split by position only
            select(data, d, dim, idx, s, e - 1, mid);
        }
        int r = l + 1;
        ns[l] = s;
        ne[l] = mid;
        ns[r] = mid;
        ne[r] = e;
        lc[node] = l;
        rc[node] = r;
        return true;
    }

    /**
     * The leaf reached from the root by always taking the child whose box is nearer to the point (the left one on
     * ties): the leaf holding the point, or one near it. Used only to group queries, never for results.
     */
    int leafOf(double[] qa, int qo) {
        int node = 0;
        while (left[node] >= 0) {
            int l = left[node];
            int r = right[node];
            node = boxDistSq(qa, qo, l) <= boxDistSq(qa, qo, r) ? l : r;
        }
        return node;
    }

    private static void computeBox(double[] data, int d, int[] idx, int s, int e, double[] bmin, double[] bmax,
            int node) {
        int o = node * d;
        for (int k = 0; k < d; k++) {
            bmin[o + k] = Double.POSITIVE_INFINITY;
            bmax[o + k] = Double.NEGATIVE_INFINITY;
        }
        for (int i = s; i < e; i++) {
            int r = idx[i] * d;
            for (int k = 0; k < d; k++) {
                double v = data[r + k];
                if (v < bmin[o + k]) {
                    bmin[o + k] = v;
                }
                if (v > bmax[o + k]) {
                    bmax[o + k] = v;
                }
            }
        }
    }

    /** Compares (value on dim, position in idx order) : a strict total order independent of the algorithm. */
    private static boolean less(double[] data, int d, int dim, int a, int b) {
        double va = data[a * d + dim];
        double vb = data[b * d + dim];
        return va < vb || (va == vb && a < b);
    }

    /** Quickselect on idx[lo..hi] so that idx[k] holds the k-th smallest by (coordinate, row number). */
    private static void select(double[] data, int d, int dim, int[] idx, int lo, int hi, int k) {
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            // median of three by value as pivot
            int a = idx[lo];
            int b = idx[mid];
            int c = idx[hi];
            int pivot;
            if (less(data, d, dim, a, b)) {
                pivot = less(data, d, dim, b, c) ? b : (less(data, d, dim, a, c) ? c : a);
            } else {
                pivot = less(data, d, dim, a, c) ? a : (less(data, d, dim, b, c) ? c : b);
            }
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (less(data, d, dim, idx[i], pivot)) {
                    i++;
                }
                while (less(data, d, dim, pivot, idx[j])) {
                    j--;
                }
                if (i <= j) {
                    int t = idx[i];
                    idx[i] = idx[j];
                    idx[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    /** Squared distance from point {@code q} (offset {@code qo} in {@code qa}) to the box of {@code node}. */
    double boxDistSq(double[] qa, int qo, int node) {
        int o = node * d;
        double s = 0;
        for (int k = 0; k < d; k++) {
            double v = qa[qo + k];
            double lo = boxMin[o + k];
            double diff;
            if (v < lo) {
                diff = lo - v;
            } else {
                double hi = boxMax[o + k];
                diff = v > hi ? v - hi : 0.0;
            }
            s += diff * diff;
        }
        return s;
    }

    /** Squared Euclidean distance between {@code q} and tree position {@code t}, summed over columns in order. */
    double distSq(double[] qa, int qo, int t) {
        int o = t * d;
        double s = 0;
        for (int k = 0; k < d; k++) {
            double diff = qa[qo + k] - pts[o + k];
            s += diff * diff;
        }
        return s;
    }

    /**
     * The largest of {@link #distSq} from the query at offset {@code qo} of {@code qa} to the tree positions
     * {@code rows[0..count)}: when those are k distinct positions, a bound from above on the query's k-th nearest
     * squared distance (the seed of {@link KnnBatch#searchOne}).
     */
    double maxDistSq(double[] qa, int qo, int[] rows, int count) {
        double bound = 0.0;
        for (int i = 0; i < count; i++) {
            double ds = distSq(qa, qo, rows[i]);
            if (ds > bound) {
                bound = ds;
            }
        }
        return bound;
    }
}
