package dev.segmentation.features;

import java.util.Objects;

/**
 * Factory methods for every {@link FeatureExtractor} of the library, for use with the fluent segmenter, e.g.
 * {@code Segmenter.builder().features(Features.rfm(), Features.demandStats(Period.MONTH))}. Every extractor
 * returned is immutable and thread-safe.
 *
 * <p>The time-series and behaviour extractors (seeds 000 and 001) build their {@link Panel} from transactions
 * ({@link FeatureExtractor#extract}) and also work on a panel of already-aggregated data
 * ({@link PanelFeatureExtractor#compute(Panel)}); column names and exact definitions are in each class's
 * documentation. The {@link Period} overloads use {@link PanelSpec#of(Period)}: sum of quantity, the whole data's
 * span, empty cells 0 (seed 000's weekly panel). Seed 001's retailer features use a monthly panel over each
 * entity's own span with empty months absent ({@link #entityMonthlySpec()}).
 */
public final class Features {
    private Features() {
    }

    /**
     * The default RFM extractor ({@link Rfm#defaults()}): returns excluded, no order flagged as cancelled, recency
     * measured from the day after the last date. For Online Retail style data, flag cancellations with
     * {@code Rfm.builder().cancelledOrderPrefix("C").build()} or {@link #rfm(Rfm.Builder)}.
     */
    public static Rfm rfm() {
        return Rfm.defaults();
    }

    /** The RFM extractor configured by {@code builder} (shorthand for {@code builder.build()}). */
    public static Rfm rfm(Rfm.Builder builder) {
        return java.util.Objects.requireNonNull(builder, "builder").build();
    }

    /** The RFM extractor with the default settings and the given returns policy. */
    public static Rfm rfm(ReturnsPolicy policy) {
        return Rfm.builder().returnsPolicy(policy).build();
    }


    /** Seed 001's monthly panel: quantity, each entity's own span, empty months absent. */
    public static PanelSpec entityMonthlySpec() {
        return PanelSpec.of(Period.MONTH).withSpan(PanelSpec.Span.ENTITY).withEmptyCells(PanelSpec.EmptyCells.ABSENT);
    }

    /** {@code mean, std, median, min, max, cv}: see {@link DemandStats}. */
    public static PanelFeatureExtractor demandStats(Period period) {
        return demandStats(PanelSpec.of(period));
    }

    /** {@code mean, std, median, min, max, cv} on {@code spec}'s panel. */
    public static PanelFeatureExtractor demandStats(PanelSpec spec) {
        return new DemandStats(Objects.requireNonNull(spec, "spec"));
    }

    /** {@code trend_ratio, trend_slope}: see {@link TrendFeatures}. */
    public static PanelFeatureExtractor trend(Period period) {
        return trend(PanelSpec.of(period));
    }

    /** {@code trend_ratio, trend_slope} on {@code spec}'s panel. */
    public static PanelFeatureExtractor trend(PanelSpec spec) {
        return new TrendFeatures(Objects.requireNonNull(spec, "spec"));
    }

    /** {@code season_profile_strength}: see {@link Seasonality}. */
    public static PanelFeatureExtractor seasonality(Period period) {
        return seasonality(PanelSpec.of(period));
    }

    /** {@code season_profile_strength} on {@code spec}'s panel. */
    public static PanelFeatureExtractor seasonality(PanelSpec spec) {
        return new Seasonality(Objects.requireNonNull(spec, "spec"));
    }

    /** {@code trend_strength, seasonal_strength} with statsmodels' STL defaults: see {@link StlStrengths}. */
    public static StlStrengths stlStrengths(Period period) {
        return stlStrengths(PanelSpec.of(period));
    }

    /** {@code trend_strength, seasonal_strength} on {@code spec}'s panel, period = the cycle of its period. */
    public static StlStrengths stlStrengths(PanelSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return new StlStrengths(spec, Stl.withPeriod(spec.period().cycleLength()), 0.0);
    }

    /** Monthly profile of quantity and distinct items: see {@link MonthlyProfile}; seed 001's panel. */
    public static PanelFeatureExtractor monthlyProfile() {
        return monthlyProfile(entityMonthlySpec());
    }

