package dev.segmentation.lifetime;

import java.util.Arrays;

/**
 * How a maximum-likelihood fit of this package ended: the log-likelihood at the answer (summed over customers, in
 * the caller's units, without the penalty), the penalised objective that was maximised, the relative gradient norm
 * there (infinity norm of the gradient of the mean penalised log-likelihood with respect to the log-parameters,
 * divided by max(1, |mean objective|)), Newton iterations, objective evaluations, and the customers fitted. A fit
 * returns a model only when it converged (see {@link ConvergenceException}). Immutable.
 */
public final class FitDiagnostics {
    private final double logLikelihood;
    private final double relativeGradientNorm;
    private final double[] gradient;
    private final int newtonIterations;
    private final int evaluations;
    private final int customers;
    private final boolean converged;
    private final double tolerance;

    FitDiagnostics(double logLikelihood, double relativeGradientNorm, double[] gradient, int newtonIterations,
            int evaluations, int customers, boolean converged, double tolerance) {
        this.logLikelihood = logLikelihood;
        this.relativeGradientNorm = relativeGradientNorm;
        this.gradient = gradient.clone();
        this.newtonIterations = newtonIterations;
        this.evaluations = evaluations;
        this.customers = customers;
        this.converged = converged;
        this.tolerance = tolerance;
    }

    /** The log-likelihood of the fitted customers at the fitted parameters (no penalty). */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** Infinity norm of the gradient with respect to the log-parameters, relative to max(1, |objective|). */
    public double relativeGradientNorm() {
        return relativeGradientNorm;
    }

    /** The gradient of the mean penalised log-likelihood with respect to the log-parameters (a copy). */
    public double[] gradient() {
        return gradient.clone();
    }

    /** Newton iterations after the simplex search. */
    public int newtonIterations() {
        return newtonIterations;
    }

    /** Objective (and gradient) evaluations in all. */
    public int evaluations() {
        return evaluations;
    }

    /** Customers the model was fitted on. */
    public int customers() {
        return customers;
    }

    /** True when the relative gradient norm reached the tolerance. */
    public boolean converged() {
        return converged;
    }

    /** The tolerance the fit was asked to reach. */
    public double tolerance() {
        return tolerance;
    }

    @Override
    public String toString() {
        return "FitDiagnostics[logLikelihood=" + logLikelihood + ", relativeGradientNorm=" + relativeGradientNorm
                + " (tolerance " + tolerance + "), converged=" + converged + ", newtonIterations=" + newtonIterations
                + ", evaluations=" + evaluations + ", customers=" + customers + ", gradient="
                + Arrays.toString(gradient) + "]";
    }
}
