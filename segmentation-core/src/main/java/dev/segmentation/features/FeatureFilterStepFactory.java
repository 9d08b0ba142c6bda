package dev.segmentation.features;

import dev.segmentation.state.StepFactory;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Steps;

/** Restores {@link FeatureFilter}s (step type {@value FeatureFilter#TYPE}). Stateless and thread-safe; O(rules). */
public final class FeatureFilterStepFactory implements StepFactory {
    /** The service constructor. */
    public FeatureFilterStepFactory() {
    }

    @Override
    public String type() {
        return FeatureFilter.TYPE;
    }

    @Override
    public FeatureFilter restore(StepState state) {
        Steps.requireType(state, FeatureFilter.TYPE, FeatureFilter.VERSION);
        return FeatureFilter.restore(state);
    }
}
