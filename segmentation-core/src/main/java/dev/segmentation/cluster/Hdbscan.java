package dev.segmentation.cluster;

import dev.segmentation.cluster.hdbscan.HdbscanEngine;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitCancelledException;
import dev.segmentation.fit.FitContext;
import dev.segmentation.internal.Cancel;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * HDBSCAN*: hierarchical density-based clustering with noise (Campello, Moulavi and Sander 2013, "Density-based
 * clustering based on hierarchical density estimates"; McInnes and Healy 2017, "Accelerated hierarchical density
 * based clustering"). Immutable configuration; {@link #fit} returns an {@link HdbscanModel}.
 *
 * <p><b>What it computes.</b> The core distance of a row is what hdbscan-py 0.8.x computes: its Euclidean
 * distance to its {@code minSamples}-th nearest <em>other</em> row, i.e. the ({@code minSamples}+1)-th counting the
 * row itself (hdbscan-py's documentation says the row counts among the minSamples, but its KD-tree query asks for
 * {@code min_samples + 1} neighbours; the reference outputs agree only with the latter). {@code minSamples} unset
 * means {@code minClusterSize}; values above {@code n - 1} are clamped to {@code n - 1} as in hdbscan-py. The mutual
 * reachability distance of two rows is the largest of their two core distances and their distance. The exact
 * minimum spanning tree of that graph is found by Borůvka's algorithm over a KD-tree, or by Prim's algorithm on the
 * dense graph for small inputs and high dimensions ({@link MstAlgorithm#AUTO}: brute force when fewer than 256 rows
 * or more than 12 columns). The hierarchy is defined by the threshold graphs of that tree: <em>all edges of equal
 * weight merge in one event</em>, so a cluster may split into several children at one level and points that
 * fall out at one level fall out together. The condensed tree drops splits that leave fewer than
 * {@code minClusterSize} points (see the bridging rule below), and flat clusters are selected by excess of mass
 * (default) or as the leaves,
 * with hdbscan-py's {@code cluster_selection_epsilon}, {@code allow_single_cluster} and {@code max_cluster_size}.
 * The model carries labels ({@code -1} noise), membership strengths (hdbscan-py's {@code probabilities_}), GLOSH
 * outlier scores, cluster persistence, exemplars and the condensed tree. The metric is Euclidean.
 *
 * <p><b>Bridging rows (ties at a split).</b> A row whose core distance equals the distance at which its cluster P
 * splits into two or more child clusters reaches several children by edges of exactly that weight; in the
 * threshold hierarchy it would fall out of P at that level. Such a row is given to the child holding its nearest
 * member by Euclidean distance (members: the rows of the child's whole subtree; squared distances compared
 * exactly), at that child's birth lambda, as if its edge to that child had merged first; when members of two or
 * more children are equally near, it falls out of P. An attached row adds 0 to the child's stability, so the
 * selection does not change; it counts in the child's size, and its label, strength, GLOSH score and condensed-tree
 * row follow from its place as for any other row. The rule depends only on coordinates and cluster membership, so
 * it keeps every result independent of row order and thread count. Cost: one KD-tree nearest-member search per
 * bridging row.
 *
 * <p><b>Where it differs from hdbscan-py.</b> hdbscan-py merges tied distances one edge at a time in the order of
 * its Prim traversal (from row 0) after an unstable sort, so its hierarchy, labels and strengths can change when
 * rows are permuted; here equal weights merge at once. A bridging row therefore goes to the side hdbscan-py's edge
 * order picks there and to its nearest side here: on the reference data the two agree on about half of these rows
 * (no geometric rule tried agrees clearly more often), which changes labels on a few rows at most and GLOSH scores
 * of some bridging rows whose side does not change their label.
 * Where hdbscan-py would divide by an infinite lambda (many identical rows) and return NaN outlier scores, this
 * returns 1 (the limit). With {@code allowSingleCluster} and {@code maxClusterSize}, the root's size is {@code n}.
 *
 * <p><b>Tie modes.</b> Mutual reachability distances tie often: every edge at a row weighs at least its core
 * distance, and integer-valued features (order counts, recency in days, active months) make whole groups of rows
 * join at one distance. {@link TieMode#SIMULTANEOUS} (the default, described above) merges all edges of one weight
 * in one event. {@link TieMode#CANONICAL_ORDER} merges them one at a time, ordered by the endpoints' canonical
 * ranks (the lexicographic order of the rows' values), over the unique minimum spanning tree under that order: a
 * binary hierarchy like hdbscan-py's, but defined by the coordinates instead of a traversal order, so it keeps
 * every guarantee below. Measured on 36 tie-heavy sets (benchmarks/README.md, "HDBSCAN tie modes"), neither mode
 * follows hdbscan-py's order-dependent answer closely (mean ARI 0.64 and 0.66), canonical order labels about twice
 * as many rows noise (29 % against 13 %) and agrees less with the ground truth where there is one (mean ARI 0.24
 * against 0.30), and in 1-d a lexicographic sweep grows one component per tied level, so it does not avoid the
 * all-noise outcome where the default has it; hence the default stays {@code SIMULTANEOUS}.
 *
 * <p><b>Soft clustering.</b> {@link HdbscanModel#allPointsMembershipVectors()} and
 * {@link HdbscanModel#membershipVectors} give hdbscan-py's soft membership vectors over the selected clusters.
 *
 * <p><b>Complexity.</b> Core distances: KD-tree k-nearest-neighbour queries, about O(n log n · minSamples) in low
 * dimensions. Borůvka: O(log n) rounds of nearest-other-component queries, about O(n log n) each in low
 * dimensions; brute force O(n² d). Hierarchy, condensing and selection: O(n log n). Bridging rows: one
 * branch-and-bound nearest-member search each over the KD-tree. Memory O(n d).
 *
 * <p><b>Determinism.</b> No randomness (the {@link FitContext} seed is not used). Results are identical for any
 * {@link FitContext#threads()} and, up to the row permutation itself, for any row order (with
 * {@link TieMode#CANONICAL_ORDER}, identical rows may exchange their outputs): bit for bit for strengths
 * and outlier scores, and with the same cluster numbers, because clusters are numbered in the lexicographic order
 * (column 0 first, values compared with {@link Double#compare}) of their smallest labelled row.
 *
 * <p>Thread-safety: immutable; one instance may fit many data sets concurrently.
 *
 * <pre>{@code
 * HdbscanModel m = Hdbscan.builder().minClusterSize(50).build().fit(x, FitContext.seeded(42));
 * int[] labels = m.labels();            // -1 = noise
 * double[] strength = m.strengths();    // membership strength in [0, 1]
 * }</pre>
 */
public final class Hdbscan implements Clusterer {
    /** How flat clusters are read from the condensed tree. */
    public enum ClusterSelectionMethod {
        /** Excess of mass: the most persistent clusters (hdbscan-py's "eom", the default). */
        EOM,
        /** The leaves of the condensed tree: many small homogeneous clusters (hdbscan-py's "leaf"). */
        LEAF
    }

    /** How the minimum spanning tree is built; every choice gives the same result. */
    public enum MstAlgorithm {
        /** Brute force for fewer than 256 rows or more than 12 columns, else Borůvka over a KD-tree. */
        AUTO,
        /** Borůvka's algorithm with KD-tree nearest-other-component queries. */
        BORUVKA_KDTREE,
        /** Prim's algorithm on the dense mutual-reachability graph: O(n²) time, O(n) memory. */
        BRUTE_FORCE
    }

    /**
     * How mutual-reachability edges of equal weight enter the hierarchy. Integer-valued features (order counts,
     * recency in days, active months) produce many equal weights, and there the two modes can give different
     * clusterings; see the class comment and the figures in benchmarks/README.md.
     */
    public enum TieMode {
        /**
         * All edges of one weight merge in one event (the threshold hierarchy; the default). The result is the
         * same for every minimum spanning tree; a cluster may split into several children at one level, and
         * rows that fall out at one level fall out together (which can leave every row noise when many small
         * groups of equal values join at the same distance).
         */
        SIMULTANEOUS,
        /**
         * Edges are merged one at a time in a canonical order: by weight, then by the endpoints' canonical ranks
         * (the lexicographic order of the rows' values, column 0 first, compared with {@link Double#compare};
         * the edge's smaller rank first, then its larger one). The minimum spanning tree is the unique one under
         * that order (the MST algorithms break ties by it), so the hierarchy is binary, as in hdbscan-py, but
         * defined by the coordinates rather than by a traversal order: independent of row order (identical rows
         * are interchangeable and may exchange their outputs), thread count and MST algorithm. It differs from
         * {@link #SIMULTANEOUS} on continuous data too (the edges of a row at its core distance tie), usually on
         * few rows; strict tie-breaking weakens the MST search's pruning on data with very many equal distances.
         */
        CANONICAL_ORDER
    }

    private final int minClusterSize;
    private final int minSamples;
    private final ClusterSelectionMethod selection;
    private final double epsilon;
    private final boolean allowSingleCluster;
    private final int maxClusterSize;
    private final MstAlgorithm mstAlgorithm;
    private final TieMode tieMode;

    private Hdbscan(Builder b) {
        this.minClusterSize = b.minClusterSize;
        this.minSamples = b.minSamples;
        this.selection = b.selection;
        this.epsilon = b.epsilon;
        this.allowSingleCluster = b.allowSingleCluster;
        this.maxClusterSize = b.maxClusterSize;
        this.mstAlgorithm = b.mstAlgorithm;
        this.tieMode = b.tieMode;
    }

    /** A builder with hdbscan-py's defaults (minClusterSize 5, EOM, no epsilon, no single cluster). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits HDBSCAN* to the rows of {@code x}.
     *
     * @throws NullPointerException when {@code x} or {@code context} is null
     * @throws IllegalArgumentException when {@code x} has no rows or no columns, or holds a NaN or infinite value
     *     (the message names the row, the column and the value)
     * @throws dev.segmentation.fit.FitCancelledException when the context's token is cancelled or the calling
     *     thread is interrupted (checked between the stages and once per block of rows or leaves within them)
     */
    @Override
    public HdbscanModel fit(DataMatrix x, FitContext context) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(context, "context");
        if (x.rows() == 0) {
            throw new IllegalArgumentException("x has no rows: HDBSCAN needs at least one row");
        }
        if (x.cols() == 0) {
            throw new IllegalArgumentException("x has no columns: HDBSCAN needs at least one column");
        }
        int[] bad = x.firstNonFinite();
        if (bad.length > 0) {
            throw new IllegalArgumentException("x has a non-finite value at row " + bad[0] + ", column " + bad[1]
                    + ": " + x.get(bad[0], bad[1]) + " (HDBSCAN needs finite values)");
        }
        HdbscanEngine.Settings s = new HdbscanEngine.Settings();
        s.minClusterSize = minClusterSize;
        s.minSamples = minSamples;
        s.leaf = selection == ClusterSelectionMethod.LEAF;
        s.epsilon = epsilon;
        s.allowSingleCluster = allowSingleCluster;
        s.maxClusterSize = maxClusterSize;
        s.canonicalTies = tieMode == TieMode.CANONICAL_ORDER;
        s.mst = mstAlgorithm == MstAlgorithm.AUTO ? 0 : mstAlgorithm == MstAlgorithm.BORUVKA_KDTREE ? 1 : 2;
        s.threads = context.threads();
        s.listener = context.listener();
        s.cancel = Cancel.of(context.cancellation()::isCancelled, FitCancelledException::new);
        HdbscanEngine.Result r = HdbscanEngine.fit(x.toArray(), x.rows(), x.cols(), s);
        return new HdbscanModel(this, x.cols(), r);
    }

    /** Returns {@code "hdbscan"}. */
    @Override
    public String name() {
        return "hdbscan";
    }

    /** The smallest number of rows a cluster may have. */
    public int minClusterSize() {
        return minClusterSize;
    }

    /** The minSamples setting, empty when unset (then minClusterSize is used). */
    public OptionalInt minSamples() {
        return minSamples > 0 ? OptionalInt.of(minSamples) : OptionalInt.empty();
    }

    /** The cluster selection method. */
    public ClusterSelectionMethod clusterSelectionMethod() {
        return selection;
    }

    /** The cluster selection epsilon (0 = none). */
    public double clusterSelectionEpsilon() {
        return epsilon;
    }

    /** Whether the root may be selected as the only cluster. */
    public boolean allowSingleCluster() {
        return allowSingleCluster;
    }

    /** The largest size an excess-of-mass cluster may have (0 = unlimited). */
    public int maxClusterSize() {
        return maxClusterSize;
    }

    /** The MST algorithm setting. */
    public MstAlgorithm mstAlgorithm() {
        return mstAlgorithm;
    }

    /** How tied mutual-reachability edges are merged. */
    public TieMode tieMode() {
        return tieMode;
    }

    @Override
    public String toString() {
        return "Hdbscan[minClusterSize=" + minClusterSize + ", minSamples="
                + (minSamples > 0 ? String.valueOf(minSamples) : "unset") + ", selection=" + selection
                + ", epsilon=" + epsilon + ", allowSingleCluster=" + allowSingleCluster + ", maxClusterSize="
                + maxClusterSize + ", mst=" + mstAlgorithm
                + (tieMode == TieMode.SIMULTANEOUS ? "" : ", ties=" + tieMode) + "]";
    }

    /**
     * Builds {@link Hdbscan}. Each setter validates its argument at once; {@link #build()} checks combinations, may
     * be called again and never changes the builder. Also a {@code Supplier<Hdbscan>} ({@link #get()} is
     * {@link #build()}), so it can be handed to APIs that take a clusterer supplier. Not thread-safe.
     */
    public static final class Builder implements Supplier<Hdbscan> {
        private int minClusterSize = 5;
        private int minSamples;
        private ClusterSelectionMethod selection = ClusterSelectionMethod.EOM;
        private double epsilon;
        private boolean allowSingleCluster;
        private int maxClusterSize;
        private MstAlgorithm mstAlgorithm = MstAlgorithm.AUTO;
        private TieMode tieMode = TieMode.SIMULTANEOUS;

        private Builder() {
        }

        /**
         * The smallest number of rows a cluster may have (default 5).
         *
         * @throws IllegalArgumentException when below 2
         */
        public Builder minClusterSize(int minClusterSize) {
            if (minClusterSize < 2) {
                throw new IllegalArgumentException("minClusterSize must be >= 2 but was " + minClusterSize);
            }
            this.minClusterSize = minClusterSize;
            return this;
        }

        /**
         * The neighbour count of the core distance: the distance to the minSamples-th nearest other row (default:
         * minClusterSize); see the class comment.
         *
         * @throws IllegalArgumentException when below 1
         */
        public Builder minSamples(int minSamples) {
            if (minSamples < 1) {
                throw new IllegalArgumentException("minSamples must be >= 1 but was " + minSamples);
            }
            this.minSamples = minSamples;
            return this;
        }

        /**
         * The cluster selection method (default EOM).
         *
         * @throws NullPointerException when null
         */
        public Builder clusterSelectionMethod(ClusterSelectionMethod method) {
            this.selection = Objects.requireNonNull(method, "method");
            return this;
        }

        /**
         * Clusters born at a distance below epsilon are merged up to their ancestor that exists at epsilon
         * (hdbscan-py's cluster_selection_epsilon; default 0 = off).
         *
         * @throws IllegalArgumentException when negative, NaN or infinite
         */
        public Builder clusterSelectionEpsilon(double epsilon) {
            if (!(epsilon >= 0.0) || Double.isInfinite(epsilon)) {
                throw new IllegalArgumentException("clusterSelectionEpsilon must be finite and >= 0 but was "
                        + epsilon);
            }
            this.epsilon = epsilon;
            return this;
        }

        /** Whether the root may be the only cluster (default false). */
        public Builder allowSingleCluster(boolean allow) {
            this.allowSingleCluster = allow;
            return this;
        }

        /**
         * The largest size an excess-of-mass cluster may have; larger ones are split (default 0 = unlimited).
         *
         * @throws IllegalArgumentException when negative
         */
        public Builder maxClusterSize(int maxClusterSize) {
            if (maxClusterSize < 0) {
                throw new IllegalArgumentException("maxClusterSize must be >= 0 (0 = unlimited) but was "
                        + maxClusterSize);
            }
            this.maxClusterSize = maxClusterSize;
            return this;
        }

        /**
         * How the minimum spanning tree is built (default AUTO); results do not depend on it.
         *
         * @throws NullPointerException when null
         */
        public Builder mstAlgorithm(MstAlgorithm algorithm) {
            this.mstAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /**
         * How tied mutual-reachability edges are merged (default {@link TieMode#SIMULTANEOUS}); see
         * {@link TieMode}. Saved with the model.
         *
         * @throws NullPointerException when null
         */
        public Builder tieMode(TieMode mode) {
            this.tieMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * The configured {@link Hdbscan}.
         *
         * @throws IllegalStateException when maxClusterSize is set below minClusterSize
         */
        public Hdbscan build() {
            if (maxClusterSize != 0 && maxClusterSize < minClusterSize) {
                throw new IllegalStateException("maxClusterSize (" + maxClusterSize
                        + ") must be 0 or >= minClusterSize (" + minClusterSize + ")");
            }
            return new Hdbscan(this);
        }

        /** Same as {@link #build()}. */
        @Override
        public Hdbscan get() {
            return build();
        }
    }
}
