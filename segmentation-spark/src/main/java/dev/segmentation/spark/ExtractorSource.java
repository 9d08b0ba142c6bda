package dev.segmentation.spark;

import dev.segmentation.features.FeatureExtractor;
import java.io.Serializable;
import java.util.List;

/**
 * Makes the feature extractors on each executor. Core's extractors are immutable configurations but not
 * {@link Serializable} (an RFM extractor may hold an arbitrary cancelled-order predicate), so Spark ships this
 * recipe instead: a serializable lambda such as
 * {@code () -> List.of(Features.rfm(Rfm.builder().cancelledOrderPrefix("C")), Features.demandStats(Period.MONTH))}.
 * It is called once per task and once on the driver (for the column names); every call must return extractors of
 * the same configuration, in the same order.
 */
@FunctionalInterface
public interface ExtractorSource extends Serializable {
    /** The extractors, in output column order. */
    List<FeatureExtractor> extractors();
}
