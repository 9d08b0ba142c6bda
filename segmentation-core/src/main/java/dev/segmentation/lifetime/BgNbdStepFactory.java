package dev.segmentation.lifetime;

import dev.segmentation.state.StepState;
import dev.segmentation.state.StepFactory;
import dev.segmentation.state.Steps;

/**
 * Restores {@link BgNbdModel}s from their state ({@link BgNbdModel#state()}, step type {@value #TYPE}). Registered as
 * a {@link StepFactory} service; applications use {@link Steps}. Stateless and thread-safe; O(1).
 */
public final class BgNbdStepFactory implements StepFactory {
    /** The step type id. */
    public static final String TYPE = "bgnbd";
    static final int VERSION = 1;

    /** The service constructor. */
    public BgNbdStepFactory() {
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
    public BgNbdModel restore(StepState state) {
        Steps.requireType(state, TYPE, VERSION);
        return BgNbdModel.restore(state);
    }
}
