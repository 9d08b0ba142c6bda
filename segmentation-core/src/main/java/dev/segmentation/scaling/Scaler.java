package dev.segmentation.scaling;

import dev.segmentation.data.FeatureTable;

/**
 * A scaling recipe (configuration); {@link #fit} learns per-feature statistics from training data and returns
 * the immutable {@link FittedScaler} that applies them to any later data. Factory methods are in {@link Scaling}.
 */
public interface Scaler {
    /**
     * Learns the statistics of every column of {@code table}.
     *
     * @throws IllegalArgumentException when the table is empty or holds a value the recipe cannot handle, naming
     *     the entity, the feature and the value
     */
    FittedScaler fit(FeatureTable table);
}
