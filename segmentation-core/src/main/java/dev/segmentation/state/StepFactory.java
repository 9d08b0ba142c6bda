package dev.segmentation.state;

import dev.segmentation.state.StepState;
import java.util.Optional;

/**
 * Service provider that rebuilds steps of one type id from their {@link StepState}, and optionally describes steps
 * that cannot implement {@link Stateful} themselves. Modules list their factories in
 * {@code META-INF/services/dev.segmentation.state.StepFactory}; {@link Steps} finds them with
 * {@link java.util.ServiceLoader}. Implementations are stateless and thread-safe, with a public no-argument
 * constructor.
 */
public interface StepFactory {
    /** The type id this factory restores, equal to {@link StepState#type()} of the states it accepts. */
    String type();

    /**
     * Every type id this factory restores (default: {@link #type()} alone); a factory of a family of small steps
     * (the feature extractors, say) lists them all.
     */
    default java.util.List<String> types() {
        return java.util.List.of(type());
    }

    /**
     * Rebuilds the step described by {@code state}.
     *
     * @throws IllegalArgumentException when the state's version is unknown, or a part is missing or inconsistent,
     *     naming the part and the value
     */
    Object restore(StepState state);

    /**
     * The state of {@code step} when this factory knows how to describe it (a class of its own module that does not
     * implement {@link Stateful}); empty otherwise. The default describes nothing.
     *
     * @throws IllegalStateException when the step is of this factory's kind but cannot be saved
     */
    default Optional<StepState> describe(Object step) {
        return Optional.empty();
    }
}
