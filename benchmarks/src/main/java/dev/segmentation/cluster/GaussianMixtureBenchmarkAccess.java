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

    /**
     * Times one EM iteration by the CPU time of one thread (1,000,000 x 8, k = 8 blobs as in the JMH benchmark), for
     * FULL and DIAG: on a shared machine CPU time tells the cost better than wall time. Args: n (default 1e6).
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int d = 8;
        int k = 8;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(20_240_601L);
        double[] c = new double[k * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = rng.nextDouble() * 20 - 10;
        }
        double[] v = new double[n * d];
        for (int i = 0; i < n; i++) {
            int b = rng.nextInt(k);
            for (int j = 0; j < d; j++) {
                v[i * d + j] = c[b * d + j] + rng.nextGaussian();
            }
        }
        DataMatrix x = DataMatrix.wrap(n, d, v);
        double[] means = new double[k * d];
        for (int q = 0; q < k; q++) {
            System.arraycopy(x.row((int) ((long) q * n / k)), 0, means, q * d, d);
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (GaussianMixture.CovarianceType t : new GaussianMixture.CovarianceType[] {
            GaussianMixture.CovarianceType.FULL, GaussianMixture.CovarianceType.DIAG}) {
            GaussianMixtureBenchmarkAccess a = new GaussianMixtureBenchmarkAccess(x, k, t, means, 1);
            double sink = 0;
            for (int w = 0; w < 3; w++) {
                sink += a.emIteration();
            }
            int reps = 5;
            long t0 = mx.getCurrentThreadCpuTime();
            for (int r = 0; r < reps; r++) {
                sink += a.emIteration();
            }
            long t1 = mx.getCurrentThreadCpuTime();
            System.out.printf(java.util.Locale.ROOT, "%s n=%d d=%d k=%d: %.1f ms CPU per EM iteration, 1 thread "
                    + "(sink %.3f)%n", t, n, d, k, (t1 - t0) / 1e6 / reps, sink);
        }
    }
}
