package dev.segmentation.lifetime;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BG/NBD model of repeat purchasing (Fader, Hardie and Lee 2005, "Counting your customers the easy way",
 * Marketing Science 24(2)): while active, a customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha);
 * after each purchase the customer drops out with probability p ~ Beta(a, b). Fitted by maximum likelihood on a
 * {@link CustomerSummary} into a {@link BgNbdModel}.
 *
 * <p>The log-likelihood (FHL 2005, section 7) is evaluated in log space with its analytic gradient; time is rescaled
 * by 1 / max T during the fit, as lifetimes does, so the optional L2 penalty (penalizer x (r² + alpha² + a² + b²) on
 * the rescaled parameters, added to the mean negative log-likelihood) means the same as lifetimes'
 * {@code penalizer_coef}. Optimiser: Nelder-Mead from three fixed starts, then damped Newton steps until the relative
 * gradient norm (see {@link FitDiagnostics}) is at most the tolerance; a fit that does not get there throws
 * {@link ConvergenceException}. For more than 20,000 distinct (x, tx, T) triples (see below) the simplex search runs on a
 * fixed-stride subsample of about 10,000 customers and its answer starts the Newton steps on all customers (the
 * answer must still converge on all of them; without the subsample, the search costs most of the fit).
 *
 * <p><b>The no-drop-out boundary.</b> When the data show no drop-out, the likelihood keeps rising as the mean
 * drop-out probability a / (a + b) goes to 0 (a to 0, b to infinity), and there is no interior maximum: this is
 * where lifetimes raises its ConvergenceError (Online Retail calibrated to 2011-09-08). Without a penalty, a search
 * that reaches a / (a + b) < 1e-10, or converges below it, or does not converge below it, loses to the boundary
 * model, the NBD (r and alpha, analytic gradient, fitted too), returned with a = 0 and b = +infinity
 * ({@link BgNbdModel#hasDropout()} false) and that fit's diagnostics. A search that does not converge <i>above</i>
 * the boundary has run along the other ridge, a and b growing together (every customer drops out with nearly the
 * same probability a / (a + b)), which has no finite maximum either: that is a {@link ConvergenceException} naming
 * both log-likelihoods, not the boundary model. With a penalty the b = infinity side is closed, but a search that
 * still reaches a / (a + b) < 1e-10 (a going to 0 with b finite: data without drop-out) returns the boundary model,
 * the NBD fitted with the same penalty on r and alpha (before, that case leaked an internal exception).
 *
 * <p><b>The vanishing-drop-out ridge.</b> The boundary is not the only way the likelihood can rise without a finite
 * maximum on data without drop-out: as a and b shrink to 0 together with a / (a + b) = q held, Beta(a, b) collapses
 * onto 0 and 1, and the model becomes a mixture in which a fraction q of the customers drop out at their first
 * purchase and the rest never ({@code BgNbdRidgeLimit}; at q = 0 it is the NBD). One-purchase customers whose purchase
 * came early can make that limit beat the boundary (simulated no-drop-out data: 4 of 6 seeds, by 0.6 to 1.4
 * log-likelihood units at q = 0.002 to 0.004). So whenever a fit would end at the boundary, the slope of the limit's
 * likelihood in q at q = 0 is computed (one pass); when it is positive, the limit is fitted (r, alpha, q) and, if it
 * beats the boundary, an unpenalised fit throws a {@link ConvergenceException} naming both log-likelihoods (its
 * parameters are the limit's r and alpha with a = b = 0, its diagnostics the limit fit's) and a penalised fit, which
 * the penalty does not keep off this ridge either, searches again from a point on it (a + b = 1e-8) and returns the
 * finite model where the search stops, within the tolerance of the limit's log-likelihood (a and b tiny, their
 * standard errors meaningless), or throws when it does not get there. A fit whose interior search converges is not
 * compared with this limit.
 *
 * <p><b>Sufficient statistic and cost.</b> A customer's likelihood depends only on (x, tx, T), so the fit first
 * groups the customers into the distinct triples with their counts, once: O(n log n) (a sort of one packed key per
 * customer; each column is ranked in O(n) when it holds whole numbers, as summaries in days or weeks do). Every
 * likelihood, gradient and Hessian pass then runs over the distinct triples with integer weights, O(distinct triples)
 * plus O(distinct x) special functions; the Hessian of the Newton steps is analytic (trigamma terms and the second
 * derivative of the log-sum-exp), one pass instead of eight gradient passes. The sum is the per-customer sum
 * reordered, so the optimum is the same up to rounding in the last places. In whole days with ages up to a year the
 * triples are far fewer than the customers (264,000 for 1,000,000 simulated customers, most of them one-time buyers
 * that collapse to one row per age). The NBD boundary is separable and costs O(distinct x + distinct T) per pass. A
 * fit makes a few hundred passes; above 20,000 distinct triples the simplex search runs on a subsample as described
 * above and the full data see only Newton steps (32 passes on the 1M-customer benchmark). Deterministic: no
 * randomness; the triples come out in sorted order whatever the order of the customers and are summed in fixed
 * blocks of 4,096 in block order, so any {@code threads(int)} and any order of the same customers give the same bits.
 * The spec is immutable and thread-safe.
 */
public final class BgNbd {
    private static final Logger LOG = LoggerFactory.getLogger(BgNbd.class);
    /** Mean drop-out probability per purchase below which the search has reached the no-drop-out boundary. */
    static final double BOUNDARY_DROPOUT = 1e-10;
    private final double penalizer;
    private final double tolerance;
    private final int maxIterations;
    private final int threads;

    private BgNbd(Builder b) {
        this.threads = b.threads;
        this.penalizer = b.penalizer;
        this.tolerance = b.tolerance;
        this.maxIterations = b.maxIterations;
    }

    /** A builder with penalizer 0, tolerance 1e-10 and 100 Newton iterations. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits the model to every customer of {@code summary}.
     *
     * @throws IllegalArgumentException when no customer has a repeat purchase (the model is not identified)
     * @throws ConvergenceException when the fit does not converge, or (without a penalty) when the likelihood rises
     *     without a finite maximum along a, b -> infinity or a, b -> 0 above the no-drop-out boundary (see the class
     *     doc); the message names the log-likelihoods and the cure
     */
    public BgNbdModel fit(CustomerSummary summary) {
        Objects.requireNonNull(summary, "summary");
        requireRepeat(summary, "BG/NBD");
        double[] x = summary.frequencyArray();
        double[] tx = summary.recencyArray();
        double[] age = summary.ageArray();
        double maxT = MaximumLikelihood.maxOf(age);
        if (!(maxT > 0)) {
            throw new IllegalArgumentException("BG/NBD needs a customer with T > 0 but every T is 0");
        }
        int n = x.length;
        double[] scale = {1, 1 / maxT, 1, 1};
        // the sufficient statistic: a customer's likelihood depends only on (x, tx, T)
        DistinctRows rows = DistinctRows.of(x, tx, age);
        BgNbdLikelihood likelihood = new BgNbdLikelihood(rows, threads);
        double[][] warm = rows.size() <= MaximumLikelihood.WARM_START_ABOVE ? null
                : MaximumLikelihood.warmStart(n, scale, sample -> {
                    double[] sAge = MaximumLikelihood.pick(age, sample);
                    return fitInterior(new BgNbdLikelihood(MaximumLikelihood.pick(x, sample),
                            MaximumLikelihood.pick(tx, sample), sAge, threads), sample.length,
                            new double[] {1, 1 / MaximumLikelihood.maxOf(sAge), 1, 1}, STARTS, 600);
                });
        double[][] starts = warm != null ? warm : STARTS;
        int simplex = warm != null ? MaximumLikelihood.WARM_SIMPLEX : 600;
        if (penalizer > 0) {
            // the penalty grows without bound towards b = infinity, but not along a -> 0 with b held: on data without
            // drop-out the search can still reach the a = 0 boundary, whose model is the NBD whatever b is
            try {
                MaximumLikelihood.Fit f = fitInterior(likelihood, n, scale, starts, simplex);
                return new BgNbdModel(f.theta[0], f.theta[1], f.theta[2], f.theta[3], summary.timeUnit(),
                        f.diagnostics, f.standardErrors);
            } catch (BoundaryReached e) {
                LOG.debug("penalised BG/NBD search reached the no-drop-out boundary ({})", e.getMessage());
                MaximumLikelihood.Fit boundary = ParetoNbd.fitNbd("BG/NBD (no drop-out boundary, NBD)",
                        rows.column(0), rows.column(2), rows.weights(), maxT, penalizer, tolerance, maxIterations);
                MaximumLikelihood.Fit ridge = vanishingRidge(rows, boundary, n, maxT);
                if (ridge == null) {
                    return boundaryModel(boundary, summary.timeUnit());
                }
                // the ridge a, b -> 0 beats the boundary and the penalty does not close it: search again from a
                // point on it, where the penalised search stops with the limit's likelihood (within the tolerance)
                double q = ridge.theta[2] / (1 + ridge.theta[2]);
                double[][] onRidge = {{Math.log(ridge.theta[0]), Math.log(ridge.theta[1] / maxT),
                    Math.log(q * RIDGE_START), Math.log((1 - q) * RIDGE_START)}};
                MaximumLikelihood.Fit f = null;
                try {
                    f = fitInterior(likelihood, n, scale, onRidge, MaximumLikelihood.WARM_SIMPLEX);
                } catch (BoundaryReached | ConvergenceException again) {
                    LOG.debug("penalised BG/NBD search from the a, b -> 0 ridge failed ({})", again.getMessage());
                }
                double atRidge = ridge.diagnostics.logLikelihood();
                if (f != null && f.diagnostics.logLikelihood() >= atRidge - 1e-9 * Math.abs(atRidge)) {
                    return new BgNbdModel(f.theta[0], f.theta[1], f.theta[2], f.theta[3], summary.timeUnit(),
                            f.diagnostics, f.standardErrors);
                }
                throw vanishingRidgeException(ridge, boundary.diagnostics.logLikelihood(), "The penalty does not"
                        + " close this ridge; fit the Pareto/NBD, or the BG/NBD on data with drop-out");
            }
        }
        MaximumLikelihood.Fit interior = null;
        ConvergenceException notConverged = null;
        try {
            interior = fitInterior(likelihood, n, scale, starts, simplex);
        } catch (ConvergenceException e) {
            LOG.debug("BG/NBD interior fit did not converge ({}); comparing with the a = 0 boundary", e.getMessage());
            notConverged = e;
        } catch (BoundaryReached e) {
            LOG.debug("BG/NBD interior search reached the no-drop-out boundary ({})", e.getMessage());
        }
        MaximumLikelihood.Fit boundary = ParetoNbd.fitNbd("BG/NBD (no drop-out boundary, NBD)",
                rows.column(0), rows.column(2), rows.weights(), maxT, 0, tolerance, maxIterations);
        double atBoundary = boundary.diagnostics.logLikelihood();
        if (notConverged != null
                && notConverged.diagnostics().logLikelihood() > atBoundary + 1e-9 * Math.abs(atBoundary)) {
            // the search ran off along a, b -> infinity with a / (a + b) held (every customer drops out with about
            // the same probability): no finite maximum, and the boundary is far worse, so neither can be returned
            double[] p = notConverged.parameters();
            throw new ConvergenceException("BG/NBD fit did not converge: the likelihood keeps rising as a and b grow"
                    + " together (best point a = " + p[2] + ", b = " + p[3] + ", a / (a + b) = " + p[2] / (p[2] + p[3])
                    + ", log-likelihood " + notConverged.diagnostics().logLikelihood() + "), which means nearly the"
                    + " same drop-out probability for every customer and has no finite maximum; the no-drop-out"
                    + " boundary is far worse (log-likelihood " + atBoundary + "). Fit with a small penalizer, e.g."
                    + " BgNbd.builder().penalizer(1e-6), for the interior answer",
                    notConverged.diagnostics(), p);
        }
        if (interior != null && interior.diagnostics.logLikelihood() > atBoundary) {
            return new BgNbdModel(interior.theta[0], interior.theta[1], interior.theta[2], interior.theta[3],
                    summary.timeUnit(), interior.diagnostics, interior.standardErrors);
        }
        MaximumLikelihood.Fit ridge = vanishingRidge(rows, boundary, n, maxT);
        if (ridge != null) {
            throw vanishingRidgeException(ridge, atBoundary, "Fit with a small penalizer, e.g."
                    + " BgNbd.builder().penalizer(1e-6), which stops on this ridge at tiny a and b with the limit's"
                    + " log-likelihood");
        }
        return boundaryModel(boundary, summary.timeUnit());
    }

    /** a + b of the point on the a, b -> 0 ridge from which a penalised search restarts. */
    private static final double RIDGE_START = 1e-8;

    /**
     * The limit a, b -> 0 with a / (a + b) = q held ({@link BgNbdRidgeLimit}) fitted without a penalty, when it
     * beats the no-drop-out boundary {@code boundary}; else null. Only fitted when its slope in q at q = 0 and the
     * boundary's r and alpha is positive (one pass): otherwise the boundary is a stationary point of the limit family
     * and the ridge does not rise from it.
     */
    private MaximumLikelihood.Fit vanishingRidge(DistinctRows rows, MaximumLikelihood.Fit boundary, int n,
            double maxT) {
        BgNbdRidgeLimit limit = new BgNbdRidgeLimit(rows);
        double r = boundary.theta[0];
        double alpha = boundary.theta[1];
        if (!(limit.slopeAtZero(r, alpha) > 0)) {
            return null;
        }
        double[][] starts = {{Math.log(r), Math.log(alpha / maxT), Math.log(1e-3)},
            {Math.log(r), Math.log(alpha / maxT), Math.log(0.1)}};
        MaximumLikelihood.Fit f;
        try {
            f = MaximumLikelihood.fit("BG/NBD (a, b -> 0 limit)", limit, n, new double[] {1, 1 / maxT, 1}, 0,
                    tolerance, maxIterations, starts, 200);
        } catch (ConvergenceException e) {
            // the best point found still shows the ridge when it beats the boundary
            double[] p = e.parameters();
            f = new MaximumLikelihood.Fit(p, e.diagnostics(), null);
        }
        double atBoundary = boundary.diagnostics.logLikelihood();
        double atRidge = f.diagnostics.logLikelihood();
        // penalised fits compare penalised objectives: the limit's a = b = 0 add no penalty
        double gain = (atRidge - atBoundary) / n - penalizer * (square(f.theta[0]) + square(f.theta[1] / maxT)
                - square(r) - square(alpha / maxT));
        return gain > 1e-12 * Math.abs(atBoundary) / n ? f : null;
    }

    private static double square(double v) {
        return v * v;
    }

    /** The error for a search that ends at the no-drop-out boundary while the a, b -> 0 ridge rises above it. */
    private static ConvergenceException vanishingRidgeException(MaximumLikelihood.Fit ridge, double atBoundary,
            String cure) {
        double q = ridge.theta[2] / (1 + ridge.theta[2]);
        double atRidge = ridge.diagnostics.logLikelihood();
        return new ConvergenceException("BG/NBD fit did not converge: the likelihood keeps rising as a and b shrink"
                + " together towards 0 with a / (a + b) = " + q + " (the limit where that fraction of the customers"
                + " drop out at their first purchase and the others never: r = " + ridge.theta[0] + ", alpha = "
                + ridge.theta[1] + ", log-likelihood " + atRidge + "), which has no finite maximum; the no-drop-out"
                + " boundary the search ended at is worse (log-likelihood " + atBoundary + "). " + cure,
                ridge.diagnostics, new double[] {ridge.theta[0], ridge.theta[1], 0, 0});
    }

    /** The no-drop-out boundary as a model: a = 0, b = infinity, the NBD fit's r, alpha and diagnostics. */
    private static BgNbdModel boundaryModel(MaximumLikelihood.Fit boundary, TimeUnit unit) {
        double[] se = boundary.standardErrors == null ? null : new double[] {boundary.standardErrors[0],
            boundary.standardErrors[1], Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        return new BgNbdModel(boundary.theta[0], boundary.theta[1], 0.0, Double.POSITIVE_INFINITY, unit,
                boundary.diagnostics, se);
    }

    private static final double[][] STARTS = {{0, 0, 0, 0}, {-1, -1, -1, 1}, {1, 1, -2, 2}};

    private MaximumLikelihood.Fit fitInterior(BgNbdLikelihood likelihood, int n, double[] scale,
            double[][] starts, int simplex) {
        MaximumLikelihood.Kernel kernel = new MaximumLikelihood.Kernel() {
            @Override
            public double logLikelihood(double[] th) {
                checkBoundary(th);
                return likelihood.evaluate(th[0], th[1], th[2], th[3], null);
            }

            @Override
            public boolean gradient(double[] th, double[] g) {
                checkBoundary(th);
                likelihood.evaluate(th[0], th[1], th[2], th[3], g);
                return true;
            }

            @Override
            public boolean hessian(double[] th, double[] g, double[][] h) {
                checkBoundary(th);
                likelihood.evaluate(th[0], th[1], th[2], th[3], g, h);
                return true;
            }
        };
        return MaximumLikelihood.fit("BG/NBD", kernel, n, scale, penalizer, tolerance, maxIterations, starts,
                simplex);
    }

    /** The search stops when the mean drop-out probability a / (a + b) falls below 1e-10 (see the class doc). */
    private static void checkBoundary(double[] th) {
        if (th[2] / (th[2] + th[3]) < BOUNDARY_DROPOUT) {
            throw new BoundaryReached("a / (a + b) = " + th[2] / (th[2] + th[3]) + " < " + BOUNDARY_DROPOUT);
        }
    }

    static void requireRepeat(CustomerSummary s, String model) {
        for (int i = 0; i < s.size(); i++) {
            if (s.frequency(i) > 0) {
                return;
            }
        }
        throw new IllegalArgumentException(model + " needs at least one customer with frequency > 0 but all "
                + s.size() + " have none");
    }

    /** The L2 penalty coefficient. */
    public double penalizer() {
        return penalizer;
    }

    /** The relative gradient norm at which the fit stops. */
    public double tolerance() {
        return tolerance;
    }

    /** The Newton iteration budget. */
    public int maxIterations() {
        return maxIterations;
    }

    @Override
    public String toString() {
        return "BgNbd[penalizer=" + penalizer + ", tolerance=" + tolerance + ", maxIterations=" + maxIterations + "]";
    }

    /** Settings of a {@link BgNbd} fit; each setter validates at once. Not thread-safe. */
    public static final class Builder extends FitSettingsBuilder<Builder> {
        private Builder() {
            super(100);
        }

        /** The spec; may be called again. */
        public BgNbd build() {
            return new BgNbd(this);
        }
    }
}
