package dev.segmentation.pipeline;

import dev.segmentation.fit.FitContext;

/**
 * A fitted stage: applies what it learned to a new frame without refitting. Its state is plain data, saved and
 * restored through {@link dev.segmentation.state.Steps}; a restored step applies bit for bit as the original.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface FittedStep {
    /** What a step reads first, which decides where scoring a feature table starts. */
    enum Input {
        /** Transactions (eligibility, feature extraction). */
        TRANSACTIONS,
        /** Raw features (feature filters, scalers). */
        FEATURES,
        /** The representation the clusterer sees (embeddings, clusterers). */
        MATRIX
    }

    /** The stage name (as {@link PipelineStep#stage()}). */
    String stage();

    /** What this step reads. */
    Input input();

    /**
     * This step applied to {@code input}; entities it cannot handle are recorded as excluded with a reason, never
     * silently dropped.
     *
     * @throws IllegalArgumentException when the frame lacks what the step needs or a value is invalid, naming it
     */
    Frame apply(Frame input, FitContext context);
}
