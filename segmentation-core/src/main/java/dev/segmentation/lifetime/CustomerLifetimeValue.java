package dev.segmentation.lifetime;

import java.util.Objects;

/**
 * Discounted customer lifetime value from a {@link PurchaseModel} and a {@link GammaGammaModel}, in lifetimes'
 * {@code customer_lifetime_value} convention: for each month i = 1..months, the expected purchases between
 * (i - 1) and i months (a month is {@link TimeUnit#unitsPerMonth()} time units: 30 days or 4.345 weeks), times
 * the Gamma-Gamma expected average value, divided by (1 + d)^i for the monthly discount rate d; summed.
 *
 * <p>Stateless; O(months) model evaluations per customer. Deterministic and thread-safe.
 */
public final class CustomerLifetimeValue {
    private CustomerLifetimeValue() {
    }

    /**
     * The CLV of one customer with history (x, tx, T) and mean repeat spend {@code m}.
     *
     * @throws IllegalArgumentException when months < 1, the discount rate is not finite and > -1, or the history
     *     is invalid
     */
    public static double monthly(PurchaseModel purchases, GammaGammaModel spend, double x, double tx, double age,
            double m, int months, double monthlyDiscountRate) {
        Objects.requireNonNull(purchases, "purchases");
        Objects.requireNonNull(spend, "spend");
        checkHorizon(months, monthlyDiscountRate);
        double value = spend.expectedAverageValue(x, m);
        return value * discountedPurchases(purchases, x, tx, age, months, monthlyDiscountRate);
    }

    /**
     * The CLV of every customer of {@code summary}, in its order.
     *
     * @throws IllegalArgumentException when months < 1 or the discount rate is not finite and > -1, or the summary's
     *     time unit differs from the purchase model's
     */
    public static double[] monthly(PurchaseModel purchases, GammaGammaModel spend, CustomerSummary summary,
            int months, double monthlyDiscountRate) {
        Objects.requireNonNull(purchases, "purchases");
        Objects.requireNonNull(spend, "spend");
        Objects.requireNonNull(summary, "summary");
        checkHorizon(months, monthlyDiscountRate);
        if (summary.timeUnit() != purchases.timeUnit()) {
            throw new IllegalArgumentException("the summary counts time in " + summary.timeUnit()
                    + " but the purchase model was fitted in " + purchases.timeUnit());
        }
        double[] out = new double[summary.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = spend.expectedAverageValue(summary.frequency(i), summary.monetary(i))
                    * discountedPurchases(purchases, summary.frequency(i), summary.recency(i), summary.age(i),
                            months, monthlyDiscountRate);
        }
        return out;
    }

    private static double discountedPurchases(PurchaseModel purchases, double x, double tx, double age, int months,
            double d) {
        double factor = purchases.timeUnit().unitsPerMonth();
        double sum = 0;
        double previous = 0;
        for (int i = 1; i <= months; i++) {
            double t = i * factor;
            double cumulative = purchases.expectedPurchases(t, x, tx, age);
            sum += (cumulative - previous) / Math.pow(1 + d, t / factor);
            previous = cumulative;
        }
        return sum;
    }

    private static void checkHorizon(int months, double rate) {
        if (months < 1) {
            throw new IllegalArgumentException("months must be >= 1 but was " + months);
        }
        if (!(rate > -1) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("monthlyDiscountRate must be finite and > -1 but was " + rate);
        }
    }
}
