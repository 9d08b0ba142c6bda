/**
 * Segments across resamples and refits: per-segment bootstrap stability
 * ({@link dev.segmentation.evaluation.BootstrapStability}), seed-to-seed agreement
 * ({@link dev.segmentation.evaluation.SeedStability}), stable segment IDs
 * ({@link dev.segmentation.stability.SegmentAlignment}), migration between segmentations
 * ({@link dev.segmentation.stability.Migration}) and feature drift ({@link dev.segmentation.stability.Drift}).
 */
package dev.segmentation.stability;
