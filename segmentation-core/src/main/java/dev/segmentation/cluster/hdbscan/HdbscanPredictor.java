package dev.segmentation.cluster.hdbscan;

import dev.segmentation.internal.Parallel;

/**
 * Approximate prediction for new points with hdbscan-py's {@code approximate_predict} semantics. Internal; the
 * semantics are documented on {@link dev.segmentation.cluster.HdbscanModel}.
 *
 * <p>Keeps the training points (in KD-tree order, needed for neighbour queries), their core distances, the lambda
 * at which each left the condensed tree and the cluster it left, the cluster tree (parent and birth lambda of each
 * condensed cluster), each cluster's label and each label's largest lambda. Immutable and thread-safe.
 */
public final class HdbscanPredictor {
    private static final int BLOCK = 256;

    private final KdTree tree;
    private final double[] core;
    private final double[] fallLambda;
    private final int[] fallCluster;
    private final int[] clParent;
    private final double[] clBirth;
    private final int[] clusterLabel;
    private final double[] labelMaxLambda;
    private final int minSamples;
    private final int k;
    private final boolean anyCluster;
    /**
     * Smallest lambda at which a row keeps the root's label when the root is the selected single cluster under
     * clusterSelectionEpsilon (1 / epsilon, as in the fit); 0 when epsilon is not set.
     */
    private final double rootCut;
    /** Selected condensed cluster of each label (the topmost cluster carrying it). */
    private final int[] selectedOfLabel;
    /** Largest lambda among each cluster's own condensed-tree rows (hdbscan-py's leaf_max_lambdas). */
    private final double[] directMax;
    /** Largest lambda anywhere in each cluster's subtree: GLOSH's lambda_max (derived, so restored models have it). */
    private final double[] subtreeMax;
    /** Exemplar tree positions of label l: exemplars[exStart[l] .. exStart[l + 1]). */
    private final int[] exStart;
    private final int[] exemplars;

    HdbscanPredictor(KdTree tree, double[] core, double[] fallLambda, int[] fallCluster, int[] clParent,
            double[] clBirth, int[] clusterLabel, double[] labelMaxLambda, int minSamplesUsed, int minSamplesSet,
            double clusterSelectionEpsilon) {
        this.rootCut = clusterSelectionEpsilon > 0.0 ? 1.0 / clusterSelectionEpsilon : 0.0;
        this.tree = tree;
        this.core = core;
        this.fallLambda = fallLambda;
        this.fallCluster = fallCluster;
        this.clParent = java.util.Arrays.copyOf(clParent, clusterLabel.length);
        this.clBirth = java.util.Arrays.copyOf(clBirth, clusterLabel.length);
        this.clusterLabel = clusterLabel;
        this.labelMaxLambda = labelMaxLambda;
        // hdbscan-py queries 2 * min_samples neighbours (its setting, not the value clamped to n - 1); a setting
        // above n behaves as n (at most n neighbours exist), so it is kept clamped to n, and 2 * setting is taken
        // in long arithmetic (a setting of 2^30 or more overflowed an int here)
        this.minSamples = Math.min(minSamplesSet, tree.n);
        this.k = (int) Math.max(1L, Math.min(2L * minSamplesSet, tree.n));
        this.anyCluster = labelMaxLambda.length > 0;
        // soft clustering data, all derived from the arrays above (so restored models have it too)
        int kc = this.clusterLabel.length;
        int labels = labelMaxLambda.length;
        this.selectedOfLabel = new int[labels];
        for (int c = 0; c < kc; c++) {
            int l = this.clusterLabel[c];
            if (l >= 0 && (c == 0 || this.clusterLabel[this.clParent[c]] != l)) {
                selectedOfLabel[l] = c;
            }
        }
        this.directMax = new double[kc];
        boolean[] leaf = new boolean[kc];
        java.util.Arrays.fill(leaf, true);
        for (int c = 1; c < kc; c++) {
            int p = this.clParent[c];
            leaf[p] = false;
            if (this.clBirth[c] > directMax[p]) {
                directMax[p] = this.clBirth[c];
            }
        }
        int n = tree.n;
        for (int t = 0; t < n; t++) {
            int c = fallCluster[t];
            if (fallLambda[t] > directMax[c]) {
                directMax[c] = fallLambda[t];
            }
        }
        this.subtreeMax = directMax.clone();
        for (int c = kc - 1; c >= 1; c--) { // children have larger ids than their parents
            int p = this.clParent[c];
            if (subtreeMax[c] > subtreeMax[p]) {
                subtreeMax[p] = subtreeMax[c];
            }
        }
        this.exStart = new int[labels + 1];
        for (int t = 0; t < n; t++) {
            int c = fallCluster[t];
            if (leaf[c] && this.clusterLabel[c] >= 0 && fallLambda[t] == directMax[c]) {
                exStart[this.clusterLabel[c] + 1]++;
            }
        }
        for (int l = 0; l < labels; l++) {
            exStart[l + 1] += exStart[l];
        }
        this.exemplars = new int[exStart[labels]];
        int[] fill = java.util.Arrays.copyOf(exStart, labels);
        for (int t = 0; t < n; t++) {
            int c = fallCluster[t];
            if (leaf[c] && this.clusterLabel[c] >= 0 && fallLambda[t] == directMax[c]) {
                exemplars[fill[this.clusterLabel[c]]++] = t;
            }
        }
    }

