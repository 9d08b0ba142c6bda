package dev.segmentation.cluster;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import dev.segmentation.fit.ProgressListener;
import dev.segmentation.internal.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gaussian mixture models fitted by expectation-maximisation (Dempster, Laird and Rubin 1977), with scikit-learn's
 * {@code GaussianMixture} semantics: the lower bound of an iteration is the mean log-likelihood per row at its
 * E-step (computed with log-sum-exp); EM stops when that bound changes by less than {@code tol} between two
 * iterations, or after {@code maxIter}; the M-step adds {@code regCovar} to the diagonal of every covariance; of
 * {@code nInit} runs the one with the highest final lower bound is kept (the first on ties); the training labels
 * come from a last E-step with the final parameters, so they equal {@link GaussianMixtureModel#predict(DataMatrix)}.
 *
 * <p>Covariance types ({@link CovarianceType}): one full matrix per component, one shared (tied) matrix, one
 * diagonal per component, or one variance per component (spherical).
 *
 * <p>Initialisation: each run starts from responsibilities that are 1 for one component per row, from the nearest
 * k-means++ seed ({@link Init#KMEANS_PLUS_PLUS}) or from a K-Means fit ({@link Init#KMEANS}, one {@link KMeans}
 * restart), followed by an M-step. Parameters given with {@link Builder#initialWeights},
 * {@link Builder#initialMeans}, {@link Builder#initialPrecisions} or {@link Builder#initialCovariances} replace
 * the initial ones (scikit-learn's {@code weights_init}, {@code means_init}, {@code precisions_init}); when all three
 * of weights, means and precisions (or covariances) are given the start does not depend on the data or the seed.
 *
 * <p>Complexity: O(n k d^2) per iteration for FULL and TIED, O(n k d) for DIAG and SPHERICAL; memory O(n k) for the
 * responsibilities. Determinism: restart {@code r} draws from {@code Seeds.derive(seed, r)}; rows are processed in
 * fixed blocks whose partial sums are combined in block order, so the same data and seed give the same bits for any
 * {@link FitContext#threads()}. Immutable and thread-safe.
 */
public final class GaussianMixture implements Clusterer {
    private static final Logger LOG = LoggerFactory.getLogger(GaussianMixture.class);

    /** The form of the components' covariances. */
    public enum CovarianceType {
        /** One full {@code d x d} matrix per component. */
        FULL,
        /** One full {@code d x d} matrix shared by all components. */
        TIED,
        /** One diagonal (a variance per column) per component. */
        DIAG,
        /** One variance per component, the same in every column. */
        SPHERICAL
    }

    /** How a run's initial responsibilities are chosen. */
    public enum Init {
        /** Each row belongs to its nearest k-means++ seed (Arthur and Vassilvitskii 2007). */
        KMEANS_PLUS_PLUS,
        /** Each row belongs to its K-Means cluster (one {@link KMeans} restart, k-means++ seeded). */
        KMEANS
    }

    private final int k;
    private final CovarianceType covarianceType;
    private final Init init;
    private final double regCovar;
    private final int nInit;
    private final double tol;
    private final int maxIter;
    private final double[] initialWeights;
    private final DataMatrix initialMeans;
    private final double[] initialPrecisions;
    private final double[] initialCovariances;

    private GaussianMixture(Builder b) {
        this.k = b.k;
        this.covarianceType = b.covarianceType;
        this.init = b.init;
        this.regCovar = b.regCovar;
        this.nInit = b.nInit;
        this.tol = b.tol;
        this.maxIter = b.maxIter;
        this.initialWeights = b.initialWeights;
        this.initialMeans = b.initialMeans;
        this.initialPrecisions = b.initialPrecisions;
        this.initialCovariances = b.initialCovariances;
    }

    /** A new builder (k 1, FULL, k-means++, regCovar 1e-6, nInit 1, tol 1e-3, maxIter 100: scikit-learn's defaults). */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "gmm";
    }

    /** The number of components. */
    public int k() {
        return k;
    }

    /** The covariance type. */
    public CovarianceType covarianceType() {
        return covarianceType;
    }

    /** The initialisation. */
    public Init init() {
        return init;
    }

    /** The value added to the covariances' diagonal at every M-step. */
    public double regCovar() {
        return regCovar;
    }

    /** The number of EM runs. */
    public int nInit() {
        return nInit;
    }

    /** The convergence threshold on the change of the lower bound. */
    public double tol() {
        return tol;
    }

    /** The maximum number of EM iterations per run. */
    public int maxIter() {
        return maxIter;
    }

    /**
     * Fits the mixture to the rows of {@code x}; {@code x} is not modified.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code x} is empty, holds a non-finite value (naming its row and column),
     *     has fewer rows than {@code k}, has another number of columns than given initial parameters, or when a
     *     covariance becomes ill-defined during EM (saying which component; raise regCovar)
     */
    @Override
    public GaussianMixtureModel fit(DataMatrix x, FitContext context) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(context, "context");
        int n = x.rows();
        int d = x.cols();
        if (n == 0 || d == 0) {
            throw new IllegalArgumentException("cannot fit a Gaussian mixture to an empty matrix (" + n + " x " + d
                    + ")");
        }
        int[] bad = x.firstNonFinite();
        if (bad.length > 0) {
            throw new IllegalArgumentException("x holds the non-finite value " + x.get(bad[0], bad[1]) + " at row "
                    + bad[0] + ", column " + bad[1]);
        }
        if (k > n) {
            throw new IllegalArgumentException("k = " + k + " exceeds the number of rows (" + n + ")");
        }
        if (initialMeans != null && initialMeans.cols() != d) {
            throw new IllegalArgumentException("initialMeans have " + initialMeans.cols() + " columns but x has " + d);
        }
        int covLen = GmmKernels.covLength(covarianceType, k, d);
        double[] givenCov = initialPrecisions != null ? initialPrecisions : initialCovariances;
        if (givenCov != null && givenCov.length != covLen) {
            throw new IllegalArgumentException("initial " + (initialPrecisions != null ? "precisions" : "covariances")
                    + " have " + givenCov.length + " values but " + covarianceType + " with k = " + k + ", d = " + d
                    + " needs " + covLen);
        }
        double[] v = x.toArray();
        int threads = context.threads();
        ProgressListener listener = context.listener();
        Run best = null;
        for (int r = 0; r < nInit; r++) {
            Run run = run(v, x, n, d, r, context);
            LOG.trace("gmm run {}: lower bound {}, {} iterations, converged {}", r, run.lowerBound, run.iterations,
                    run.converged);
            if (best == null || run.lowerBound > best.lowerBound) {
                best = run;
            }
            listener.progress("gmm", r + 1, nInit);
        }
        double[] factors = GmmKernels.factorsFromCovariances(covarianceType, best.params.cov, k, d);
        double[] logDet = GmmKernels.logDets(covarianceType, factors, k, d);
        double[] resp = new double[n * k];
        double[] logLik = new double[n];
        GmmKernels.eStep(v, n, d, k, covarianceType, best.params.weights, best.params.means, factors, logDet, resp,
                logLik, threads);
        int[] labels = new int[n];
        double[] strengths = new double[n];
        for (int i = 0; i < n; i++) {
            int arg = 0;
            for (int c = 1; c < k; c++) {
                if (resp[i * k + c] > resp[i * k + arg]) {
                    arg = c;
                }
            }
            labels[i] = arg;
            strengths[i] = resp[i * k + arg];
        }
        LOG.debug("gmm k={} n={} d={} {}: lower bound {}, {} iterations, converged {}", k, n, d, covarianceType,
                best.lowerBound, best.iterations, best.converged);
        return new GaussianMixtureModel(covarianceType, k, d, best.params.weights, best.params.means, best.params.cov,
                factors, best.lowerBound, best.converged, best.iterations, labels, strengths, logLik);
    }

    private static final class Run {
        GmmKernels.Params params;
        double lowerBound;
        boolean converged;
        int iterations;
    }

    private Run run(double[] v, DataMatrix x, int n, int d, int r, FitContext context) {
        int threads = context.threads();
        boolean allGiven = initialWeights != null && initialMeans != null
                && (initialPrecisions != null || initialCovariances != null);
        double[] resp = new double[n * k];
        double[] weights;
        double[] means;
        double[] factors;
        if (allGiven) {
            weights = initialWeights.clone();
            means = initialMeans.toArray();
            factors = initialPrecisions != null
                    ? GmmKernels.factorsFromPrecisions(covarianceType, initialPrecisions, k, d)
                    : GmmKernels.factorsFromCovariances(covarianceType, initialCovariances, k, d);
        } else {
            long seed = Seeds.derive(context.seed(), r);
            int[] hard = initialLabels(v, x, n, d, seed, threads);
            for (int i = 0; i < n; i++) {
                resp[i * k + hard[i]] = 1.0;
            }
            GmmKernels.Params p0 = GmmKernels.mStep(v, n, d, k, covarianceType, resp, regCovar, threads);
            weights = initialWeights != null ? initialWeights.clone() : p0.weights;
            means = initialMeans != null ? initialMeans.toArray() : p0.means;
            factors = initialPrecisions != null
                    ? GmmKernels.factorsFromPrecisions(covarianceType, initialPrecisions, k, d)
                    : GmmKernels.factorsFromCovariances(covarianceType,
                            initialCovariances != null ? initialCovariances : p0.cov, k, d);
        }
        Run out = new Run();
        double lowerBound = Double.NEGATIVE_INFINITY;
        GmmKernels.Params p = null;
        for (int it = 1; it <= maxIter; it++) {
            double prev = lowerBound;
            double[] logDet = GmmKernels.logDets(covarianceType, factors, k, d);
            lowerBound = GmmKernels.eStep(v, n, d, k, covarianceType, weights, means, factors, logDet, resp, null,
                    threads);
            p = GmmKernels.mStep(v, n, d, k, covarianceType, resp, regCovar, threads);
            weights = p.weights;
            means = p.means;
            factors = GmmKernels.factorsFromCovariances(covarianceType, p.cov, k, d);
            out.iterations = it;
            if (Math.abs(lowerBound - prev) < tol) {
                out.converged = true;
                break;
            }
        }
        if (!out.converged) {
            LOG.warn("gmm run {} did not converge in {} iterations (last lower-bound change above tol {}); "
                    + "raise maxIter or tol, or check the data", r, maxIter, tol);
        }
        out.params = p;
        out.lowerBound = lowerBound;
        return out;
    }

    private int[] initialLabels(double[] v, DataMatrix x, int n, int d, long seed, int threads) {
        if (init == Init.KMEANS) {
            KMeansModel m = KMeans.builder().k(k).nInit(1).build().fit(x, FitContext.seeded(seed).withThreads(threads));
            return m.labels();
        }
        KMeansPlusPlus pp = new KMeansPlusPlus(KMeansData.of(x, true), k, threads);
        double[] centres = new double[k * d];
        pp.init(new SplittableRandom(seed), centres);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = KMeansKernels.nearest(v, i * d, centres, k, d);
        }
        return labels;
    }

    /**
     * One fit per {@code k} in {@code [kMin, kMax]} with the settings of {@code builder} (its k replaced), and the
     * Bayesian information criterion of each on {@code x}; the chosen k has the lowest BIC (the smallest k on ties).
     * Cost: the sum of the fits.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code kMin < 1} or {@code kMax < kMin}, or a fit fails
     * @throws IllegalStateException when the builder holds initial parameters (they fix k)
     */
    public static BicSelection selectByBic(DataMatrix x, int kMin, int kMax, Builder builder, FitContext context) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(context, "context");
        if (kMin < 1 || kMax < kMin) {
            throw new IllegalArgumentException("k range must satisfy 1 <= kMin <= kMax but was [" + kMin + ", "
                    + kMax + "]");
        }
        if (builder.initialWeights != null || builder.initialMeans != null || builder.initialPrecisions != null
                || builder.initialCovariances != null) {
            throw new IllegalStateException("selectByBic needs a builder without initial parameters (they fix k)");
        }
        int original = builder.k;
        List<GaussianMixtureModel> models = new ArrayList<>();
        double[] bic = new double[kMax - kMin + 1];
        try {
            for (int kk = kMin; kk <= kMax; kk++) {
                GaussianMixtureModel m = builder.k(kk).build().fit(x, context);
                models.add(m);
                bic[kk - kMin] = m.bic(x);
            }
        } finally {
            builder.k = original;
        }
        return new BicSelection(kMin, bic, models);
    }

    /** The outcome of {@link #selectByBic}: one model and one BIC per k. Immutable. */
    public static final class BicSelection {
        private final int kMin;
        private final double[] bic;
        private final List<GaussianMixtureModel> models;

        BicSelection(int kMin, double[] bic, List<GaussianMixtureModel> models) {
            this.kMin = kMin;
            this.bic = bic;
            this.models = Collections.unmodifiableList(models);
        }

        /** The smallest k tried. */
        public int kMin() {
            return kMin;
        }

        /** The BIC of each k, from {@code kMin} up (a copy). */
        public double[] bic() {
            return bic.clone();
        }

        /** The fitted model of each k, from {@code kMin} up. */
        public List<GaussianMixtureModel> models() {
            return models;
        }

        /** The k with the lowest BIC (the smallest on ties). */
        public int bestK() {
            int best = 0;
            for (int i = 1; i < bic.length; i++) {
                if (bic[i] < bic[best]) {
                    best = i;
                }
            }
            return kMin + best;
        }

        /** The model of {@link #bestK()}. */
        public GaussianMixtureModel best() {
            return models.get(bestK() - kMin);
        }
    }

    @Override
    public String toString() {
        return "GaussianMixture[k=" + k + ", covarianceType=" + covarianceType + ", init=" + init + ", regCovar="
                + regCovar + ", nInit=" + nInit + ", tol=" + tol + ", maxIter=" + maxIter
                + (initialMeans != null ? ", initialMeans" : "") + (initialWeights != null ? ", initialWeights" : "")
                + (initialPrecisions != null ? ", initialPrecisions" : "")
                + (initialCovariances != null ? ", initialCovariances" : "") + "]";
    }

    /**
     * Builds {@link GaussianMixture} instances. Every setter validates its argument at once; {@link #build()} checks
     * the combination and can be called again. Also a {@code Supplier<GaussianMixture>}. Not thread-safe.
     */
    public static final class Builder implements Supplier<GaussianMixture> {
        private int k = 1;
        private CovarianceType covarianceType = CovarianceType.FULL;
        private Init init = Init.KMEANS_PLUS_PLUS;
        private double regCovar = 1e-6;
        private int nInit = 1;
        private double tol = 1e-3;
        private int maxIter = 100;
        private double[] initialWeights;
        private DataMatrix initialMeans;
        private double[] initialPrecisions;
        private double[] initialCovariances;

        private Builder() {
        }

        /** The number of components (scikit-learn's {@code n_components}), at least 1. */
        public Builder k(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1 but was " + k);
            }
            this.k = k;
            return this;
        }

        /** The covariance type (default FULL). */
        public Builder covarianceType(CovarianceType type) {
            this.covarianceType = Objects.requireNonNull(type, "covarianceType");
            return this;
        }

        /** The initialisation (default k-means++). */
        public Builder init(Init init) {
            this.init = Objects.requireNonNull(init, "init");
            return this;
        }

        /** Added to the covariances' diagonal at every M-step; finite and >= 0 (default 1e-6). */
        public Builder regCovar(double regCovar) {
            if (!(regCovar >= 0.0) || !Double.isFinite(regCovar)) {
                throw new IllegalArgumentException("regCovar must be finite and >= 0 but was " + regCovar);
            }
            this.regCovar = regCovar;
            return this;
        }

        /** The number of EM runs, the best kept (default 1). */
        public Builder nInit(int nInit) {
            if (nInit < 1) {
                throw new IllegalArgumentException("nInit must be >= 1 but was " + nInit);
            }
            this.nInit = nInit;
            return this;
        }

        /** Convergence threshold on the lower bound's change; finite and >= 0 (default 1e-3). */
        public Builder tol(double tol) {
            if (!(tol >= 0.0) || !Double.isFinite(tol)) {
                throw new IllegalArgumentException("tol must be finite and >= 0 but was " + tol);
            }
            this.tol = tol;
            return this;
        }

        /** The maximum number of EM iterations per run, at least 1 (default 100). */
        public Builder maxIter(int maxIter) {
            if (maxIter < 1) {
                throw new IllegalArgumentException("maxIter must be >= 1 but was " + maxIter);
            }
            this.maxIter = maxIter;
            return this;
        }

        /** Initial weights ({@code k} positive finite values summing to 1 within 1e-9), or null to clear. */
        public Builder initialWeights(double[] weights) {
            if (weights == null) {
                this.initialWeights = null;
                return this;
            }
            double s = 0.0;
            for (int c = 0; c < weights.length; c++) {
                if (!(weights[c] > 0.0) || !Double.isFinite(weights[c])) {
                    throw new IllegalArgumentException("initialWeights[" + c + "] must be positive and finite but was "
                            + weights[c]);
                }
                s += weights[c];
            }
            if (weights.length == 0 || Math.abs(s - 1.0) > 1e-9) {
                throw new IllegalArgumentException("initialWeights must sum to 1 but sum to " + s);
            }
            this.initialWeights = weights.clone();
            return this;
        }

        /** Initial means ({@code k x d}, finite), or null to clear. */
        public Builder initialMeans(DataMatrix means) {
            if (means != null) {
                int[] bad = means.firstNonFinite();
                if (bad.length > 0) {
                    throw new IllegalArgumentException("initialMeans hold the non-finite value "
                            + means.get(bad[0], bad[1]) + " at row " + bad[0] + ", column " + bad[1]);
                }
            }
            this.initialMeans = means;
            return this;
        }

        /**
         * Initial precisions (inverse covariances), flat: FULL {@code k} row-major {@code d x d} matrices, TIED one,
         * DIAG {@code k x d} values, SPHERICAL {@code k}; FULL/TIED matrices must be symmetric positive definite
         * (their upper triangle is read). Null clears. Exclusive with {@link #initialCovariances}.
         */
        public Builder initialPrecisions(double[] precisions) {
            this.initialPrecisions = checkFinite(precisions, "initialPrecisions");
            return this;
        }

        /** Initial covariances in the layout of {@link #initialPrecisions}; null clears. */
        public Builder initialCovariances(double[] covariances) {
            this.initialCovariances = checkFinite(covariances, "initialCovariances");
            return this;
        }

        private static double[] checkFinite(double[] a, String name) {
            if (a == null) {
                return null;
            }
            for (int i = 0; i < a.length; i++) {
                if (!Double.isFinite(a[i])) {
                    throw new IllegalArgumentException(name + "[" + i + "] is " + a[i]);
                }
            }
            return a.clone();
        }

        /**
         * The configured mixture.
         *
         * @throws IllegalStateException when initial parameters disagree with k (weights length, means rows), both
         *     precisions and covariances are given, or nInit > 1 with weights, means and precisions (or covariances)
         *     all given (every run would be the same)
         */
        public GaussianMixture build() {
            if (initialWeights != null && initialWeights.length != k) {
                throw new IllegalStateException("initialWeights have " + initialWeights.length + " values but k = "
                        + k);
            }
            if (initialMeans != null && initialMeans.rows() != k) {
                throw new IllegalStateException("initialMeans have " + initialMeans.rows() + " rows but k = " + k);
            }
            if (initialPrecisions != null && initialCovariances != null) {
                throw new IllegalStateException("give initialPrecisions or initialCovariances, not both");
            }
            if (nInit > 1 && initialWeights != null && initialMeans != null
                    && (initialPrecisions != null || initialCovariances != null)) {
                throw new IllegalStateException("nInit = " + nInit + " with all initial parameters given: every run "
                        + "would be the same; use nInit 1");
            }
            return new GaussianMixture(this);
        }

        @Override
        public GaussianMixture get() {
            return build();
        }
    }
}
