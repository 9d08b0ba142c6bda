package dev.segmentation.supervised.forecast;

import dev.segmentation.state.StepFactory;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Steps;

/**
 * Restores {@link GradientBoostedModel}s (step type {@value #TYPE}) from their state: the model's own versioned
 * binary form ({@link GradientBoostedModel#write}) packed into an int array. Registered as a {@link StepFactory}
 * service, so io's model files and {@link Steps} persist a fitted forecaster as every other step. Stateless and
 * thread-safe; O(model size).
 */
public final class GradientBoostedForecasterStepFactory implements StepFactory {
    /** The step type id. */
    public static final String TYPE = "gbm-forecaster";
    static final int VERSION = 1;

    /** The service constructor. */
    public GradientBoostedForecasterStepFactory() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * @throws IllegalArgumentException when the type or version is not this factory's, a part is missing, or the
     *     packed model is not a readable model file (the message says why)
     */
    @Override
    public GradientBoostedModel restore(StepState state) {
        Steps.requireType(state, TYPE, VERSION);
        return GradientBoostedModel.restore(state);
    }
}
