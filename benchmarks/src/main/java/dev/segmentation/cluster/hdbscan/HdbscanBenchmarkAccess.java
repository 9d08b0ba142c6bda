package dev.segmentation.cluster.hdbscan;

import dev.segmentation.fit.ProgressListener;

/**
 * Opens the HDBSCAN* stages to the JMH benchmarks (same package, benchmarks module only, never published). The
 * constructor runs every stage once, so each method can time one stage on the previous stage's real output:
 * KD-tree build, core distances, Borůvka MST, threshold hierarchy plus condensed tree, cluster selection (labels,
 * strengths, GLOSH scores, exemplars) and approximate prediction.
 *
 * <p>The rows are taken in the order given; the engine first sorts them into a canonical order, which on continuous
 * data only decides which of two tied rows comes first and does not change the work. Not thread-safe.
 */
public final class HdbscanBenchmarkAccess {
    private final double[] data;
    private final int n;
    private final int d;
    private final int minClusterSize;
    private final int coreK;
    private final int threads;
    private final int[] identity;
    private final HdbscanEngine.Settings settings;
    private final KdTree tree;
    private final double[] core;
    private final Mst.Edges mst;
    private final Hierarchy.Condensed condensed;
    private final HdbscanPredictor predictor;

    /**
     * Prepares every stage on {@code data} ({@code n x d} row-major, finite) with {@code minClusterSize} and
     * {@code minSamples} (0 means minClusterSize) on {@code threads} threads.
     */
    public HdbscanBenchmarkAccess(double[] data, int n, int d, int minClusterSize, int minSamples, int threads) {
        this.data = data;
        this.n = n;
        this.d = d;
        this.minClusterSize = minClusterSize;
        this.threads = threads;
        int ms = minSamples > 0 ? minSamples : minClusterSize;
        this.coreK = Math.max(1, Math.min(ms, n - 1)) + 1;
        this.identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        this.settings = new HdbscanEngine.Settings();
        settings.minClusterSize = minClusterSize;
        settings.minSamples = minSamples;
        settings.threads = threads;
        this.tree = new KdTree(data, n, d, identity);
        this.core = Mst.coreDistances(tree, coreK, threads, new double[n]);
        this.mst = Mst.boruvka(tree, core, threads, ProgressListener.NONE);
        this.condensed = Hierarchy.build(n, mst, tree.index).condense(minClusterSize);
        this.predictor = HdbscanEngine.fit(data, n, d, settings).predictor;
    }

    /** Builds the KD-tree; returns its node count. */
    public int kdTree() {
        return new KdTree(data, n, d, identity).nodeCount;
    }

    /** Core distances (the (minSamples+1)-th nearest neighbour counting the point itself) of every point. */
    public double[] coreDistances() {
        return Mst.coreDistances(tree, coreK, threads, new double[n]);
    }

    /** The exact mutual-reachability MST by Borůvka on the KD-tree; returns the total edge weight. */
    public double mst() {
        Mst.Edges e = Mst.boruvka(tree, core, threads, ProgressListener.NONE);
        double w = 0;
        for (int i = 0; i < e.count; i++) {
            w += e.w[i];
        }
        return w;
    }

    /** The threshold hierarchy of the MST and its condensed tree; returns the number of condensed clusters. */
    public int condensedTree() {
        return Hierarchy.build(n, mst, tree.index).condense(minClusterSize).clusters;
    }

    /** Cluster selection (excess of mass) with labels, strengths, GLOSH scores and exemplars; returns clusters. */
    public int selection() {
        return HdbscanEngine.select(condensed, n, tree.index, tree.index, settings).clusterCount;
    }

    /** The whole fit (canonical sort, every stage above, prediction data); returns the cluster count. */
    public int fit() {
        return HdbscanEngine.fit(data, n, d, settings).clusterCount;
    }

    /** Approximate prediction of rows {@code 0..m-1} of {@code queries} into {@code labels} and {@code strengths}. */
    public void predict(double[] queries, int m, int[] labels, double[] strengths) {
        predictor.predict(queries, m, labels, strengths, threads);
    }
}
