package dev.segmentation.features;

import dev.segmentation.state.StepState;
import dev.segmentation.state.StepFactory;
import dev.segmentation.state.Steps;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Restores {@link Rfm} extractors from their settings ({@link Rfm#state()}, step type {@value #TYPE}). Registered as
 * a {@link StepFactory} service; applications use {@link Steps}. Stateless and thread-safe; O(1).
 */
public final class RfmStepFactory implements StepFactory {
    /** The step type id. */
    public static final String TYPE = "rfm";
    static final int VERSION = 1;

    /** The service constructor. */
    public RfmStepFactory() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * @throws IllegalArgumentException when the policy is unknown, the as-of date is not an ISO date in range, or the
     *     prefix is empty (naming the value)
     */
    @Override
    public Rfm restore(StepState state) {
        Steps.requireType(state, TYPE, VERSION);
        Rfm.Builder b = Rfm.builder();
        String policy = state.string("returnsPolicy");
        try {
            b.returnsPolicy(ReturnsPolicy.valueOf(policy));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TYPE + " state: unknown returnsPolicy '" + policy + "'", e);
        }
        String asOf = state.string("asOf");
        if (!asOf.isEmpty()) {
            try {
                b.asOf(LocalDate.parse(asOf));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(TYPE + " state: asOf '" + asOf + "' is not an ISO date", e);
            }
        }
        if (state.parameters().containsKey("cancelledOrderPrefix")) {
            b.cancelledOrderPrefix(state.string("cancelledOrderPrefix"));
        }
        if (state.parameters().containsKey("cancelledOrderPattern")) {
            b.cancelledOrderPattern(state.string("cancelledOrderPattern"));
        }
        if (state.stringListNames().contains("cancelledOrderIds")) {
            b.cancelledOrderIds(state.strings("cancelledOrderIds"));
        }
        return b.build();
    }
}