    /** Monthly profile on {@code spec}'s panel (must be monthly). */
    public static PanelFeatureExtractor monthlyProfile(PanelSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (spec.period() != Period.MONTH) {
            throw new IllegalArgumentException("the monthly profile needs a MONTH panel but the spec has "
                    + spec.period());
        }
        return new MonthlyProfile(spec);
    }

    /** {@code cv_qty, cv_items} over active periods: see {@link Stability}. */
    public static PanelFeatureExtractor stability(Period period) {
        return stability(PanelSpec.of(period).withEmptyCells(PanelSpec.EmptyCells.ABSENT));
    }

    /** Stability on {@code spec}'s panel. */
    public static PanelFeatureExtractor stability(PanelSpec spec) {
        return new Stability(Objects.requireNonNull(spec, "spec"));
    }

    /**
     * Normalised entropy over {@code over}: see {@link Entropy}. The panel spans each entity's own first to last
     * active month ({@link #entityMonthlySpec()}); use {@link #entropy(Over, PanelSpec)} for another span.
     */
    public static Entropy entropy(Entropy.Over over) {
        return entropy(over, entityMonthlySpec());
    }

    /** Normalised entropy over {@code over} on {@code spec}'s panel. */
    public static Entropy entropy(Entropy.Over over, PanelSpec spec) {
        return new Entropy(Objects.requireNonNull(spec, "spec"), over);
    }

    /** {@code growth_qty, growth_items}: see {@link Growth}; seed 001's monthly panel. */
    public static PanelFeatureExtractor growth() {
        return growth(entityMonthlySpec());
    }

    /** Growth on {@code spec}'s panel. */
    public static PanelFeatureExtractor growth(PanelSpec spec) {
        return new Growth(Objects.requireNonNull(spec, "spec"));
    }

    /** {@code adi, cv2, demand_class}: see {@link DemandClassification}. */
    public static PanelFeatureExtractor demandClass(Period period) {
        return demandClass(PanelSpec.of(period));
    }

    /** Demand classification on {@code spec}'s panel. */
    public static PanelFeatureExtractor demandClass(PanelSpec spec) {
        return new DemandClassification(Objects.requireNonNull(spec, "spec"));
    }

    /** {@code active_periods, zero_share, active_years, active_periods_per_year, tenure_periods}: see {@link Activity}. */
    public static PanelFeatureExtractor activity(Period period) {
        return activity(PanelSpec.of(period));
    }

    /** Activity on {@code spec}'s panel. */
    public static PanelFeatureExtractor activity(PanelSpec spec) {
        return new Activity(Objects.requireNonNull(spec, "spec"));
    }
    /** {@code distinct_items, distinct_categories} (the activity breadth): see {@link Assortment}. */
    public static FeatureExtractor assortment() {
        return new Assortment(true, true);
    }

    /** {@code distinct_items} alone: see {@link Assortment}. */
    public static FeatureExtractor distinctItems() {
        return new Assortment(true, false);
    }

    /** {@code distinct_categories} alone: see {@link Assortment}. */
    public static FeatureExtractor distinctCategories() {
        return new Assortment(false, true);
    }

    /**
     * {@code <attribute>_per_order}: the mean per order of the named numeric attribute (e.g. {@code
     * "installments"}); see {@link OrderAttributeMean}.
     *
     * @throws IllegalArgumentException when {@code attribute} is blank
     */
    public static FeatureExtractor attributePerOrder(String attribute) {
        return new OrderAttributeMean(attribute);
    }

    /** {@code top_category_share, category_entropy} of spend: see {@link CategoryFocus}. */
    public static FeatureExtractor categoryFocus() {
        return new CategoryFocus();
    }

    /**
     * {@code events_per_active_day, events_per_order} from the event table given with the transactions to
     * {@code Segmenter.fit(transactions, events)} and {@code SegmentationModel.predict(transactions, events)}: see
     * {@link Engagement}. The extractor holds no data, so a model using it is saved like any other.
     */
    public static FeatureExtractor engagement() {
        return new Engagement(null);
    }

    /**
     * {@code events_per_active_day, events_per_order} from the fixed table {@code events}: see {@link Engagement}.
     * Handy for {@link FeatureExtractor#extract}; a model holding this extractor cannot be saved (use
     * {@link #engagement()} for that).
     */
    public static FeatureExtractor engagement(dev.segmentation.data.Events events) {
        return new Engagement(Objects.requireNonNull(events, "events"));
    }
}
