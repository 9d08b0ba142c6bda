package dev.segmentation.supervised;

import dev.segmentation.state.StepState;
import dev.segmentation.state.StepFactory;
import dev.segmentation.state.Steps;

/**
 * Restores {@link ClassifierModel}s (step type {@value #TYPE}) from their state. Registered as a {@link StepFactory}
 * service; applications use {@link Steps}. Stateless and thread-safe; O(model size).
 */
public final class ClassifierStepFactory implements StepFactory {
    /** The step type id. */
    public static final String TYPE = "xgboost-classifier";
    static final int VERSION = 1;

    /** The service constructor. */
    public ClassifierStepFactory() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * @throws IllegalArgumentException when the type or version is not this factory's, a part is missing, or XGBoost
     *     cannot read the model bytes
     */
    @Override
    public ClassifierModel restore(StepState state) {
        Steps.requireType(state, TYPE, VERSION);
        return ClassifierModel.restore(state);
    }
}
