package dev.segmentation.embedding;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import dev.segmentation.pipeline.FittedStep;
import dev.segmentation.pipeline.Frame;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Stateful;

/**
 * A fitted representation: maps rows of the scaled feature space ({@link #inputDimension()} columns) to rows of
 * the representation space ({@link #outputDimension()} columns). Immutable and safe to use from many threads;
 * {@link #transform} is a pure function of the fitted state, so the same row always gives the same bits.
 */
public interface FittedEmbedding extends Stateful, FittedStep {
    /** Number of columns this embedding was fitted on. */
    int inputDimension();

    /** Number of columns of the representation. */
    int outputDimension();

    /**
     * The representation of every row of {@code x}, in row order.
     *
     * @throws IllegalArgumentException when the column count differs from {@link #inputDimension()} or a value is
     *     not finite (naming the row and column)
     */
    DataMatrix transform(DataMatrix x);

    /**
     * The representation of one row.
     *
     * @throws IllegalArgumentException when the length differs from {@link #inputDimension()} or a value is not
     *     finite
     */
    double[] transform(double[] row);

    /** The fitted state as plain data, from which {@link dev.segmentation.state.Steps#restore(StepState)} rebuilds this step. */
    StepState state();

    /** {@code "embedding"}. */
    @Override
    default String stage() {
        return "embedding";
    }

    @Override
    default Input input() {
        return Input.MATRIX;
    }

    /** The representation becomes its embedding (a frame without rows stays empty). */
    @Override
    default Frame apply(Frame input, FitContext context) {
        if (input.rows() == 0) {
            return input.withRepresentation(DataMatrix.of(0, outputDimension(), new double[0]));
        }
        return input.withRepresentation(transform(input.representation()));
    }
}
