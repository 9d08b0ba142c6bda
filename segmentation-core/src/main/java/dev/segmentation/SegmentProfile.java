package dev.segmentation;

import dev.segmentation.lifetime.LifetimePredictor;
import dev.segmentation.lifetime.LifetimeValues;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one segment looks like on the raw (unscaled) features: its size, its share of entities, its share of the
 * value feature (revenue, say) and the mean, median and standard deviation of every feature. Noise of density
 * clusterers is profiled as segment {@code -1}. Each feature also carries the segment's effect size against the rest
 * (Cliff's delta, {@link #effectSizes()}), which {@link EffectSizeNamer} names segments by. Immutable.
 *
 * <p>The profiles of {@link SegmentationModel#profiles(LifetimeValues)} also carry a {@link #lifetime()} section:
 * expected purchases, P(alive) and CLV of the segment's customers, summed and averaged.
 */
public final class SegmentProfile {
    private final int segment;
    private final String name;
    private final int size;
    private final double share;
    private final double valueShare;
    private final List<String> featureNames;
    private final double[] means;
    private final double[] medians;
    private final double[] sds;
    private final double[] effects;
    private final Lifetime lifetime; // null unless computed with lifetime values

    SegmentProfile(int segment, String name, int size, double share, double valueShare, List<String> featureNames,
            double[] means, double[] medians) {
        this(segment, name, size, share, valueShare, featureNames, means, medians, unknown(means.length),
                unknown(means.length));
    }

    SegmentProfile(int segment, String name, int size, double share, double valueShare, List<String> featureNames,
            double[] means, double[] medians, double[] sds, double[] effects) {
        this(segment, name, size, share, valueShare, featureNames, means, medians, sds, effects, null);
    }

    private SegmentProfile(int segment, String name, int size, double share, double valueShare,
            List<String> featureNames, double[] means, double[] medians, double[] sds, double[] effects,
            Lifetime lifetime) {
        this.segment = segment;
        this.name = name;
        this.size = size;
        this.share = share;
        this.valueShare = valueShare;
        this.featureNames = featureNames;
        this.means = means;
        this.medians = medians;
        this.sds = sds;
        this.effects = effects;
        this.lifetime = lifetime;
    }

    /** This profile with a lifetime section. */
    SegmentProfile withLifetime(Lifetime section) {
        return new SegmentProfile(segment, name, size, share, valueShare, featureNames, means, medians, sds, effects,
                Objects.requireNonNull(section, "section"));
    }

    private static double[] unknown(int d) {
        double[] v = new double[d];
        java.util.Arrays.fill(v, Double.NaN);
        return v;
    }

    /** The segment label ({@code -1} for noise). */
    public int segment() {
        return segment;
    }

    /** The segment's display name. */
    public String name() {
        return name;
    }

    /** Number of entities in the segment. */
    public int size() {
        return size;
    }

    /** Size divided by the number of segmented entities (noise included). */
    public double share() {
        return share;
    }

    /**
     * The segment's sum of the value feature divided by the total over all entities, when the model has a value
     * feature (see {@link Segmenter.Builder#valueFeature(String)}).
     */
    public OptionalDouble valueShare() {
        return Double.isNaN(valueShare) ? OptionalDouble.empty() : OptionalDouble.of(valueShare);
    }

    /** The raw feature names, in the order of {@link #means()} and {@link #medians()}. */
    public List<String> featureNames() {
        return Collections.unmodifiableList(featureNames);
    }

    /** Mean of every raw feature over the segment (a copy). */
    public double[] means() {
        return means.clone();
    }

    /** Median of every raw feature over the segment (a copy; the mean of the two middle values for even sizes). */
    public double[] medians() {
        return medians.clone();
    }

    /**
     * Sample standard deviation (divisor size - 1; 0 for a segment of one) of every raw feature over the segment (a
     * copy). {@code NaN} where not recorded: profiles rebuilt from a model file written before standard deviations
     * were saved.
     */
    public double[] standardDeviations() {
        return sds.clone();
    }

    /**
     * The segment's effect size against the rest on every raw feature (a copy): Cliff's delta, P(X &gt; Y) - P(X &lt;
     * Y) for X a random member of the segment and Y a random other segmented entity (noise is left out of the rest;
     * for noise itself the rest is every segmented entity), in [-1, 1]; 0 when the two groups cannot be told apart
     * by rank, +1 when every member lies above every other entity. Rank-based, so one extreme customer cannot
     * swamp it (unlike a mean difference over a pooled standard deviation). Conventional reading (Romano et al.
     * 2006): |delta| below 0.147 negligible, below 0.33 small, below 0.474 medium, otherwise large. {@code NaN}
     * where not recorded (profiles rebuilt from an older model file) or when there is no other entity.
     *
     * <p>Reference: N. Cliff (1993), "Dominance statistics: ordinal analyses to answer ordinal questions",
     * Psychological Bulletin 114(3):494-509.
     */
    public double[] effectSizes() {
        return effects.clone();
    }

    /** Mean of feature {@code feature}. @throws IllegalArgumentException when there is no such feature */
    public double mean(String feature) {
        return means[indexOf(feature)];
    }

    /** Median of feature {@code feature}. @throws IllegalArgumentException when there is no such feature */
    public double median(String feature) {
        return medians[indexOf(feature)];
    }

    private int indexOf(String feature) {
        int i = featureNames.indexOf(feature);
        if (i < 0) {
            throw new IllegalArgumentException("no feature named '" + feature + "'; features are " + featureNames);
        }
        return i;
    }

    @Override
    public String toString() {
        return "SegmentProfile[" + segment + " '" + name + "', size=" + size + ", means=" + Arrays.toString(means)
                + "]";
    }

    /**
     * The segment's lifetime value: present on the profiles of {@link SegmentationModel#profiles(LifetimeValues)},
     * empty on {@link SegmentationModel#profiles()}.
     */
    public Optional<Lifetime> lifetime() {
        return Optional.ofNullable(lifetime);
    }

    /**
     * Expected purchases, P(alive) and CLV of a segment's customers (from {@link LifetimeValues}; horizon, months
     * and discounting in {@link #settings()}). Sums are compensated, in the model's entity order. Immutable.
     */
    public static final class Lifetime {
        private final int customers;
        private final double expectedPurchases;
        private final double alive;
        private final double clv;
        private final LifetimePredictor settings;

        Lifetime(int customers, double expectedPurchases, double alive, double clv, LifetimePredictor settings) {
            this.customers = customers;
            this.expectedPurchases = expectedPurchases;
            this.alive = alive;
            this.clv = clv;
            this.settings = settings;
        }

        /**
         * The segment's entities that have lifetime values; fewer than {@link SegmentProfile#size()} when some are
         * not in the {@link LifetimeValues} (no purchase in the summary's period, say). Means divide by this count.
         */
        public int customers() {
            return customers;
        }

        /** Sum of the expected purchases over the horizon. */
        public double expectedPurchasesSum() {
            return expectedPurchases;
        }

        /** Mean expected purchases over the horizon; NaN when {@link #customers()} is 0. */
        public double expectedPurchasesMean() {
            return expectedPurchases / customers;
        }

        /** Sum of P(alive): the expected number of customers still active. */
        public double expectedAlive() {
            return alive;
        }

        /** Mean P(alive); NaN when {@link #customers()} is 0. */
        public double probabilityAliveMean() {
            return alive / customers;
        }

        /** Sum of the CLV: what the segment is expected to spend over the months, discounted. */
        public double clvSum() {
            return clv;
        }

        /** Mean CLV per customer; NaN when {@link #customers()} is 0. */
        public double clvMean() {
            return clv / customers;
        }

        /** The horizon, months and discounting the values were computed with. */
        public LifetimePredictor settings() {
            return settings;
        }

        @Override
        public String toString() {
            return "Lifetime[customers=" + customers + ", expectedPurchases=" + expectedPurchases + ", expectedAlive="
                    + alive + ", clv=" + clv + "]";
        }
    }
}
