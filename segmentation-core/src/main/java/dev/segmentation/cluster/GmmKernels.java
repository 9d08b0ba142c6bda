package dev.segmentation.cluster;

import dev.segmentation.internal.Parallel;

/**
 * Gaussian-mixture arithmetic on flat arrays: precision factors from covariances or precisions, weighted log
 * densities, the E-step with log-sum-exp, and the M-step. Rows are processed in fixed blocks of
 * {@link Parallel#ROWS_PER_BLOCK}; per-block partial sums are combined in block order, so results do not depend on
 * the thread count. Internal.
 *
 * <p>Parameter layout ({@code k} components, {@code d} columns): weights {@code k}; means {@code k*d} (row-major);
 * covariances FULL {@code k*d*d}, TIED {@code d*d}, DIAG {@code k*d}, SPHERICAL {@code k}. The precision factor of a
 * component is a matrix {@code W} with {@code W^T W} = its precision: FULL and TIED store it dense ({@code d*d} per
 * matrix, lower triangular: zeros above the diagonal), DIAG one value per column, SPHERICAL one per component; then
 * the squared Mahalanobis
 * distance of {@code x} is {@code |W (x - mean)|^2} and the log-determinant term is the sum of the logs of
 * {@code W}'s diagonal.
 */
final class GmmKernels {
    static final double LOG_2PI = Math.log(2.0 * Math.PI);
    /** scikit-learn's {@code 10 * eps} added to every component's total responsibility. */
    static final double NK_FLOOR = 10.0 * Math.ulp(1.0);

    private GmmKernels() {
    }

    static int covLength(GaussianMixture.CovarianceType t, int k, int d) {
        switch (t) {
            case FULL:
                return k * d * d;
            case TIED:
                return d * d;
            case DIAG:
                return k * d;
            default:
                return k;
        }
    }

    static String illDefined(int component) {
        return "Gaussian mixture fit failed: component " + component + " has an ill-defined covariance (not "
                + "positive definite, e.g. from singleton or collapsed rows); use fewer components or a larger "
                + "regCovar";
    }

    /** Precision factors from covariances; throws IllegalArgumentException when one is not positive definite. */
    static double[] factorsFromCovariances(GaussianMixture.CovarianceType t, double[] cov, int k, int d) {
        double[] f = new double[covLength(t, k, d)];
        switch (t) {
            case FULL:
            case TIED: {
                int mats = t == GaussianMixture.CovarianceType.FULL ? k : 1;
                double[] l = new double[d * d];
                for (int c = 0; c < mats; c++) {
                    if (!cholesky(cov, c * d * d, d, l)) {
                        throw new IllegalArgumentException(illDefined(c));
                    }
                    invertLower(l, d, f, c * d * d);
                }
                return f;
            }
            default:
                for (int i = 0; i < f.length; i++) {
                    if (!(cov[i] > 0.0) || !Double.isFinite(cov[i])) {
                        int comp = t == GaussianMixture.CovarianceType.DIAG ? i / d : i;
                        throw new IllegalArgumentException(illDefined(comp));
                    }
                    f[i] = 1.0 / Math.sqrt(cov[i]);
                }
                return f;
        }
    }

    /**
     * Precision factors from precisions (FULL/TIED: a lower-triangular factor, reading the upper triangle of each
     * matrix; DIAG/SPHERICAL: square roots).
     */
    static double[] factorsFromPrecisions(GaussianMixture.CovarianceType t, double[] prec, int k, int d) {
        double[] f = new double[covLength(t, k, d)];
        switch (t) {
            case FULL:
            case TIED: {
                int mats = t == GaussianMixture.CovarianceType.FULL ? k : 1;
                // a lower-triangular W with W^T W = P: with J the order reversal, the Cholesky factor L of J P J
                // gives W = J L^T J (an "upper-lower" factorisation of P)
                double[] l = new double[d * d];
                double[] r = new double[d * d];
                for (int c = 0; c < mats; c++) {
                    int o = c * d * d;
                    for (int i = 0; i < d; i++) {
                        for (int j = 0; j < d; j++) {
                            r[i * d + j] = prec[o + (d - 1 - i) * d + (d - 1 - j)];
                        }
                    }
                    if (!cholesky(r, 0, d, l)) {
                        throw new IllegalArgumentException("initial precision matrix " + c
                                + " is not symmetric positive definite");
                    }
                    for (int i = 0; i < d; i++) {
                        for (int j = 0; j < d; j++) {
                            f[o + i * d + j] = l[(d - 1 - j) * d + (d - 1 - i)];
                        }
                    }
                }
                return f;
            }
            default:
                for (int i = 0; i < f.length; i++) {
                    if (!(prec[i] > 0.0) || !Double.isFinite(prec[i])) {
                        throw new IllegalArgumentException("initial precision " + i + " must be positive and finite "
                                + "but was " + prec[i]);
                    }
                    f[i] = Math.sqrt(prec[i]);
                }
                return f;
        }
    }

