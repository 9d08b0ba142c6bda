package dev.segmentation.features;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.fit.FitContext;
import dev.segmentation.pipeline.FittedStep;
import dev.segmentation.pipeline.Frame;
import dev.segmentation.pipeline.PipelineStep;
import dev.segmentation.pipeline.StepFit;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Stateful;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Keeps the entities whose raw features pass every rule, after extraction and before scaling: seed 000's "at least
 * 52 weeks sold" or "mean weekly sales of at least 1", say. An entity that fails is excluded with the first rule it
 * failed (reported by {@code SegmentationModel.predict} as filtered, never given a label).
 *
 * <pre>{@code
 * Segmenter.builder()
 *     .features(Features.demandStats(Period.WEEK), Features.activity(Period.WEEK))
 *     .filter(FeatureFilter.atLeast("active_periods", 52).andAtLeast("mean", 1.0))
 * }</pre>
 *
 * <p>Bounds are inclusive; a NaN value fails every rule. Nothing is learned, so the spec is its own fitted step,
 * saved as plain data (step type {@value #TYPE}). O(n r) for n entities and r rules. Immutable and thread-safe.
 */
public final class FeatureFilter implements PipelineStep, FittedStep, Stateful {
    /** The step type id. */
    public static final String TYPE = "feature-filter";
    static final int VERSION = 1;
    private static final int AT_LEAST = 0;
    private static final int AT_MOST = 1;

    private final String[] features;
    private final int[] kinds;
    private final double[] bounds;

    private FeatureFilter(String[] features, int[] kinds, double[] bounds) {
        this.features = features;
        this.kinds = kinds;
        this.bounds = bounds;
    }

    /**
     * Keeps entities whose {@code feature} is at least {@code min}.
     *
     * @throws IllegalArgumentException when the name is blank or the bound is not finite
     */
    public static FeatureFilter atLeast(String feature, double min) {
        return new FeatureFilter(new String[0], new int[0], new double[0]).and(feature, AT_LEAST, min);
    }

    /**
     * Keeps entities whose {@code feature} is at most {@code max}.
     *
     * @throws IllegalArgumentException when the name is blank or the bound is not finite
     */
    public static FeatureFilter atMost(String feature, double max) {
        return new FeatureFilter(new String[0], new int[0], new double[0]).and(feature, AT_MOST, max);
    }

    /** This filter and the rule {@code feature >= min}. */
    public FeatureFilter andAtLeast(String feature, double min) {
        return and(feature, AT_LEAST, min);
    }

    /** This filter and the rule {@code feature <= max}. */
    public FeatureFilter andAtMost(String feature, double max) {
        return and(feature, AT_MOST, max);
    }

    private FeatureFilter and(String feature, int kind, double bound) {
        Objects.requireNonNull(feature, "feature");
        if (feature.isBlank()) {
            throw new IllegalArgumentException("feature filter: the feature name must not be blank");
        }
        if (!Double.isFinite(bound)) {
            throw new IllegalArgumentException("feature filter on '" + feature + "': the bound must be finite but was "
                    + bound);
        }
        int n = features.length;
        String[] f = Arrays.copyOf(features, n + 1);
        int[] k = Arrays.copyOf(kinds, n + 1);
        double[] b = Arrays.copyOf(bounds, n + 1);
        f[n] = feature;
        k[n] = kind;
        b[n] = bound;
        return new FeatureFilter(f, k, b);
    }

    /** The rules, e.g. {@code ["active_periods >= 52.0", "mean >= 1.0"]}. */
    public List<String> rules() {
        List<String> out = new ArrayList<>(features.length);
        for (int i = 0; i < features.length; i++) {
            out.add(rule(i));
        }
        return out;
    }

    private String rule(int i) {
        return features[i] + (kinds[i] == AT_LEAST ? " >= " : " <= ") + bounds[i];
    }

    /** {@code "filter"}. */
    @Override
    public String stage() {
        return "filter";
    }

    @Override
    public Input input() {
        return Input.FEATURES;
    }

    /**
     * Keeps the entities that pass every rule.
     *
     * @throws IllegalArgumentException when a rule names a feature the frame does not have
     */
    @Override
    public Frame apply(Frame input, FitContext context) {
        FeatureTable t = input.features();
        int[] cols = new int[features.length];
        for (int i = 0; i < features.length; i++) {
            int c = t.findColumn(features[i]).orElse(-1);
            if (c < 0) {
                throw new IllegalArgumentException("feature filter rule '" + rule(i) + "' names no feature of "
                        + t.featureNames());
            }
            cols[i] = c;
        }
        int n = t.rows();
        int[] keep = new int[n];
        int[] failed = new int[n];
        int m = 0;
        for (int r = 0; r < n; r++) {
            int fail = -1;
            for (int i = 0; i < cols.length && fail < 0; i++) {
                double v = t.get(r, cols[i]);
                boolean ok = kinds[i] == AT_LEAST ? v >= bounds[i] : v <= bounds[i];
                if (!ok) {
                    fail = i;
                }
            }
            failed[r] = fail;
            if (fail < 0) {
                keep[m++] = r;
            }
        }
        return input.selectRows(Arrays.copyOf(keep, m), r -> rule(failed[r]), Frame.Exclusion.FILTERED);
    }

    /**
     * As {@link #apply}; nothing is learned.
     *
     * @throws IllegalArgumentException when no entity passes
     */
    @Override
    public StepFit fit(Frame input, FitContext context) {
        Frame out = apply(input, context);
        if (out.rows() == 0) {
            throw new IllegalArgumentException("no entity passed the feature filter " + rules() + " ("
                    + input.rows() + " entities examined)");
        }
        return StepFit.of(this, out);
    }

    @Override
    public StepState state() {
        return StepState.builder(TYPE, VERSION).putStrings("features", Arrays.asList(features)).put("kinds", kinds)
                .put("bounds", bounds).build();
    }

    /**
     * The filter {@code state} describes.
     *
     * @throws IllegalArgumentException when the arrays differ in length, a kind is unknown or a bound not finite
     */
    static FeatureFilter restore(StepState state) {
        List<String> f = state.strings("features");
        int[] k = state.ints("kinds");
        double[] b = state.doubles("bounds");
        if (f.isEmpty() || k.length != f.size() || b.length != f.size()) {
            throw new IllegalArgumentException(TYPE + " state: " + f.size() + " features, " + k.length + " kinds and "
                    + b.length + " bounds; they must be equal and at least 1");
        }
        FeatureFilter out = new FeatureFilter(new String[0], new int[0], new double[0]);
        for (int i = 0; i < k.length; i++) {
            if (k[i] != AT_LEAST && k[i] != AT_MOST) {
                throw new IllegalArgumentException(TYPE + " state: unknown rule kind " + k[i] + " at " + i);
            }
            out = out.and(f.get(i), k[i], b[i]);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureFilter && Arrays.equals(features, ((FeatureFilter) o).features)
                && Arrays.equals(kinds, ((FeatureFilter) o).kinds) && Arrays.equals(bounds, ((FeatureFilter) o).bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(features) * 31 + Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        return "FeatureFilter" + rules();
    }
}
