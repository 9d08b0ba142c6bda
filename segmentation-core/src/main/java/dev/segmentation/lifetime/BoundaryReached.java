package dev.segmentation.lifetime;

/**
 * Thrown out of the optimiser by a likelihood kernel when the search reaches the no-drop-out boundary of a purchase
 * model (the drop-out parameter so small that the model is the NBD to within rounding); the fitter then compares
 * with the boundary model. Package-private; carries no stack trace.
 */
final class BoundaryReached extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BoundaryReached(String what) {
        super(what, null, false, false);
    }
}
