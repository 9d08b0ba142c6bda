package dev.segmentation.lifetime;

import java.util.Optional;

/**
 * The fitting procedure the three models share: maximise the mean log-likelihood minus lifetimes' L2 penalty
 * (penalizer x sum of the squared parameters, taken on the rescaled data) over the log-parameters with
 * {@link Optimizer}, then standard errors from the inverse of the negative Hessian of the total penalised
 * log-likelihood in the natural parameters. Package-private.
 */
final class MaximumLikelihood {
    /** A model's log-likelihood in the caller's units. */
    interface Kernel {
        /** Sum over the customers of the log-likelihood at {@code theta}. */
        double logLikelihood(double[] theta);

        /** Writes the gradient of {@link #logLikelihood} with respect to theta and returns true, or returns false. */
        default boolean gradient(double[] theta, double[] g) {
            return false;
        }

        /**
         * Writes the gradient into {@code g} and the Hessian of {@link #logLikelihood} with respect to theta into
         * {@code h} and returns true, or returns false (then the Hessian comes from differences of the gradient).
         */
        default boolean hessian(double[] theta, double[] g, double[][] h) {
            return false;
        }
    }

    /** Fitted parameters with their diagnostics. */
    static final class Fit {
        final double[] theta;
        final FitDiagnostics diagnostics;
        final double[] standardErrors; // null when the Hessian is not negative definite

        Fit(double[] theta, FitDiagnostics diagnostics, double[] standardErrors) {
            this.theta = theta;
            this.diagnostics = diagnostics;
            this.standardErrors = standardErrors;
        }

        Optional<double[]> standardErrors() {
            return standardErrors == null ? Optional.empty() : Optional.of(standardErrors.clone());
        }
    }

    private MaximumLikelihood() {
    }

