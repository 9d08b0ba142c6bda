package dev.segmentation.cluster;

import dev.segmentation.cluster.hdbscan.HdbscanEngine;
import dev.segmentation.cluster.hdbscan.HdbscanPredictor;
import dev.segmentation.data.DataMatrix;
import java.util.Objects;

/**
 * A fitted {@link Hdbscan}: labels ({@code -1} noise), membership strengths, GLOSH outlier scores, cluster
 * persistence, exemplars, the condensed tree as plain data, and approximate prediction for new rows.
 *
 * <p><b>Outputs</b> (all in training row order; arrays are copies):
 * <ul>
 * <li>{@link #strengths()}: hdbscan-py's {@code probabilities_}: for a row of cluster C, min(λ_row, λ_max(C)) /
 *     λ_max(C), where λ_row = 1 / (distance at which the row left the condensed tree) and λ_max(C) the largest
 *     lambda among C's own rows of the condensed tree; 1 when λ_max(C) is 0 or λ_row infinite; 0 for noise.</li>
 * <li>{@link #outlierScores()}: GLOSH (Campello et al. 2015): (λ_max − λ_row) / λ_max with λ_max the largest
 *     lambda in the subtree of the cluster the row left; 0 when λ_max is 0 or λ_row infinite; 1 when λ_max is
 *     infinite and λ_row finite (hdbscan-py gives NaN there).</li>
 * <li>{@link #clusterPersistence()}: hdbscan-py's {@code cluster_persistence_}: a cluster's stability divided by
 *     (its size × the largest lambda of the tree); 1 when that lambda is infinite.</li>
 * <li>{@link #exemplars(int)}: the rows that leave the leaf clusters below (or equal to) a cluster last.</li>
 * <li>{@link #condensedTree()}: parent, child, lambda and size arrays for plotting.</li>
 * </ul>
 * Cluster numbers follow the lexicographic order of each cluster's smallest labelled row, so they do not depend
 * on the row order of the training data.
 *
 * <p><b>Prediction</b> ({@link #predict(DataMatrix)}, {@link #predictWithStrength(DataMatrix)}) follows
 * hdbscan-py's {@code approximate_predict}: the new row's 2·minSamples nearest training rows are found (ties by
 * distance broken by the canonical row order), the row's own core distance is its distance to the
 * (minSamples+1)-th of them, and its nearest training row under mutual reachability (smallest mutual reachability,
 * then smallest distance) gives lambda = 1 / that distance. As in hdbscan-py's prediction data, the training
 * rows' core distances used here are the distances to their minSamples-th nearest row counting themselves (one
 * neighbour fewer than in the fit). If that neighbour left the tree at a lambda at most
 * this, the new row joins the neighbour's cluster; otherwise it walks up the cluster tree while a cluster was born
 * at a lambda at or above it. The label is that of the selected cluster at or above the cluster reached (else
 * noise); the strength is min(lambda, λ_max) / λ_max of that label's selected cluster. With no cluster every row is
 * noise with strength 0. A new row only reads the model: the clustering is not refitted. The clusters are those the
 * fit selected, with {@code clusterSelectionEpsilon} applied (hdbscan-py's prediction reads a selection made without
 * it, its issue 375); when epsilon makes the root the single cluster, a row whose lambda in the tree (its
 * neighbour's when it leaves with it, else its own) is below 1 / epsilon is noise, as in the fit.
 *
 * <p><b>Edge cases</b>, where this departs from hdbscan-py on purpose:
 * <ul>
 * <li><em>Exact duplicates.</em> A row at mutual reachability distance 0 from its nearest training row (for
 *     instance a training row inside a cluster of exact duplicates, whose core distance is 0) has lambda infinite,
 *     so its strength is 1, the value the fit gives a training row that left the condensed tree at lambda infinite
 *     (λ_row infinite in {@link #strengths()}); fit and prediction agree. hdbscan-py uses the largest double for
 *     that lambda and gives 0 when the cluster's λ_max is infinite. The label rule is unchanged.</li>
 * <li><em>Far rows.</em> A finite row so far from the training rows that its squared distance to every neighbour
 *     overflows a double (more than about 1.3e154 away) has an infinite mutual reachability distance (lambda 0,
 *     below every cluster's birth) and is noise with strength 0.</li>
 * </ul>
 *
 * <p><b>A training row predicted again</b> is usually its own nearest neighbour under mutual reachability (at
 * distance 0, lambda = 1 / its distance to its minSamples-th other row, the largest lambda it can reach as a new
 * row). It then gets its training label, with a strength at least its training strength, whenever the lambda at
 * which it left the condensed tree is at most that value; otherwise it moves up the cluster tree and keeps its
 * label or becomes noise. A noise row stays noise and a clustered row does not move to another cluster (tested on
 * blobs; a tied neighbour of another cluster could in principle take its place).
 *
 * <p><b>Outlier scores of new rows</b> ({@link #outlierScores(DataMatrix)}, also in every {@link Prediction}) are
 * approximate GLOSH scores (Campello, Moulavi, Zimek and Sander 2015, "Hierarchical density estimates for data
 * clustering, visualization, and outlier detection"), the analogue of hdbscan-py's {@code approximate_predict_scores}.
 * The new row's nearest training row under mutual reachability and its lambda are found as for the label (one
 * neighbour query serves both). The row is then attached to the condensed tree where it would fall, as hdbscan-py's
 * {@code _extend_condensed_tree} does: when that neighbour left its cluster at a lambda at most the row's, the row
 * leaves with it (same cluster, the neighbour's lambda); otherwise it leaves, at its own lambda, the first cluster at
 * or above the neighbour's that was born below that lambda. Its score is (λ_max − λ_row) / λ_max with λ_max the
 * largest lambda in the subtree of that cluster, under the conventions of {@link #outlierScores()} (0 when λ_row is
 * infinite or λ_max is 0; 1 when only λ_max is infinite). λ_row never exceeds λ_max there, so every score is in
 * [0, 1]; a row so far from the training rows that every mutual reachability distance overflows is scored at lambda
 * 0 in the root (1 when the tree has a positive lambda). Departures from hdbscan-py, on purpose: hdbscan-py keeps the
 * neighbour's cluster whatever the row's lambda, so a row denser than that cluster's densest row gets a negative
 * score, and a row far below that cluster's birth is still measured against its λ_max; hdbscan-py gives 1 to every
 * row when no cluster was selected, this scores against the condensed tree, which exists all the same.
 * <b>Relation to the training scores</b>: a training row scored as a new row, when no other training row has the
 * same values, has as its own core distance its distance to its minSamples-th other row (minSamples clamped to n − 1
 * as in the fit), the same computation as its fit core distance; it is then its own nearest neighbour under mutual
 * reachability (any other row is at least that far, and ties go to the nearer row, itself at distance 0), at a lambda
 * at least the one at which it left the condensed tree (that edge weighs at least its core distance); so it leaves
 * with itself, and its score equals its {@link #outlierScores() training GLOSH score} bit for bit (tested on the
 * reference cases and as a property over random and tied data and every minSamples). Exact duplicates may take one
 * another's place, and a duplicate's score is then its twin's. The scores
 * need no more than the prediction data below, so models restored from any model file score new rows; the cost is
 * that of {@link #predict(DataMatrix)} plus the walk up the cluster tree (its depth) per row (measured within the
 * noise of approximate prediction: benchmarks/scripts/hdbscan_outlier_cost.sh); {@link #predict(DataMatrix)} and
 * {@link #predict(DataMatrix, double[])} skip it. The same bits for any thread count.
 *
 * <p><b>What the model keeps</b> for prediction: the training rows' coordinates (in KD-tree order, for neighbour
 * queries), their core distances, the lambda at which each left the condensed tree and the cluster it left, each
 * condensed cluster's parent, birth lambda and label, and each label's largest lambda: O(n d) memory. The fit
 * outputs above are kept as well.
 *
 * <p><b>Complexity</b> of prediction: one exact KD-tree query of 2·minSamples neighbours per row (rows inside one
 * leaf's box are searched together, which changes only the speed), about O(minSamples · log n) per row in low
 * dimensions, in parallel fixed blocks; results do not depend on the thread count. Immutable and thread-safe.
 */
