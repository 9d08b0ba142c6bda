/**
 * Quality of a segmentation and the choice of k: internal indices ({@link dev.segmentation.quality.Silhouette},
 * {@link dev.segmentation.quality.InternalIndices}, {@link dev.segmentation.quality.Dbcv}), external indices
 * ({@link dev.segmentation.quality.ExternalIndices}, {@link dev.segmentation.quality.Contingency}), the k sweep
 * ({@link dev.segmentation.evaluation.KSelection} with {@link dev.segmentation.evaluation.Kneedle}) and segment
 * descriptions ({@link dev.segmentation.quality.SegmentDescriptions}). Definitions follow scikit-learn and
 * hdbscan-py, whose results the tests compare against.
 */
package dev.segmentation.quality;
