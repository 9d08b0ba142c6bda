package dev.segmentation.pipeline;

import java.util.Objects;

/** The result of fitting a {@link PipelineStep}: the fitted step and the training frame it produced. Immutable. */
public final class StepFit {
    private final FittedStep step;
    private final Frame output;

    private StepFit(FittedStep step, Frame output) {
        this.step = step;
        this.output = output;
    }

    /** A fit result. */
    public static StepFit of(FittedStep step, Frame output) {
        return new StepFit(Objects.requireNonNull(step, "step"), Objects.requireNonNull(output, "output"));
    }

    /** The fitted step. */
    public FittedStep step() {
        return step;
    }

    /** The frame the step produced on the training data. */
    public Frame output() {
        return output;
    }
}
