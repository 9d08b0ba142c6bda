package dev.segmentation.features;

/**
 * Factory methods for the library's {@link FeatureExtractor}s, for use with the fluent segmenter, e.g.
 * {@code Segmenter.builder().features(Features.rfm())}. Every extractor returned is immutable and thread-safe.
 */
public final class Features {
    private Features() {
    }

    /**
     * The default RFM extractor ({@link Rfm#defaults()}): returns excluded, no order flagged as cancelled, recency
     * measured from the day after the last date. For Online Retail style data, flag cancellations with
     * {@code Rfm.builder().cancelledOrders(id -> id.startsWith("C")).build()} or {@link #rfm(Rfm.Builder)}.
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
}
