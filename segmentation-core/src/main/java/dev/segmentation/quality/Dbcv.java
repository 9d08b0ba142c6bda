package dev.segmentation.quality;

import dev.segmentation.quality.internal.Checks;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.internal.Parallel;
import java.util.Arrays;

/**
 * Density-Based Clustering Validation (Moulavi, Jaskowiak, Campello, Zimek and Sander, SDM 2014) with Euclidean
 * distances, computed as hdbscan-py's {@code hdbscan.validity.validity_index(X, labels)} does.
 *
 * <p>Per cluster of {@code m} points in dimension {@code d}: the all-points core distance of a point is
 * {@code (sum over the other members q with dist > 0 of dist(p, q)^-d / (m - 1))^(-1/d)}; mutual reachability is
 * {@code max(dist(p, q), core(p), core(q))}; a minimum spanning tree of the cluster under mutual reachability is
 * built (Prim from the cluster's first point, as hdbscan-py, whose tie-breaking and edge-endpoint repair are
 * reproduced); its internal vertices are those of degree at least 2 (the first point when there is none); the
 * density sparseness is the largest weight of an edge between internal vertices (of any edge when there is no
 * such edge). The density separation of two clusters is the smallest mutual reachability between their internal
 * vertices. A cluster's validity is {@code (minSep - sparseness) / max(minSep, sparseness)} with {@code minSep}
 * its smallest separation to another cluster, and the index is the sum of the validities weighted by
 * {@code clusterSize / n}. It lies in {@code [-1, 1]}; higher is better.
 *
 * <p><b>Noise.</b> As in hdbscan-py, rows labelled {@code -1} belong to no cluster and are left out of every
 * computation except {@code n}: the weights are cluster size over <em>all</em> rows, so the index is scaled by
 * the share of non-noise rows (a clustering that calls half the data noise scores at most 0.5).
 *
 * <p><b>Cost.</b> O(sum of m^2 d) time for the core distances and trees plus O(I^2 d) for the separations over the
 * I internal vertices; O(n d) memory (no distance matrix is stored; distances are recomputed).
 *
 * <p><b>Determinism.</b> Work is split per point block, per cluster and per cluster pair, each writing its own
 * slot, and combined in a fixed order: bit-identical for any thread count. Stateless and thread-safe.
 */
public final class Dbcv {
    private static final int BLOCK = 256;

    private Dbcv() {
    }

    /**
     * The DBCV index on all available processors.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the lengths differ, a value is not finite, a label is below -1, there
     *     are fewer than 2 clusters, a cluster has a single point, or the index comes out undefined (NaN; a
     *     defensive check). A cluster of coinciding points is not an error: its core distances are 0, as in
     *     hdbscan-py
     */
    public static double score(DataMatrix x, int[] labels) {
        return evaluate(x, labels, Runtime.getRuntime().availableProcessors()).score();
    }

