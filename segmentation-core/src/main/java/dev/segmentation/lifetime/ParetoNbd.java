package dev.segmentation.lifetime;

import java.util.Objects;

/**
 * The Pareto/NBD model (Schmittlein, Morrison and Colombo 1987, "Counting your customers", Management Science
 * 33(1)): while active, a customer buys as a Poisson process with rate lambda ~ Gamma(r, alpha) and stays active
 * for an exponential lifetime with rate mu ~ Gamma(s, beta). Fitted by maximum likelihood on a
 * {@link CustomerSummary} into a {@link ParetoNbdModel}.
 *
 * <p>The likelihood is Fader and Hardie's (2005 note 009, eq. 18-20), evaluated in log space: its Gauss
 * hypergeometric terms 2F1(r+s+x, .; r+s+x+1; z) through Euler's transformation (a series of positive terms with
 * ratio below z, so no overflow and no cancellation however many purchases a customer made), and the difference of
 * the two terms as ln(e^u - e^v) = u + ln(1 - e^(v-u)). Gradients by central differences in the log-parameters.
 * Time is rescaled by 1 / max T during the fit (the L2 penalty, on the rescaled parameters, means what lifetimes'
 * does). Optimiser: Nelder-Mead from three fixed starts, then damped Newton steps to the tolerance, else
 * {@link ConvergenceException}. When the data push s to 0 (no detectable drop-out; lifetimes then stops near 1e-8)
 * the fit follows s down until the gradient vanishes: s is then tiny, beta is not identified and has no standard
 * error. Cost O(customers x series terms) per evaluation. Deterministic. The spec is immutable and thread-safe.
 */
public final class ParetoNbd {
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
        MaximumLikelihood.Kernel kernel = new ParetoNbdKernel(x, tx, age);
        double[] scale = {1, 1 / maxT, 1, 1 / maxT};
        double[][] starts = {{0, 0, 0, 0}, {-1, -1, -2, 1}, {1, 1, 1, 1}};
        MaximumLikelihood.Fit f = MaximumLikelihood.fit("Pareto/NBD", kernel, x.length, scale, penalizer,
                tolerance, maxIterations, starts);
        return new ParetoNbdModel(f.theta[0], f.theta[1], f.theta[2], f.theta[3], summary.timeUnit(), f.diagnostics,
                f.standardErrors);
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
    public static final class Builder {
        private double penalizer = 0;
        private double tolerance = 1e-10;
        private int maxIterations = 200;

        private Builder() {
        }

        /**
         * L2 penalty coefficient, as lifetimes' {@code penalizer_coef}.
         *
         * @throws IllegalArgumentException when negative, NaN or infinite
         */
        public Builder penalizer(double penalizer) {
            MaximumLikelihood.checkPenalizer(penalizer);
            this.penalizer = penalizer;
            return this;
        }

        /**
         * Relative gradient norm at which the fit has converged.
         *
         * @throws IllegalArgumentException when not in (0, 1)
         */
        public Builder tolerance(double tolerance) {
            MaximumLikelihood.checkTolerance(tolerance);
            this.tolerance = tolerance;
            return this;
        }

        /**
         * Newton iterations after the simplex search.
         *
         * @throws IllegalArgumentException when below 1
         */
        public Builder maxIterations(int maxIterations) {
            MaximumLikelihood.checkMaxIterations(maxIterations);
            this.maxIterations = maxIterations;
            return this;
        }

        /** The spec; may be called again. */
        public ParetoNbd build() {
            return new ParetoNbd(this);
        }
    }
}
