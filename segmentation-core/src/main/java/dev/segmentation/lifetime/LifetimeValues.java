package dev.segmentation.lifetime;

import java.util.List;
import java.util.Objects;

/**
 * Per-customer predictions of a {@link LifetimePredictor}: for every customer of a summary (in its order), the
 * expected purchases over the predictor's horizon, P(alive), the Gamma-Gamma expected average purchase value and
 * the discounted CLV. Feed it to {@code SegmentationModel.profiles(LifetimeValues)} for the per-segment view, or to
 * {@link SegmentValues} for one value. Immutable; accessors copy the arrays. O(customers) memory.
 */
public final class LifetimeValues {
    private final List<String> ids;
    private final double[] expected;
    private final double[] alive;
    private final double[] value;
    private final double[] clv;
    private final LifetimePredictor predictor;
    private final TimeUnit unit;

    LifetimeValues(List<String> ids, double[] expected, double[] alive, double[] value, double[] clv,
            LifetimePredictor predictor, TimeUnit unit) {
        this.ids = ids;
        this.expected = expected;
        this.alive = alive;
        this.value = value;
        this.clv = clv;
        this.predictor = predictor;
        this.unit = unit;
    }

    /** Number of customers. */
    public int size() {
        return ids.size();
    }

    /** The customer ids, in the order of every array (unmodifiable). */
    public List<String> customerIds() {
        return ids;
    }

    /** Expected purchases in the next {@link LifetimePredictor#purchaseHorizon()} time units (a copy). */
    public double[] expectedPurchases() {
        return expected.clone();
    }

    /** P(alive) (a copy). */
    public double[] probabilityAlive() {
        return alive.clone();
    }

    /** The Gamma-Gamma expected average purchase value (a copy). */
    public double[] expectedAverageValue() {
        return value.clone();
    }

    /** The discounted CLV over {@link LifetimePredictor#months()} (a copy). */
    public double[] clv() {
        return clv.clone();
    }

    /** The settings the values were computed with. */
    public LifetimePredictor predictor() {
        return predictor;
    }

    /** The time unit of the purchase horizon. */
    public TimeUnit timeUnit() {
        return unit;
    }

    @Override
    public String toString() {
        return "LifetimeValues[" + ids.size() + " customers, " + predictor + "]";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LifetimeValues)) {
            return false;
        }
        LifetimeValues v = (LifetimeValues) o;
        return ids.equals(v.ids) && java.util.Arrays.equals(expected, v.expected)
                && java.util.Arrays.equals(alive, v.alive) && java.util.Arrays.equals(value, v.value)
                && java.util.Arrays.equals(clv, v.clv) && predictor.equals(v.predictor) && unit == v.unit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(ids, java.util.Arrays.hashCode(clv));
    }
}
