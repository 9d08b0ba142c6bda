package dev.segmentation.features;

import dev.segmentation.state.StepState;
import dev.segmentation.state.StepFactory;
import dev.segmentation.state.Steps;

/**
 * Restores {@link Eligibility} filters from their settings ({@link Eligibility#state()}, step type
 * {@value #TYPE}). Registered as a {@link StepFactory} service; applications use {@link Steps}. Stateless and
 * thread-safe; O(1).
 */
public final class EligibilityStepFactory implements StepFactory {
    /** The step type id. */
    public static final String TYPE = "eligibility";
    static final int VERSION = 1;

    /** The service constructor. */
    public EligibilityStepFactory() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** @throws IllegalArgumentException when a setting is out of range or the period unknown (naming it) */
    @Override
    public Eligibility restore(StepState state) {
        Steps.requireType(state, TYPE, VERSION);
        String period = state.string("period");
        Period p;
        try {
            p = Period.valueOf(period);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TYPE + " state: unknown period '" + period + "'", e);
        }
        return Eligibility.none()
                .withMinActiveMonths(Math.toIntExact(state.longValue("minActiveMonths")))
                .minAvgActiveMonthsPerYear(state.number("minAvgActiveMonthsPerYear"))
                .minOrders(Math.toIntExact(state.longValue("minOrders")))
                .minActivePeriods(p, Math.toIntExact(state.longValue("minActivePeriods")));
    }
}