    /**
     * Fits {@code kernel} over {@code n} customers. {@code scale[i]} multiplies parameter i to give its value on the
     * rescaled data (e.g. 1 / max T for a time-scale parameter); {@code starts} are log-parameters on the rescaled
     * data; {@code simplexEvaluations} bounds the Nelder-Mead search from each start.
     *
     * @throws ConvergenceException when the relative gradient norm does not reach {@code tolerance}
     */
    static Fit fit(String model, Kernel kernel, int n, double[] scale, double penalizer, double tolerance,
            int maxIterations, double[][] starts, int simplexEvaluations) {
        int k = scale.length;
        Optimizer.Objective objective = new Optimizer.Objective() {
            final double[] theta = new double[k];
            final double[] g = new double[k];
            final double[][] hk = new double[k][k];

            @Override
            public double value(double[] x) {
                double pen = 0;
                for (int i = 0; i < k; i++) {
                    double e = Math.exp(x[i]);
                    theta[i] = e / scale[i];
                    pen += e * e;
                    if (!(theta[i] > 0) || Double.isInfinite(theta[i])) {
                        return Double.NEGATIVE_INFINITY;
                    }
                }
                return kernel.logLikelihood(theta) / n - penalizer * pen;
            }

            @Override
            public boolean gradient(double[] x, double[] out) {
                for (int i = 0; i < k; i++) {
                    theta[i] = Math.exp(x[i]) / scale[i];
                }
                if (!kernel.gradient(theta, g)) {
                    return false;
                }
                for (int i = 0; i < k; i++) {
                    double e = Math.exp(x[i]);
                    out[i] = theta[i] * g[i] / n - 2 * penalizer * e * e;
                }
                return true;
            }

            @Override
            public boolean hessian(double[] x, double[][] out) {
                // objective(x) = LL(theta(x)) / n - penalizer sum e_i^2, theta_i = e^x_i / scale_i, e_i = e^x_i:
                // d2/dx_i dx_j = theta_i theta_j H_ij / n + [i = j] (theta_i g_i / n - 4 penalizer e_i^2)
                for (int i = 0; i < k; i++) {
                    theta[i] = Math.exp(x[i]) / scale[i];
                }
                if (!kernel.hessian(theta, g, hk)) {
                    return false;
                }
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        out[i][j] = theta[i] * theta[j] * hk[i][j] / n;
                    }
                    double e = Math.exp(x[i]);
                    out[i][i] += theta[i] * g[i] / n - 4 * penalizer * e * e;
                }
                return true;
            }
        };
        Optimizer opt = new Optimizer(objective, k);
        Optimizer.Result r = opt.maximize(starts, tolerance, maxIterations, simplexEvaluations);
        double[] theta = new double[k];
        for (int i = 0; i < k; i++) {
            theta[i] = Math.exp(r.x[i]) / scale[i];
        }
        double ll = Double.isFinite(r.value) ? kernel.logLikelihood(theta) : Double.NEGATIVE_INFINITY;
        FitDiagnostics d = new FitDiagnostics(ll, r.relativeGradientNorm, r.gradient, r.newtonIterations,
                r.evaluations, n, r.converged && Double.isFinite(ll), tolerance);
        if (!d.converged()) {
            throw new ConvergenceException(model, theta, d);
        }
        double[][] h = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double v = n * r.hessian[i][j] - (i == j ? n * r.gradient[i] : 0);
                h[i][j] = -v / (theta[i] * theta[j]);
            }
        }
        double[][] cov = Optimizer.inverseSpd(h);
        double[] se = null;
        if (cov != null) {
            se = new double[k];
            for (int i = 0; i < k; i++) {
                se[i] = Math.sqrt(cov[i][i]);
            }
        }
        return new Fit(theta, d, se);
    }

    /** Customers above which a fit first runs its simplex search on a subsample ({@link #warmStart}). */
    static final int WARM_START_ABOVE = 20_000;
    /** Size of that subsample. */
    static final int WARM_START_SAMPLE = 10_000;
    /** Simplex evaluations from a warm start: the initial simplex only, then Newton. */
    static final int WARM_SIMPLEX = 8;

    /** A fit of the same model on some customers (row indexes into the full data). */
    interface SubsampleFit {
        /** The fit on rows {@code rows}; may throw ConvergenceException or BoundaryReached. */
        Fit fit(int[] rows);
    }

    /**
     * For more than {@link #WARM_START_ABOVE} customers: fits the model on every k-th customer (about
     * {@link #WARM_START_SAMPLE}, a fixed stride, so deterministic) with the full simplex search, and returns its
     * answer as the single start (log-parameters on the full data's {@code scale}) from which the full fit only
     * needs Newton steps; null for smaller data or when the subsample fit fails (the caller then searches from its
     * own starts). The full fit still has to converge on all customers: only the work of finding the basin is done on
     * the subsample.
     */
    static double[][] warmStart(int n, double[] scale, SubsampleFit fit) {
        if (n <= WARM_START_ABOVE) {
            return null;
        }
        int stride = n / WARM_START_SAMPLE;
        int[] rows = new int[n / stride];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i * stride;
        }
        Fit f;
        try {
            f = fit.fit(rows);
        } catch (ConvergenceException | BoundaryReached | IllegalArgumentException e) {
            return null;
        }
        double[] start = new double[scale.length];
        for (int i = 0; i < start.length; i++) {
            start[i] = Math.log(f.theta[i] * scale[i]);
            if (!Double.isFinite(start[i])) {
                return null;
            }
        }
        return new double[][] {start};
    }

    /** {@code v[rows[i]]} for every i. */
    static double[] pick(double[] v, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = v[rows[i]];
        }
        return out;
    }

    static void checkPenalizer(double penalizer) {
        if (!(penalizer >= 0) || Double.isInfinite(penalizer)) {
            throw new IllegalArgumentException("penalizer must be finite and >= 0 but was " + penalizer);
        }
    }

    static void checkTolerance(double tolerance) {
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1) but was " + tolerance);
        }
    }

    static void checkMaxIterations(int maxIterations) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1 but was " + maxIterations);
        }
    }

    static double maxOf(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
