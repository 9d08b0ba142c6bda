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
     * @throws ConvergenceException when the fit does not converge
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
                return boundaryModel(ParetoNbd.fitNbd("BG/NBD (no drop-out boundary, NBD)", rows.column(0),
                        rows.column(2), rows.weights(), maxT, penalizer, tolerance, maxIterations),
                        summary.timeUnit());
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
        return boundaryModel(boundary, summary.timeUnit());
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
