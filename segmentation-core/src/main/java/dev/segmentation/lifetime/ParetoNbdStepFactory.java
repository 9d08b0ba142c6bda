package dev.segmentation.lifetime;

import dev.segmentation.state.StepState;
import dev.segmentation.state.StepFactory;
import dev.segmentation.state.Steps;

/**
 * Restores {@link ParetoNbdModel}s from their state ({@link ParetoNbdModel#state()}, step type {@value #TYPE}). Registered as
 * a {@link StepFactory} service; applications use {@link Steps}. Stateless and thread-safe; O(1).
 */
public final class ParetoNbdStepFactory implements StepFactory {
    /** The step type id. */
    public static final String TYPE = "pareto-nbd";
    static final int VERSION = 1;

    /** The service constructor. */
    public ParetoNbdStepFactory() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * @throws IllegalArgumentException when the type or version is not this factory's, a part is missing, a
     *     parameter is not finite and positive, or the time unit is unknown (naming it)
     */
    @Override
    public ParetoNbdModel restore(StepState state) {
        Steps.requireType(state, TYPE, VERSION);
        return ParetoNbdModel.restore(state);
    }
}
