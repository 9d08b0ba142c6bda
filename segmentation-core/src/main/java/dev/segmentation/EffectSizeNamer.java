package dev.segmentation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Names each segment after the features that set it apart from the rest, and never gives two segments one name.
 *
 * <p><b>What it computes.</b> Each profile carries, per feature, the segment's effect size against the rest
 * ({@link SegmentProfile#effectSizes()}: Cliff's delta, P(X &gt; Y) - P(X &lt; Y) for a member X and another
 * segmented entity Y; rank-based, so one extreme spender cannot swamp it). A segment's name is the words of its
 * strongest features, by |delta| (ties by feature order), at most {@link Builder#maxTerms(int)} of them and each
 * with |delta| &gt;= {@link Builder#minEffect(double)} (default 0.33, where Romano et al. 2006 put "medium"); the
 * word for a feature is the one given to {@link Builder#term} for its sign (e.g. "Lapsed" for a high
 * {@code recency_days}), or "High x" / "Low x" for a feature without words. A segment with no feature that strong
 * is "Typical".
 *
 * <p><b>Unique names.</b> When two or more segments would share a name, each of them takes its next strongest
 * feature's word (whatever its |d|), until the names differ or the features run out; any still equal then get
 * their segment number appended ("Typical (3)"). Noise is always "Noise".
 *
 * <p>References: N. Cliff (1993), "Dominance statistics", Psychological Bulletin 114(3):494-509; J. Romano et al.
 * (2006), "Appropriate statistics for ordinal level data", Florida AIR (thresholds 0.147, 0.33, 0.474).
 *
 * <p>Profiles without effect sizes (rebuilt from an older model file) fall back to {@link SegmentNamer#DEFAULT}.
 * Cost O(k d log d) per call for k segments and d features (called once per segment: O(k^2 d log d) per fit).
 * Deterministic; immutable and thread-safe.
 *
 * <pre>{@code
 * Segmenter.builder().features(Features.rfm()).namer(EffectSizeNamer.rfm())...
 * }</pre>
 */
public final class EffectSizeNamer implements SegmentNamer {
    /** The name of a segment with no distinguishing feature. */
    public static final String TYPICAL = "Typical";

    private final Map<String, String[]> terms;
    private final int maxTerms;
    private final double minEffect;

    private EffectSizeNamer(Builder b) {
        this.terms = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(b.terms));
        this.maxTerms = b.maxTerms;
        this.minEffect = b.minEffect;
    }

    /** A builder with no words, at most 2 terms per name and a minimum |delta| of 0.33. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A namer with words for the features of {@link dev.segmentation.features.Rfm}: recency ("Lapsed" / "Recent"),
     * frequency ("Frequent" / "Infrequent"), monetary ("High Spend" / "Low Spend"), average order value ("Big
     * Basket" / "Small Basket") and tenure ("Long-standing" / "Newer").
     */
    public static EffectSizeNamer rfm() {
        return builder().term("recency_days", "Lapsed", "Recent").term("frequency_orders", "Frequent", "Infrequent")
                .term("monetary", "High Spend", "Low Spend").term("avg_order_value", "Big Basket", "Small Basket")
                .term("tenure_days", "Long-standing", "Newer").build();
    }

    @Override
    public String name(int segment, List<SegmentProfile> profiles) {
        Objects.requireNonNull(profiles, "profiles");
        if (segment < 0) {
            return "Noise";
        }
        Map<Integer, String> names = names(profiles);
        String n = names.get(segment);
        return n == null ? SegmentNamer.DEFAULT.name(segment, profiles) : n;
    }

    /**
     * The names of all segments of {@code profiles}, by segment (noise "Noise"); empty when a profile lacks effect
     * sizes.
     */
    public Map<Integer, String> names(List<SegmentProfile> profiles) {
        Objects.requireNonNull(profiles, "profiles");
        int k = profiles.size();
        double[][] d = new double[k][];
        for (int s = 0; s < k; s++) {
            d[s] = profiles.get(s).effectSizes();
            for (double v : d[s]) {
                if (Double.isNaN(v) && profiles.get(s).segment() >= 0) {
                    return Map.of();
                }
            }
        }
        int[][] order = new int[k][];
        int[] used = new int[k];
        List<List<String>> words = new ArrayList<>(k);
        for (int s = 0; s < k; s++) {
            order[s] = byStrength(d[s]);
            List<String> w = new ArrayList<>();
            List<String> features = profiles.get(s).featureNames();
            while (used[s] < order[s].length && w.size() < maxTerms
                    && Math.abs(d[s][order[s][used[s]]]) >= minEffect) {
                int j = order[s][used[s]++];
                w.add(word(features.get(j), d[s][j]));
            }
            words.add(w);
        }
        String[] names = new String[k];
        for (int round = 0; ; round++) {
            for (int s = 0; s < k; s++) {
                names[s] = profiles.get(s).segment() < 0 ? "Noise"
                        : words.get(s).isEmpty() ? TYPICAL : String.join(", ", words.get(s));
            }
            Map<String, List<Integer>> groups = groups(names);
            boolean extended = false;
            for (List<Integer> g : groups.values()) {
                if (g.size() < 2) {
                    continue;
                }
                for (int s : g) {
                    if (profiles.get(s).segment() >= 0 && used[s] < order[s].length) {
                        int j = order[s][used[s]++];
                        words.get(s).add(word(profiles.get(s).featureNames().get(j), d[s][j]));
                        extended = true;
                    }
                }
            }
            if (!extended) {
                break;
            }
        }
        for (List<Integer> g : groups(names).values()) {
            if (g.size() > 1) {
                for (int s : g) {
                    if (profiles.get(s).segment() >= 0) {
                        names[s] = names[s] + " (" + profiles.get(s).segment() + ")";
                    }
                }
            }
        }
        Map<Integer, String> out = new LinkedHashMap<>();
        for (int s = 0; s < k; s++) {
            out.put(profiles.get(s).segment(), names[s]);
        }
        return out;
    }

    private static Map<String, List<Integer>> groups(String[] names) {
        Map<String, List<Integer>> g = new LinkedHashMap<>();
        for (int s = 0; s < names.length; s++) {
            g.computeIfAbsent(names[s].toLowerCase(Locale.ROOT), x -> new ArrayList<>()).add(s);
        }
        return g;
    }

    private static int[] byStrength(double[] d) {
        Integer[] idx = new Integer[d.length];
        for (int j = 0; j < d.length; j++) {
            idx[j] = j;
        }
        Arrays.sort(idx, (a, b) -> {
            double x = Double.isNaN(d[a]) ? -1 : Math.abs(d[a]);
            double y = Double.isNaN(d[b]) ? -1 : Math.abs(d[b]);
            int c = Double.compare(y, x);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int n = 0;
        int[] out = new int[d.length];
        for (Integer j : idx) {
            if (!Double.isNaN(d[j]) && d[j] != 0) {
                out[n++] = j;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private String word(String feature, double d) {
        String[] w = terms.get(feature);
        if (w != null) {
            return d > 0 ? w[0] : w[1];
        }
        return (d > 0 ? "High " : "Low ") + feature;
    }

    /** Settings of an {@link EffectSizeNamer}; each setter checks its argument at once. Not thread-safe. */
    public static final class Builder {
        private final Map<String, String[]> terms = new HashMap<>();
        private int maxTerms = 2;
        private double minEffect = 0.33;

        private Builder() {
        }

        /**
         * The words for a high and a low value of {@code feature} (e.g. "Lapsed" and "Recent" for
         * {@code recency_days}); replaces earlier words for it.
         *
         * @throws IllegalArgumentException when a word is blank or the two are equal
         */
        public Builder term(String feature, String high, String low) {
            Objects.requireNonNull(feature, "feature");
            Objects.requireNonNull(high, "high");
            Objects.requireNonNull(low, "low");
            if (high.isBlank() || low.isBlank()) {
                throw new IllegalArgumentException("words for '" + feature + "' must not be blank but were '" + high
                        + "' and '" + low + "'");
            }
            if (high.equalsIgnoreCase(low)) {
                throw new IllegalArgumentException("words for '" + feature + "' must differ but both were '" + high
                        + "'");
            }
            terms.put(feature, new String[] {high, low});
            return this;
        }

        /**
         * At most this many feature words in a name before uniqueness needs more.
         *
         * @throws IllegalArgumentException when below 1
         */
        public Builder maxTerms(int maxTerms) {
            if (maxTerms < 1) {
                throw new IllegalArgumentException("maxTerms must be >= 1 but was " + maxTerms);
            }
            this.maxTerms = maxTerms;
            return this;
        }

        /**
         * The smallest |delta| that names a segment (default 0.33).
         *
         * @throws IllegalArgumentException when negative or not finite
         */
        public Builder minEffect(double minEffect) {
            if (!(minEffect >= 0) || Double.isInfinite(minEffect)) {
                throw new IllegalArgumentException("minEffect must be finite and >= 0 but was " + minEffect);
            }
            this.minEffect = minEffect;
            return this;
        }

        /** The namer; may be called again. */
        public EffectSizeNamer build() {
            return new EffectSizeNamer(this);
        }
    }

    @Override
    public String toString() {
        return "EffectSizeNamer[maxTerms=" + maxTerms + ", minEffect=" + minEffect + ", terms=" + terms.keySet()
                + "]";
    }
}
