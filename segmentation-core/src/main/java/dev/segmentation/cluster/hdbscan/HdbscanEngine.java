package dev.segmentation.cluster.hdbscan;

import dev.segmentation.fit.ProgressListener;
import dev.segmentation.internal.Cancel;
import dev.segmentation.internal.IntSorts;

/**
 * The HDBSCAN* pipeline behind {@link dev.segmentation.cluster.Hdbscan}: canonical row order, KD-tree, core
 * distances, exact MST, threshold hierarchy, condensed tree, cluster selection, strengths, GLOSH scores and the
 * data prediction needs. Internal: not part of the public API; the public types document the semantics.
 *
 * <p>Order independence: rows are first sorted lexicographically by their values (column 0, then 1, ...); every
 * later step works in that order or in orders derived from it, and every tie is broken by it. Identical rows are
 * interchangeable (the threshold hierarchy treats them alike), so every output is a function of the multiset of
 * rows: permuting the rows permutes the outputs and nothing else, bit for bit.
 */
public final class HdbscanEngine {
    private HdbscanEngine() {
    }

    /** Settings of one fit (validated by the caller). */
    public static final class Settings {
        public int minClusterSize;
        /** 0 means minClusterSize. */
        public int minSamples;
        public boolean leaf;
        public double epsilon;
        public boolean allowSingleCluster;
        /** 0 means unlimited. */
        public int maxClusterSize;
        /** Tied edges merged one at a time in canonical order (TieMode.CANONICAL_ORDER). */
        public boolean canonicalTies;
        /** 0 auto, 1 Borůvka KD-tree, 2 brute force. */
        public int mst;
        public int threads = 1;
        public ProgressListener listener = ProgressListener.NONE;
        /** Checked between stages and once per block of rows within them. */
        public Cancel cancel = Cancel.NEVER;
    }

    /** Everything a fit produces, in input row order. */
    public static final class Result {
        public int[] labels;
        public double[] strengths;
        public double[] outlierScores;
        public double[] persistence;
        public int[][] exemplars;
        public int clusterCount;
        public int minSamplesUsed;
        public boolean bruteForce;
        public long[] condensedParent;
        public long[] condensedChild;
        public double[] condensedLambda;
        public long[] condensedSize;
        public double[] coreDistances;
        public HdbscanPredictor predictor;
        /** Input row of each KD-tree position (null for a restored model). */
        public int[] treeToRow;
        int[] clusterOfLabelMap;
        double[] labelMaxLambda;
    }

    /** Smallest n at which AUTO uses the KD-tree Borůvka search (below it brute force is faster). */
    static final int AUTO_MIN_N = 256;
    /** Largest dimension at which AUTO uses the KD-tree Borůvka search. */
    static final int AUTO_MAX_DIM = 12;

    /** Whether AUTO chooses brute force for this shape. */
    public static boolean autoBruteForce(int n, int d) {
        return n < AUTO_MIN_N || d > AUTO_MAX_DIM;
    }

