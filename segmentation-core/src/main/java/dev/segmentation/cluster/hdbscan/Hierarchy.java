package dev.segmentation.cluster.hdbscan;

import dev.segmentation.internal.Cancel;
import dev.segmentation.internal.IntSorts;

/**
 * The single-linkage hierarchy of an MST defined by its threshold graphs, and the condensed tree.
 *
 * <p>All MST edges of one weight join their components in one event: a node of the hierarchy may have more than
 * two children. Since every minimum spanning tree has the same components at every threshold, the hierarchy, and
 * so everything computed from it, is the same for any of several equal-weight trees. Children are ordered by the
 * smallest canonical rank of their points, so the hierarchy does not depend on node numbering either.
 *
 * <p>Condensing (Campello et al. 2013; McInnes et al. 2017) walks the hierarchy from the top: at a node of weight
 * w (lambda = 1/w), children with at least minClusterSize points are "big". None big: the cluster ends and all its
 * points fall out at lambda. One big: the cluster continues into it, the points of the small children fall out.
 * Two or more: each big child is a new cluster born at lambda, the small children's points fall out of the parent
 * (they are recorded as bridging rows; {@link Bridging} may then hand each to its nearest child).
 *
 * <p>In sequential mode (TieMode.CANONICAL_ORDER) every edge is its own event, in the order (weight,
 * {@link Mst#key}): the hierarchy is binary, and equal weights give chains of nodes of one weight. The MST must
 * then be the unique one under that order ({@link Mst} with a rank array), so that the result does not depend on
 * which equal-weight tree was found. A binary node has no small child beside two big ones, so there are no
 * bridging rows.
 */
final class Hierarchy {
    // linkage tree: leaves 0..n-1 (tree positions), internal nodes n..nodes-1
    final int n;
    int nodes;
    int root;
    final double[] weight;
    final int[] size;
    int[] childStart;
    int[] children;
    int[] leafStart;
    int[] leafArr;

    private Hierarchy(int n) {
        this.n = n;
        this.weight = new double[Math.max(1, 2 * n)];
        this.size = new int[Math.max(1, 2 * n)];
    }

    /** Builds the threshold hierarchy of an MST over n points; {@code rank} is each point's canonical rank. */
    static Hierarchy build(int n, Mst.Edges mst, int[] rank) {
        return build(n, mst, rank, Cancel.NEVER);
    }

    /** {@link #build(int, Mst.Edges, int[])} with {@code cancel} checked about every 2^16 edges. */
    static Hierarchy build(int n, Mst.Edges mst, int[] rank, Cancel cancel) {
        return build(n, mst, rank, cancel, false);
    }

    /**
     * {@link #build(int, Mst.Edges, int[], Cancel)}; with {@code sequential} every edge is its own event, in the
     * order (weight, {@link Mst#key}).
     */
    static Hierarchy build(int n, Mst.Edges mst, int[] rank, Cancel cancel, boolean sequential) {
        return build(n, mst, rank, cancel, sequential, 1);
    }

