package dev.segmentation.lifetime;

import dev.segmentation.internal.Parallel;
import java.util.Locale;
import java.util.Objects;

/**
 * Scores every customer of a {@link CustomerSummary} with a fitted {@link PurchaseModel} and
 * {@link GammaGammaModel} into {@link LifetimeValues}: expected purchases over a horizon, P(alive), the expected
 * average purchase value and the CLV over a number of months, discounted in lifetimes' monthly convention or
 * continuously (see {@link CustomerLifetimeValue}).
 *
 * <pre>{@code
 * LifetimeValues v = LifetimePredictor.builder().purchaseHorizon(90).months(12).monthlyDiscountRate(0.01).build()
 *     .predict(bgNbd, gammaGamma, summary);
 * double[] clv = v.clv();
 * }</pre>
 *
 * <p><b>Cost.</b> For a {@link BgNbdModel} and whole-number frequencies and ages (every summary built from
 * transactions), the part of the predictions that needs the hypergeometric series depends on (x, T) only, not on
 * recency: it is computed once per distinct (x, T) pair (at most a few tens of thousands for years of daily data)
 * and each customer then costs one exponential and one logarithm, O(customers + pairs x months). Otherwise each
 * customer costs O(months) model evaluations. Results agree with the per-customer methods of the models and
 * {@link CustomerLifetimeValue} to rounding (within 1e-12 relative, tested).
 *
 * <p><b>Determinism and threads.</b> Customers are cut into fixed blocks of 4,096 and every value is a function of
 * its customer alone, so any thread count gives the same bits. The spec is immutable and thread-safe.
 */
public final class LifetimePredictor {
    /** How CLV discounts future purchases. */
    public enum Discounting {
        /** lifetimes' convention: each month's purchases discounted at the month's end by (1 + d)^i. */
        MONTHLY,
        /** Each purchase discounted at its instant by e^(-delta s), delta = ln(1 + d) for the monthly rate d. */
        CONTINUOUS
    }

    private final double purchaseHorizon;
    private final int months;
    private final double monthlyDiscountRate;
    private final Discounting discounting;
    private final int threads;

    private LifetimePredictor(Builder b) {
        this.purchaseHorizon = b.purchaseHorizon;
        this.months = b.months;
        this.monthlyDiscountRate = b.monthlyDiscountRate;
        this.discounting = b.discounting;
        this.threads = b.threads;
    }

    /**
     * A builder with lifetimes' customary settings: 90 time units for expected purchases, 12 months of CLV at a
     * monthly discount rate of 0.01 in the monthly convention, one thread.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The horizon of {@link LifetimeValues#expectedPurchases()}, in the models' time unit. */
    public double purchaseHorizon() {
        return purchaseHorizon;
    }

    /** Months of CLV. */
    public int months() {
        return months;
    }

    /** The monthly discount rate d (continuous discounting uses delta = ln(1 + d)). */
    public double monthlyDiscountRate() {
        return monthlyDiscountRate;
    }

    /** The discounting convention. */
    public Discounting discounting() {
        return discounting;
    }

    /** Threads used by {@link #predict}. */
    public int threads() {
        return threads;
    }

    /**
     * Scores every customer of {@code summary}.
     *
     * @throws IllegalArgumentException when the summary's time unit differs from the purchase model's
     * @throws IllegalStateException when the Gamma-Gamma q is at most 1 (the population mean spend is infinite)
     */
    public LifetimeValues predict(PurchaseModel purchases, GammaGammaModel spend, CustomerSummary summary) {
        Objects.requireNonNull(purchases, "purchases");
        Objects.requireNonNull(spend, "spend");
        Objects.requireNonNull(summary, "summary");
        if (summary.timeUnit() != purchases.timeUnit()) {
            throw new IllegalArgumentException("the summary counts time in " + summary.timeUnit()
                    + " but the purchase model was fitted in " + purchases.timeUnit());
        }
        if (!(spend.q() > 1)) {
            throw new IllegalStateException("q = " + spend.q()
                    + " <= 1: the Gamma-Gamma population mean spend is infinite");
        }
        int n = summary.size();
        double[] x = summary.frequencyArray();
        double[] tx = summary.recencyArray();
        double[] age = summary.ageArray();
        double[] m = summary.monetaryArray();
        double[] expected = new double[n];
        double[] alive = new double[n];
        double[] value = new double[n];
        double[] clv = new double[n];
        BgNbdKernel kernel = purchases instanceof BgNbdModel ? BgNbdKernel.of((BgNbdModel) purchases, x, age,
                this) : null;
        int blocks = Parallel.blocks(n, Parallel.ROWS_PER_BLOCK);
        Parallel.forEachBlock(blocks, threads, b -> {
            int from = b * Parallel.ROWS_PER_BLOCK;
            int to = Math.min(n, from + Parallel.ROWS_PER_BLOCK);
            for (int i = from; i < to; i++) {
                value[i] = spend.expectedAverageValue(x[i], m[i]);
            }
            if (kernel != null) {
                kernel.score(x, tx, age, value, from, to, expected, alive, clv);
            } else {
                for (int i = from; i < to; i++) {
                    expected[i] = purchases.expectedPurchases(purchaseHorizon, x[i], tx[i], age[i]);
                    alive[i] = purchases.probabilityAlive(x[i], tx[i], age[i]);
                    clv[i] = value[i] * discountedPurchases(purchases, x[i], tx[i], age[i]);
                }
            }
        });
        return new LifetimeValues(summary.customerIds(), expected, alive, value, clv, this, summary.timeUnit());
    }