    /**
     * The DBCV index and each cluster's validity, on up to {@code threads} threads.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException as {@link #score(DataMatrix, int[])}, or when {@code threads < 1}
     */
    public static DbcvResult evaluate(DataMatrix x, int[] labels, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
        }
        Checks.dataAndLabels(x, labels);
        Checks.noiseOrCluster(labels);
        int n = x.rows();
        int d = x.cols();
        int kept = 0;
        for (int l : labels) {
            if (l >= 0) {
                kept++;
            }
        }
        int[] keptLabels = new int[kept];
        int[] keptRows = new int[kept];
        int q = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] >= 0) {
                keptRows[q] = i;
                keptLabels[q++] = labels[i];
            }
        }
        LabelCodes lc = LabelCodes.of(keptLabels);
        int k = lc.k();
        if (k < 2) {
            throw new IllegalArgumentException("DBCV needs at least 2 clusters but got " + k);
        }
        for (int c = 0; c < k; c++) {
            if (lc.sizes[c] < 2) {
                throw new IllegalArgumentException("DBCV needs at least 2 points per cluster but cluster "
                        + lc.values[c] + " has " + lc.sizes[c]);
            }
        }
        // members sorted by cluster, keeping row order within a cluster (hdbscan-py's X[labels == c])
        int[] start = new int[k + 1];
        for (int c = 0; c < k; c++) {
            start[c + 1] = start[c] + lc.sizes[c];
        }
        int[] next = Arrays.copyOf(start, k);
        int[] clusterOf = new int[kept];
        double[] pts = new double[Math.multiplyExact(kept, d)];
        double[] all = x.toArray();
        for (int i = 0; i < kept; i++) {
            int c = lc.codes[i];
            int pos = next[c]++;
            clusterOf[pos] = c;
            System.arraycopy(all, keptRows[i] * d, pts, pos * d, d);
        }
        State s = new State(pts, d, k, start, clusterOf);
        Parallel.forEachBlock(Parallel.blocks(kept, BLOCK), threads, s::coreBlock);
        Parallel.forEachBlock(k, threads, s::tree);
        int pairs = k * (k - 1) / 2;
        Parallel.forEachBlock(pairs, threads, s::separation);
        double[] validity = new double[k];
        double total = 0;
        for (int c = 0; c < k; c++) {
            double minSep = Double.POSITIVE_INFINITY;
            for (int o = 0; o < k; o++) {
                if (o != c) {
                    minSep = Math.min(minSep, s.sep[c * k + o]);
                }
            }
            double sparse = s.sparseness[c];
            validity[c] = (minSep - sparse) / Math.max(minSep, sparse);
            if (Double.isNaN(validity[c])) {
                throw new IllegalArgumentException("DBCV is undefined: cluster " + lc.values[c]
                        + " has density sparseness " + sparse + " and separation " + minSep);
            }
            total += (lc.sizes[c] / (double) n) * validity[c];
        }
        return new DbcvResult(total, lc.values, validity);
    }

    /** Per-run buffers; each parallel unit writes only its own slots. */
    private static final class State {
        final double[] pts;
        final int d;
        final int k;
        final int[] start;
        final int[] clusterOf;
        final double[] core;
        final double[] sparseness;
        final int[][] internal;
        final double[] sep;

        State(double[] pts, int d, int k, int[] start, int[] clusterOf) {
            this.pts = pts;
            this.d = d;
            this.k = k;
            this.start = start;
            this.clusterOf = clusterOf;
            this.core = new double[clusterOf.length];
            this.sparseness = new double[k];
            this.internal = new int[k][];
            this.sep = new double[k * k];
            Arrays.fill(sep, Double.POSITIVE_INFINITY);
        }

        double dist(int a, int b) {
            final int dd = d;
            final double[] p = pts;
            int oa = a * dd;
            int ob = b * dd;
            double s = 0;
            for (int t = 0; t < dd; t++) {
                double df = p[oa + t] - p[ob + t];
                s += df * df;
            }
            return Math.sqrt(s);
        }

        /** Sums of dist^-d of the points of one block; core distances follow per cluster. */
        void coreBlock(int b) {
            int from = b * BLOCK;
            int to = Math.min(clusterOf.length, from + BLOCK);
            for (int p = from; p < to; p++) {
                int c = clusterOf[p];
                int lo = start[c];
                int hi = start[c + 1];
                double sum = 0;
                for (int q = lo; q < hi; q++) {
                    double dpq = dist(p, q);
                    if (dpq != 0) {
                        sum += Math.pow(1.0 / dpq, d);
                    }
                }
                core[p] = sum / (hi - lo - 1);
            }
        }

        double mr(int a, int b) {
            return Math.max(dist(a, b), Math.max(core[a], core[b]));
        }

        /** Core distances, Prim's tree, internal vertices and sparseness of cluster {@code c}. */
        void tree(int c) {
            int lo = start[c];
            int m = start[c + 1] - lo;
            double total = 0;
            for (int p = lo; p < lo + m; p++) {
                total += core[p];
            }
            for (int p = lo; p < lo + m; p++) {
                core[p] = total == 0 ? 0.0 : Math.pow(core[p], -1.0 / d);
            }
            // Prim as hdbscan-py's mst_linkage_core: from node 0, first minimum wins
            int[] addedAt = new int[m];
            Arrays.fill(addedAt, Integer.MAX_VALUE);
            addedAt[0] = -1;
            double[] cur = new double[m];
            Arrays.fill(cur, Double.POSITIVE_INFINITY);
            int[] edgeFrom = new int[m - 1];
            int[] edgeTo = new int[m - 1];
            double[] weight = new double[m - 1];
            int current = 0;
            for (int step = 0; step < m - 1; step++) {
                int best = -1;
                double bestD = 0;
                for (int j = 0; j < m; j++) {
                    if (addedAt[j] != Integer.MAX_VALUE) {
                        continue;
                    }
                    double right = mr(lo + current, lo + j);
                    double nd = cur[j] < right ? cur[j] : right;
                    cur[j] = nd;
                    if (best < 0 || nd < bestD) {
                        best = j;
                        bestD = nd;
                    }
                }
                edgeFrom[step] = current;
                edgeTo[step] = best;
                weight[step] = bestD;
                addedAt[best] = step;
                current = best;
            }
            // hdbscan-py's repair of the first endpoint: the smallest earlier tree node at (isclose) that weight
            for (int step = 1; step < m - 1; step++) {
                int v = edgeTo[step];
                double w = weight[step];
                int found = -1;
                for (int u = 0; u < m && found < 0; u++) {
                    if (u != v && addedAt[u] < step && Math.abs(mr(lo + v, lo + u) - w) <= 1e-8 + 1e-5 * Math.abs(w)) {
                        found = u;
                    }
                }
                if (found < 0) {
                    throw new IllegalStateException("no tree node at distance " + w + " from node " + v);
                }
                edgeFrom[step] = found;
            }
            int[] degree = new int[m];
            for (int e = 0; e < m - 1; e++) {
                degree[edgeFrom[e]]++;
                degree[edgeTo[e]]++;
            }
            int count = 0;
            for (int p = 0; p < m; p++) {
                if (degree[p] > 1) {
                    count++;
                }
            }
            boolean[] isInternal = new boolean[m];
            int[] nodes;
            if (count == 0) {
                nodes = new int[] {lo};
                isInternal[0] = true;
            } else {
                nodes = new int[count];
                int q = 0;
                for (int p = 0; p < m; p++) {
                    if (degree[p] > 1) {
                        nodes[q++] = lo + p;
                        isInternal[p] = true;
                    }
                }
            }
            internal[c] = nodes;
            double maxInternal = Double.NEGATIVE_INFINITY;
            double maxAll = Double.NEGATIVE_INFINITY;
            boolean any = false;
            for (int e = 0; e < m - 1; e++) {
                maxAll = Math.max(maxAll, weight[e]);
                if (isInternal[edgeFrom[e]] && isInternal[edgeTo[e]]) {
                    any = true;
                    maxInternal = Math.max(maxInternal, weight[e]);
                }
            }
            sparseness[c] = any ? maxInternal : maxAll;
        }

        /** Density separation of the {@code p}-th cluster pair (i < j, row-major). */
        void separation(int p) {
            int i = 0;
            int rest = p;
            while (rest >= k - 1 - i) {
                rest -= k - 1 - i;
                i++;
            }
            int j = i + 1 + rest;
            int[] a = internal[i];
            int[] b = internal[j];
            double min = Double.POSITIVE_INFINITY;
            for (int u : a) {
                for (int v : b) {
                    double lower = Math.max(core[u], core[v]);
                    if (lower >= min) {
                        continue;
                    }
                    double m = Math.max(dist(u, v), lower);
                    if (m < min) {
                        min = m;
                    }
                }
            }
            sep[i * k + j] = min;
            sep[j * k + i] = min;
        }
    }
}
