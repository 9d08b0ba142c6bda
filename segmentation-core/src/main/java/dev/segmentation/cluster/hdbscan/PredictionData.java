package dev.segmentation.cluster.hdbscan;

/**
 * What HDBSCAN prediction needs, as plain arrays for persistence: the training rows in canonical order (sorted
 * lexicographically by value, the order the KD-tree is built from), and per canonical row its core distance, the
 * lambda at which it left the condensed tree and the condensed cluster it left; per condensed cluster its parent,
 * birth lambda and label ({@code -1} when not selected); per label its largest lambda; and the minSamples setting
 * the neighbour queries use. Arrays are shared, not copied: callers must not modify them. Internal.
 *
 * <p>{@link #toPredictor()} rebuilds the KD-tree from the canonical rows (O(n log n)), which gives the same tree the
 * fit built, so predictions are bit-identical to the saved predictor's.
 */
public final class PredictionData {
    public final int n;
    public final int d;
    /** {@code n x d} training rows in canonical order, row-major. */
    public final double[] points;
    public final double[] coreDistance;
    public final double[] fallLambda;
    public final int[] fallCluster;
    public final int[] clusterParent;
    public final double[] clusterBirth;
    public final int[] clusterLabel;
    public final double[] labelMaxLambda;
    public final int minSamples;

    /**
     * Checks the shapes and ranges of the parts.
     *
     * @throws IllegalArgumentException naming the inconsistent part
     */
    public PredictionData(int n, int d, double[] points, double[] coreDistance, double[] fallLambda,
            int[] fallCluster, int[] clusterParent, double[] clusterBirth, int[] clusterLabel, double[] labelMaxLambda,
            int minSamples) {
        if (n < 1 || d < 1) {
            throw new IllegalArgumentException("rows and dimension must be >= 1 but were " + n + " and " + d);
        }
        if (points.length != (long) n * d) {
            throw new IllegalArgumentException(n + " x " + d + " points need " + ((long) n * d)
                    + " values but there are " + points.length);
        }
        for (int i = 0; i < points.length; i++) {
            if (!Double.isFinite(points[i])) {
                throw new IllegalArgumentException("point " + (i / d) + ", column " + (i % d) + " is " + points[i]);
            }
        }
        requireLength("coreDistance", coreDistance.length, n);
        requireLength("fallLambda", fallLambda.length, n);
        requireLength("fallCluster", fallCluster.length, n);
        int clusters = clusterLabel.length;
        if (clusters < 1) {
            throw new IllegalArgumentException("the condensed tree needs at least its root cluster");
        }
        requireLength("clusterParent", clusterParent.length, clusters);
        requireLength("clusterBirth", clusterBirth.length, clusters);
        for (int i = 0; i < n; i++) {
            if (fallCluster[i] < 0 || fallCluster[i] >= clusters) {
                throw new IllegalArgumentException("fallCluster[" + i + "] = " + fallCluster[i]
                        + " is not a cluster in [0, " + clusters + ")");
            }
        }
        for (int c = 1; c < clusters; c++) {
            if (clusterParent[c] < 0 || clusterParent[c] >= c) {
                throw new IllegalArgumentException("clusterParent[" + c + "] = " + clusterParent[c]
                        + " must be a cluster before it, in [0, " + c + ")");
            }
        }
        for (int c = 0; c < clusters; c++) {
            if (clusterLabel[c] < -1 || clusterLabel[c] >= labelMaxLambda.length) {
                throw new IllegalArgumentException("clusterLabel[" + c + "] = " + clusterLabel[c]
                        + " is not in [-1, " + labelMaxLambda.length + ")");
            }
        }
        if (minSamples < 1) {
            throw new IllegalArgumentException("minSamples must be >= 1 but was " + minSamples);
        }
        this.n = n;
        this.d = d;
        this.points = points;
        this.coreDistance = coreDistance;
        this.fallLambda = fallLambda;
        this.fallCluster = fallCluster;
        this.clusterParent = clusterParent;
        this.clusterBirth = clusterBirth;
        this.clusterLabel = clusterLabel;
        this.labelMaxLambda = labelMaxLambda;
        this.minSamples = minSamples;
    }

    private static void requireLength(String name, int length, int expected) {
        if (length != expected) {
            throw new IllegalArgumentException(name + " has " + length + " values but " + expected + " are needed");
        }
    }

    /** The data of {@code tree}-ordered arrays, turned into canonical order. */
    static PredictionData fromTreeOrder(KdTree tree, double[] core, double[] fallLambda, int[] fallCluster,
            int[] clParent, double[] clBirth, int[] clusterLabel, double[] labelMaxLambda, int minSamples) {
        int n = tree.n;
        int d = tree.d;
        double[] pts = new double[n * d];
        double[] c = new double[n];
        double[] fl = new double[n];
        int[] fc = new int[n];
        for (int t = 0; t < n; t++) {
            int r = tree.index[t];
            System.arraycopy(tree.pts, t * d, pts, r * d, d);
            c[r] = core[t];
            fl[r] = fallLambda[t];
            fc[r] = fallCluster[t];
        }
        int k = clusterLabel.length;
        return new PredictionData(n, d, pts, c, fl, fc, java.util.Arrays.copyOf(clParent, k),
                java.util.Arrays.copyOf(clBirth, k), clusterLabel.clone(), labelMaxLambda.clone(), minSamples);
    }

    /** The predictor these data describe: the KD-tree rebuilt from the canonical rows, arrays put in tree order. */
    public HdbscanPredictor toPredictor() {
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        KdTree tree = new KdTree(points, n, d, identity);
        double[] c = new double[n];
        double[] fl = new double[n];
        int[] fc = new int[n];
        for (int t = 0; t < n; t++) {
            int r = tree.index[t];
            c[t] = coreDistance[r];
            fl[t] = fallLambda[r];
            fc[t] = fallCluster[r];
        }
        return new HdbscanPredictor(tree, c, fl, fc, clusterParent, clusterBirth, clusterLabel, labelMaxLambda,
                minSamples, minSamples);
    }
}