public final class HdbscanModel implements SoftClusterModel {
    private final Hdbscan settings;
    private final int dimension;
    private final int[] labels;
    private final double[] strengths;
    private final double[] outlierScores;
    private final double[] persistence;
    private final int[][] exemplars;
    private final int clusterCount;
    private final int minSamplesUsed;
    private final boolean bruteForce;
    private final double[] coreDistances;
    private final CondensedTree condensedTree;
    private final HdbscanPredictor predictor;
    private final int[] treeToRow;

    HdbscanModel(Hdbscan settings, int dimension, HdbscanEngine.Result r) {
        this.settings = settings;
        this.dimension = dimension;
        this.labels = r.labels;
        this.strengths = r.strengths;
        this.outlierScores = r.outlierScores;
        this.persistence = r.persistence;
        this.exemplars = r.exemplars;
        this.clusterCount = r.clusterCount;
        this.minSamplesUsed = r.minSamplesUsed;
        this.bruteForce = r.bruteForce;
        this.coreDistances = r.coreDistances;
        this.condensedTree = new CondensedTree(labels.length, r.condensedParent, r.condensedChild,
                r.condensedLambda, r.condensedSize);
        this.predictor = r.predictor;
        this.treeToRow = r.treeToRow;
    }

    /** The settings this model was fitted with. */
    public Hdbscan settings() {
        return settings;
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public int clusterCount() {
        return clusterCount;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** Number of training rows. */
    public int rows() {
        return labels.length;
    }

    /** Membership strength of every training row in [0, 1] (0 for noise); see the class comment. */
    @Override
    public double[] strengths() {
        return strengths.clone();
    }

    /** GLOSH outlier score of every training row in [0, 1]; see the class comment. */
    @Override
    public double[] outlierScores() {
        return outlierScores.clone();
    }

    /** Persistence of every cluster, indexed by label; see the class comment. */
    public double[] clusterPersistence() {
        return persistence.clone();
    }

    /**
     * The exemplar rows of cluster {@code label}, ascending.
     *
     * @throws IllegalArgumentException when {@code label} is not in {@code [0, clusterCount())}
     */
    public int[] exemplars(int label) {
        if (label < 0 || label >= clusterCount) {
            throw new IllegalArgumentException("label must be in [0, " + clusterCount + ") but was " + label);
        }
        return exemplars[label].clone();
    }

    /** Core distance of every training row: the distance to its minSamples-th nearest other row. */
    public double[] coreDistances() {
        return coreDistances.clone();
    }

    /** The minSamples value used (minClusterSize when unset, clamped to n - 1, at least 1). */
    public int minSamplesUsed() {
        return minSamplesUsed;
    }

    /** Whether the minimum spanning tree was built by brute force (Prim) rather than Borůvka over a KD-tree. */
    public boolean usedBruteForce() {
        return bruteForce;
    }

    /** The condensed tree as plain data. */
    public CondensedTree condensedTree() {
        return condensedTree;
    }

    @Override
    public int predict(double[] row) {
        return predictWithStrength(row).labels[0];
    }

    @Override
    public int[] predict(DataMatrix x) {
        return run(x, Runtime.getRuntime().availableProcessors(), false).labels;
    }

    /**
     * Labels of the rows of {@code x} with their strengths in {@code strengthsOut}, as
     * {@link #predictWithStrength(DataMatrix)}.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code strengthsOut}'s length differs from the row count, or as
     *     {@link #predictWithStrength(DataMatrix)}
     */
    @Override
    public int[] predict(DataMatrix x, double[] strengthsOut) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(strengthsOut, "strengthsOut");
        if (strengthsOut.length != x.rows()) {
            throw new IllegalArgumentException("strengthsOut has " + strengthsOut.length + " values but x has "
                    + x.rows() + " rows");
        }
        Prediction p = run(x, Runtime.getRuntime().availableProcessors(), false);
        System.arraycopy(p.strengths, 0, strengthsOut, 0, strengthsOut.length);
        return p.labels;
    }

    /**
     * Label and strength of one new row.
     *
     * @throws NullPointerException when {@code row} is null
     * @throws IllegalArgumentException when its length is not {@link #dimension()} or a value is not finite
     */
    public Prediction predictWithStrength(double[] row) {
        Objects.requireNonNull(row, "row");
        if (row.length != dimension) {
            throw new IllegalArgumentException("row has " + row.length + " values but the model was fitted on "
                    + dimension + " columns");
        }
        for (int k = 0; k < row.length; k++) {
            if (!Double.isFinite(row[k])) {
                throw new IllegalArgumentException("row has a non-finite value at column " + k + ": " + row[k]);
            }
        }
        int[] l = new int[1];
        double[] s = new double[1];
        double[] o = new double[1];
        predictor.predict(row.clone(), 1, l, s, o, 1);
        return new Prediction(l, s, o);
    }

    /**
     * Labels and strengths of the rows of {@code x}, on all available processors.
     *
     * @throws NullPointerException when {@code x} is null
     * @throws IllegalArgumentException when the column count differs from {@link #dimension()} or a value is not
     *     finite (naming the row and column)
     */
    public Prediction predictWithStrength(DataMatrix x) {
        return predictWithStrength(x, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Labels and strengths of the rows of {@code x} on up to {@code threads} threads (the result does not depend
     * on it).
     *
     * @throws NullPointerException when {@code x} is null
     * @throws IllegalArgumentException when {@code threads < 1}, the column count differs from
     *     {@link #dimension()} or a value is not finite (naming the row and column)
     */
    public Prediction predictWithStrength(DataMatrix x, int threads) {
        return run(x, threads, true);
    }

    /** Checks the input and predicts; outlier scores only when asked (else the Prediction's array is null). */
    private Prediction run(DataMatrix x, int threads, boolean outliers) {
        Objects.requireNonNull(x, "x");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
        }
        if (x.cols() != dimension) {
            throw new IllegalArgumentException("x has " + x.cols() + " columns but the model was fitted on "
                    + dimension);
        }
        int[] bad = x.firstNonFinite();
        if (bad.length > 0) {
            throw new IllegalArgumentException("x has a non-finite value at row " + bad[0] + ", column " + bad[1]
                    + ": " + x.get(bad[0], bad[1]));
        }
        int m = x.rows();
        int[] l = new int[m];
        double[] s = new double[m];
        double[] o = outliers ? new double[m] : null;
        predictor.predict(x.toArray(), m, l, s, o, threads);
        return new Prediction(l, s, o);
    }

    /**
     * Approximate GLOSH outlier scores of new rows, in [0, 1], the analogue of hdbscan-py's
     * {@code approximate_predict_scores}; see "Outlier scores of new rows" in the class comment. On all available
     * processors.
     *
     * @throws NullPointerException when {@code x} is null
     * @throws IllegalArgumentException when the column count differs from {@link #dimension()} or a value is not
     *     finite (naming the row and column)
     */
    public double[] outlierScores(DataMatrix x) {
        return outlierScores(x, Runtime.getRuntime().availableProcessors());
    }

    /**
     * {@link #outlierScores(DataMatrix)} on up to {@code threads} threads (the result does not depend on it).
     *
     * @throws IllegalArgumentException when {@code threads < 1}, or as {@link #outlierScores(DataMatrix)}
     */
    public double[] outlierScores(DataMatrix x, int threads) {
        return predictWithStrength(x, threads).outlierScores;
    }

    /** Always true: every HDBSCAN model, fitted or restored, scores new rows (see {@link #outlierScores(DataMatrix)}). */
    @Override
    public boolean scoresNewRows() {
        return true;
    }

    /**
     * Labels of the rows of {@code x}, with their strengths and approximate GLOSH outlier scores written to the
     * two arrays, as {@link #predictWithStrength(DataMatrix)}.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when an output array's length differs from the row count, or as
     *     {@link #predictWithStrength(DataMatrix)}
     */
    @Override
    public int[] predict(DataMatrix x, double[] strengthsOut, double[] outlierScoresOut) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(strengthsOut, "strengthsOut");
        Objects.requireNonNull(outlierScoresOut, "outlierScoresOut");
        if (strengthsOut.length != x.rows() || outlierScoresOut.length != x.rows()) {
            throw new IllegalArgumentException("strengthsOut has " + strengthsOut.length + " and outlierScoresOut "
                    + outlierScoresOut.length + " values but x has " + x.rows() + " rows");
        }
        Prediction p = predictWithStrength(x);
        System.arraycopy(p.strengths, 0, strengthsOut, 0, strengthsOut.length);
        System.arraycopy(p.outlierScores, 0, outlierScoresOut, 0, outlierScoresOut.length);
        return p.labels;
    }

    /**
     * Soft cluster membership of every training row, as hdbscan-py's {@code all_points_membership_vectors}:
     * {@code result[row][label]} for the {@link #clusterCount()} selected clusters (those of the fit, with
     * {@code clusterSelectionEpsilon} applied). For a row leaving condensed cluster P at lambda λ:
     * <ul>
     * <li>distance part: 1 / (Euclidean distance to the nearest {@link #exemplars(int) exemplar} of each cluster),
     *     normalised to sum 1 (a distance of 0 counts as {@code Double.MAX_VALUE / clusterCount});</li>
     * <li>outlier part: the merge height h_j of the row with cluster j (the birth lambda of the children of the
     *     lowest common ancestor of P and j in the cluster tree, or λ when one contains the other), the score
     *     exp(−(λ_max(P) + 1e-8) / h_j) with λ_max(P) the largest lambda among P's own condensed-tree rows, then a
     *     softmax over the clusters;</li>
     * <li>the product of the two parts normalised to sum 1, times the probability of being in some cluster:
     *     max_j h_j / max(λ_max(j*), λ), with j* the first cluster of largest merge height.</li>
     * </ul>
     * Each row's vector sums to that probability (at most 1); it is 0 everywhere when there is no cluster. Where
     * duplicate rows make lambdas infinite, ∞/∞ is taken as 1 (hdbscan-py's arithmetic gives NaN there). These
     * are the definitions of hdbscan-py's prediction module (McInnes, "Soft clustering for HDBSCAN*", hdbscan
     * documentation); hdbscan-py's own softmax subtracts the maximum over all rows, this one over each row, which
     * is the same up to rounding.
     *
     * <p>Cost: O(n · k · (depth of the cluster tree + E · d)) with k clusters and E exemplars; parallel in fixed
     * blocks of rows, the same bits for any thread count.
     *
     * @throws IllegalStateException when the model was restored from a file (the training rows' order is not
     *     kept; {@link #membershipVectors(DataMatrix)} works on restored models)
     */
    public double[][] allPointsMembershipVectors() {
        if (treeToRow == null) {
            throw new IllegalStateException("a restored HDBSCAN model keeps no training-row order: "
                    + "allPointsMembershipVectors() needs the fitted model (membershipVectors(x) works on this one)");
        }
        return predictor.allPointsMembership(treeToRow, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Soft cluster membership of new rows, as hdbscan-py's {@code membership_vector}: {@code result[row][label]}.
     * The row's nearest training row under mutual reachability and its lambda are found as in
     * {@link #predict(DataMatrix)} (lambda then capped at the lambda where that neighbour left the condensed
     * tree, and P is the cluster it left); the distance part is as in {@link #allPointsMembershipVectors()}; the
     * outlier part scores each cluster λ_max(P) / (λ_max(P) − h_j) (denominator at least 1e-8) and takes a softmax;
     * the combination is sqrt(distance part) × (outlier part)², normalised to sum 1, times max_j h_j /
     * (max(λ, λ_max(j*)) + 1e-8). Rows farther than about 1.3e154 from every training row (see
     * {@link #predict(DataMatrix)}) get zeros. hdbscan-py passes lambda through a 32-bit float on this path; this
     * keeps doubles.
     *
     * <p>Cost: one KD-tree query of 2·minSamples neighbours per row, plus O(k · (tree depth + E · d)); parallel in
     * fixed blocks, the same bits for any thread count. Works on restored models.
     *
     * @throws NullPointerException when {@code x} is null
     * @throws IllegalArgumentException when the column count differs from {@link #dimension()} or a value is not
     *     finite (naming the row and column)
     */
    public double[][] membershipVectors(DataMatrix x) {
        return membershipVectors(x, Runtime.getRuntime().availableProcessors());
    }

    /**
     * {@link #membershipVectors(DataMatrix)} on up to {@code threads} threads (the result does not depend on it).
     *
     * @throws IllegalArgumentException when {@code threads < 1}, or as {@link #membershipVectors(DataMatrix)}
     */
    public double[][] membershipVectors(DataMatrix x, int threads) {
        Objects.requireNonNull(x, "x");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
        }
        if (x.cols() != dimension) {
            throw new IllegalArgumentException("x has " + x.cols() + " columns but the model was fitted on "
                    + dimension);
        }
        int[] bad = x.firstNonFinite();
        if (bad.length > 0) {
            throw new IllegalArgumentException("x has a non-finite value at row " + bad[0] + ", column " + bad[1]
                    + ": " + x.get(bad[0], bad[1]));
        }
        return predictor.membership(x.toArray(), x.rows(), threads);
    }

    /** {@link #allPointsMembershipVectors()} on up to {@code threads} threads (package-private, for tests). */
    double[][] allPointsMembershipVectors(int threads) {
        if (treeToRow == null) {
            throw new IllegalStateException("a restored HDBSCAN model keeps no training-row order");
        }
        return predictor.allPointsMembership(treeToRow, threads);
    }

    /** The prediction engine (for {@link HdbscanStepFactory}). */
    HdbscanPredictor predictor() {
        return predictor;
    }

    @Override
    public String toString() {
        return "HdbscanModel[rows=" + labels.length + ", clusters=" + clusterCount + ", " + settings + "]";
    }

    /**
     * Predicted labels ({@code -1} noise), strengths and approximate GLOSH outlier scores of new rows. Immutable.
     */
    public static final class Prediction {
        private final int[] labels;
        private final double[] strengths;
        private final double[] outlierScores;

        private Prediction(int[] labels, double[] strengths, double[] outlierScores) {
            this.labels = labels;
            this.strengths = strengths;
            this.outlierScores = outlierScores;
        }

        /** The approximate GLOSH outlier scores in [0, 1] (a copy); see {@link HdbscanModel#outlierScores(DataMatrix)}. */
        public double[] outlierScores() {
            return outlierScores.clone();
        }

        /** The approximate GLOSH outlier score of row {@code i}. */
        public double outlierScore(int i) {
            return outlierScores[i];
        }

        /** The predicted labels (a copy). */
        public int[] labels() {
            return labels.clone();
        }

        /** The predicted strengths in [0, 1] (a copy). */
        public double[] strengths() {
            return strengths.clone();
        }

        /** The label of row {@code i}. */
        public int label(int i) {
            return labels[i];
        }

        /** The strength of row {@code i}. */
        public double strength(int i) {
            return strengths[i];
        }

        /** Number of rows. */
        public int size() {
            return labels.length;
        }
    }

    /**
     * The condensed tree as four parallel arrays, one entry per edge: a training row leaving a cluster (child in
     * {@code [0, n)}, the row number, size 1) or a cluster splitting off (child {@code >= n}, size = its rows).
     * A bridging row given to a child cluster (see {@link Hdbscan}) is an edge of that child at the child's birth
     * lambda, and the child's own edge counts it in its size.
     * Clusters are numbered from {@code n} (the root) in breadth-first order, parents before children; lambda is
     * 1 / distance (infinite for distance 0). The same layout as hdbscan-py's {@code condensed_tree_.to_numpy()}.
     * Immutable; accessors return copies.
     */
    public static final class CondensedTree {
        private final int pointCount;
        private final long[] parent;
        private final long[] child;
        private final double[] lambda;
        private final long[] size;

        CondensedTree(int pointCount, long[] parent, long[] child, double[] lambda, long[] size) {
            this.pointCount = pointCount;
            this.parent = parent;
            this.child = child;
            this.lambda = lambda;
            this.size = size;
        }

        /** Number of training rows n (cluster numbers start there). */
        public int pointCount() {
            return pointCount;
        }

        /** Number of edges. */
        public int size() {
            return parent.length;
        }

        /** Parent cluster of each edge. */
        public long[] parent() {
            return parent.clone();
        }

        /** Child (row below n, cluster from n) of each edge. */
        public long[] child() {
            return child.clone();
        }

        /** Lambda (1 / distance) of each edge. */
        public double[] lambda() {
            return lambda.clone();
        }

        /** Number of rows the child holds (1 for a row). */
        public long[] childSize() {
            return size.clone();
        }
    }
}
