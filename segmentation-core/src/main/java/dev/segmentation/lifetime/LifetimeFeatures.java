package dev.segmentation.lifetime;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.fit.FitContext;
import dev.segmentation.pipeline.Frame;
import dev.segmentation.pipeline.StepFit;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Stateful;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customer lifetime value as features, so it can be segmented on and travels with the model: fitting this step fits
 * a {@link BgNbd} and a {@link GammaGamma} model on the training transactions and keeps them; applying it (at fit and
 * at every later prediction, without refitting) summarises the transactions ({@link CustomerSummary}) and emits per
 * entity three columns from a {@link LifetimePredictor}: {@code expected_purchases_90d} (the horizon and unit in the
 * name: {@code d} days, {@code w} weeks), {@code p_alive} and {@code clv_12m} (the months in the name).
 *
 * <pre>{@code
 * Segmenter.builder().features(Features.rfm(), LifetimeFeatures.builder().build())
 *     .clusterer(KMeans.builder().k(4)).seed(7).build().fit(transactions);
 * }</pre>
 *
 * <p><b>Purchases and dates.</b> Only purchase lines count: rows with quantity &gt; 0 and amount &gt; 0 (the same
 * lines as RFM's; returns, cancellations and free items are left out, and how many is logged). An entity without a
 * purchase line is not described and is excluded by the pipeline as such. The observation end is the day before the
 * context's scoring date ({@link FitContext#asOf()}, which {@code SegmentationModel.predict} sets to the day after
 * the last date of its input), else the last date of any row (as RFM's default as-of date).
 *
 * <p>An unfitted extractor used on its own ({@link #extract}) fits the models on the transactions it is given;
 * {@link #fit} returns the fitted extractor ({@link #isFitted()}), whose {@link #extract} only scores. Persisted as
 * step type {@value LifetimeFeaturesStepFactory#TYPE} (settings and, when fitted, the parameters; the fits'
 * diagnostics are not kept).
 *
 * <p>Cost: the summary is O(rows); the fits a few hundred O(entities) likelihood evaluations; scoring as
 * {@link LifetimePredictor}. Deterministic for any thread count. Immutable and thread-safe.
 *
 * @see BgNbdModel
 * @see GammaGammaModel
 */
public final class LifetimeFeatures implements FeatureExtractor, Stateful {
    private static final Logger LOG = LoggerFactory.getLogger(LifetimeFeatures.class);
    private final TimeUnit unit;
    private final LifetimePredictor predictor;
    private final double penalizer;
    private final BgNbdModel purchases; // null until fitted
    private final GammaGammaModel spend; // null until fitted
    private final List<String> names;

    LifetimeFeatures(TimeUnit unit, LifetimePredictor predictor, double penalizer, BgNbdModel purchases,
            GammaGammaModel spend) {
        this.unit = unit;
        this.predictor = predictor;
        this.penalizer = penalizer;
        this.purchases = purchases;
        this.spend = spend;
        this.names = List.of(predictor.expectedPurchasesName(unit), "p_alive", predictor.clvName());
    }

    /** A builder: days, lifetimes' customary predictor settings (90 days, 12 months at 1% a month), no penalty. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<String> featureNames() {
        return names;
    }

    /** The time unit of the summary and models. */
    public TimeUnit timeUnit() {
        return unit;
    }

    /** The horizon, months and discounting of the columns. */
    public LifetimePredictor predictor() {
        return predictor;
    }

    /** The L2 penalty of both fits. */
    public double penalizer() {
        return penalizer;
    }

    /** Whether this extractor holds fitted models. */
    public boolean isFitted() {
        return purchases != null;
    }

    /** The fitted BG/NBD model; empty before fitting. */
    public Optional<BgNbdModel> purchaseModel() {
        return Optional.ofNullable(purchases);
    }

    /** The fitted Gamma-Gamma model; empty before fitting. */
    public Optional<GammaGammaModel> spendModel() {
        return Optional.ofNullable(spend);
    }

    /**
     * Fits the BG/NBD and Gamma-Gamma models on the frame's transactions and returns the fitted extractor with the
     * training features joined.
     *
     * @throws IllegalArgumentException when no entity has a purchase line, no customer has a repeat purchase, fewer
     *     than two have a repeat purchase of positive value, or a purchase falls after the observation end
     * @throws ConvergenceException when a fit does not converge
     */
    @Override
    public StepFit fit(Frame input, FitContext context) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(context, "context");
        LifetimeFeatures fitted = fitted(summary(input.transactions(toString()), context), context.threads());
        Frame out = fitted.apply(input, context);
        if (out.rows() == 0) {
            throw new IllegalArgumentException("no entity could be described by the feature extractors");
        }
        return StepFit.of(fitted, out);
    }

    private LifetimeFeatures fitted(CustomerSummary s, int threads) {
        BgNbdModel bg = BgNbd.builder().penalizer(penalizer).threads(threads).build().fit(s);
        GammaGammaModel gg = GammaGamma.builder().penalizer(penalizer).build().fit(s);
        LOG.info("lifetime features fitted on {} customers: {}, {}", s.size(), bg, gg);
        return new LifetimeFeatures(unit, predictor, penalizer, bg, gg);
    }

    /**
     * The three columns for every entity with a purchase line (in the transactions' entity order); an unfitted
     * extractor first fits its models on these transactions.
     *
     * @throws IllegalArgumentException as {@link #fit}
     */
    @Override
    public FeatureTable extract(Transactions transactions, FitContext context) {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(context, "context");
        CustomerSummary s = summary(transactions, context);
        context.checkCancelled();
        LifetimeFeatures f = isFitted() ? this : fitted(s, context.threads());
        LifetimeValues v = predictor.withThreads(context.threads()).predict(f.purchases, f.spend, s);
        int n = s.size();
        double[] expected = v.expectedPurchases();
        double[] alive = v.probabilityAlive();
        double[] clv = v.clv();
        double[] values = new double[n * 3];
        for (int i = 0; i < n; i++) {
            values[3 * i] = expected[i];
            values[3 * i + 1] = alive[i];
            values[3 * i + 2] = clv[i];
        }
        return FeatureTable.wrap(s.customerIds().toArray(new String[0]), names.toArray(new String[0]), values);
    }

    private CustomerSummary summary(Transactions t, FitContext context) {
        Transactions purchasesOnly = t.filterRows(r -> t.quantity(r) > 0 && t.amount(r) > 0);
        int left = t.size() - purchasesOnly.size();
        if (left > 0) {
            LOG.debug("lifetime features: {} of {} rows are not purchase lines (quantity or amount <= 0)", left,
                    t.size());
        }
        if (purchasesOnly.isEmpty()) {
            throw new IllegalArgumentException("lifetime features: none of the " + t.size()
                    + " rows is a purchase line (quantity > 0 and amount > 0)");
        }
        LocalDate end = context.asOf().isPresent() ? context.asOf().get().minusDays(1)
                : LocalDate.ofEpochDay(Math.floorDiv(t.maxEpochSecond(), 86_400L));
        return CustomerSummary.of(purchasesOnly, unit, end);
    }

    @Override
    public StepState state() {
        StepState.Builder s = StepState.builder(LifetimeFeaturesStepFactory.TYPE, LifetimeFeaturesStepFactory.VERSION)
                .put("timeUnit", unit.name()).put("purchaseHorizon", predictor.purchaseHorizon())
                .put("months", (long) predictor.months()).put("monthlyDiscountRate", predictor.monthlyDiscountRate())
                .put("discounting", predictor.discounting().name()).put("penalizer", penalizer)
                .put("fitted", isFitted() ? 1L : 0L);
        if (isFitted()) {
            s.put("r", purchases.r()).put("alpha", purchases.alpha()).put("a", purchases.a()).put("b", purchases.b())
                    .put("p", spend.p()).put("q", spend.q()).put("v", spend.v());
        }
        return s.build();
    }

    static LifetimeFeatures restore(StepState s) {
        TimeUnit unit = LifetimeStates.timeUnit(s);
        String d = s.string("discounting");
        LifetimePredictor.Discounting discounting;
        try {
            discounting = LifetimePredictor.Discounting.valueOf(d);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(s.type() + " state: unknown discounting '" + d + "'", e);
        }
        LifetimePredictor p = LifetimePredictor.builder().purchaseHorizon(s.number("purchaseHorizon"))
                .months(s.integer("months")).monthlyDiscountRate(s.number("monthlyDiscountRate"))
                .discounting(discounting).build();
        double penalizer = s.number("penalizer");
        MaximumLikelihood.checkPenalizer(penalizer);
        if (s.longValue("fitted") == 0) {
            return new LifetimeFeatures(unit, p, penalizer, null, null);
        }
        double a = s.number("a");
        BgNbdModel bg = a == 0 && s.number("b") == Double.POSITIVE_INFINITY
                ? BgNbdModel.withoutDropout(s.number("r"), s.number("alpha"), unit)
                : BgNbdModel.of(s.number("r"), s.number("alpha"), a, s.number("b"), unit);
        GammaGammaModel gg = GammaGammaModel.of(s.number("p"), s.number("q"), s.number("v"));
        return new LifetimeFeatures(unit, p, penalizer, bg, gg);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LifetimeFeatures)) {
            return false;
        }
        LifetimeFeatures f = (LifetimeFeatures) o;
        return unit == f.unit && predictor.equals(f.predictor) && penalizer == f.penalizer
                && Objects.equals(purchases, f.purchases) && Objects.equals(spend, f.spend);
    }

    @Override
    public int hashCode() {
        return Objects.hash(unit, predictor, penalizer, purchases, spend);
    }

    @Override
    public String toString() {
        return "LifetimeFeatures[" + unit + ", " + predictor + ", penalizer=" + penalizer
                + (isFitted() ? ", " + purchases + ", " + spend : ", not fitted") + "]";
    }

    /** Settings of a {@link LifetimeFeatures}; each setter validates at once. Not thread-safe. */
    public static final class Builder {
        private TimeUnit unit = TimeUnit.DAY;
        private LifetimePredictor predictor = LifetimePredictor.builder().build();
        private double penalizer;

        private Builder() {
        }

        /** The time unit of the summary (default {@link TimeUnit#DAY}). */
        public Builder timeUnit(TimeUnit unit) {
            this.unit = Objects.requireNonNull(unit, "unit");
            return this;
        }

        /** Horizon, months, discount rate and convention of the columns (its thread count is not used). */
        public Builder predictor(LifetimePredictor predictor) {
            this.predictor = Objects.requireNonNull(predictor, "predictor");
            return this;
        }

        /**
         * L2 penalty of both fits, as lifetimes' {@code penalizer_coef} (default 0).
         *
         * @throws IllegalArgumentException when negative, NaN or infinite
         */
        public Builder penalizer(double penalizer) {
            MaximumLikelihood.checkPenalizer(penalizer);
            this.penalizer = penalizer;
            return this;
        }

        /** The unfitted extractor; may be called again. */
        public LifetimeFeatures build() {
            return new LifetimeFeatures(unit, predictor.withThreads(1), penalizer, null, null);
        }
    }
}
