package dev.segmentation.lifetime;

/**
 * The settings the three likelihood fits share (penalizer, tolerance, Newton iterations), validated at once; each
 * fitter's public {@code Builder} extends this with its own default iteration budget and {@code build()}. Not
 * thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class FitSettingsBuilder<B extends FitSettingsBuilder<B>> {
    double penalizer = 0;
    double tolerance = 1e-10;
    int maxIterations;
    int threads = 1;

    FitSettingsBuilder(int defaultMaxIterations) {
        this.maxIterations = defaultMaxIterations;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * L2 penalty coefficient, as lifetimes' {@code penalizer_coef}.
     *
     * @throws IllegalArgumentException when negative, NaN or infinite
     */
    public B penalizer(double penalizer) {
        MaximumLikelihood.checkPenalizer(penalizer);
        this.penalizer = penalizer;
        return self();
    }

    /**
     * Relative gradient norm at which the fit has converged.
     *
     * @throws IllegalArgumentException when not in (0, 1)
     */
    public B tolerance(double tolerance) {
        MaximumLikelihood.checkTolerance(tolerance);
        this.tolerance = tolerance;
        return self();
    }

    /**
     * Threads for the likelihood sums of large fits (default 1); blocks of 4,096 customers are summed in a fixed
     * order, so the fit does not depend on the thread count (BG/NBD; the other models ignore it).
     *
     * @throws IllegalArgumentException when below 1
     */
    public B threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
        }
        this.threads = threads;
        return self();
    }

    /**
     * Newton iterations after the simplex search.
     *
     * @throws IllegalArgumentException when below 1
     */
    public B maxIterations(int maxIterations) {
        MaximumLikelihood.checkMaxIterations(maxIterations);
        this.maxIterations = maxIterations;
        return self();
    }
}
