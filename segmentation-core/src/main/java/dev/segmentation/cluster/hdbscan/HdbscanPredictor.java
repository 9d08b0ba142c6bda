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
    /** Query groups per parallel block. */
    private static final int GROUP_BLOCK = 32;

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

    HdbscanPredictor(KdTree tree, double[] core, double[] fallLambda, int[] fallCluster, int[] clParent,
            double[] clBirth, int[] clusterLabel, double[] labelMaxLambda, int minSamplesUsed, int minSamplesSet) {
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
        if (!anyCluster) {
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
        // group the queries that lie inside one leaf's box (grouping changes only the speed: each result is
        // exact); a query outside the box of the leaf it reaches is searched alone
        final int nLeaves = tree.leaves.length;
        final int[] leafOfQuery = new int[m];
        final int[] leafIndex = new int[tree.nodeCount];
        for (int li = 0; li < nLeaves; li++) {
            leafIndex[tree.leaves[li]] = li;
        }
        Parallel.forEachBlock(Parallel.blocks(m, BLOCK), threads, b -> {
            int e = Math.min(m, (b + 1) * BLOCK);
            for (int i = b * BLOCK; i < e; i++) {
                int leaf = tree.leafOf(x, i * d);
                leafOfQuery[i] = tree.boxDistSq(x, i * d, leaf) == 0.0 ? leafIndex[leaf] : nLeaves;
            }
        });
        final int[] start = new int[nLeaves + 2];
        for (int i = 0; i < m; i++) {
            start[leafOfQuery[i] + 1]++;
        }
        for (int li = 0; li <= nLeaves; li++) {
            start[li + 1] += start[li];
        }
        final int[] order = new int[m];
        final int[] fill = java.util.Arrays.copyOf(start, nLeaves + 1);
        for (int i = 0; i < m; i++) {
            order[fill[leafOfQuery[i]]++] = i;
        }
        int groups = start[nLeaves + 1] - start[nLeaves];
        for (int li = 0; li < nLeaves; li++) {
            groups += Parallel.blocks(start[li + 1] - start[li], KnnBatch.MAX_GROUP);
        }
        final int[] groupStart = new int[groups + 1];
        int g = 0;
        for (int li = 0; li < nLeaves; li++) {
            for (int at = start[li]; at < start[li + 1]; at += KnnBatch.MAX_GROUP) {
                groupStart[g++] = at;
            }
        }
        for (int at = start[nLeaves]; at < m; at++) {
            groupStart[g++] = at;
        }
        groupStart[groups] = m;
        final int nGroups = groups;
        Parallel.forEachBlock(Parallel.blocks(nGroups, GROUP_BLOCK), threads, b -> {
            KnnBatch knn = new KnnBatch(tree, k);
            int[] qo = new int[KnnBatch.MAX_GROUP];
            double[] nd = new double[k];
            int[] ni = new int[k];
            int ge = Math.min(nGroups, (b + 1) * GROUP_BLOCK);
            for (int gi = b * GROUP_BLOCK; gi < ge; gi++) {
                int g0 = groupStart[gi];
                int gm = groupStart[gi + 1] - g0;
                for (int j = 0; j < gm; j++) {
                    qo[j] = order[g0 + j] * d;
                }
                knn.search(x, qo, gm);
                for (int j = 0; j < gm; j++) {
                    int cnt = knn.drainSorted(j, nd, ni);
                    predictOne(order[g0 + j], nd, ni, cnt, labels, strengths);
                }
            }
        });
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
    private void predictOne(int i, double[] nd, int[] ni, int cnt, int[] labels, double[] strengths) {
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
}
