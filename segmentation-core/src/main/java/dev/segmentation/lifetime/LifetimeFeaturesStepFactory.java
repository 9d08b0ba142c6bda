package dev.segmentation.lifetime;

import dev.segmentation.state.StepFactory;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Steps;

/**
 * Restores {@link LifetimeFeatures} extractors, fitted or not, from their state (step type {@value #TYPE}).
 * Registered as a {@link StepFactory} service; applications use {@link Steps}. Stateless and thread-safe; O(1).
 */
public final class LifetimeFeaturesStepFactory implements StepFactory {
    /** The step type id. */
    public static final String TYPE = "lifetime-features";
    static final int VERSION = 1;

    /** The service constructor. */
    public LifetimeFeaturesStepFactory() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * @throws IllegalArgumentException when the type or version is not this factory's, a part is missing, a setting
     *     or parameter is out of range, or the time unit or discounting is unknown (naming it)
     */
    @Override
    public LifetimeFeatures restore(StepState state) {
        Steps.requireType(state, TYPE, VERSION);
        return LifetimeFeatures.restore(state);
    }
}
