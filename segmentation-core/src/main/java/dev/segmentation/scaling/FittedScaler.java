package dev.segmentation.scaling;

import dev.segmentation.data.FeatureTable;
import java.util.List;

/**
 * Training statistics applied to new data: {@code (pre(x) - center) / scale} per feature, where {@code pre} is the
 * optional pre-transform (e.g. log1p) of that feature. Immutable and thread-safe.
 */
public interface FittedScaler {
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
}
