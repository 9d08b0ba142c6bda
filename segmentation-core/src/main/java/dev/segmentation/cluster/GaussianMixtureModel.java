package dev.segmentation.cluster;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.state.Stateful;
import dev.segmentation.state.StepState;
import java.util.Arrays;
import java.util.Objects;

/**
 * A fitted Gaussian mixture ({@link GaussianMixture}): weights, means and covariances of {@code k} components, and
 * the soft assignment of rows to them.
 *
 * <p>A row's label is the component of highest posterior probability (responsibility; the lowest index on ties),
 * its strength that probability (in [1/k, 1]); its log-likelihood ({@link #scoreSamples}) is
 * {@code log sum_c weight_c N(x | mean_c, cov_c)}, low for outliers. The training labels and strengths come from
 * the same arithmetic as {@link #predict(DataMatrix, double[])}, so they agree bit for bit.
 * {@link #outlierScores()} ranks the training rows by log-likelihood: the share of training rows whose
 * log-likelihood is strictly higher (0 for the most typical row, near 1 for the least).
 *
 * <p>BIC and AIC follow scikit-learn: {@code -2 n meanLogLikelihood + p ln n} and {@code -2 n meanLogLikelihood + 2p}
 * with {@code p} free parameters (covariance parameters, {@code k d} means, {@code k - 1} weights).
 *
 * <p>Complexity: prediction costs O(k d^2) per row for FULL and TIED, O(k d) otherwise. Immutable and safe to use
 * from many threads; accessors return copies. Saved with {@link #state()} and restored by
 * {@link GaussianMixtureStepFactory}; a restored model predicts the same bits but has no training labels.
 */
public final class GaussianMixtureModel implements SoftClusterModel, Stateful {
    private final GaussianMixture.CovarianceType type;
    private final int k;
    private final int d;
    private final double[] weights;
    private final double[] logWeights;
    private final double[] means;
    private final double[] cov;
    private final double[] factors;
    private final double[] logDet;
    private final double lowerBound;
    private final boolean converged;
    private final int iterations;
    private final int[] labels;
    private final double[] strengths;
    private final double[] logLik;

    GaussianMixtureModel(GaussianMixture.CovarianceType type, int k, int d, double[] weights, double[] means,
            double[] cov, double[] factors, double lowerBound, boolean converged, int iterations, int[] labels,
            double[] strengths, double[] logLik) {
        this.type = type;
        this.k = k;
        this.d = d;
        this.weights = weights;
        this.means = means;
        this.cov = cov;
        this.factors = factors;
        this.logDet = GmmKernels.logDets(type, factors, k, d);
        this.logWeights = new double[k];
        for (int c = 0; c < k; c++) {
            logWeights[c] = Math.log(weights[c]);
        }
        this.lowerBound = lowerBound;
        this.converged = converged;
        this.iterations = iterations;
        this.labels = labels;
        this.strengths = strengths;
        this.logLik = logLik;
    }

    /** The label of every training row (empty for a restored model; a copy). */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** The number of components, {@code k}. */
    @Override
    public int clusterCount() {
        return k;
    }

    @Override
    public int dimension() {
        return d;
    }

    /** The covariance type. */
    public GaussianMixture.CovarianceType covarianceType() {
        return type;
    }

    /** The mixture weights, {@code k} values summing to 1 (a copy). */
    public double[] weights() {
        return weights.clone();
    }

    /** The means as a {@code k x d} matrix. */
    public DataMatrix means() {
        return DataMatrix.of(k, d, means);
    }

    /**
     * The covariances, flat (a copy): FULL {@code k} row-major {@code d x d} matrices, TIED one, DIAG {@code k x d}
     * variances, SPHERICAL {@code k} variances; {@code regCovar} included.
     */
    public double[] covariances() {
        return cov.clone();
    }

