package dev.segmentation.lifetime;

import java.util.Arrays;

/**
 * Thrown when a lifetime model's maximum-likelihood fit does not bring the gradient to zero within the tolerance
 * and the iteration budget. Carries the best parameters found and the diagnostics, so a caller can inspect them or
 * retry with a penalty; no model is returned for a fit that did not converge.
 */
public final class ConvergenceException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final transient FitDiagnostics diagnostics;
    private final double[] parameters;

    ConvergenceException(String model, double[] parameters, FitDiagnostics diagnostics) {
        this(model + " fit did not converge: relative gradient norm " + diagnostics.relativeGradientNorm()
                + " > tolerance " + diagnostics.tolerance() + " after " + diagnostics.newtonIterations()
                + " Newton iterations; best parameters " + Arrays.toString(parameters)
                + "; try a larger penalizer or maxIterations", diagnostics, parameters);
    }

    /** The same failure with its own message, which names the model, the cause and the cure. */
    ConvergenceException(String message, FitDiagnostics diagnostics, double[] parameters) {
        super(message);
        this.diagnostics = diagnostics;
        this.parameters = parameters.clone();
    }

    /** Diagnostics of the fit at its best point. */
    public FitDiagnostics diagnostics() {
        return diagnostics;
    }

    /** The best parameters found (a copy), in the model's parameter order. */
    public double[] parameters() {
        return parameters.clone();
    }
}
