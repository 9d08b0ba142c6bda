package dev.segmentation.lifetime;

import java.time.LocalDate;

/**
 * A calibration/holdout split ({@link CustomerSummary#calibrationHoldout}): the summary of the calibration period,
 * and per calibration customer (same order) the purchases in the holdout period after it. Used to check a model
 * fitted on the calibration period against what the customers then did. Immutable; accessors copy.
 *
 * <p>Unlike lifetimes, whose {@code monetary_value_holdout} is the mean of the holdout <em>rows</em>,
 * {@link #holdoutMonetaryValue()} is the mean value of the holdout <em>purchases</em> (periods), as in the summary.
 */
public final class CalibrationHoldout {
    private final CustomerSummary calibration;
    private final double[] holdoutFrequency;
    private final double[] holdoutMonetary;
    private final double duration;
    private final int newInHoldout;
    private final LocalDate observationEnd;

    CalibrationHoldout(CustomerSummary calibration, double[] holdoutFrequency, double[] holdoutMonetary,
            double duration, int newInHoldout, LocalDate observationEnd) {
        this.calibration = calibration;
        this.holdoutFrequency = holdoutFrequency;
        this.holdoutMonetary = holdoutMonetary;
        this.duration = duration;
        this.newInHoldout = newInHoldout;
        this.observationEnd = observationEnd;
    }

    /** The summary of the calibration period (observation end = the calibration end). */
    public CustomerSummary calibration() {
        return calibration;
    }

    /** Purchase periods in the holdout period per calibration customer (a copy). */
    public double[] holdoutFrequency() {
        return holdoutFrequency.clone();
    }

    /** Mean value of the holdout purchases per calibration customer, 0 without one (a copy). */
    public double[] holdoutMonetaryValue() {
        return holdoutMonetary.clone();
    }

    /** Length of the holdout period in time units. */
    public double holdoutDuration() {
        return duration;
    }

    /** Customers whose first purchase falls in the holdout period (left out, as lifetimes does). */
    public int customersNewInHoldout() {
        return newInHoldout;
    }

    /** The end of the holdout period. */
    public LocalDate observationEnd() {
        return observationEnd;
    }

    /** Sum of {@link #holdoutFrequency()}. */
    public double holdoutPurchases() {
        double s = 0;
        for (double f : holdoutFrequency) {
            s += f;
        }
        return s;
    }
}