    /**
     * Fits HDBSCAN* to {@code data} ({@code n x d} row-major, all finite, n >= 1).
     */
    public static Result fit(double[] data, int n, int d, Settings s) {
        ProgressListener listener = s.listener;
        Cancel cancel = s.cancel;
        cancel.check();
        // 1. canonical order: lexicographic by values, ties (identical rows) by input row
        int[] canon = new int[n];
        for (int i = 0; i < n; i++) {
            canon[i] = i;
        }
        IntSorts.IndexComparator byValues = (a, b) -> {
            int oa = a * d;
            int ob = b * d;
            for (int k = 0; k < d; k++) {
                int c = Double.compare(data[oa + k], data[ob + k]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        canon = stableSort(canon, byValues, s.threads, cancel);
        double[] cdata = new double[n * d];
        int[] identity = new int[n];
        for (int c = 0; c < n; c++) {
            System.arraycopy(data, canon[c] * d, cdata, c * d, d);
            identity[c] = c;
        }
        cancel.check();
        KdTree tree = new KdTree(cdata, n, d, identity, cancel, s.threads);
        cancel.check();
        int[] rank = tree.index; // canonical rank of each tree position
        int[] orig = new int[n];
        for (int t = 0; t < n; t++) {
            orig[t] = canon[rank[t]];
        }
        // 2. core distances as hdbscan-py computes them: the fit uses the distance to the (minSamples+1)-th
        //    nearest row counting the row itself (its KD-tree query asks for min_samples + 1 neighbours), its
        //    prediction data the minSamples-th; min_samples is clamped to n - 1, at least 1
        int ms = s.minSamples > 0 ? s.minSamples : s.minClusterSize;
        ms = Math.max(1, Math.min(ms, n - 1));
        listener.progress("hdbscan/core-distances", 0, n);
        double[] predictionCore = new double[n];
        double[] core = Mst.coreDistances(tree, ms + 1, s.threads, predictionCore, cancel);
        listener.progress("hdbscan/core-distances", n, n);
        // 3. MST
        boolean brute = s.mst == 2 || (s.mst == 0 && autoBruteForce(n, d));
        int[] strictRank = s.canonicalTies ? rank : null;
        Mst.Edges mst = brute ? Mst.prim(tree, core, s.threads, cancel, strictRank)
                : Mst.boruvka(tree, core, s.threads, listener, cancel, strictRank);
        cancel.check();
        if (mst.count != n - 1) {
            throw new IllegalStateException("MST has " + mst.count + " edges for " + n + " points");
        }
        // 4. hierarchy and condensed tree
        Hierarchy h = Hierarchy.build(n, mst, rank, cancel, s.canonicalTies, s.threads);
        cancel.check();
        Hierarchy.Condensed ct = h.condense(s.minClusterSize, cancel);
        cancel.check();
        // 5. bridging rows go to the child cluster of their nearest member (see Bridging)
        Bridging.attach(ct, tree, s.threads, cancel);
        listener.progress("hdbscan/condensed-tree", 1, 1);
        cancel.check();
        Result r = select(ct, n, rank, orig, s);
        cancel.check();
        r.minSamplesUsed = ms;
        r.bruteForce = brute;
        r.coreDistances = new double[n];
        for (int t = 0; t < n; t++) {
            r.coreDistances[orig[t]] = core[t];
        }
        r.predictor = new HdbscanPredictor(tree, predictionCore, ct.fallLambda, ct.fallCluster, ct.clParent, ct.clBirth,
                r.clusterOfLabelMap, r.labelMaxLambda, ms, s.minSamples > 0 ? s.minSamples : s.minClusterSize,
                s.epsilon);
        r.clusterOfLabelMap = null;
        r.treeToRow = orig;
        return r;
    }

    /**
     * Stable sort of {@code idx} by {@code cmp}; with more than one thread and at least 2^16 indices, the two halves
     * are sorted at once and then merged (ties from the first half first). A stable sort's result does not depend on
     * how it is computed, so it is the same for any thread count. Returns the sorted array ({@code idx} or a new one).
     */
    static int[] stableSort(int[] idx, IntSorts.IndexComparator cmp, int threads, Cancel cancel) {
        final int n = idx.length;
        final int[] tmp = new int[n];
        if (threads <= 1 || n < 1 << 16) {
            IntSorts.stableSort(idx, tmp, 0, n, cmp, cancel);
            return idx;
        }
        final int mid = n >>> 1;
        dev.segmentation.internal.Parallel.forEachBlock(2, threads, cancel,
                b -> IntSorts.stableSort(idx, tmp, b == 0 ? 0 : mid, b == 0 ? mid : n, cmp, cancel));
        int i = 0;
        int j = mid;
        int k = 0;
        while (i < mid && j < n) {
            if ((k & 0xFFFF) == 0) {
                cancel.check();
            }
            tmp[k++] = cmp.compare(idx[j], idx[i]) < 0 ? idx[j++] : idx[i++];
        }
        while (i < mid) {
            tmp[k++] = idx[i++];
        }
        while (j < n) {
            tmp[k++] = idx[j++];
        }
        return tmp;
    }

    /** Cluster selection, labels, strengths, GLOSH scores, exemplars (package-private for the stage benchmarks). */
    static Result select(Hierarchy.Condensed ct, int n, int[] rank, int[] orig, Settings s) {
        int K = ct.clusters;
        int rows = ct.rows;
        // direct maximum lambda, stability (rows in their fixed order)
        double[] directMax = new double[K];
        double[] stability = new double[K];
        double maxLambda = 0.0;
        for (int i = 0; i < rows; i++) {
            int p = ct.rowParent[i];
            double l = ct.rowLambda[i];
            if (l > directMax[p]) {
                directMax[p] = l;
            }
            if (l > maxLambda) {
                maxLambda = l;
            }
            stability[p] += (l - ct.clBirth[p]) * ct.rowSize[i];
        }
        // cluster children lists (ids increase from parent to child)
        int[] chStart = new int[K + 1];
        for (int c = 1; c < K; c++) {
            chStart[ct.clParent[c] + 1]++;
        }
        for (int c = 0; c < K; c++) {
            chStart[c + 1] += chStart[c];
        }
        int[] chFill = chStart.clone();
        int[] ch = new int[Math.max(0, K - 1)];
        for (int c = 1; c < K; c++) {
            ch[chFill[ct.clParent[c]]++] = c;
        }
        boolean[] selected = new boolean[K];
        double[] stab = stability.clone();
        int maxSize = s.maxClusterSize > 0 ? s.maxClusterSize : Integer.MAX_VALUE;
        if (!s.leaf) {
            int last = s.allowSingleCluster ? 0 : 1;
            for (int c = K - 1; c >= last; c--) {
                double sub = 0.0;
                for (int i = chStart[c]; i < chStart[c + 1]; i++) {
                    sub += stab[ch[i]];
                }
                if (sub > stab[c] || ct.clSize[c] > maxSize) {
                    selected[c] = false;
                    stab[c] = sub;
                } else {
                    selected[c] = true;
                }
            }
            deselectBelowSelected(ct, K, selected);
            if (s.epsilon != 0.0 && K > 1) {
                boolean onlyRoot = selected[0];
                if (onlyRoot) {
                    if (!s.allowSingleCluster) {
                        selected[0] = false;
                    }
                } else {
                    epsilonSearch(ct, K, chStart, selected, s);
                }
            }
        } else {
            for (int c = 1; c < K; c++) {
                selected[c] = chStart[c + 1] == chStart[c];
            }
            if (s.epsilon != 0.0) {
                epsilonSearch(ct, K, chStart, selected, s);
            }
        }
        // nearest selected ancestor-or-self of every cluster
        int[] owner = new int[K];
        for (int c = 0; c < K; c++) {
            if (selected[c]) {
                owner[c] = c;
            } else {
                owner[c] = c == 0 ? -1 : owner[ct.clParent[c]];
            }
        }
        // points' clusters; the root as the single cluster keeps only its densest points (hdbscan-py)
        int[] pointCluster = new int[n];
        double rootCut = s.epsilon != 0.0 ? 1.0 / s.epsilon : directMax[0];
        for (int t = 0; t < n; t++) {
            int o = owner[ct.fallCluster[t]];
            if (o == 0 && !(ct.fallLambda[t] >= rootCut)) {
                o = -1;
            }
            pointCluster[t] = o;
        }
        // canonical numbering: by the smallest canonical rank among each cluster's labelled points
        int[] minRank = new int[K];
        java.util.Arrays.fill(minRank, Integer.MAX_VALUE);
        for (int t = 0; t < n; t++) {
            int o = pointCluster[t];
            if (o >= 0 && rank[t] < minRank[o]) {
                minRank[o] = rank[t];
            }
        }
        int count = 0;
        int[] sel = new int[K];
        for (int c = 0; c < K; c++) {
            if (selected[c] && minRank[c] != Integer.MAX_VALUE) {
                sel[count++] = c;
            }
        }
        IntSorts.stableSort(sel, new int[count], 0, count, (a, b) -> Integer.compare(minRank[a], minRank[b]));
        int[] labelOf = new int[K];
        java.util.Arrays.fill(labelOf, -1);
        for (int i = 0; i < count; i++) {
            labelOf[sel[i]] = i;
        }
        Result r = new Result();
        r.clusterCount = count;
        r.labels = new int[n];
        r.strengths = new double[n];
        r.outlierScores = new double[n];
        int[] labelSize = new int[count];
        for (int t = 0; t < n; t++) {
            int o = pointCluster[t];
            int lab = o >= 0 ? labelOf[o] : -1;
            r.labels[orig[t]] = lab;
            if (lab >= 0) {
                labelSize[lab]++;
                double ml = directMax[o];
                double l = ct.fallLambda[t];
                double p;
                if (ml == 0.0 || Double.isInfinite(l)) {
                    p = 1.0;
                } else {
                    p = Math.min(l, ml) / ml;
                }
                r.strengths[orig[t]] = p;
            }
        }
        // GLOSH: lambda_max of a cluster = largest lambda anywhere in its subtree
        double[] subMax = directMax.clone();
        for (int c = K - 1; c >= 1; c--) {
            int p = ct.clParent[c];
            if (subMax[c] > subMax[p]) {
                subMax[p] = subMax[c];
            }
        }
        for (int t = 0; t < n; t++) {
            double lm = subMax[ct.fallCluster[t]];
            double l = ct.fallLambda[t];
            double score;
            if (lm == 0.0 || Double.isInfinite(l)) {
                score = 0.0;
            } else if (Double.isInfinite(lm)) {
                score = 1.0;
            } else {
                score = (lm - l) / lm;
            }
            r.outlierScores[orig[t]] = score;
        }
        // persistence (hdbscan-py cluster_persistence_)
        r.persistence = new double[count];
        for (int i = 0; i < count; i++) {
            int c = sel[i];
            if (Double.isInfinite(maxLambda) || maxLambda == 0.0 || labelSize[i] == 0) {
                r.persistence[i] = 1.0;
            } else {
                r.persistence[i] = stab[c] / (labelSize[i] * maxLambda);
            }
        }
        // exemplars: points at the largest lambda of each leaf cluster below (or equal to) a selected cluster
        int[] exCount = new int[count];
        boolean[] isLeaf = new boolean[K];
        for (int c = 0; c < K; c++) {
            isLeaf[c] = chStart[c + 1] == chStart[c];
        }
        for (int pass = 0; pass < 2; pass++) {
            if (pass == 1) {
                r.exemplars = new int[count][];
                for (int i = 0; i < count; i++) {
                    r.exemplars[i] = new int[exCount[i]];
                    exCount[i] = 0;
                }
            }
            for (int t = 0; t < n; t++) {
                int c = ct.fallCluster[t];
                if (!isLeaf[c] || owner[c] < 0 || ct.fallLambda[t] != directMax[c]) {
                    continue;
                }
                int lab = labelOf[owner[c]];
                if (lab < 0) {
                    continue;
                }
                if (pass == 1) {
                    r.exemplars[lab][exCount[lab]] = orig[t];
                }
                exCount[lab]++;
            }
        }
        for (int i = 0; i < count; i++) {
            java.util.Arrays.sort(r.exemplars[i]);
        }
        // condensed tree as plain data: points by input row, clusters as n + cluster index
        r.condensedParent = new long[rows];
        r.condensedChild = new long[rows];
        r.condensedLambda = new double[rows];
        r.condensedSize = new long[rows];
        for (int i = 0; i < rows; i++) {
            r.condensedParent[i] = (long) n + ct.rowParent[i];
            r.condensedChild[i] = ct.rowIsCluster[i] ? (long) n + ct.rowChild[i] : orig[ct.rowChild[i]];
            r.condensedLambda[i] = ct.rowLambda[i];
            r.condensedSize[i] = ct.rowSize[i];
        }
        // prediction: every cluster maps to the label of its nearest selected ancestor-or-self
        int[] clusterLabel = new int[K];
        for (int c = 0; c < K; c++) {
            clusterLabel[c] = owner[c] >= 0 ? labelOf[owner[c]] : -1;
        }
        double[] labelMax = new double[count];
        for (int i = 0; i < count; i++) {
            labelMax[i] = directMax[sel[i]];
        }
        r.clusterOfLabelMap = clusterLabel;
        r.labelMaxLambda = labelMax;
        return r;
    }

    private static void deselectBelowSelected(Hierarchy.Condensed ct, int K, boolean[] selected) {
        boolean[] covered = new boolean[K];
        for (int c = 1; c < K; c++) {
            int p = ct.clParent[c];
            if (selected[p] || covered[p]) {
                covered[c] = true;
                selected[c] = false;
            }
        }
    }

    /**
     * hdbscan-py's epsilon search: a selected cluster born below epsilon (eps = 1/birth lambda) is replaced by its
     * nearest ancestor born above epsilon, or by the root's child on its path (the root itself when a single
     * cluster is allowed).
     */
    private static void epsilonSearch(Hierarchy.Condensed ct, int K, int[] chStart, boolean[] selected,
            Settings s) {
        boolean[] result = new boolean[K];
        for (int c = 1; c < K; c++) {
            if (!selected[c]) {
                continue;
            }
            double eps = 1.0 / ct.clBirth[c];
            if (eps >= s.epsilon) {
                result[c] = true;
                continue;
            }
            int x = c;
            int chosen;
            while (true) {
                int p = ct.clParent[x];
                if (p == 0) {
                    chosen = s.allowSingleCluster ? 0 : x;
                    break;
                }
                if (1.0 / ct.clBirth[p] > s.epsilon) {
                    chosen = p;
                    break;
                }
                x = p;
            }
            result[chosen] = true;
        }
        System.arraycopy(result, 0, selected, 0, K);
    }
}
