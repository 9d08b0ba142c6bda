package dev.segmentation.cluster.hdbscan;

import dev.segmentation.internal.Cancel;
import dev.segmentation.internal.Parallel;

/**
 * Attaches bridging rows to the child cluster they are nearest to.
 *
 * <p>A bridging row leaves its condensed cluster P at exactly the lambda L at which P splits into two or more
 * child clusters C1..Cm (its core distance is typically the split distance, so MST edges of weight 1/L join it to
 * several sides at once). The threshold hierarchy merges those edges in one event, so the row would fall out of P.
 * hdbscan-py merges them one after the other and the row ends in one child at that child's birth. This step
 * decides, independently of row order: the row goes to the child holding its nearest member by raw Euclidean
 * distance (members of Ci = the rows of Ci's whole subtree before this step; squared distances summed over the
 * columns in order, compared exactly); when members of two or more children share that smallest distance, the row
 * stays in P. An attached row keeps its lambda L, which is Cj's birth, so it adds nothing to Cj's stability, and
 * Cj's size (and the size of Cj's row in the condensed tree) grows by one, as when the row had merged into Cj
 * first; P's stability changes only by rounding.
 *
 * <p>Cost: one nearest-member search over the KD-tree per bridging row (branch and bound; a subtree is skipped
 * when its box is farther than the best member found), about O(log n) each in low dimensions on clustered data,
 * plus O(n + clusters) set-up when there is at least one bridging row; rows are decided in parallel fixed blocks.
 * Deterministic: the decision depends on coordinates and cluster membership only (the KD-tree, built from the
 * canonical row order, changes only the speed), and each row's decision is independent of the others, so neither
 * the row order nor the thread count changes it.
 */
final class Bridging {
    /** Bridging rows per parallel block. */
    static final int BLOCK = 64;

    private Bridging() {
    }

    /**
     * Re-parents the bridging rows of {@code ct} in place (tree positions of {@code tree}), deciding on up to
     * {@code threads} threads (the result does not depend on it); returns how many were attached. Rows of the condensed tree stay grouped by parent (a stable reorder).
     */
    static int attach(Hierarchy.Condensed ct, KdTree tree, int threads) {
        return attach(ct, tree, threads, Cancel.NEVER);
    }

    /** {@link #attach(Hierarchy.Condensed, KdTree, int)} with {@code cancel} checked once per block of rows. */
    static int attach(Hierarchy.Condensed ct, KdTree tree, int threads, Cancel cancel) {
        final int nb = ct.bridges;
        if (nb == 0) {
            return 0;
        }
        int[] target = decide(ct, tree, threads, cancel);
        final int k = ct.clusters;
        // apply
        int rows = ct.rows;
        int[] clusterRow = new int[k];
        for (int r = 0; r < rows; r++) {
            if (ct.rowIsCluster[r]) {
                clusterRow[ct.rowChild[r]] = r;
            }
        }
        int attached = 0;
        for (int b = 0; b < nb; b++) {
            int c = target[b];
            if (c < 0) {
                continue;
            }
            int r = ct.bridgeRow[b];
            ct.rowParent[r] = c;
            ct.fallCluster[ct.rowChild[r]] = c;
            ct.clSize[c]++;
            ct.rowSize[clusterRow[c]]++;
            attached++;
        }
        if (attached > 0) {
            regroup(ct, k);
        }
        return attached;
    }

    /**
     * The child cluster each bridging row of {@code ct} goes to (in the order of {@code ct.bridgeRow}), -1 where it
     * stays in its parent; reads {@code ct} without changing it.
     */
    static int[] decide(Hierarchy.Condensed ct, KdTree tree, int threads) {
        return decide(ct, tree, threads, Cancel.NEVER);
    }

    private static int[] decide(Hierarchy.Condensed ct, KdTree tree, int threads, Cancel cancel) {
        final int nb = ct.bridges;
        final int n = tree.n;
        final int k = ct.clusters;
        // cluster children (ascending ids) and pre-order intervals [pre, end) of every subtree
        int[] chStart = new int[k + 1];
        for (int c = 1; c < k; c++) {
            chStart[ct.clParent[c] + 1]++;
        }
        for (int c = 0; c < k; c++) {
            chStart[c + 1] += chStart[c];
        }
        int[] fill = chStart.clone();
        int[] ch = new int[Math.max(1, k - 1)];
        for (int c = 1; c < k; c++) {
            ch[fill[ct.clParent[c]]++] = c;
        }
        int[] pre = new int[k];
        int[] end = new int[k];
        int[] stack = new int[Math.max(1, k)];
        int[] next = new int[k];
        int sp = 0;
        int order = 0;
        stack[sp++] = 0;
        pre[0] = order++;
        next[0] = chStart[0];
        while (sp > 0) {
            int c = stack[sp - 1];
            if (next[c] < chStart[c + 1]) {
                int child = ch[next[c]++];
                pre[child] = order++;
                next[child] = chStart[child];
                stack[sp++] = child;
            } else {
                end[c] = order;
                sp--;
            }
        }
        // pre-order number of the cluster each tree position left
        int[] fallPre = new int[n];
        for (int t = 0; t < n; t++) {
            fallPre[t] = pre[ct.fallCluster[t]];
        }
        // decide every bridging row on the tree as condensed (before any re-parenting); rows are independent, so
        // fixed blocks on any number of threads give the same decisions
        final int[] target = new int[nb];
        final int[] bridgeRow = ct.bridgeRow;
        final int[] rowChild = ct.rowChild;
        final int[] rowParent = ct.rowParent;
        Parallel.forEachBlock(Parallel.blocks(nb, BLOCK), threads, cancel, blk -> {
            Searcher searcher = new Searcher(tree, fallPre);
            int e = Math.min(nb, (blk + 1) * BLOCK);
            for (int b = blk * BLOCK; b < e; b++) {
                int r = bridgeRow[b];
                int parent = rowParent[r];
                int found = searcher.nearestChild(rowChild[r], pre, ch, chStart[parent], chStart[parent + 1],
                        pre[parent] + 1, end[parent]);
                target[b] = found >= 0 ? ch[found] : -1;
            }
        });
        return target;
    }

