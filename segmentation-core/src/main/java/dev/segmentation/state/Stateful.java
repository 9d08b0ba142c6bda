package dev.segmentation.state;

import dev.segmentation.state.StepState;

/**
 * A step that can describe itself as plain data: a fitted model, or an extractor's settings. A
 * {@link StepFactory} registered for {@link StepState#type()} rebuilds it (see {@link Steps#restore(StepState)}).
 * User-defined steps implement this interface and register a factory to become saveable.
 */
public interface Stateful {
    /**
     * The step as plain data, from which the factory of its type rebuilds an equivalent step (one that gives the
     * same results bit for bit).
     *
     * @throws IllegalStateException when this step holds something that is not data (e.g. an arbitrary
     *     predicate) and so cannot be saved, saying what and how to avoid it
     */
    StepState state();
}
