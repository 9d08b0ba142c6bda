package dev.segmentation.pipeline;

import dev.segmentation.fit.FitContext;

/**
 * A stage of a segmentation before fitting: its settings only. {@link #fit} learns what the stage needs from the
 * frame (medians, components, centres; nothing for a stateless stage) and returns the immutable fitted step with the
 * frame it produced on the training data.
 *
 * <p>Implementations are immutable and thread-safe; {@code fit} never modifies its input frame.
 */
public interface PipelineStep {
    /**
     * The stage name used for timing, progress and the stage seed (e.g. {@code "eligibility"}, {@code "features"},
     * {@code "scale"}, {@code "embedding"}, {@code "cluster"}).
     */
    String stage();

    /**
     * Fits this stage on {@code input}.
     *
     * @throws IllegalArgumentException when the frame lacks what this stage needs or the fit leaves nothing to
     *     segment, naming the stage and the cause
     */
    StepFit fit(Frame input, FitContext context);
}
