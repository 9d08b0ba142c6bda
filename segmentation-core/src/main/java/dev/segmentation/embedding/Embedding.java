package dev.segmentation.embedding;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import dev.segmentation.pipeline.Frame;
import dev.segmentation.pipeline.PipelineStep;
import dev.segmentation.pipeline.StepFit;

/**
 * A representation-learning recipe (configuration) applied between scaling and clustering: {@link #fit} learns a
 * map from the scaled feature space to a (usually smaller) representation space and returns the immutable
 * {@link FittedEmbedding} that applies it to any later rows, never refitting. Implementations: {@link Pca} in
 * core, the autoencoder in the segmentation-nn module.
 *
 * <p>Contract: {@code fit} never modifies its input; a matrix with a NaN or infinite value is refused with an
 * {@link IllegalArgumentException} naming the row and column; the same data and the same
 * {@link FitContext#seed()} give an identical fitted state (implementations say for which thread counts).
 * Implementations are immutable and may be fitted many times, from many threads.
 */
public interface Embedding extends PipelineStep {
    /**
     * Learns the representation from the rows of {@code x} (already scaled).
     *
     * @throws IllegalArgumentException when the data cannot be embedded with these settings (non-finite value,
     *     too few rows, output dimension not smaller than the input...), with a message naming the value
     */
    FittedEmbedding fit(DataMatrix x, FitContext context);

    /** A short name of the method, e.g. {@code "pca"}. */
    String name();

    /** {@code "embedding"}. */
    @Override
    default String stage() {
        return "embedding";
    }

    /** Fits on the frame's representation (the scaled features); the representation becomes the embedding. */
    @Override
    default StepFit fit(Frame input, FitContext context) {
        FittedEmbedding fitted = fit(input.representation(), context);
        return StepFit.of(fitted, input.withRepresentation(fitted.transform(input.representation())));
    }
}