    /** The data this predictor holds, in canonical row order, for persistence ({@link PredictionData}). */
    public PredictionData data() {
        return PredictionData.fromTreeOrder(tree, core, fallLambda, fallCluster, clParent, clBirth, clusterLabel,
                labelMaxLambda, minSamples);
    }

    /** Number of columns. */
    public int dimension() {
        return tree.d;
    }

    /**
     * Predicts rows {@code 0..m-1} of {@code x} ({@code m x d}, finite) into {@code labels} and {@code strengths}
     * (either may be null), in fixed blocks on up to {@code threads} threads.
     */
    public void predict(double[] x, int m, int[] labels, double[] strengths, int threads) {
        predict(x, m, labels, strengths, null, threads);
    }

    /**
     * Predicts rows {@code 0..m-1} of {@code x} ({@code m x d}, finite) into {@code labels}, {@code strengths} and
     * approximate GLOSH {@code outlierScores} (any may be null; all come from one neighbour query per row), in fixed
     * blocks on up to {@code threads} threads. The outlier score is documented on
     * {@link dev.segmentation.cluster.HdbscanModel#outlierScores(dev.segmentation.data.DataMatrix)}.
     */
    public void predict(double[] x, int m, int[] labels, double[] strengths, double[] outlierScores, int threads) {
        if (!anyCluster && outlierScores == null) {
            for (int i = 0; i < m; i++) {
                if (labels != null) {
                    labels[i] = -1;
                }
                if (strengths != null) {
                    strengths[i] = 0.0;
                }
            }
            return;
        }
        final int d = tree.d;
        // order the queries by the leaf they reach, then search each on its own, nearest node first from the query
        // (KnnBatch.searchOne), its first bound the largest distance to the previous query's k neighbours: the
        // order and the bound change only the speed, each result is exact (about 30% less time than searching a
        // leaf's queries together, JMH HdbscanBenchmark.predict100k)
        final int nLeaves = tree.leaves.length;
        final int[] leafOfQuery = new int[m];
        final int[] leafIndex = new int[tree.nodeCount];
        for (int li = 0; li < nLeaves; li++) {
            leafIndex[tree.leaves[li]] = li;
        }
        Parallel.forEachBlock(Parallel.blocks(m, BLOCK), threads, b -> {
            int e = Math.min(m, (b + 1) * BLOCK);
            for (int i = b * BLOCK; i < e; i++) {
                leafOfQuery[i] = leafIndex[tree.leafOf(x, i * d)];
            }
        });
        final int[] start = new int[nLeaves + 1];
        for (int i = 0; i < m; i++) {
            start[leafOfQuery[i] + 1]++;
        }
        for (int li = 0; li < nLeaves; li++) {
            start[li + 1] += start[li];
        }
        final int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[start[leafOfQuery[i]]++] = i;
        }
        Parallel.forEachBlock(Parallel.blocks(m, BLOCK), threads, b -> {
            KnnBatch knn = new KnnBatch(tree, k);
            double[] nd = new double[k];
            int[] ni = new int[k];
            int seeded = 0;
            int e = Math.min(m, (b + 1) * BLOCK);
            for (int at = b * BLOCK; at < e; at++) {
                int qoff = order[at] * d;
                // the previous query's k neighbours are k distinct tree rows: the largest of their squared
                // distances to this query bounds its k-th from above
                double bound = seeded == k ? tree.maxDistSq(x, qoff, ni, k) : Double.POSITIVE_INFINITY;
                knn.searchOne(x, qoff, bound);
                int cnt = knn.drainSorted(0, nd, ni);
                seeded = cnt;
                predictOne(order[at], nd, ni, cnt, labels, strengths, outlierScores);
            }
        });
    }

    /**
     * The nearest training row under mutual reachability (smallest, then nearest, then first in tree order) from
     * the row's neighbours sorted by (distance, position), with that distance in {@code bestOut[0]}; -1 when every
     * mutual reachability distance is infinite.
     */
    private int nearest(double[] nd, int[] ni, int cnt, double[] bestOut) {
        double pc = Math.sqrt(nd[Math.min(minSamples, cnt - 1)]);
        int nn = -1;
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < cnt; j++) {
            double dist = Math.sqrt(nd[j]);
            double cj = core[ni[j]];
            double mr = cj > pc ? cj : pc;
            if (dist > mr) {
                mr = dist;
            }
            if (mr < best) {
                best = mr;
                nn = ni[j];
            }
        }
        bestOut[0] = best;
        return nn;
    }

    /** Number of labels (selected clusters). */
    public int labelCount() {
        return labelMaxLambda.length;
    }

    /**
     * hdbscan-py's {@code all_points_membership_vectors} for the training rows: row {@code orig[t]} of the result
     * is the vector of tree position t. See {@link dev.segmentation.cluster.HdbscanModel#allPointsMembershipVectors}.
     */
    public double[][] allPointsMembership(int[] orig, int threads) {
        final int n = tree.n;
        final int labels = labelMaxLambda.length;
        final double[][] out = new double[n][labels];
        if (labels == 0) {
            return out;
        }
        final int d = tree.d;
        Parallel.forEachBlock(Parallel.blocks(n, BLOCK), threads, b -> {
            double[] h = new double[labels];
            double[] dist = new double[labels];
            double[] q = new double[d];
            int e = Math.min(n, (b + 1) * BLOCK);
            for (int t = b * BLOCK; t < e; t++) {
                System.arraycopy(tree.pts, t * d, q, 0, d);
                int pcl = fallCluster[t];
                double pl = fallLambda[t];
                double ml = directMax[pcl] + 1e-8;
                int arg = heights(pcl, pl, h);
                double[] o = out[orig[t]];
                double rowMax = Double.NEGATIVE_INFINITY;
                for (int l = 0; l < labels; l++) {
                    o[l] = Math.exp(-ratio(ml, h[l]));
                    rowMax = Math.max(rowMax, o[l]);
                }
                double osum = 0.0;
                for (int l = 0; l < labels; l++) {
                    o[l] = Math.exp(o[l] - rowMax);
                    osum += o[l];
                }
                distanceMembership(q, dist);
                double sum = 0.0;
                for (int l = 0; l < labels; l++) {
                    o[l] = dist[l] * (o[l] / osum);
                    sum += o[l];
                }
                double prob = ratio(h[arg], Math.max(directMax[selectedOfLabel[arg]], pl));
                finish(o, sum, prob);
            }
        });
        return out;
    }

    /**
     * hdbscan-py's {@code membership_vector} for rows {@code 0..m-1} of {@code x} ({@code m x d}, finite). See
     * {@link dev.segmentation.cluster.HdbscanModel#membershipVectors}.
     */
    public double[][] membership(double[] x, int m, int threads) {
        final int labels = labelMaxLambda.length;
        final double[][] out = new double[m][labels];
        if (labels == 0 || m == 0) {
            return out;
        }
        final int d = tree.d;
        Parallel.forEachBlock(Parallel.blocks(m, BLOCK), threads, b -> {
            KnnBatch knn = new KnnBatch(tree, k);
            int[] qo = new int[1];
            double[] nd = new double[k];
            int[] ni = new int[k];
            double[] bestOut = new double[1];
            double[] h = new double[labels];
            double[] dist = new double[labels];
            double[] q = new double[d];
            int e = Math.min(m, (b + 1) * BLOCK);
            for (int i = b * BLOCK; i < e; i++) {
                qo[0] = i * d;
                knn.search(x, qo, 1);
                int cnt = knn.drainSorted(0, nd, ni);
                int nn = nearest(nd, ni, cnt, bestOut);
                if (nn < 0) {
                    continue; // every mutual reachability distance is infinite: zeros, as noise
                }
                double lambda = bestOut[0] > 0.0 ? 1.0 / bestOut[0] : Double.MAX_VALUE;
                if (fallLambda[nn] <= lambda) {
                    lambda = fallLambda[nn];
                }
                int pcl = fallCluster[nn];
                double ml = directMax[pcl];
                int arg = heights(pcl, lambda, h);
                double[] o = out[i];
                double rowMax = Double.NEGATIVE_INFINITY;
                for (int l = 0; l < labels; l++) {
                    o[l] = outlierScore(ml, h[l]);
                    rowMax = Math.max(rowMax, o[l]);
                }
                double osum = 0.0;
                for (int l = 0; l < labels; l++) {
                    o[l] = Math.exp(o[l] - rowMax);
                    osum += o[l];
                }
                System.arraycopy(x, i * d, q, 0, d);
                distanceMembership(q, dist);
                double sum = 0.0;
                for (int l = 0; l < labels; l++) {
                    double ov = o[l] / osum;
                    o[l] = Math.sqrt(dist[l]) * (ov * ov);
                    sum += o[l];
                }
                double prob = ratio(h[arg], Math.max(lambda, directMax[selectedOfLabel[arg]]) + 1e-8);
                finish(o, sum, prob);
            }
        });
        return out;
    }

    /**
     * The merge height of a row (leaving cluster {@code pcl} at lambda {@code pl}) with every label's selected
     * cluster into {@code h}: the birth lambda of the children of their lowest common ancestor when neither contains
     * the other, else {@code pl}. Returns the first label of largest height.
     */
    private int heights(int pcl, double pl, double[] h) {
        int arg = 0;
        for (int l = 0; l < h.length; l++) {
            int left = pcl;
            int right = selectedOfLabel[l];
            int last = -1;
            boolean movedLeft = false;
            boolean movedRight = false;
            while (left != right) {
                if (left > right) {
                    movedLeft = true;
                    last = left;
                    left = clParent[left];
                } else {
                    movedRight = true;
                    last = right;
                    right = clParent[right];
                }
            }
            h[l] = movedLeft && movedRight ? clBirth[last] : pl;
            if (h[l] > h[arg]) {
                arg = l;
            }
        }
        return arg;
    }

    /** a / b, with infinity / infinity taken as 1 and 0 / 0 as 0 (the limits where duplicate rows make lambdas infinite). */
    private static double ratio(double a, double b) {
        if (Double.isInfinite(a) && Double.isInfinite(b)) {
            return 1.0;
        }
        if (b == 0.0) {
            return a == 0.0 ? 0.0 : Double.POSITIVE_INFINITY;
        }
        return a / b;
    }

    /** hdbscan-py's per-cluster score max_lambda / (max_lambda - height), the denominator at least 1e-8. */
    private static double outlierScore(double ml, double h) {
        if (Double.isInfinite(ml)) {
            return Double.isInfinite(h) ? Double.MAX_VALUE : 1.0;
        }
        double den = ml - h;
        return ml / (den <= 0.0 ? 1e-8 : den);
    }

    /**
     * hdbscan-py's distance-based membership: 1 / (distance to the nearest exemplar of each label), normalised to
     * sum 1; a distance of 0 counts as the largest double divided by the label count.
     */
    private void distanceMembership(double[] q, double[] out) {
        final int d = tree.d;
        final double[] pts = tree.pts;
        int labels = out.length;
        double sum = 0.0;
        for (int l = 0; l < labels; l++) {
            double best = Double.POSITIVE_INFINITY;
            for (int i = exStart[l]; i < exStart[l + 1]; i++) {
                int o = exemplars[i] * d;
                double s = 0.0;
                for (int j = 0; j < d; j++) {
                    double diff = q[j] - pts[o + j];
                    s += diff * diff;
                }
                double dd = Math.sqrt(s);
                if (dd < best) {
                    best = dd;
                }
            }
            out[l] = best != 0.0 ? 1.0 / best : Double.MAX_VALUE / labels;
            sum += out[l];
        }
        for (int l = 0; l < labels; l++) {
            out[l] = out[l] / sum;
        }
    }

    /** Normalises {@code o} by {@code sum} and scales it by {@code prob}; zeros when the sum is 0 or not finite. */
    private static void finish(double[] o, double sum, double prob) {
        if (!(sum > 0.0) || Double.isInfinite(sum) || Double.isNaN(prob)) {
            java.util.Arrays.fill(o, 0.0);
            return;
        }
        for (int l = 0; l < o.length; l++) {
            o[l] = o[l] / sum * prob;
        }
    }

    /**
     * hdbscan-py's approximate_predict for one row from its neighbours sorted by (distance, position), with two
     * documented departures: a row whose mutual reachability distance to every neighbour is infinite (its squared
     * distances overflow a double: it lies more than about 1.3e154 from the training rows) is noise with strength
     * 0, where hdbscan-py's arithmetic fails; and a row at mutual reachability distance 0 from its nearest
     * neighbour has lambda infinite for the strength, which is then 1 in its cluster, as the fit gives a training
     * row that left the condensed tree at lambda infinite (hdbscan-py uses the largest double and gives 0 when the
     * cluster's largest lambda is infinite).
     */
    private void predictOne(int i, double[] nd, int[] ni, int cnt, int[] labels, double[] strengths,
            double[] outlierScores) {
        double[] bestOut = new double[1];
        int nn = nearest(nd, ni, cnt, bestOut);
        double best = bestOut[0];
        if (outlierScores != null) {
            outlierScores[i] = approximateGlosh(nn, best);
        }
        if (nn < 0) {
            // every mutual reachability distance is infinite: lambda 0, below every cluster's birth
            if (labels != null) {
                labels[i] = -1;
            }
            if (strengths != null) {
                strengths[i] = 0.0;
            }
            return;
        }
        double lambda = best > 0.0 ? 1.0 / best : Double.MAX_VALUE;
        int c = fallCluster[nn];
        if (fallLambda[nn] > lambda) {
            while (c > 0 && clBirth[c] >= lambda) {
                c = clParent[c];
            }
        }
        int lab = clusterLabel[c];
        // the root as the epsilon-selected single cluster keeps only rows at lambda >= 1 / epsilon, as in the fit
        // (the row's lambda in the tree: its neighbour's when it leaves with the neighbour, else its own)
        if (c == 0 && lab >= 0 && rootCut > 0.0 && !(Math.min(lambda, fallLambda[nn]) >= rootCut)) {
            lab = -1;
        }
        double p;
        if (lab >= 0) {
            double ml = labelMaxLambda[lab];
            p = ml > 0.0 && best > 0.0 ? Math.min(ml, lambda) / ml : 1.0;
        } else {
            p = 0.0;
        }
        if (labels != null) {
            labels[i] = lab;
        }
        if (strengths != null) {
            strengths[i] = p;
        }
    }

    /**
     * The approximate GLOSH score of a new row whose nearest training row under mutual reachability is {@code nn}
     * (-1 when every such distance is infinite) at mutual reachability distance {@code best}. The row is attached to
     * the condensed tree where it would fall: with {@code nn} at {@code nn}'s lambda when {@code nn} left its
     * cluster at a lambda at most 1 / best (it leaves with its neighbour), else at lambda 1 / best in the first
     * cluster at or above {@code nn}'s that was born below that lambda. The score is (λ_max − λ_row) / λ_max with
     * λ_max the largest lambda in that cluster's subtree, under the fit's conventions for infinite lambdas (0 when
     * λ_row is infinite or λ_max is 0, 1 when only λ_max is infinite). Since λ_row is at most λ_max of its cluster
     * in both cases, the score is in [0, 1].
     */
    private double approximateGlosh(int nn, double best) {
        int c;
        double rowLambda;
        if (nn < 0) {
            c = 0;
            rowLambda = 0.0;
        } else {
            double lambda = best > 0.0 ? 1.0 / best : Double.POSITIVE_INFINITY;
            c = fallCluster[nn];
            if (fallLambda[nn] <= lambda) {
                rowLambda = fallLambda[nn];
            } else {
                rowLambda = lambda;
                while (c > 0 && clBirth[c] >= lambda) {
                    c = clParent[c];
                }
            }
        }
        double lm = subtreeMax[c];
        if (lm == 0.0 || Double.isInfinite(rowLambda)) {
            return 0.0;
        }
        if (Double.isInfinite(lm)) {
            return 1.0;
        }
        return (lm - rowLambda) / lm;
    }
}