    /**
     * {@link #build(int, Mst.Edges, int[], Cancel, boolean)} with the edges sorted on up to {@code threads} threads
     * (a stable sort: the same order for any thread count).
     */
    static Hierarchy build(int n, Mst.Edges mst, int[] rank, Cancel cancel, boolean sequential, int threads) {
        Hierarchy h = new Hierarchy(n);
        int m = mst.count;
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        final double[] w = mst.w;
        if (sequential) {
            final long[] key = new long[m];
            for (int i = 0; i < m; i++) {
                key[i] = Mst.key(rank, mst.a[i], mst.b[i]);
            }
            order = HdbscanEngine.stableSort(order, (x, y) -> {
                int c = Double.compare(w[x], w[y]);
                return c != 0 ? c : Long.compare(key[x], key[y]);
            }, threads, cancel);
        } else {
            order = HdbscanEngine.stableSort(order, (x, y) -> Double.compare(w[x], w[y]), threads, cancel);
        }
        int[] parentNode = new int[Math.max(1, 2 * n)];
        java.util.Arrays.fill(parentNode, -1);
        for (int t = 0; t < n; t++) {
            h.size[t] = 1;
        }
        UnionFind uf = new UnionFind(n);
        int[] nodeOf = new int[n];
        for (int t = 0; t < n; t++) {
            nodeOf[t] = t;
        }
        int[] stamp = new int[n];
        java.util.Arrays.fill(stamp, -1);
        int[] newNode = new int[n];
        int[] oa = new int[m];
        int[] ob = new int[m];
        int next = n;
        int g0 = 0;
        int group = 0;
        int sinceCheck = 0;
        while (g0 < m) {
            if (sinceCheck >= 1 << 16) {
                cancel.check();
                sinceCheck = 0;
            }
            double gw = w[order[g0]];
            int g1 = g0 + 1;
            while (!sequential && g1 < m && w[order[g1]] == gw) {
                g1++;
            }
            for (int i = g0; i < g1; i++) {
                int e = order[i];
                oa[i] = nodeOf[uf.find(mst.a[e])];
                ob[i] = nodeOf[uf.find(mst.b[e])];
            }
            for (int i = g0; i < g1; i++) {
                int e = order[i];
                uf.union(mst.a[e], mst.b[e]);
            }
            for (int i = g0; i < g1; i++) {
                int r = uf.find(mst.a[order[i]]);
                int nn;
                if (stamp[r] != group) {
                    stamp[r] = group;
                    nn = next++;
                    newNode[r] = nn;
                    h.weight[nn] = gw;
                    nodeOf[r] = nn;
                } else {
                    nn = newNode[r];
                }
                if (parentNode[oa[i]] != nn) {
                    parentNode[oa[i]] = nn;
                    h.size[nn] += h.size[oa[i]];
                }
                if (parentNode[ob[i]] != nn) {
                    parentNode[ob[i]] = nn;
                    h.size[nn] += h.size[ob[i]];
                }
            }
            group++;
            sinceCheck += g1 - g0;
            g0 = g1;
        }
        h.nodes = next;
        h.root = next - 1;
        // children lists ordered by the smallest canonical rank below each child
        int[] minRank = new int[next];
        for (int t = 0; t < n; t++) {
            minRank[t] = rank[t];
        }
        for (int v = n; v < next; v++) {
            minRank[v] = Integer.MAX_VALUE;
        }
        for (int v = 0; v < next; v++) { // children have smaller ids than parents
            int p = parentNode[v];
            if (p >= 0 && minRank[v] < minRank[p]) {
                minRank[p] = minRank[v];
            }
        }
        int[] start = new int[next + 1];
        for (int v = 0; v < next; v++) {
            int p = parentNode[v];
            if (p >= 0) {
                start[p + 1]++;
            }
        }
        for (int v = 0; v < next; v++) {
            start[v + 1] += start[v];
        }
        int[] fill = start.clone();
        int[] ch = new int[Math.max(0, next - 1)];
        for (int v = 0; v < next; v++) {
            int p = parentNode[v];
            if (p >= 0) {
                ch[fill[p]++] = v;
            }
        }
        int[] tmp = new int[ch.length];
        for (int v = n; v < next; v++) {
            IntSorts.stableSort(ch, tmp, start[v], start[v + 1], (x, y) -> Integer.compare(minRank[x], minRank[y]));
        }
        h.childStart = start;
        h.children = ch;
        // leaves in depth-first order: each node's points are contiguous
        int[] ls = new int[next];
        int[] la = new int[n];
        int[] stack = new int[Math.max(1, next)];
        int sp = 0;
        int pos = 0;
        stack[sp++] = h.root;
        while (sp > 0) {
            int v = stack[--sp];
            if (v < n) {
                ls[v] = pos;
                la[pos++] = v;
            } else {
                for (int i = start[v + 1] - 1; i >= start[v]; i--) {
                    stack[sp++] = ch[i];
                }
            }
        }
        for (int v = n; v < next; v++) {
            ls[v] = ls[ch[start[v]]];
        }
        h.leafStart = ls;
        h.leafArr = la;
        return h;
    }

    /** The condensed tree: rows (parent cluster, child, lambda, size) and per-cluster and per-point data. */
    static final class Condensed {
        int rows;
        int[] rowParent;
        /** Point (tree position) when {@code rowIsCluster} is false, else cluster index. */
        int[] rowChild;
        boolean[] rowIsCluster;
        double[] rowLambda;
        int[] rowSize;
        int clusters;
        int[] clParent;
        double[] clBirth;
        int[] clSize;
        double[] fallLambda;
        int[] fallCluster;
        /**
         * Bridging rows: the point rows (indices into the row arrays) that fall out of their cluster at the level
         * where it splits into two or more clusters, in row order; {@link Bridging} may re-parent them.
         */
        int[] bridgeRow;
        int bridges;
    }

