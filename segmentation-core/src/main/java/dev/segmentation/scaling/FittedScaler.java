package dev.segmentation.scaling;

import dev.segmentation.fit.FitContext;
import dev.segmentation.pipeline.FittedStep;
import dev.segmentation.pipeline.Frame;
import dev.segmentation.data.FeatureTable;
import java.util.List;

/**
 * Training statistics applied to new data: {@code (pre(x) - center) / scale} per feature, where {@code pre} is the
 * optional pre-transform (e.g. log1p) of that feature. Immutable and thread-safe.
 */
public interface FittedScaler extends FittedStep {
    /** The features this scaler was fitted on, in order. */
    List<String> featureNames();

    /** Per-feature centre, in {@link #featureNames()} order (a copy). */
    double[] center();

    /** Per-feature scale (never 0), in {@link #featureNames()} order (a copy). */
    double[] scale();

    /**
     * Applies the training statistics to {@code table}, which must contain every fitted feature (extra columns are
     * ignored); the result has the fitted features in fitted order.
     *
     * @throws IllegalArgumentException when a fitted feature is missing or a value cannot be transformed
     */
    FeatureTable transform(FeatureTable table);

    /** {@code "scale"}. */
    @Override
    default String stage() {
        return "scale";
    }

    @Override
    default Input input() {
        return Input.FEATURES;
    }

    /** The representation becomes the frame's raw features scaled with the training statistics. */
    @Override
    default Frame apply(Frame input, FitContext context) {
        return input.withRepresentation(transform(input.features()).matrix());
    }
}
