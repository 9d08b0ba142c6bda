package dev.segmentation.lifetime;

import java.util.Objects;

/**
 * A fitted model of how many purchases a customer makes and whether the customer is still active, given the
 * customer's frequency x, recency t<sub>x</sub> and age T (in the model's {@link TimeUnit}): {@link BgNbdModel} or
 * {@link ParetoNbdModel}. Implementations are immutable and thread-safe; every method is O(1) per customer except
 * where a hypergeometric series needs more terms (documented by the implementation).
 */
public interface PurchaseModel {
    /** The time unit of the data the model was fitted on; horizons {@code t} are in this unit. */
    TimeUnit timeUnit();

    /** The parameters in the model's order (a copy). */
    double[] parameters();

    /** The parameter names in the model's order, lifetimes' names. */
    java.util.List<String> parameterNames();

    /**
     * The expected number of purchases in the next {@code t} time units of a customer with history (x, tx, T).
     *
     * @throws IllegalArgumentException when t is negative or the history is invalid
     */
    double expectedPurchases(double t, double x, double tx, double age);

    /** The probability that a customer with history (x, tx, T) is still active, in [0, 1]. */
    double probabilityAlive(double x, double tx, double age);

    /** The log-likelihood of one customer's history (x, tx, T). */
    double logLikelihood(double x, double tx, double age);

    /** The expected purchases in the next {@code t} units of every customer of {@code summary}, in its order. */
    default double[] expectedPurchases(double t, CustomerSummary summary) {
        Objects.requireNonNull(summary, "summary");
        double[] out = new double[summary.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = expectedPurchases(t, summary.frequency(i), summary.recency(i), summary.age(i));
        }
        return out;
    }

    /** P(alive) of every customer of {@code summary}, in its order. */
    default double[] probabilityAlive(CustomerSummary summary) {
        Objects.requireNonNull(summary, "summary");
        double[] out = new double[summary.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = probabilityAlive(summary.frequency(i), summary.recency(i), summary.age(i));
        }
        return out;
    }

    /** The summed log-likelihood of the customers of {@code summary}. */
    default double logLikelihood(CustomerSummary summary) {
        Objects.requireNonNull(summary, "summary");
        double s = 0;
        for (int i = 0; i < summary.size(); i++) {
            s += logLikelihood(summary.frequency(i), summary.recency(i), summary.age(i));
        }
        return s;
    }

    /** Checks one customer's history and horizon; shared by the implementations. */
    static void checkHistory(double x, double tx, double age) {
        if (!(x >= 0) || x != Math.rint(x) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("frequency must be a whole number >= 0 but was " + x);
        }
        if (!(age >= 0) || Double.isInfinite(age)) {
            throw new IllegalArgumentException("T must be finite and >= 0 but was " + age);
        }
        if (!(tx >= 0) || tx > age) {
            throw new IllegalArgumentException("recency must be in [0, T = " + age + "] but was " + tx);
        }
    }
}
