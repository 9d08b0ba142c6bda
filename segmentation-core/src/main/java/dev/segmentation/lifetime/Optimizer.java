package dev.segmentation.lifetime;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maximises a smooth objective of a few log-parameters: Nelder-Mead (Lagarias et al. 1998 coefficients) from each
 * of several fixed starts, then damped Newton steps (Levenberg-Marquardt on the negative Hessian, backtracking) from
 * the best simplex vertex until the gradient is zero to a relative tolerance. Gradients come from the objective when
 * it has them, else from central differences; the Hessian from the objective when it has one, else from central
 * differences of the gradient. Points where
 * the objective is not finite are rejected (treated as minus infinity). Deterministic; not thread-safe.
 */
final class Optimizer {
    /** The function to maximise. */
    interface Objective {
        /** The value at {@code x}; any non-finite value rejects the point. */
        double value(double[] x);

        /**
         * Writes the gradient at {@code x} into {@code g} and returns true, or returns false when the objective has
         * no analytic gradient.
         */
        default boolean gradient(double[] x, double[] g) {
            return false;
        }

        /**
         * Writes the Hessian at {@code x} into {@code h} (dim x dim) and returns true, or returns false when the
         * objective has no analytic Hessian (then it comes from central differences of the gradient).
         */
        default boolean hessian(double[] x, double[][] h) {
            return false;
        }
    }

    /** Where the optimiser stopped. */
    static final class Result {
        final double[] x;
        final double value;
        final double[] gradient;
        final double[][] hessian;
        final double relativeGradientNorm;
        final int newtonIterations;
        final int evaluations;
        final boolean converged;

        Result(double[] x, double value, double[] gradient, double[][] hessian, double relativeGradientNorm,
                int newtonIterations, int evaluations, boolean converged) {
            this.x = x;
            this.value = value;
            this.gradient = gradient;
            this.hessian = hessian;
            this.relativeGradientNorm = relativeGradientNorm;
            this.newtonIterations = newtonIterations;
            this.evaluations = evaluations;
            this.converged = converged;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Optimizer.class);
    private final Objective f;
    private final int dim;
    private int evaluations;

    Optimizer(Objective f, int dim) {
        this.f = f;
        this.dim = dim;
    }

    private double eval(double[] x) {
        evaluations++;
        if (LOG.isTraceEnabled() && evaluations % 25 == 0) {
            LOG.trace("evaluation {} at log-parameters {}", evaluations, Arrays.toString(x));
        }
        double v;
        try {
            v = f.value(x);
        } catch (ArithmeticException e) {
            return Double.NEGATIVE_INFINITY;
        }
        return Double.isFinite(v) ? v : Double.NEGATIVE_INFINITY;
    }

    /**
     * Maximises from {@code starts}; stops when the infinity norm of the gradient divided by max(1, |value|) is at
     * most {@code tolerance} or after {@code maxIterations} Newton iterations.
     */
    Result maximize(double[][] starts, double tolerance, int maxIterations, int simplexEvaluations) {
        double[] best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (double[] s : starts) {
            double[] x = nelderMead(s, simplexEvaluations);
            double v = eval(x);
            if (best == null || v > bestValue) {
                best = x;
                bestValue = v;
            }
        }
        if (bestValue == Double.NEGATIVE_INFINITY) {
            return new Result(best, bestValue, new double[dim], new double[dim][dim], Double.POSITIVE_INFINITY, 0,
                    evaluations, false);
        }
        return newton(best, bestValue, tolerance, maxIterations);
    }

