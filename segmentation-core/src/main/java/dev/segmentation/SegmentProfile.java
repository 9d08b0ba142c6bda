package dev.segmentation;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What one segment looks like on the raw (unscaled) features: its size, its share of entities, its share of the
 * value feature (revenue, say) and the mean and median of every feature. Noise of density clusterers is profiled
 * as segment {@code -1}. Immutable.
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

    SegmentProfile(int segment, String name, int size, double share, double valueShare, List<String> featureNames,
            double[] means, double[] medians) {
        this.segment = segment;
        this.name = name;
        this.size = size;
        this.share = share;
        this.valueShare = valueShare;
        this.featureNames = featureNames;
        this.means = means;
        this.medians = medians;
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
}