    /** Stable counting sort of the condensed rows by parent cluster. */
    private static void regroup(Hierarchy.Condensed ct, int k) {
        int rows = ct.rows;
        int[] start = new int[k + 1];
        for (int r = 0; r < rows; r++) {
            start[ct.rowParent[r] + 1]++;
        }
        for (int c = 0; c < k; c++) {
            start[c + 1] += start[c];
        }
        int[] parent = new int[ct.rowParent.length];
        int[] child = new int[ct.rowChild.length];
        boolean[] isCluster = new boolean[ct.rowIsCluster.length];
        double[] lambda = new double[ct.rowLambda.length];
        int[] size = new int[ct.rowSize.length];
        for (int r = 0; r < rows; r++) {
            int at = start[ct.rowParent[r]]++;
            parent[at] = ct.rowParent[r];
            child[at] = ct.rowChild[r];
            isCluster[at] = ct.rowIsCluster[r];
            lambda[at] = ct.rowLambda[r];
            size[at] = ct.rowSize[r];
        }
        ct.rowParent = parent;
        ct.rowChild = child;
        ct.rowIsCluster = isCluster;
        ct.rowLambda = lambda;
        ct.rowSize = size;
        ct.bridgeRow = new int[0];
        ct.bridges = 0;
    }

    /** Nearest-member search over the KD-tree with its own stack (no allocation per query). */
    private static final class Searcher {
        private final KdTree tree;
        private final int[] fallPre;
        private int[] stack = new int[64];
        private double[] stackLb = new double[64];

        Searcher(KdTree tree, int[] fallPre) {
            this.tree = tree;
            this.fallPre = fallPre;
        }

        /**
         * The index in {@code ch} (within {@code [c0, c1)}) of the child cluster holding the rows nearest to tree
         * position {@code p} among the rows whose cluster's pre-order number lies in {@code [lo, hi)} (the
         * children's subtrees); -1 when rows of two children share the smallest distance or there is no member.
         */
        int nearestChild(int p, int[] pre, int[] ch, int c0, int c1, int lo, int hi) {
            final int d = tree.d;
            final double[] pts = tree.pts;
            final int[] nodeStart = tree.nodeStart;
            final int[] nodeEnd = tree.nodeEnd;
            final int[] left = tree.left;
            final int[] right = tree.right;
            final int qo = p * d;
            double best = Double.POSITIVE_INFINITY;
            int bestChild = -1;
            boolean mixed = false;
            int sp = 0;
            stack[sp] = 0;
            stackLb[sp++] = tree.boxDistSq(pts, qo, 0);
            while (sp > 0) {
                sp--;
                int node = stack[sp];
                if (stackLb[sp] > best) {
                    continue;
                }
                int l = left[node];
                if (l >= 0) {
                    int r = right[node];
                    double dl = tree.boxDistSq(pts, qo, l);
                    double dr = tree.boxDistSq(pts, qo, r);
                    if (sp + 2 > stack.length) {
                        stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                        stackLb = java.util.Arrays.copyOf(stackLb, stackLb.length * 2);
                    }
                    int near = dl <= dr ? l : r;
                    int far = dl <= dr ? r : l;
                    double dNear = dl <= dr ? dl : dr;
                    double dFar = dl <= dr ? dr : dl;
                    if (dFar <= best) {
                        stack[sp] = far;
                        stackLb[sp++] = dFar;
                    }
                    if (dNear <= best) {
                        stack[sp] = near;
                        stackLb[sp++] = dNear;
                    }
                    continue;
                }
                final int e0 = nodeEnd[node];
                for (int t = nodeStart[node]; t < e0; t++) {
                    int f = fallPre[t];
                    if (f < lo || f >= hi) {
                        continue;
                    }
                    int po = t * d;
                    double sum = 0.0;
                    for (int j = 0; j < d; j++) {
                        double diff = pts[qo + j] - pts[po + j];
                        sum += diff * diff;
                    }
                    if (sum > best) {
                        continue;
                    }
                    int c = childOf(f, pre, ch, c0, c1);
                    if (sum < best) {
                        best = sum;
                        bestChild = c;
                        mixed = false;
                    } else if (c != bestChild) {
                        mixed = true;
                    }
                }
            }
            return mixed ? -1 : bestChild;
        }

        /** The index in {@code ch[c0..c1)} of the child whose subtree holds pre-order number {@code f}. */
        private static int childOf(int f, int[] pre, int[] ch, int c0, int c1) {
            int a = c0;
            int b = c1 - 1;
            while (a < b) { // the last child with pre <= f (children's pre-order numbers ascend)
                int m = (a + b + 1) >>> 1;
                if (pre[ch[m]] <= f) {
                    a = m;
                } else {
                    b = m - 1;
                }
            }
            return a;
        }
    }
}