    /** Condenses the hierarchy by {@code minClusterSize}; cluster 0 is the root, parents precede children. */
    Condensed condense(int minClusterSize) {
        return condense(minClusterSize, Cancel.NEVER);
    }

    /** {@link #condense(int)} with {@code cancel} checked every 2^16 nodes visited. */
    Condensed condense(int minClusterSize, Cancel cancel) {
        Condensed c = new Condensed();
        int cap = 2 * n + 2;
        c.rowParent = new int[cap];
        c.rowChild = new int[cap];
        c.rowIsCluster = new boolean[cap];
        c.rowLambda = new double[cap];
        c.rowSize = new int[cap];
        int clCap = Math.max(1, n / Math.max(1, minClusterSize) * 2 + 2);
        c.clParent = new int[clCap];
        c.clBirth = new double[clCap];
        c.clSize = new int[clCap];
        int[] clNode = new int[clCap];
        c.fallLambda = new double[n];
        c.fallCluster = new int[n];
        c.bridgeRow = new int[16];
        c.clParent[0] = -1;
        c.clBirth[0] = 0.0;
        c.clSize[0] = n;
        clNode[0] = root;
        c.clusters = 1;
        int rows = 0;
        if (n == 1) {
            c.rowParent[0] = 0;
            c.rowChild[0] = 0;
            c.rowLambda[0] = 0.0;
            c.rowSize[0] = 1;
            c.rows = 1;
            return c;
        }
        int steps = 0;
        for (int cl = 0; cl < c.clusters; cl++) {
            int v = clNode[cl];
            while (true) {
                if ((++steps & 0xFFFF) == 0) {
                    cancel.check();
                }
                double wv = weight[v];
                double lambda = wv > 0 ? 1.0 / wv : Double.POSITIVE_INFINITY;
                int big = 0;
                int bigChild = -1;
                for (int i = childStart[v]; i < childStart[v + 1]; i++) {
                    int ch = children[i];
                    if (size[ch] >= minClusterSize) {
                        big++;
                        bigChild = ch;
                    }
                }
                for (int i = childStart[v]; i < childStart[v + 1]; i++) {
                    int ch = children[i];
                    if (size[ch] >= minClusterSize) {
                        if (big >= 2) {
                            int id = c.clusters++;
                            if (id >= c.clParent.length) {
                                int nc = c.clParent.length * 2;
                                c.clParent = java.util.Arrays.copyOf(c.clParent, nc);
                                c.clBirth = java.util.Arrays.copyOf(c.clBirth, nc);
                                c.clSize = java.util.Arrays.copyOf(c.clSize, nc);
                                clNode = java.util.Arrays.copyOf(clNode, nc);
                            }
                            c.clParent[id] = cl;
                            c.clBirth[id] = lambda;
                            c.clSize[id] = size[ch];
                            clNode[id] = ch;
                            c.rowParent[rows] = cl;
                            c.rowChild[rows] = id;
                            c.rowIsCluster[rows] = true;
                            c.rowLambda[rows] = lambda;
                            c.rowSize[rows] = size[ch];
                            rows++;
                        }
                        continue;
                    }
                    int s = leafStart[ch];
                    int e = s + size[ch];
                    for (int j = s; j < e; j++) {
                        int p = leafArr[j];
                        if (big >= 2) {
                            if (c.bridges == c.bridgeRow.length) {
                                c.bridgeRow = java.util.Arrays.copyOf(c.bridgeRow, c.bridges * 2);
                            }
                            c.bridgeRow[c.bridges++] = rows;
                        }
                        c.rowParent[rows] = cl;
                        c.rowChild[rows] = p;
                        c.rowLambda[rows] = lambda;
                        c.rowSize[rows] = 1;
                        rows++;
                        c.fallLambda[p] = lambda;
                        c.fallCluster[p] = cl;
                    }
                }
                if (big == 1) {
                    v = bigChild;
                    continue;
                }
                break;
            }
        }
        c.rows = rows;
        return c;
    }
}