    /** Per component, the sum of the logs of the factor's diagonal (half the log-determinant of the precision). */
    static double[] logDets(GaussianMixture.CovarianceType t, double[] f, int k, int d) {
        double[] out = new double[k];
        for (int c = 0; c < k; c++) {
            double s = 0.0;
            switch (t) {
                case FULL:
                    for (int j = 0; j < d; j++) {
                        s += Math.log(f[c * d * d + j * d + j]);
                    }
                    break;
                case TIED:
                    for (int j = 0; j < d; j++) {
                        s += Math.log(f[j * d + j]);
                    }
                    break;
                case DIAG:
                    for (int j = 0; j < d; j++) {
                        s += Math.log(f[c * d + j]);
                    }
                    break;
                default:
                    s = d * Math.log(f[c]);
            }
            out[c] = s;
        }
        return out;
    }

    /** Lower Cholesky factor of the symmetric matrix at {@code a[off..]} (lower triangle read); false if not SPD. */
    static boolean cholesky(double[] a, int off, int d, double[] l) {
        java.util.Arrays.fill(l, 0.0);
        for (int j = 0; j < d; j++) {
            double s = a[off + j * d + j];
            for (int p = 0; p < j; p++) {
                s -= l[j * d + p] * l[j * d + p];
            }
            if (!(s > 0.0) || !Double.isFinite(s)) {
                return false;
            }
            double ljj = Math.sqrt(s);
            l[j * d + j] = ljj;
            for (int i = j + 1; i < d; i++) {
                double t = a[off + i * d + j];
                for (int p = 0; p < j; p++) {
                    t -= l[i * d + p] * l[j * d + p];
                }
                l[i * d + j] = t / ljj;
            }
        }
        return true;
    }

    /** Writes the inverse of the lower-triangular {@code l} (lower triangular too) to {@code out[off..]}. */
    static void invertLower(double[] l, int d, double[] out, int off) {
        for (int col = 0; col < d; col++) {
            for (int i = 0; i < d; i++) {
                if (i < col) {
                    out[off + i * d + col] = 0.0;
                    continue;
                }
                double s = i == col ? 1.0 : 0.0;
                for (int p = col; p < i; p++) {
                    s -= l[i * d + p] * out[off + p * d + col];
                }
                out[off + i * d + col] = s / l[i * d + i];
            }
        }
    }

    /**
     * The weighted log densities {@code log weight_c + log N(x | mean_c, cov_c)} of row {@code row} of {@code x},
     * written to {@code out[0..k)}; {@code y} is scratch of length {@code d}.
     */
    static void weightedLogProb(double[] x, int row, GaussianMixture.CovarianceType t, double[] logWeights,
            double[] means, double[] f, double[] logDet, int k, int d, double[] y, double[] out) {
        int xo = row * d;
        for (int c = 0; c < k; c++) {
            int mo = c * d;
            for (int j = 0; j < d; j++) {
                y[j] = x[xo + j] - means[mo + j];
            }
            double q = 0.0;
            switch (t) {
                case FULL:
                case TIED: {
                    int fo = t == GaussianMixture.CovarianceType.FULL ? c * d * d : 0;
                    for (int i = 0; i < d; i++) {
                        double s = 0.0;
                        int ro = fo + i * d;
                        for (int j = 0; j <= i; j++) {
                            s += f[ro + j] * y[j];
                        }
                        q += s * s;
                    }
                    break;
                }
                case DIAG:
                    for (int j = 0; j < d; j++) {
                        double s = y[j] * f[mo + j];
                        q += s * s;
                    }
                    break;
                default: {
                    double fc = f[c];
                    for (int j = 0; j < d; j++) {
                        double s = y[j] * fc;
                        q += s * s;
                    }
                }
            }
            out[c] = -0.5 * (d * LOG_2PI + q) + logDet[c] + logWeights[c];
        }
    }

