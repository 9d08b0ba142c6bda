package dev.segmentation.features;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.fit.FitContext;
import dev.segmentation.pipeline.FittedStep;
import dev.segmentation.pipeline.Frame;
import dev.segmentation.pipeline.PipelineStep;
import dev.segmentation.pipeline.StepFit;
import dev.segmentation.state.StepFactory;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Stateful;
import dev.segmentation.state.Steps;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Keeps the named raw features, in this order, for scaling, clustering and the profiles: seed 000 extracts demand
 * statistics, trend and seasonality, filters on several of them and clusters on four. Applied after the feature
 * filters, so a filter may use a column that is not clustered on. Nothing is learned; saved as plain data (step
 * type {@value #TYPE}). O(n d). Immutable and thread-safe.
 */
public final class FeatureSelection implements PipelineStep, FittedStep, Stateful {
    /** The step type id. */
    public static final String TYPE = "feature-selection";

    private final List<String> names;

    private FeatureSelection(List<String> names) {
        this.names = names;
    }

    /**
     * Keeps {@code names}.
     *
     * @throws IllegalArgumentException when the list is empty, a name is blank or repeats
     */
    public static FeatureSelection of(List<String> names) {
        Objects.requireNonNull(names, "names");
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a feature selection needs at least one feature");
        }
        for (String n : names) {
            if (Objects.requireNonNull(n, "names element").isBlank()) {
                throw new IllegalArgumentException("a selected feature name is blank");
            }
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("the selected features repeat a name: " + names);
        }
        return new FeatureSelection(List.copyOf(names));
    }

    /** The kept features, in order. */
    public List<String> names() {
        return names;
    }

    /** {@code "select"}. */
    @Override
    public String stage() {
        return "select";
    }

    @Override
    public Input input() {
        return Input.FEATURES;
    }

    /**
     * The frame with only the selected features.
     *
     * @throws IllegalArgumentException when a selected feature is not in the frame, naming it and the features there
     */
    @Override
    public Frame apply(Frame input, FitContext context) {
        FeatureTable t = input.features();
        for (String n : names) {
            if (t.findColumn(n).isEmpty()) {
                throw new IllegalArgumentException("selected feature '" + n + "' is not among the features "
                        + t.featureNames());
            }
        }
        return input.withFeatures(t.select(names));
    }

    @Override
    public StepFit fit(Frame input, FitContext context) {
        return StepFit.of(this, apply(input, context));
    }

    @Override
    public StepState state() {
        return StepState.builder(TYPE, 1).putStrings("names", names).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureSelection && names.equals(((FeatureSelection) o).names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return "FeatureSelection" + names;
    }

    /** Restores {@link FeatureSelection}s; a {@link StepFactory} service. Stateless and thread-safe. */
    public static final class Factory implements StepFactory {
        /** The service constructor. */
        public Factory() {
        }

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public FeatureSelection restore(StepState state) {
            Steps.requireType(state, TYPE, 1);
            return of(state.strings("names"));
        }
    }
}
