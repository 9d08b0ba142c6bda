package dev.segmentation.cluster;

import dev.segmentation.data.DataMatrix;

/**
 * A fitted clustering: the labels of the training rows and the rule that assigns new rows.
 *
 * <p>Labels are {@code 0..clusterCount()-1}; density methods use {@code -1} for noise. Implementations are
 * immutable and safe to use from many threads.
 */
public interface ClusterModel {
    /** The label of every training row, in row order (a copy). */
    int[] labels();

    /** Number of clusters found (noise is not a cluster). */
    int clusterCount();

    /** Number of columns the model was fitted on. */
    int dimension();

    /**
     * The label of a new row.
     *
     * @throws IllegalArgumentException when the row's length differs from {@link #dimension()} or it holds a
     *     non-finite value
     */
    int predict(double[] row);

    /**
     * The labels of the rows of {@code x}.
     *
     * @throws IllegalArgumentException when the column count differs from {@link #dimension()}, or a value is not
     *     finite (naming the row and column)
     */
    int[] predict(DataMatrix x);
}