    /** log(sum(exp(w[0..k)))), stable. */
    static double logSumExp(double[] w, int k) {
        double m = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            if (w[c] > m) {
                m = w[c];
            }
        }
        if (m == Double.NEGATIVE_INFINITY) {
            return m;
        }
        double s = 0.0;
        for (int c = 0; c < k; c++) {
            s += Math.exp(w[c] - m);
        }
        return m + Math.log(s);
    }

    /**
     * E-step over all rows: writes the responsibilities ({@code n*k}) to {@code resp} and, when {@code logLik} is
     * not null, each row's log-likelihood; returns the mean log-likelihood.
     */
    static double eStep(double[] x, int n, int d, int k, GaussianMixture.CovarianceType t, double[] weights,
            double[] means, double[] f, double[] logDet, double[] resp, double[] logLik, int threads) {
        double[] logW = new double[k];
        for (int c = 0; c < k; c++) {
            logW[c] = Math.log(weights[c]);
        }
        int nb = Parallel.blocks(n, Parallel.ROWS_PER_BLOCK);
        double[] partial = new double[nb];
        Parallel.forEachBlock(nb, threads, b -> {
            int lo = b * Parallel.ROWS_PER_BLOCK;
            int hi = Math.min(n, lo + Parallel.ROWS_PER_BLOCK);
            double[] y = new double[d];
            double[] w = new double[k];
            double s = 0.0;
            for (int i = lo; i < hi; i++) {
                weightedLogProb(x, i, t, logW, means, f, logDet, k, d, y, w);
                double norm = logSumExp(w, k);
                s += norm;
                if (logLik != null) {
                    logLik[i] = norm;
                }
                if (resp != null) {
                    for (int c = 0; c < k; c++) {
                        resp[i * k + c] = Math.exp(w[c] - norm);
                    }
                }
            }
            partial[b] = s;
        });
        double total = 0.0;
        for (int b = 0; b < nb; b++) {
            total += partial[b];
        }
        return total / n;
    }

    /** The result of an M-step. */
    static final class Params {
        final double[] weights;
        final double[] means;
        final double[] cov;

        Params(double[] weights, double[] means, double[] cov) {
            this.weights = weights;
            this.means = means;
            this.cov = cov;
        }
    }

    /**
     * M-step (scikit-learn's {@code _estimate_gaussian_parameters} then weight normalisation): totals
     * {@code nk = sum resp + 10 eps}, weighted means, covariances around the new means plus {@code reg} on the
     * diagonal (SPHERICAL: the mean of the diagonal variances), weights {@code nk / sum nk}.
     */
    static Params mStep(double[] x, int n, int d, int k, GaussianMixture.CovarianceType t, double[] resp,
            double reg, int threads) {
        int nb = Parallel.blocks(n, Parallel.ROWS_PER_BLOCK);
        // pass 1: nk and weighted sums
        int w1 = k + k * d;
        double[] p1 = new double[nb * w1];
        Parallel.forEachBlock(nb, threads, b -> {
            int lo = b * Parallel.ROWS_PER_BLOCK;
            int hi = Math.min(n, lo + Parallel.ROWS_PER_BLOCK);
            int o = b * w1;
            for (int i = lo; i < hi; i++) {
                for (int c = 0; c < k; c++) {
                    double r = resp[i * k + c];
                    p1[o + c] += r;
                    int so = o + k + c * d;
                    for (int j = 0; j < d; j++) {
                        p1[so + j] += r * x[i * d + j];
                    }
                }
            }
        });
        double[] s1 = new double[w1];
        for (int b = 0; b < nb; b++) {
            for (int q = 0; q < w1; q++) {
                s1[q] += p1[b * w1 + q];
            }
        }
        double[] nk = new double[k];
        double[] means = new double[k * d];
        for (int c = 0; c < k; c++) {
            nk[c] = s1[c] + NK_FLOOR;
            for (int j = 0; j < d; j++) {
                means[c * d + j] = s1[k + c * d + j] / nk[c];
            }
        }
        // pass 2: second moments around the new means
        boolean matrix = t == GaussianMixture.CovarianceType.FULL || t == GaussianMixture.CovarianceType.TIED;
        int w2 = matrix ? k * d * d : k * d;
        double[] p2 = new double[nb * w2];
        Parallel.forEachBlock(nb, threads, b -> {
            int lo = b * Parallel.ROWS_PER_BLOCK;
            int hi = Math.min(n, lo + Parallel.ROWS_PER_BLOCK);
            int o = b * w2;
            double[] y = new double[d];
            for (int i = lo; i < hi; i++) {
                for (int c = 0; c < k; c++) {
                    double r = resp[i * k + c];
                    for (int j = 0; j < d; j++) {
                        y[j] = x[i * d + j] - means[c * d + j];
                    }
                    if (matrix) {
                        int co = o + c * d * d;
                        for (int j = 0; j < d; j++) {
                            double ry = r * y[j];
                            for (int l = j; l < d; l++) {
                                p2[co + j * d + l] += ry * y[l];
                            }
                        }
                    } else {
                        int co = o + c * d;
                        for (int j = 0; j < d; j++) {
                            p2[co + j] += r * y[j] * y[j];
                        }
                    }
                }
            }
        });
        double[] s2 = new double[w2];
        for (int b = 0; b < nb; b++) {
            for (int q = 0; q < w2; q++) {
                s2[q] += p2[b * w2 + q];
            }
        }
        double[] cov = new double[covLength(t, k, d)];
        switch (t) {
            case FULL:
                for (int c = 0; c < k; c++) {
                    int co = c * d * d;
                    for (int j = 0; j < d; j++) {
                        for (int l = j; l < d; l++) {
                            double v = s2[co + j * d + l] / nk[c];
                            cov[co + j * d + l] = v;
                            cov[co + l * d + j] = v;
                        }
                        cov[co + j * d + j] += reg;
                    }
                }
                break;
            case TIED: {
                double total = 0.0;
                for (int c = 0; c < k; c++) {
                    total += nk[c];
                }
                for (int j = 0; j < d; j++) {
                    for (int l = j; l < d; l++) {
                        double s = 0.0;
                        for (int c = 0; c < k; c++) {
                            s += s2[c * d * d + j * d + l];
                        }
                        double v = s / total;
                        cov[j * d + l] = v;
                        cov[l * d + j] = v;
                    }
                    cov[j * d + j] += reg;
                }
                break;
            }
            case DIAG:
                for (int c = 0; c < k; c++) {
                    for (int j = 0; j < d; j++) {
                        cov[c * d + j] = s2[c * d + j] / nk[c] + reg;
                    }
                }
                break;
            default:
                for (int c = 0; c < k; c++) {
                    double s = 0.0;
                    for (int j = 0; j < d; j++) {
                        s += s2[c * d + j] / nk[c] + reg;
                    }
                    cov[c] = s / d;
                }
        }
        double sum = 0.0;
        for (int c = 0; c < k; c++) {
            sum += nk[c];
        }
        double[] weights = new double[k];
        for (int c = 0; c < k; c++) {
            weights[c] = nk[c] / sum;
        }
        return new Params(weights, means, cov);
    }

    /** Number of free parameters (for BIC and AIC). */
    static long freeParameters(GaussianMixture.CovarianceType t, int k, int d) {
        long cov;
        switch (t) {
            case FULL:
                cov = (long) k * d * (d + 1) / 2;
                break;
            case TIED:
                cov = (long) d * (d + 1) / 2;
                break;
            case DIAG:
                cov = (long) k * d;
                break;
            default:
                cov = k;
        }
        return cov + (long) k * d + k - 1;
    }
}
