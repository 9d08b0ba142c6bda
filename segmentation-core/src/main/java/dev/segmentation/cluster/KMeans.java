package dev.segmentation.cluster;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import dev.segmentation.fit.FitCancelledException;
import dev.segmentation.fit.ProgressListener;
import dev.segmentation.internal.Cancel;
import dev.segmentation.internal.Parallel;
import dev.segmentation.internal.Seeds;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * K-Means clustering with greedy k-means++ seeding and {@code nInit} restarts, with scikit-learn's names, defaults
 * and meanings ({@code KMeans(n_clusters, n_init, max_iter, tol, algorithm="lloyd")}).
 *
 * <pre>{@code
 * KMeansModel m = KMeans.builder().k(5).nInit(10).build().fit(x, FitContext.seeded(42));
 * int[] labels = m.labels();
 * int segment = m.predict(newRow);
 * }</pre>
 *
 * <p><b>What it computes.</b> Each restart seeds {@code k} centres with greedy k-means++ (Arthur and Vassilvitskii
 * 2007, "k-means++: the advantages of careful seeding"; {@code 2 + floor(ln k)} candidates per centre, the one
 * that lowers the potential most is kept, as in scikit-learn), then runs Lloyd iterations (Lloyd 1982) until no
 * label changes, the summed squared centre shift is at most {@code tol} times the mean over columns of the
 * column variances, or {@code maxIter} iterations. Empty clusters are re-seeded with the rows farthest from their
 * centres (see {@link KMeansModel} and the rule below). The restart with the lowest inertia is kept (ties: the
 * earliest). Labels are the assignment to the final centres, ties to the lowest centre index, exactly as
 * {@link KMeansModel#predict(double[])} computes it.
 *
 * <p><b>Empty-cluster rule.</b> After an assignment step, each empty cluster (in increasing index) takes the row
 * farthest from the centre it was assigned to (ties: the lexicographically smallest row by value; equal rows are
 * interchangeable), never a row that is the last member of its cluster; that row (quantised, below) becomes the
 * cluster's centre and leaves its former cluster's sum.
 *
 * <p><b>Refinement.</b> With {@link Builder#refinement(Refinement)} {@link Refinement#HARTIGAN}, each restart whose
 * Lloyd iterations converged is refined by Hartigan's single-row moves (a row moves from cluster {@code a} to
 * {@code b} when {@code n_b / (n_b + 1) |x - c_b|^2 < n_a / (n_a - 1) |x - c_a|^2}, never emptying a cluster;
 * Hartigan and Wong 1979, Telgarsky and Vattani 2010), swept in fitted row order, alternated with Lloyd iterations
 * until neither changes anything. The restart then ends at a Lloyd fixed point (labels are the closest centres)
 * with an inertia at or below its plain Lloyd result. The Lloyd iterations of all rounds count against
 * {@code maxIter}; {@link KMeansModel#converged()} is true only when the last Lloyd round converged and no
 * improving move remained. Cost: O(n k d) per sweep (rows that provably cannot move are skipped), sequential
 * within a restart.
 *
 * <p><b>Algorithms.</b> {@link Algorithm#LLOYD} computes all {@code n k} distances per iteration with a
 * vectorised kernel. {@link Algorithm#HAMERLY} (Hamerly 2010, "Making k-means even faster") keeps one upper and
 * one lower distance bound per row and skips rows whose label cannot change; it gives exactly the same result
 * (labels, centres and inertia, bit for bit) and pays when {@code k} is large relative to {@code d}.
 * {@link Algorithm#AUTO} (the default) picks Hamerly when {@code k >= 16}, else Lloyd (measured with
 * {@code KMeansBenchmark}). Hamerly's iterations after the first sum only the rows whose label changed (moving their
 * exact quantised values between two clusters' sums), and rows needing a full scan are scanned a tile at a time by
 * the vectorised kernel when they are many. Measured in session 6 (20 iterations, 1,000,000 rows, 2 threads, CPU
 * time, loaded machine): Hamerly is about 20% cheaper than Lloyd on well-separated blobs (d = 8, k = 8 and 16) but
 * 40-75% dearer on RFM-like features without cluster structure (d = 3, k = 4 to 16), so the rule is unchanged.
 *
 * <p><b>Exact sums.</b> Centre sums and the inertia are exact integer sums, so they do not depend on the order
 * of the rows, of the row blocks or of the threads. Each column {@code j} has a power-of-two quantum
 * {@code q_j = 2^(e_j - 45)} with {@code 2^(e_j - 1) <= max |x_j| < 2^e_j}; a value enters a centre sum as the
 * integer {@code round(x / q_j)} (to nearest, ties to even; the division by a power of two is exact), the integers
 * add exactly (in doubles within a tile of 256 rows, then in longs per block of 4096 rows, then in a 128-bit total),
 * and a centre coordinate is that total rounded once to a double, divided by the cluster size, times {@code q_j}.
 * Cost in accuracy: each value moves by at most {@code q_j / 2 <= 2^-45 max |x_j|} (about {@code 3e-14} of the
 * column's largest magnitude), so a centre is within that of the exact mean of the rows plus one rounding of the
 * mean; a one-row cluster's centre is its row rounded to the quantum. (The scale {@code 1 / q_j} is capped at
 * {@code 2^1023}, so a column whose largest magnitude is below about {@code 1e-294} gets a coarser quantum than
 * this; rescale such data.) The inertia is summed the same way, with a
 * quantum of {@code 2^-50} of a bound on every row's squared distance to any centre (the farthest corner of the
 * rows' bounding box from the centres), so it is exact to about {@code 2^-51} of that bound per row. The tolerance
 * scale (the mean column variance, computed only when {@code tol > 0}) is exact in the same way. Cost in time:
 * about 1 ms per Lloyd iteration on 1,000,000 x 8 (one vectorised quantising pass per tile). Issue 20.
 *
 * <p><b>Order invariance.</b> With the default {@link Builder#canonicalOrder(boolean)}, any permutation of the input
 * rows gives the same centres and inertia bit for bit and the labels permuted accordingly. Lloyd and Hamerly
 * iterations need nothing more than the exact sums and the content tie rule above, so a fit from
 * {@link Builder#initialCentres(DataMatrix)} without refinement fits the rows in input order, without any sort (its
 * check that {@code k} distinct rows exist stops at the first {@code k} distinct rows: O(k^2 d) on typical data,
 * O(n k d) at worst). k-means++ sampling (cumulative weights over rows) and Hartigan sweeps consume the row order,
 * so the other fits first put the rows in a canonical order (sorted lexicographically by value; identical rows are
 * interchangeable) and map the labels back. The sort is an LSD radix sort on primitive keys, O(n d) time (at most 6
 * passes per column over the rows still tied), plus one int index per row; the rows are then staged by target
 * position (a transient copy of the data) so that placing them in order touches memory sequentially. Validation,
 * the tiled copy and the staging run in parallel over row blocks.
 *
 * <p><b>Incremental sums.</b> After a run's first assignment, Lloyd iterations (as Hamerly's) move only the rows
 * whose label changed between the exact sums: the same integers as summing every row again, so late iterations,
 * where few labels change, cost little more than the distances. Issue 20.
 *
 * <p><b>Optional Vector API kernels.</b> Started with {@code java --add-modules jdk.incubator.vector} (JDK 17's
 * incubating Vector API; the JVM then prints a warning that an incubator module is in use), fits of data with at most
 * eight columns compute the Lloyd assignment and the k-means++ candidate scores with explicit vector code that keeps
 * each row's columns in registers while it is compared with every centre. The arithmetic is the same sequence of IEEE
 * operations as the default auto-vectorised kernels, so models are bit for bit the same with or without it; only the
 * speed changes (see benchmarks/README.md). Without the module nothing of it is loaded; the system property
 * {@code -Ddev.segmentation.vector=false} switches it off with the module present. Hamerly's bound checks, GMM and
 * prediction use the default kernels.
 *
 * <p><b>Complexity.</b> Time O(nInit (k-means++ + iterations) n k d), less with Hamerly; memory O(n d) for the
 * fitted copy plus O(n) per concurrently running restart.
 *
 * <p><b>Determinism.</b> Restart {@code r} draws from a {@link SplittableRandom} seeded with
 * {@code Seeds.derive(context.seed(), r)}. Centre and inertia sums are exact (above); the k-means++ potentials run
 * over fixed blocks of rows combined in block order; so the same data and seed give bit-identical models for any
 * {@link FitContext#threads()}. Small inputs run restarts
 * concurrently, large inputs parallelise within a restart; the result is the same.
 *
 * <p><b>Choosing k.</b> {@code dev.segmentation.evaluation.KSelection} sweeps a range of k with {@link #withK(int)}
 * (every other setting unchanged, so the model chosen for k is bit for bit the model a direct fit gives).
 *
 * <p><b>Given initial centres.</b> With {@link Builder#initialCentres(DataMatrix)} (scikit-learn's
 * {@code init=ndarray}) the single run starts from those centres instead of k-means++; {@code nInit} must be 1.
 * With {@code maxIter} fixed and {@code tol(0)} this is a fixed amount of Lloyd work, the way peers are compared.
 *
 * <p><b>Thread safety.</b> Immutable; {@code fit} may be called concurrently.
 */
public final class KMeans implements Clusterer {
    private static final Logger LOG = LoggerFactory.getLogger(KMeans.class);
    /** Whether the hint about the Vector API kernels was logged (once per JVM). */
    private static final java.util.concurrent.atomic.AtomicBoolean VECTOR_HINT =
            new java.util.concurrent.atomic.AtomicBoolean();

    /** Below this many row blocks per thread, restarts run concurrently instead of blocks. */
    private static final int BLOCKS_PER_THREAD = 2;

    /** {@link Algorithm#AUTO} uses Hamerly's bounds from this many clusters on. */
    static final int AUTO_HAMERLY_MIN_K = 16;

    /** The iteration engine. */
    public enum Algorithm {
        /** Hamerly for {@code k >= 16}, else Lloyd. */
        AUTO,
        /** Plain Lloyd iterations (all distances every iteration). */
        LLOYD,
        /** Lloyd iterations accelerated with Hamerly's bounds; the same result as {@link #LLOYD}. */
        HAMERLY
    }

    /** What each restart does after its Lloyd iterations converge. */
    public enum Refinement {
        /** Nothing: the restart ends at its Lloyd fixed point (scikit-learn's behaviour). */
        NONE,
        /**
         * Hartigan single-row moves alternated with Lloyd iterations until neither changes anything (Hartigan and
         * Wong 1979; Telgarsky and Vattani 2010): the restart ends at a Lloyd fixed point at which no single row's
         * move to another cluster lowers the inertia, at or below its plain Lloyd result.
         */
        HARTIGAN
    }

    private final int k;
    private final int nInit;
    private final int maxIter;
    private final double tol;
    private final Algorithm algorithm;
    private final boolean canonicalOrder;
    private final DataMatrix initialCentres;
    private final Refinement refinement;

    private KMeans(int k, int nInit, int maxIter, double tol, Algorithm algorithm, boolean canonicalOrder,
            DataMatrix initialCentres, Refinement refinement) {
        this.k = k;
        this.nInit = nInit;
        this.maxIter = maxIter;
        this.tol = tol;
        this.algorithm = algorithm;
        this.canonicalOrder = canonicalOrder;
        this.initialCentres = initialCentres;
        this.refinement = refinement;
    }

    /**
     * The same settings with another {@code k} (one step of a k sweep, see
     * {@code dev.segmentation.evaluation.KSelection}).
     *
     * @throws IllegalArgumentException when {@code k < 1}
     * @throws IllegalStateException when this K-Means starts from given centres (they fix k)
     */
    public KMeans withK(int kk) {
        if (kk < 1) {
            throw new IllegalArgumentException("k must be >= 1 but was " + kk);
        }
        if (initialCentres != null) {
            throw new IllegalStateException("this K-Means starts from " + initialCentres.rows()
                    + " given centres, which fix k; k = " + kk + " cannot be swept");
        }
        return new KMeans(kk, nInit, maxIter, tol, algorithm, canonicalOrder, null, refinement);
    }

    /** A builder with scikit-learn's defaults: k = 8, nInit = 10, maxIter = 300, tol = 1e-4, AUTO. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code "kmeans"}. */
    @Override
    public String name() {
        return "kmeans";
    }

    /** The number of clusters. */
    public int k() {
        return k;
    }

    /** The given initial centres ({@code k x d}), if set with {@link Builder#initialCentres(DataMatrix)}. */
    public Optional<DataMatrix> initialCentres() {
        return Optional.ofNullable(initialCentres);
    }

    /** The number of k-means++ restarts. */
    public int nInit() {
        return nInit;
    }

    /** The maximum number of Lloyd iterations per restart. */
    public int maxIter() {
        return maxIter;
    }

    /** The relative tolerance on the centre shift. */
    public double tol() {
        return tol;
    }

    /** The requested algorithm. */
    public Algorithm algorithm() {
        return algorithm;
    }

    /** What each restart does after its Lloyd iterations converge. */
    public Refinement refinement() {
        return refinement;
    }

    /** Whether rows are fitted in canonical order (see the class comment). */
    public boolean canonicalOrder() {
        return canonicalOrder;
    }

    /**
     * Fits {@code k} centres to the rows of {@code x}; {@code x} is not modified.
     *
     * @throws NullPointerException when {@code x} or {@code context} is null
     * @throws IllegalArgumentException when {@code x} has no rows or no columns ("cannot fit K-Means to an empty
     *     matrix ..."), holds a NaN or infinite value (naming its row and column), or has fewer distinct rows than
     *     {@code k} ("k = 8 exceeds the number of distinct points (5)"); with {@link Builder#initialCentres}, when
     *     {@code x} has another number of columns than the centres; when squared distances between rows, or the
     *     inertia, overflow a double ("rescale the data")
     * @throws FitCancelledException when the context's token is cancelled or the calling thread is interrupted
     *     (checked once per Lloyd iteration, k-means++ centre and Hartigan sweep)
     */
    @Override
    public KMeansModel fit(DataMatrix x, FitContext context) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(context, "context");
        Cancel cancel = Cancel.of(context.cancellation()::isCancelled, FitCancelledException::new);
        cancel.check();
        if (initialCentres != null && initialCentres.cols() != x.cols()) {
            throw new IllegalArgumentException("initialCentres have " + initialCentres.cols()
                    + " columns but x has " + x.cols());
        }
        // the row order matters only to k-means++ sampling and Hartigan sweeps: Lloyd (and Hamerly) iterations from
        // given centres sum exactly (ExactSums) and break empty-cluster ties by row content, so they need no sort
        boolean sort = canonicalOrder && (initialCentres == null || refinement != Refinement.NONE);
        KMeansData data = KMeansData.of(x, sort, cancel, context.threads());
        if (data.overflow != null) {
            throw new IllegalArgumentException(data.overflow);
        }
        if (data.distinct >= 0 && k > data.distinct) {
            throw new IllegalArgumentException(
                    "k = " + k + " exceeds the number of distinct points (" + data.distinct + ")");
        }
        if (canonicalOrder && !sort) {
            int found = data.distinctAtLeast(k);
            if (found < k) {
                throw new IllegalArgumentException(
                        "k = " + k + " exceeds the number of distinct points (" + found + ")");
            }
        }
        if (!canonicalOrder && k > data.n) {
            throw new IllegalArgumentException(
                    "k = " + k + " exceeds the number of distinct points (" + data.distinctRows() + ")");
        }
        boolean hamerly = algorithm == Algorithm.HAMERLY
                || (algorithm == Algorithm.AUTO && k >= AUTO_HAMERLY_MIN_K);
        Algorithm used = hamerly && k > 1 ? Algorithm.HAMERLY : Algorithm.LLOYD;
        double absTol = tol == 0 ? 0.0 : tol * data.meanVariance(context.threads());
        int threads = context.threads();
        long seed = context.seed();
        ProgressListener listener = context.listener();
        KMeansRun.Result[] results = new KMeansRun.Result[nInit];
        // labels of the best restart so far, when its run's final assignment is still at hand (the final step of a
        // run assigns every row to the final centres exactly as KMeansRun.assign does), else null
        int[] bestLabels = null;
        if (initialCentres != null) {
            // nInit is 1 (checked by the builder): one run from the given centres
            KMeansRun run = new KMeansRun(data, k, threads, hamerly);
            run.cancel = cancel;
            results[0] = refine(data, run, run.run(initialCentres.toArray(), maxIter, absTol), absTol);
            bestLabels = run.labels();
            listener.progress("kmeans", 1, 1);
        } else if (threads > 1 && nInit > 1 && data.nBlocks < BLOCKS_PER_THREAD * threads) {
            // small data: restarts run concurrently, each on one thread; progress is reported from this thread
            Parallel.forEachBlockReporting(nInit, threads, cancel, r -> {
                KMeansPlusPlus init = new KMeansPlusPlus(data, k, 1);
                KMeansRun run = new KMeansRun(data, k, 1, hamerly);
                init.cancel = cancel;
                run.cancel = cancel;
                results[r] = restart(r, seed, data, init, run, absTol);
            }, done -> listener.progress("kmeans", done, nInit));
        } else {
            KMeansPlusPlus init = new KMeansPlusPlus(data, k, threads);
            KMeansRun run = new KMeansRun(data, k, threads, hamerly);
            init.cancel = cancel;
            run.cancel = cancel;
            double bestInertia = Double.POSITIVE_INFINITY;
            for (int r = 0; r < nInit; r++) {
                results[r] = restart(r, seed, data, init, run, absTol);
                if (results[r].inertia < bestInertia || r == 0) {
                    bestInertia = results[r].inertia;
                    if (bestLabels == null) {
                        bestLabels = new int[data.n];
                    }
                    System.arraycopy(run.labels(), 0, bestLabels, 0, data.n);
                }
                listener.progress("kmeans", r + 1, nInit);
            }
        }
        int best = 0;
        double[] inertias = new double[nInit];
        for (int r = 0; r < nInit; r++) {
            inertias[r] = results[r].inertia;
            if (results[r].inertia < results[best].inertia) {
                best = r;
            }
        }
        KMeansRun.Result kept = results[best];
        if (!Double.isFinite(kept.inertia)) {
            throw new IllegalArgumentException("the K-Means inertia (sum of squared distances to the centres) "
                    + "overflows a double (" + kept.inertia + ") for k = " + k + " and " + data.n
                    + " rows: rescale the data (e.g. Scaling.standard())");
        }
        int[] fitted = bestLabels != null ? bestLabels : new KMeansRun(data, k, threads, false).assign(kept.centres);
        if (data.d <= 8 && !KMeansKernels.vectorAvailable() && VECTOR_HINT.compareAndSet(false, true)) {
            LOG.debug("kmeans: the optional Vector API kernels are off (start the JVM with --add-modules "
                    + "jdk.incubator.vector for faster fits of up to 8 columns, bit for bit the same models)");
        }
        LOG.debug("kmeans k={} n={} d={}: kept restart {} of {}, inertia {}, {} iterations, converged {}",
                k, data.n, data.d, best, nInit, kept.inertia, kept.iterations, kept.converged);
        return new KMeansModel(data.toInputOrder(fitted, threads), kept.centres, k, data.d, kept.inertia, kept.iterations,
                kept.converged, inertias, used, refinement);
    }

    private KMeansRun.Result restart(int r, long seed, KMeansData data, KMeansPlusPlus init, KMeansRun run,
            double absTol) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, r));
        double[] centres = new double[k * init.dataDim()];
        init.init(rng, centres);
        KMeansRun.Result res = refine(data, run, run.run(centres, maxIter, absTol), absTol);
        LOG.trace("kmeans restart {}: inertia {}, {} iterations, converged {}", r, res.inertia, res.iterations,
                res.converged);
        return res;
    }

    /** {@code lloyd} (the last result of {@code run}) after this instance's refinement; run's labels follow. */
    private KMeansRun.Result refine(KMeansData data, KMeansRun run, KMeansRun.Result lloyd, double absTol) {
        if (refinement == Refinement.NONE) {
            return lloyd;
        }
        HartiganRefinement h = new HartiganRefinement(data, k);
        h.cancel = run.cancel;
        HartiganRefinement.Outcome o = h.refine(run, lloyd, maxIter, absTol);
        LOG.trace("kmeans Hartigan refinement: inertia {} -> {}, {} sweeps, {} moves", lloyd.inertia,
                o.result.inertia, o.sweeps, o.moves);
        return o.result;
    }

    @Override
    public String toString() {
        return "KMeans[" + "k=" + k + ", nInit=" + nInit + ", maxIter="
                + maxIter + ", tol=" + tol + ", algorithm=" + algorithm + ", refinement=" + refinement
                + ", canonicalOrder=" + canonicalOrder
                + (initialCentres != null ? ", initialCentres=" + initialCentres.rows() + "x" + initialCentres.cols()
                        : "") + "]";
    }

    /**
     * Builds {@link KMeans} instances. Every setter validates its argument at once; {@link #build()} can be called
     * again and never changes the builder. Also a {@code Supplier<KMeans>}, so a pipeline builder can accept it
     * directly. Not thread-safe.
     */
    public static final class Builder implements Supplier<KMeans> {
        private int k = 8;
        private int nInit = 10;
        private int maxIter = 300;
        private double tol = 1e-4;
        private Algorithm algorithm = Algorithm.AUTO;
        private boolean canonicalOrder = true;
        private boolean kSet;
        private DataMatrix initialCentres;
        private Refinement refinement = Refinement.NONE;

        private Builder() {
        }

        /**
         * The number of clusters (scikit-learn's {@code n_clusters}); default 8 (or the number of
         * {@link #initialCentres} rows).
         *
         * @throws IllegalArgumentException when below 1
         */
        public Builder k(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1 but was " + k);
            }
            this.k = k;
            this.kSet = true;
            return this;
        }

        /**
         * Starts the single run from these centres ({@code k x d}, one row per centre, copied) instead of k-means++
         * (scikit-learn's {@code init=ndarray}). {@code nInit} must be 1 and {@code k}, when set, must equal the
         * number of rows ({@link #build()} checks both); unset, k becomes the number of rows.
         *
         * @throws IllegalArgumentException when the matrix has no rows or no columns, or a non-finite value (naming
         *     its row and column)
         */
        public Builder initialCentres(DataMatrix centres) {
            Objects.requireNonNull(centres, "centres");
            if (centres.rows() == 0 || centres.cols() == 0) {
                throw new IllegalArgumentException("initialCentres must have at least one row and one column but was "
                        + centres.rows() + " x " + centres.cols());
            }
            int[] bad = centres.firstNonFinite();
            if (bad.length > 0) {
                throw new IllegalArgumentException("initialCentres hold the non-finite value "
                        + centres.get(bad[0], bad[1]) + " at row " + bad[0] + ", column " + bad[1]);
            }
            this.initialCentres = DataMatrix.of(centres.rows(), centres.cols(), centres.toArray());
            return this;
        }

        /** The number of k-means++ restarts; default 10. @throws IllegalArgumentException when below 1 */
        public Builder nInit(int nInit) {
            if (nInit < 1) {
                throw new IllegalArgumentException("nInit must be >= 1 but was " + nInit);
            }
            this.nInit = nInit;
            return this;
        }

        /** The maximum number of iterations per restart; default 300. @throws IllegalArgumentException when below 1 */
        public Builder maxIter(int maxIter) {
            if (maxIter < 1) {
                throw new IllegalArgumentException("maxIter must be >= 1 but was " + maxIter);
            }
            this.maxIter = maxIter;
            return this;
        }

        /**
         * The tolerance, relative to the mean column variance, on the summed squared centre shift; default 1e-4.
         *
         * @throws IllegalArgumentException when negative or not finite
         */
        public Builder tol(double tol) {
            if (!(tol >= 0) || Double.isInfinite(tol)) {
                throw new IllegalArgumentException("tol must be finite and >= 0 but was " + tol);
            }
            this.tol = tol;
            return this;
        }

        /** The iteration engine; default {@link Algorithm#AUTO}. */
        public Builder algorithm(Algorithm algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /**
         * What each restart does after Lloyd converges; default {@link Refinement#NONE} (scikit-learn's
         * behaviour). {@link Refinement#HARTIGAN} never raises a restart's inertia; on the 76 Gagolewski benchmark
         * datasets (nInit 10) it lowered the best inertia on 34 of them, mostly by less than 0.1%, and about doubled
         * the total fit time, about as much as doubling {@code nInit}, which lowered it more often.
         */
        public Builder refinement(Refinement refinement) {
            this.refinement = Objects.requireNonNull(refinement, "refinement");
            return this;
        }

        /**
         * Whether the result must be independent of the input row order (default true): fits that consume the row
         * order (k-means++ seeding, Hartigan refinement) then fit the rows in canonical order, at the cost of a sort;
         * fits from {@link #initialCentres} without refinement are order-independent without it (see the class
         * comment). False fits the rows in input order.
         */
        public Builder canonicalOrder(boolean canonicalOrder) {
            this.canonicalOrder = canonicalOrder;
            return this;
        }

        /**
         * A new {@link KMeans} with the current settings.
         *
         * @throws IllegalStateException when {@link #initialCentres} is combined with {@code nInit != 1} or with a
         *     {@code k} other than its number of rows; the message names both settings
         */
        public KMeans build() {
            int kk = k;
            if (initialCentres != null) {
                int rows = initialCentres.rows();
                if (nInit != 1) {
                    throw new IllegalStateException("initialCentres requires nInit = 1 but nInit = " + nInit
                            + " (a run from given centres is deterministic, restarts would repeat it)");
                }
                if (kSet && k != rows) {
                    throw new IllegalStateException("k = " + k + " but initialCentres has " + rows + " rows");
                }
                kk = rows;
            }
            return new KMeans(kk, nInit, maxIter, tol, algorithm, canonicalOrder, initialCentres,
                    refinement);
        }

        /** The same as {@link #build()}. */
        @Override
        public KMeans get() {
            return build();
        }
    }
}