    /** Nelder-Mead from {@code start}, initial edges of length 0.5 (a factor e^0.5 in each parameter). */
    double[] nelderMead(double[] start, int maxEvaluations) {
        int n = dim;
        double[][] p = new double[n + 1][];
        double[] fv = new double[n + 1];
        p[0] = start.clone();
        fv[0] = -eval(p[0]);
        for (int i = 0; i < n; i++) {
            p[i + 1] = start.clone();
            p[i + 1][i] += 0.5;
            fv[i + 1] = -eval(p[i + 1]);
        }
        double[] centroid = new double[n];
        double[] xr = new double[n];
        double[] xe = new double[n];
        double[] xc = new double[n];
        Integer[] order = new Integer[n + 1];
        int used = n + 1;
        while (used < maxEvaluations) {
            for (int i = 0; i <= n; i++) {
                order[i] = i;
            }
            final double[] fvf = fv;
            Arrays.sort(order, (a, b) -> Double.compare(fvf[a], fvf[b]));
            double[][] q = new double[n + 1][];
            double[] fq = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                q[i] = p[order[i]];
                fq[i] = fv[order[i]];
            }
            p = q;
            fv = fq;
            double spread = Math.abs(fv[n] - fv[0]);
            double size = 0;
            for (int i = 1; i <= n; i++) {
                for (int j = 0; j < n; j++) {
                    size = Math.max(size, Math.abs(p[i][j] - p[0][j]));
                }
            }
            if (Double.isFinite(fv[n]) && spread <= 1e-12 * Math.max(1, Math.abs(fv[0])) && size <= 1e-7) {
                break;
            }
            Arrays.fill(centroid, 0);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    centroid[j] += p[i][j] / n;
                }
            }
            for (int j = 0; j < n; j++) {
                xr[j] = centroid[j] + (centroid[j] - p[n][j]);
            }
            double fr = -eval(xr);
            used++;
            if (fr < fv[0]) {
                for (int j = 0; j < n; j++) {
                    xe[j] = centroid[j] + 2 * (centroid[j] - p[n][j]);
                }
                double fe = -eval(xe);
                used++;
                if (fe < fr) {
                    p[n] = xe.clone();
                    fv[n] = fe;
                } else {
                    p[n] = xr.clone();
                    fv[n] = fr;
                }
                continue;
            }
            if (fr < fv[n - 1]) {
                p[n] = xr.clone();
                fv[n] = fr;
                continue;
            }
            boolean outside = fr < fv[n];
            for (int j = 0; j < n; j++) {
                xc[j] = outside ? centroid[j] + 0.5 * (xr[j] - centroid[j])
                        : centroid[j] + 0.5 * (p[n][j] - centroid[j]);
            }
            double fc = -eval(xc);
            used++;
            if (outside ? fc <= fr : fc < fv[n]) {
                p[n] = xc.clone();
                fv[n] = fc;
                continue;
            }
            for (int i = 1; i <= n; i++) {
                for (int j = 0; j < n; j++) {
                    p[i][j] = p[0][j] + 0.5 * (p[i][j] - p[0][j]);
                }
                fv[i] = -eval(p[i]);
                used++;
            }
        }
        int b = 0;
        for (int i = 1; i <= n; i++) {
            if (fv[i] < fv[b]) {
                b = i;
            }
        }
        return p[b].clone();
    }

    /** The gradient at {@code x}: analytic when the objective has it, else central differences (step 1e-5). */
    void gradient(double[] x, double[] g) {
        if (f.gradient(x, g)) {
            evaluations++;
            return;
        }
        double[] y = x.clone();
        for (int i = 0; i < dim; i++) {
            double h = 1e-5;
            y[i] = x[i] + h;
            double up = eval(y);
            y[i] = x[i] - h;
            double down = eval(y);
            y[i] = x[i];
            g[i] = (up - down) / (2 * h);
        }
    }

    /** The Hessian at {@code x} from central differences of the gradient (step 1e-4), symmetrised. */
    double[][] hessian(double[] x) {
        double[][] h = new double[dim][dim];
        if (f.hessian(x, h)) {
            evaluations++;
            return h;
        }
        double[] y = x.clone();
        double[] gu = new double[dim];
        double[] gd = new double[dim];
        for (int i = 0; i < dim; i++) {
            double step = 1e-4;
            y[i] = x[i] + step;
            gradient(y, gu);
            y[i] = x[i] - step;
            gradient(y, gd);
            y[i] = x[i];
            for (int j = 0; j < dim; j++) {
                h[i][j] = (gu[j] - gd[j]) / (2 * step);
            }
        }
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j < i; j++) {
                double m = 0.5 * (h[i][j] + h[j][i]);
                h[i][j] = m;
                h[j][i] = m;
            }
        }
        return h;
    }

    static double relativeNorm(double[] g, double value) {
        double m = 0;
        for (double v : g) {
            m = Math.max(m, Math.abs(v));
        }
        return m / Math.max(1.0, Math.abs(value));
    }

    private Result newton(double[] start, double startValue, double tolerance, int maxIterations) {
        double[] x = start.clone();
        double fx = startValue;
        double[] g = new double[dim];
        gradient(x, g);
        double rel = relativeNorm(g, fx);
        int it = 0;
        double[] trial = new double[dim];
        double[] gTrial = new double[dim];
        while (rel > tolerance && it < maxIterations) {
            it++;
            double[][] h = hessian(x);
            double lambda = 0;
            boolean moved = false;
            for (int attempt = 0; attempt < 40 && !moved; attempt++) {
                double[] d = solveDamped(h, g, lambda);
                lambda = lambda == 0 ? 1e-6 * Math.max(1, diagScale(h)) : lambda * 10;
                if (d == null) {
                    continue;
                }
                double norm = 0;
                for (double v : d) {
                    norm = Math.max(norm, Math.abs(v));
                }
                double scale = norm > 2 ? 2 / norm : 1;
                for (int i = 0; i < dim; i++) {
                    trial[i] = x[i] + scale * d[i];
                }
                double ft = eval(trial);
                boolean gain = ft > fx;
                boolean accept = gain;
                if (!accept && ft >= fx - 1e-13 * Math.max(1, Math.abs(fx))) {
                    // near the optimum the objective is flat to rounding: accept a step that shrinks the gradient
                    gradient(trial, gTrial);
                    accept = relativeNorm(gTrial, ft) < rel;
                }
                if (!accept) {
                    continue;
                }
                double[] base = x.clone();
                System.arraycopy(trial, 0, x, 0, dim);
                fx = ft;
                moved = true;
                // along a ray to a boundary (a parameter going to 0) the objective is nearly linear in that
                // log-parameter and Newton steps stay short: keep doubling the step while it still gains
                double step = scale;
                for (int k = 0; gain && k < 8; k++) {
                    step *= 2;
                    for (int i = 0; i < dim; i++) {
                        trial[i] = base[i] + step * d[i];
                    }
                    double fe = eval(trial);
                    if (!(fe > fx)) {
                        break;
                    }
                    System.arraycopy(trial, 0, x, 0, dim);
                    fx = fe;
                }
            }
            if (!moved) {
                break;
            }
            gradient(x, g);
            rel = relativeNorm(g, fx);
            if (LOG.isDebugEnabled()) {
                LOG.debug("Newton iteration {}: objective {}, relative gradient norm {}, log-parameters {},"
                        + " gradient {}, {} evaluations", it, fx, rel, Arrays.toString(x), Arrays.toString(g),
                        evaluations);
            }
        }
        return new Result(x, fx, g.clone(), hessian(x), rel, it, evaluations, rel <= tolerance);
    }

    private static double diagScale(double[][] h) {
        double m = 0;
        for (int i = 0; i < h.length; i++) {
            m = Math.max(m, Math.abs(h[i][i]));
        }
        return m;
    }

    /** Solves (-H + lambda I) d = g by Cholesky; null when that matrix is not positive definite. */
    static double[] solveDamped(double[][] h, double[] g, double lambda) {
        int n = g.length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = -h[i][j] + (i == j ? lambda : 0);
            }
        }
        double[][] l = cholesky(a);
        if (l == null) {
            return null;
        }
        return choleskySolve(l, g);
    }

    /** Lower Cholesky factor of a symmetric matrix, or null when it is not positive definite. */
    static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    static double[] choleskySolve(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k][i] * x[k];
            }
            x[i] = s / l[i][i];
        }
        return x;
    }

    /** The inverse of a symmetric positive-definite matrix, or null when it is not positive definite. */
    static double[][] inverseSpd(double[][] a) {
        double[][] l = cholesky(a);
        if (l == null) {
            return null;
        }
        int n = a.length;
        double[][] inv = new double[n][n];
        double[] e = new double[n];
        for (int j = 0; j < n; j++) {
            Arrays.fill(e, 0);
            e[j] = 1;
            double[] col = choleskySolve(l, e);
            for (int i = 0; i < n; i++) {
                inv[i][j] = col[i];
            }
        }
        return inv;
    }
}