    /** The full {@code d x d} covariance matrix of component {@code c}, whatever the type. */
    public double[][] covarianceMatrix(int c) {
        Objects.checkIndex(c, k);
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                switch (type) {
                    case FULL:
                        m[i][j] = cov[c * d * d + i * d + j];
                        break;
                    case TIED:
                        m[i][j] = cov[i * d + j];
                        break;
                    case DIAG:
                        m[i][j] = i == j ? cov[c * d + i] : 0.0;
                        break;
                    default:
                        m[i][j] = i == j ? cov[c] : 0.0;
                }
            }
        }
        return m;
    }

    /** The lower bound (mean log-likelihood per training row) at the last E-step of the kept run. */
    public double lowerBound() {
        return lowerBound;
    }

    /** Whether the kept run converged before maxIter. */
    public boolean converged() {
        return converged;
    }

    /** EM iterations of the kept run (scikit-learn's {@code n_iter_}). */
    public int iterations() {
        return iterations;
    }

    /** The number of free parameters counted by {@link #bic} and {@link #aic}. */
    public long freeParameters() {
        return GmmKernels.freeParameters(type, k, d);
    }

    /** The maximum posterior probability of every training row (empty for a restored model; a copy). */
    @Override
    public double[] strengths() {
        return strengths.clone();
    }

    /** The log-likelihood of every training row under the final parameters (empty for a restored model; a copy). */
    public double[] trainingLogLikelihoods() {
        return logLik.clone();
    }

    /**
     * For every training row, the share of training rows with a strictly higher log-likelihood, in [0, 1)
     * (O(n log n); empty for a restored model).
     */
    @Override
    public double[] outlierScores() {
        int n = logLik.length;
        double[] sorted = logLik.clone();
        Arrays.sort(sorted);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            // rows strictly above logLik[i]: n minus the index just past the last value <= it
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] <= logLik[i]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            out[i] = (double) (n - lo) / n;
        }
        return out;
    }

    /**
     * The most probable component of {@code row}.
     *
     * @throws IllegalArgumentException when the row's length is not {@link #dimension()} or a value is not finite
     */
    @Override
    public int predict(double[] row) {
        Objects.requireNonNull(row, "row");
        if (row.length != d) {
            throw new IllegalArgumentException(
                    "row has " + row.length + " values but the model was fitted on " + d + " columns");
        }
        for (int j = 0; j < d; j++) {
            if (!Double.isFinite(row[j])) {
                throw new IllegalArgumentException("row holds the non-finite value " + row[j] + " at column " + j);
            }
        }
        double[] p = new double[k];
        posteriors(row, 0, new double[d], p);
        return argmax(p);
    }

    /**
     * The most probable component of every row of {@code x}.
     *
     * @throws IllegalArgumentException when {@code x} has not {@link #dimension()} columns or holds a non-finite
     *     value (naming its row and column)
     */
    @Override
    public int[] predict(DataMatrix x) {
        return predict(x, new double[check(x).rows()]);
    }

    @Override
    public int[] predict(DataMatrix x, double[] strengthsOut) {
        Objects.requireNonNull(strengthsOut, "strengthsOut");
        double[] v = check(x).toArray();
        int n = x.rows();
        if (strengthsOut.length != n) {
            throw new IllegalArgumentException("strengthsOut has " + strengthsOut.length + " slots but x has " + n
                    + " rows");
        }
        int[] out = new int[n];
        double[] y = new double[d];
        double[] p = new double[k];
        for (int i = 0; i < n; i++) {
            posteriors(v, i, y, p);
            int a = argmax(p);
            out[i] = a;
            strengthsOut[i] = p[a];
        }
        return out;
    }

    /**
     * The posterior probability of every component for every row of {@code x}, as an {@code n x k} matrix whose rows
     * sum to 1 (scikit-learn's {@code predict_proba}).
     *
     * @throws IllegalArgumentException as {@link #predict(DataMatrix)}
     */
    public DataMatrix predictProba(DataMatrix x) {
        double[] v = check(x).toArray();
        int n = x.rows();
        double[] out = new double[n * k];
        double[] y = new double[d];
        double[] p = new double[k];
        for (int i = 0; i < n; i++) {
            posteriors(v, i, y, p);
            System.arraycopy(p, 0, out, i * k, k);
        }
        return DataMatrix.wrap(n, k, out);
    }

    /**
     * The log-likelihood of every row of {@code x} (scikit-learn's {@code score_samples}); a low value marks an
     * outlier.
     *
     * @throws IllegalArgumentException as {@link #predict(DataMatrix)}
     */
    public double[] scoreSamples(DataMatrix x) {
        double[] v = check(x).toArray();
        int n = x.rows();
        double[] out = new double[n];
        double[] y = new double[d];
        double[] w = new double[k];
        for (int i = 0; i < n; i++) {
            GmmKernels.weightedLogProb(v, i, type, logWeights, means, factors, logDet, k, d, y, w);
            out[i] = GmmKernels.logSumExp(w, k);
        }
        return out;
    }

    /**
     * The mean log-likelihood of the rows of {@code x} (scikit-learn's {@code score}).
     *
     * @throws IllegalArgumentException as {@link #predict(DataMatrix)}, or when {@code x} has no rows
     */
    public double meanLogLikelihood(DataMatrix x) {
        if (x.rows() == 0) {
            throw new IllegalArgumentException("the mean log-likelihood of 0 rows is undefined");
        }
        double[] s = scoreSamples(x);
        double t = 0.0;
        for (double v : s) {
            t += v;
        }
        return t / s.length;
    }

    /**
     * The Bayesian information criterion on {@code x}: {@code -2 n meanLogLikelihood(x) + freeParameters() ln n}.
     *
     * @throws IllegalArgumentException as {@link #meanLogLikelihood}
     */
    public double bic(DataMatrix x) {
        return -2.0 * meanLogLikelihood(x) * x.rows() + freeParameters() * Math.log(x.rows());
    }

    /**
     * The Akaike information criterion on {@code x}: {@code -2 n meanLogLikelihood(x) + 2 freeParameters()}.
     *
     * @throws IllegalArgumentException as {@link #meanLogLikelihood}
     */
    public double aic(DataMatrix x) {
        return -2.0 * meanLogLikelihood(x) * x.rows() + 2.0 * freeParameters();
    }

    private void posteriors(double[] v, int row, double[] y, double[] p) {
        GmmKernels.weightedLogProb(v, row, type, logWeights, means, factors, logDet, k, d, y, p);
        double norm = GmmKernels.logSumExp(p, k);
        for (int c = 0; c < k; c++) {
            p[c] = Math.exp(p[c] - norm);
        }
    }

    private static int argmax(double[] p) {
        int a = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[a]) {
                a = c;
            }
        }
        return a;
    }

    private DataMatrix check(DataMatrix x) {
        Objects.requireNonNull(x, "x");
        if (x.cols() != d) {
            throw new IllegalArgumentException(
                    "x has " + x.cols() + " columns but the model was fitted on " + d + " columns");
        }
        int[] bad = x.firstNonFinite();
        if (bad.length > 0) {
            throw new IllegalArgumentException("x holds the non-finite value " + x.get(bad[0], bad[1]) + " at row "
                    + bad[0] + ", column " + bad[1]);
        }
        return x;
    }

    /**
     * The model as plain data (type {@value GaussianMixtureStepFactory#TYPE}): covariance type, k, d, weights,
     * means, covariances, precision factors and the fit's summary; not the training labels.
     */
    @Override
    public StepState state() {
        return StepState.builder(GaussianMixtureStepFactory.TYPE, GaussianMixtureStepFactory.VERSION)
                .put("covarianceType", type.name())
                .put("k", k)
                .put("dimension", d)
                .put("weights", weights)
                .put("means", means)
                .put("covariances", cov)
                .put("precisionFactors", factors)
                .put("lowerBound", lowerBound)
                .put("converged", converged ? "true" : "false")
                .put("iterations", iterations)
                .build();
    }

    @Override
    public String toString() {
        return "GaussianMixtureModel[k=" + k + ", d=" + d + ", " + type + ", n=" + labels.length + ", lowerBound="
                + lowerBound + ", iterations=" + iterations + ", converged=" + converged + "]";
    }
}
