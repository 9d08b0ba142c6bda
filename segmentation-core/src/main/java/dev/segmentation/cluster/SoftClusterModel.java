package dev.segmentation.cluster;

import dev.segmentation.data.DataMatrix;

/**
 * A {@link ClusterModel} that also grades its assignments: a membership strength in [0, 1] for every training row
 * and every new row (1 = at the heart of its cluster, 0 = noise), and an outlier score in [0, 1] for every training
 * row. {@link HdbscanModel} is one (strengths as hdbscan-py's {@code probabilities_}, GLOSH outlier scores after
 * Campello et al. 2015); {@link dev.segmentation.SegmentationModel#predict} fills
 * {@link dev.segmentation.SegmentAssignments#strengths()} from it.
 *
 * <p>Implementations are immutable and safe to use from many threads; the cost of
 * {@link #predict(DataMatrix, double[])} is that of {@link #predict(DataMatrix)}.
 */
public interface SoftClusterModel extends ClusterModel {
    /** The membership strength of every training row, in row order, each in [0, 1] (a copy). */
    double[] strengths();

    /** The outlier score of every training row, in row order, each in [0, 1] (a copy). */
    double[] outlierScores();

    /**
     * The labels of the rows of {@code x}, as {@link #predict(DataMatrix)}, with each row's membership strength
     * written to {@code strengthsOut[row]}.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code strengthsOut}'s length differs from the row count, the column
     *     count differs from {@link #dimension()}, or a value is not finite (naming the row and column)
     */
    int[] predict(DataMatrix x, double[] strengthsOut);

    /**
     * Whether {@link #predict(DataMatrix, double[], double[])} gives outlier scores for new rows: true for
     * {@link HdbscanModel} (approximate GLOSH, fitted or restored), false by default (e.g.
     * {@link GaussianMixtureModel}, whose training outlier score is a rank among the training rows' log-likelihoods
     * and is not defined for a new row). {@link dev.segmentation.SegmentationModel#predict} reports outlier scores as
     * absent for a model that answers false.
     */
    default boolean scoresNewRows() {
        return false;
    }

    /**
     * The labels of the rows of {@code x}, as {@link #predict(DataMatrix, double[])}, with each row's outlier score
     * in [0, 1] written to {@code outlierScoresOut[row]}.
     *
     * @throws UnsupportedOperationException when {@link #scoresNewRows()} is false (this default)
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when an output array's length differs from the row count, the column count
     *     differs from {@link #dimension()}, or a value is not finite (naming the row and column)
     */
    default int[] predict(DataMatrix x, double[] strengthsOut, double[] outlierScoresOut) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " defines no outlier score for new rows (scoresNewRows() is false)");
    }
}
