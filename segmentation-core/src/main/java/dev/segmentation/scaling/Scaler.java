package dev.segmentation.scaling;

import dev.segmentation.fit.FitContext;
import dev.segmentation.pipeline.Frame;
import dev.segmentation.pipeline.PipelineStep;
import dev.segmentation.pipeline.StepFit;
import dev.segmentation.data.FeatureTable;

/**
 * A scaling recipe (configuration); {@link #fit} learns per-feature statistics from training data and returns
 * the immutable {@link FittedScaler} that applies them to any later data. Factory methods are in {@link Scaling}.
 */
public interface Scaler extends PipelineStep {
    /**
     * Learns the statistics of every column of {@code table}.
     *
     * @throws IllegalArgumentException when the table is empty or holds a value the recipe cannot handle, naming
     *     the entity, the feature and the value
     */
    FittedScaler fit(FeatureTable table);

    /** {@code "scale"}. */
    @Override
    default String stage() {
        return "scale";
    }

    /** Fits on the frame's raw features; the representation becomes the scaled features. */
    @Override
    default StepFit fit(Frame input, FitContext context) {
        FittedScaler fitted = fit(input.features());
        return StepFit.of(fitted, fitted.apply(input, context));
    }
}
