package dev.segmentation.cluster;

import dev.segmentation.data.DataMatrix;

/**
 * Opens Gaussian-mixture internals to the JMH benchmarks (same package, benchmarks module only, never published):
 * one EM iteration (E-step with log-sum-exp into the responsibilities, M-step, precision factors of the new
 * covariances) from fixed parameters, exactly the work of one iteration of {@link GaussianMixture}'s loop.
 */
public final class GaussianMixtureBenchmarkAccess {
    private final double[] x;
    private final int n;
    private final int d;
    private final int k;
    private final GaussianMixture.CovarianceType type;
    private final int threads;
    private final double[] weights;
    private final double[] means;
    private final double[] factors;
    private final double[] resp;

    /**
     * Starting parameters: equal weights, the given means ({@code k x d}, row-major), identity covariances.
     */
    public GaussianMixtureBenchmarkAccess(DataMatrix x, int k, GaussianMixture.CovarianceType type, double[] means,
            int threads) {
        this.x = x.toArray();
        this.n = x.rows();
        this.d = x.cols();
        this.k = k;
        this.type = type;
        this.threads = threads;
        this.weights = new double[k];
        java.util.Arrays.fill(weights, 1.0 / k);
        this.means = means.clone();
        double[] cov = new double[GmmKernels.covLength(type, k, d)];
        if (type == GaussianMixture.CovarianceType.FULL || type == GaussianMixture.CovarianceType.TIED) {
            for (int o = 0; o < cov.length; o += d * d) {
                for (int j = 0; j < d; j++) {
                    cov[o + j * d + j] = 1.0;
                }
            }
        } else {
            java.util.Arrays.fill(cov, 1.0);
        }
        this.factors = GmmKernels.factorsFromCovariances(type, cov, k, d);
        this.resp = new double[n * k];
    }

    /** One EM iteration from the fixed starting parameters; returns the lower bound (to keep the work alive). */
    public double emIteration() {
        double[] logDet = GmmKernels.logDets(type, factors, k, d);
        double lb = GmmKernels.eStep(x, n, d, k, type, weights, means, factors, logDet, resp, null, threads);
        GmmKernels.Params p = GmmKernels.mStep(x, n, d, k, type, resp, 1e-6, threads);
        double[] f = GmmKernels.factorsFromCovariances(type, p.cov, k, d);
        return lb + f[0] + p.weights[0];
    }
}
