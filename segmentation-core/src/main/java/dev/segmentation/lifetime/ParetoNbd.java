package dev.segmentation.lifetime;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Pareto/NBD model (Schmittlein, Morrison and Colombo 1987, "Counting your customers", Management Science
 * 33(1)): while active, a customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha) and stays active
 * for an exponential lifetime with rate mu ~ Gamma(s, beta). Fitted by maximum likelihood on a
 * {@link CustomerSummary} into a {@link ParetoNbdModel}.
 *
 * <p>The likelihood is Fader and Hardie's (2005 note 009, eq. 18-20), evaluated in log space: its Gauss
 * hypergeometric terms 2F1(r+s+x, .; r+s+x+1; z) through Euler's transformation and Gauss's continued fraction
 * (no overflow however many purchases a customer made, O(1 / sqrt(1 - z)) steps where the power series needs
 * O(1 / (1 - z)) terms; checked against the series and 40-digit values), and the difference of the two terms as
 * ln(e^u - e^v) = u + ln(1 - e^(v-u)). Gradients by central differences in the log-parameters.
 * Time is rescaled by 1 / max T during the fit (the L2 penalty, on the rescaled parameters, means what lifetimes'
 * does).
 *
 * <p><b>The s = 0 boundary.</b> When the data show no drop-out the likelihood keeps rising as s goes to 0 (with beta
 * free: it is then not identified), so there is no interior maximum; lifetimes stops somewhere on that ridge (s near
 * 1e-8). This fitter first fits the boundary model, the NBD (s = 0: r and alpha, analytic gradient), then the
 * interior Pareto/NBD from three starts (two at the NBD answer), a search that stops as soon as it reaches
 * s < 1e-8; it returns the interior optimum when it converged with a higher penalised log-likelihood, else the
 * boundary model, with s = 0 and beta = +infinity
 * ({@link ParetoNbdModel#hasDropout()} false) and the boundary fit's diagnostics. Either way the gradient vanishes at
 * the answer to the tolerance; a fit that gets there in neither throws {@link ConvergenceException}.
 *
 * <p>Cost: the customers are first grouped into their distinct (x, t<sub>x</sub>, T) triples with counts (the
 * sufficient statistic; O(n log n), see {@link BgNbd}), then each evaluation costs O(distinct (x, t<sub>x</sub>)
 * and (x, T) pairs x continued-fraction steps) plus O(distinct triples), a few hundred evaluations; the NBD
 * boundary costs O(distinct x + distinct T) per evaluation. The sum over triples with counts is the per-customer sum
 * reordered (equal to rounding). Deterministic, whatever the order of the customers. The spec is immutable and
 * thread-safe.
 */
public final class ParetoNbd {
    private static final Logger LOG = LoggerFactory.getLogger(ParetoNbd.class);
    private final double penalizer;
    private final double tolerance;
    private final int maxIterations;

    private ParetoNbd(Builder b) {
        this.penalizer = b.penalizer;
        this.tolerance = b.tolerance;
        this.maxIterations = b.maxIterations;
    }

    /** A builder with penalizer 0, tolerance 1e-10 and 200 Newton iterations. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits the model to every customer of {@code summary}.
     *
     * @throws IllegalArgumentException when no customer has a repeat purchase or every T is 0
     * @throws ConvergenceException when the fit does not converge
     */
    public ParetoNbdModel fit(CustomerSummary summary) {
        Objects.requireNonNull(summary, "summary");
        BgNbd.requireRepeat(summary, "Pareto/NBD");
        double[] x = summary.frequencyArray();
        double[] tx = summary.recencyArray();
        double[] age = summary.ageArray();
        double maxT = MaximumLikelihood.maxOf(age);
        if (!(maxT > 0)) {
            throw new IllegalArgumentException("Pareto/NBD needs a customer with T > 0 but every T is 0");
        }
        int n = x.length;
        // the boundary s -> 0 (no drop-out) is the NBD model in (r, alpha); fit it first
        // the sufficient statistic: a customer's likelihood depends only on (x, tx, T)
        DistinctRows rows = DistinctRows.of(x, tx, age);
        MaximumLikelihood.Fit boundary = fitNbd("Pareto/NBD (s = 0 boundary, NBD)", rows.column(0), rows.column(2),
                rows.weights(), maxT, penalizer, tolerance, maxIterations);
        double lr = Math.log(boundary.theta[0]);
        double la = Math.log(boundary.theta[1] / maxT);
        MaximumLikelihood.Kernel kernel = new ParetoNbdKernel(rows.column(0), rows.column(1), rows.column(2),
                rows.weights());
        double[] scale = {1, 1 / maxT, 1, 1 / maxT};
        double[][] starts = {{lr, la, 0, 0}, {lr, la, -2, 1}, {0, 0, 0, 0}};
        MaximumLikelihood.Fit interior = null;
        try {
            interior = MaximumLikelihood.fit("Pareto/NBD", kernel, n, scale, penalizer, tolerance,
                    Math.min(maxIterations, 60), starts, 160);
        } catch (ConvergenceException e) {
            LOG.debug("Pareto/NBD interior fit did not converge ({}); comparing with the s = 0 boundary",
                    e.getMessage());
        } catch (BoundaryReached e) {
            LOG.debug("Pareto/NBD interior search reached the s = 0 boundary ({})", e.getMessage());
        }
        if (penalizer > 0) {
            // the penalty grows without bound towards beta = infinity: the optimum is interior
            if (interior == null) {
                interior = MaximumLikelihood.fit("Pareto/NBD", kernel, n, scale, penalizer, tolerance, maxIterations,
                        starts, 160);
            }
            return new ParetoNbdModel(interior.theta[0], interior.theta[1], interior.theta[2], interior.theta[3],
                    summary.timeUnit(), interior.diagnostics, interior.standardErrors);
        }
        double boundaryObjective = boundary.diagnostics.logLikelihood() / n
                - penalizer * (square(boundary.theta[0]) + square(boundary.theta[1] / maxT));
        if (interior != null) {
            double interiorObjective = interior.diagnostics.logLikelihood() / n - penalizer * (square(interior.theta[0])
                    + square(interior.theta[1] / maxT) + square(interior.theta[2]) + square(interior.theta[3] / maxT));
            if (interiorObjective > boundaryObjective) {
                return new ParetoNbdModel(interior.theta[0], interior.theta[1], interior.theta[2],
                        interior.theta[3], summary.timeUnit(), interior.diagnostics, interior.standardErrors);
            }
        }
        double[] se = boundary.standardErrors == null ? null
                : new double[] {boundary.standardErrors[0], boundary.standardErrors[1], Double.POSITIVE_INFINITY,
                    Double.POSITIVE_INFINITY};
        return new ParetoNbdModel(boundary.theta[0], boundary.theta[1], 0.0, Double.POSITIVE_INFINITY,
                summary.timeUnit(), boundary.diagnostics, se);
    }

    /**
     * The NBD (no drop-out) fit in (r, alpha) with the analytic gradient, over rows (x, T) standing for
     * {@code weight[i]} customers each (null: one each). An evaluation costs O(distinct x + distinct T)
     * ({@link NbdLikelihood}), so the full search runs on all customers, with no subsample.
     */
    static MaximumLikelihood.Fit fitNbd(String name, double[] x, double[] age, double[] weight, double maxT,
            double penalizer, double tolerance, int maxIterations) {
        double[] scale = {1, 1 / maxT};
        NbdLikelihood likelihood = new NbdLikelihood(x, age, weight);
        long n = 0;
        if (weight == null) {
            n = x.length;
        } else {
            for (double w : weight) {
                n += (long) w;
            }
        }
        MaximumLikelihood.Kernel nbd = new MaximumLikelihood.Kernel() {
            @Override
            public double logLikelihood(double[] th) {
                return likelihood.evaluate(th[0], th[1], null);
            }

            @Override
            public boolean gradient(double[] th, double[] g) {
                likelihood.evaluate(th[0], th[1], g);
                return true;
            }
        };
        return MaximumLikelihood.fit(name, nbd, Math.toIntExact(n), scale, penalizer, tolerance, maxIterations,
                new double[][] {{0, 0}, {1, 1}}, 300);
    }

    static double square(double v) {
        return v * v;
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
        return "ParetoNbd[penalizer=" + penalizer + ", tolerance=" + tolerance + ", maxIterations=" + maxIterations
                + "]";
    }

    /** Settings of a {@link ParetoNbd} fit; each setter validates at once. Not thread-safe. */
    public static final class Builder extends FitSettingsBuilder<Builder> {
        private Builder() {
            super(200);
        }

        /** The spec; may be called again. */
        public ParetoNbd build() {
            return new ParetoNbd(this);
        }
    }
}
