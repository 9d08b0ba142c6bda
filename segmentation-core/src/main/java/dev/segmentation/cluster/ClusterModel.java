package dev.segmentation.cluster;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import dev.segmentation.pipeline.FittedStep;
import dev.segmentation.pipeline.Frame;

/**
 * A fitted clustering: the labels of the training rows and the rule that assigns new rows.
 *
 * <p>Labels are {@code 0..clusterCount()-1}; density methods use {@code -1} for noise. Implementations are
 * immutable and safe to use from many threads.
 */
public interface ClusterModel extends FittedStep {
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

    /** {@code "cluster"}. */
    @Override
    default String stage() {
        return "cluster";
    }

    @Override
    default Input input() {
        return Input.MATRIX;
    }

    /**
     * The frame gets each row's predicted label (and strength, for a {@link SoftClusterModel}; and outlier score, for
     * one that {@link SoftClusterModel#scoresNewRows() scores new rows}).
     */
    @Override
    default Frame apply(Frame input, FitContext context) {
        boolean outliers = this instanceof SoftClusterModel && ((SoftClusterModel) this).scoresNewRows();
        if (input.rows() == 0) {
            return input.withLabels(new int[0], this instanceof SoftClusterModel ? new double[0] : null,
                    outliers ? new double[0] : null);
        }
        if (outliers) {
            double[] strengths = new double[input.rows()];
            double[] scores = new double[input.rows()];
            int[] labels = ((SoftClusterModel) this).predict(input.representation(), strengths, scores);
            return input.withLabels(labels, strengths, scores);
        }
        if (this instanceof SoftClusterModel) {
            double[] strengths = new double[input.rows()];
            int[] labels = ((SoftClusterModel) this).predict(input.representation(), strengths);
            return input.withLabels(labels, strengths);
        }
        return input.withLabels(predict(input.representation()), null);
    }
}
