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
     * Checks the shapes, ranges and invariants of the parts, so that a model file edited by hand or damaged is
     * refused rather than predicting nonsense: core distances, lambdas and births are not NaN and not negative
     * (infinity is allowed: duplicate rows give lambda infinity); every row leaves its cluster at a lambda at or
     * above the cluster's birth, and every cluster is born at or above its parent's birth; the labels are
     * consistent with the cluster tree (each label is carried by exactly one selected cluster and its descendants,
     * and every label is carried); each label's largest lambda is at least
     * the lambda of every row that left its selected cluster; {@code minSamples} is in {@code [1, n]} (the
     * predictor keeps a larger setting clamped to n, which predicts the same).
     *
     * @throws IllegalArgumentException naming the inconsistent part and its value
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
        if (minSamples < 1 || minSamples > n) {
            throw new IllegalArgumentException("minSamples must be in [1, " + n + "] (the number of training rows)"
                    + " but was " + minSamples);
        }
        for (int i = 0; i < n; i++) {
            requireNonNegative("coreDistance", i, coreDistance[i]);
            requireNonNegative("fallLambda", i, fallLambda[i]);
        }
        for (int c = 0; c < clusters; c++) {
            requireNonNegative("clusterBirth", c, clusterBirth[c]);
            if (c > 0 && clusterBirth[c] < clusterBirth[clusterParent[c]]) {
                throw new IllegalArgumentException("clusterBirth[" + c + "] = " + clusterBirth[c]
                        + " is below the birth of its parent cluster " + clusterParent[c] + " ("
                        + clusterBirth[clusterParent[c]] + ")");
            }
        }
        for (int l = 0; l < labelMaxLambda.length; l++) {
            requireNonNegative("labelMaxLambda", l, labelMaxLambda[l]);
        }
        for (int i = 0; i < n; i++) {
            int c = fallCluster[i];
            if (fallLambda[i] < clusterBirth[c]) {
                throw new IllegalArgumentException("fallLambda[" + i + "] = " + fallLambda[i] + " is below the birth "
                        + clusterBirth[c] + " of the cluster " + c + " the row left");
            }
        }
        int[] top = new int[labelMaxLambda.length];
        java.util.Arrays.fill(top, -1);
        for (int c = 0; c < clusters; c++) {
            int l = clusterLabel[c];
            int parentLabel = c == 0 ? -1 : clusterLabel[clusterParent[c]];
            if (l >= 0 && parentLabel != l) {
                if (top[l] >= 0) {
                    throw new IllegalArgumentException("label " + l + " is carried by two unrelated clusters, "
                            + top[l] + " and " + c + " (clusterLabel)");
                }
                top[l] = c;
            }
        }
        for (int l = 0; l < top.length; l++) {
            if (top[l] < 0) {
                throw new IllegalArgumentException("label " + l + " of " + top.length + " is carried by no cluster"
                        + " (clusterLabel)");
            }
        }
        for (int i = 0; i < n; i++) {
            int l = clusterLabel[fallCluster[i]];
            if (l >= 0 && top[l] == fallCluster[i] && fallLambda[i] > labelMaxLambda[l]) {
                throw new IllegalArgumentException("labelMaxLambda[" + l + "] = " + labelMaxLambda[l]
                        + " is below the lambda " + fallLambda[i] + " at which row " + i + " left the cluster");
            }
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

    private static void requireNonNegative(String name, int i, double v) {
        if (!(v >= 0)) {
            throw new IllegalArgumentException(name + "[" + i + "] = " + v + " must be >= 0 (and not NaN)");
        }
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
        return toPredictor(0.0);
    }

    /**
     * The predictor, with the fit's {@code clusterSelectionEpsilon} (0 = none): when the root is the selected
     * single cluster, a row whose lambda is below 1 / epsilon is noise, as in the fit.
     */
    public HdbscanPredictor toPredictor(double clusterSelectionEpsilon) {
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
                minSamples, minSamples, clusterSelectionEpsilon);
    }
}
