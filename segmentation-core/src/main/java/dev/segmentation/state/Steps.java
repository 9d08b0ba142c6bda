package dev.segmentation.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Saves and restores steps through their plain-data {@link StepState}.
 *
 * <p>{@link #state(Object)} asks the step itself ({@link Stateful}), then every {@link StepFactory} on the class
 * path ({@link StepFactory#describe(Object)}). {@link #restore(StepState)} finds the {@link StepFactory} of the
 * state's type (core registers its own steps; segmentation-nn registers the autoencoder). Factories are looked up with the
 * class loader of this class on every call (a few microseconds; restoring is not a hot path).
 *
 * <p>Thread-safe; the cost is that of the factories (linear in the state's array lengths for core's).
 */
public final class Steps {
    private Steps() {
    }

    /**
     * The state of {@code step}.
     *
     * @throws IllegalArgumentException when no factory can describe the step's class (naming it)
     * @throws IllegalStateException when the step cannot be saved (e.g. it holds an arbitrary predicate)
     */
    public static StepState state(Object step) {
        Objects.requireNonNull(step, "step");
        if (step instanceof Stateful) {
            return ((Stateful) step).state();
        }
        for (StepFactory f : factories()) {
            Optional<StepState> s = f.describe(step);
            if (s.isPresent()) {
                return s.get();
            }
        }
        throw new IllegalArgumentException("cannot save a step of class " + step.getClass().getName() + " ("
                + step + "): it does not implement " + Stateful.class.getName()
                + " and no StepFactory on the class path describes it");
    }

    /**
     * The step {@code state} describes.
     *
     * @throws IllegalArgumentException when no factory knows {@code state.type()} (the message lists the known
     *     types), or the factory refuses the state
     */
    public static Object restore(StepState state) {
        Objects.requireNonNull(state, "state");
        List<String> known = new ArrayList<>();
        for (StepFactory f : factories()) {
            if (f.types().contains(state.type())) {
                return Objects.requireNonNull(f.restore(state), "factory " + f + " restored null");
            }
            known.addAll(f.types());
        }
        throw new IllegalArgumentException("no factory for step type '" + state.type() + "' on the class path;"
                + " known types: " + known + " (is the module that defines it, e.g. segmentation-nn, missing?)");
    }

    /**
     * The step {@code state} describes, checked to be a {@code kind}.
     *
     * @throws IllegalArgumentException as {@link #restore(StepState)}, or when the step is not a {@code kind}
     */
    public static <T> T restore(StepState state, Class<T> kind) {
        Objects.requireNonNull(kind, "kind");
        Object step = restore(state);
        if (!kind.isInstance(step)) {
            throw new IllegalArgumentException("step type '" + state.type() + "' restores a "
                    + step.getClass().getName() + ", not a " + kind.getName());
        }
        return kind.cast(step);
    }

    /** The step types the factories on the class path restore, in service order . */
    public static List<String> knownTypes() {
        List<String> known = new ArrayList<>();
        for (StepFactory f : factories()) {
            known.addAll(f.types());
        }
        return List.copyOf(known);
    }

    private static ServiceLoader<StepFactory> factories() {
        return ServiceLoader.load(StepFactory.class, Steps.class.getClassLoader());
    }

    /**
     * Checks {@code state} is of {@code type} in a version at most {@code maxVersion}: a helper for factories.
     *
     * @throws IllegalArgumentException naming the expected and the found type or version
     */
    public static void requireType(StepState state, String type, int maxVersion) {
        Objects.requireNonNull(state, "state");
        if (!state.type().equals(type)) {
            throw new IllegalArgumentException("expected a '" + type + "' state but got '" + state.type() + "'");
        }
        if (state.version() > maxVersion) {
            throw new IllegalArgumentException("'" + type + "' state version " + state.version()
                    + " is newer than this library reads (up to " + maxVersion + ")");
        }
    }
}