    /** This predictor with another thread count. */
    LifetimePredictor withThreads(int threads) {
        return builder().purchaseHorizon(purchaseHorizon).months(months).monthlyDiscountRate(monthlyDiscountRate)
                .discounting(discounting).threads(threads).build();
    }

    /** The discounted expected purchases of one customer over {@link #months()} in this predictor's convention. */
    double discountedPurchases(PurchaseModel purchases, double x, double tx, double age) {
        return discounting == Discounting.MONTHLY
                ? CustomerLifetimeValue.discountedPurchases(purchases, x, tx, age, months, monthlyDiscountRate)
                : CustomerLifetimeValue.continuousPurchases(purchases, x, tx, age, months,
                        Math.log1p(monthlyDiscountRate));
    }

    /**
     * The column name of the expected purchases, e.g. {@code expected_purchases_90d} (suffix {@code d} for days,
     * {@code w} for weeks).
     */
    String expectedPurchasesName(TimeUnit unit) {
        String h = purchaseHorizon == Math.rint(purchaseHorizon) ? Long.toString((long) purchaseHorizon)
                : Double.toString(purchaseHorizon);
        return "expected_purchases_" + h + (unit == TimeUnit.DAY ? "d" : "w");
    }

    /** The column name of the CLV, e.g. {@code clv_12m}. */
    String clvName() {
        return "clv_" + months + "m";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LifetimePredictor[purchaseHorizon=%s, months=%d, monthlyDiscountRate=%s,"
                + " discounting=%s, threads=%d]", purchaseHorizon, months, monthlyDiscountRate, discounting, threads);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LifetimePredictor)) {
            return false;
        }
        LifetimePredictor p = (LifetimePredictor) o;
        return purchaseHorizon == p.purchaseHorizon && months == p.months
                && monthlyDiscountRate == p.monthlyDiscountRate && discounting == p.discounting;
    }

    @Override
    public int hashCode() {
        return Objects.hash(purchaseHorizon, months, monthlyDiscountRate, discounting);
    }

    /** Settings of a {@link LifetimePredictor}; each setter validates at once. Not thread-safe. */
    public static final class Builder {
        private double purchaseHorizon = 90;
        private int months = 12;
        private double monthlyDiscountRate = 0.01;
        private Discounting discounting = Discounting.MONTHLY;
        private int threads = 1;

        private Builder() {
        }

        /**
         * Horizon of the expected purchases, in the models' time unit (default 90).
         *
         * @throws IllegalArgumentException when not finite and > 0
         */
        public Builder purchaseHorizon(double purchaseHorizon) {
            if (!(purchaseHorizon > 0) || Double.isInfinite(purchaseHorizon)) {
                throw new IllegalArgumentException("purchaseHorizon must be finite and > 0 but was "
                        + purchaseHorizon);
            }
            this.purchaseHorizon = purchaseHorizon;
            return this;
        }

        /**
         * Months of CLV (default 12).
         *
         * @throws IllegalArgumentException when below 1 or above 1200
         */
        public Builder months(int months) {
            if (months < 1 || months > 1200) {
                throw new IllegalArgumentException("months must be in [1, 1200] but was " + months);
            }
            this.months = months;
            return this;
        }

        /**
         * Monthly discount rate d (default 0.01); continuous discounting uses delta = ln(1 + d).
         *
         * @throws IllegalArgumentException when not finite and >= 0
         */
        public Builder monthlyDiscountRate(double monthlyDiscountRate) {
            if (!(monthlyDiscountRate >= 0) || Double.isInfinite(monthlyDiscountRate)) {
                throw new IllegalArgumentException("monthlyDiscountRate must be finite and >= 0 but was "
                        + monthlyDiscountRate);
            }
            this.monthlyDiscountRate = monthlyDiscountRate;
            return this;
        }

        /** The discounting convention (default {@link Discounting#MONTHLY}, lifetimes'). */
        public Builder discounting(Discounting discounting) {
            this.discounting = Objects.requireNonNull(discounting, "discounting");
            return this;
        }

        /**
         * Threads for {@link LifetimePredictor#predict} (default 1); results do not depend on it.
         *
         * @throws IllegalArgumentException when below 1
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** The predictor; may be called again. */
        public LifetimePredictor build() {
            return new LifetimePredictor(this);
        }
    }
}
