/**
 * Segments that survive retraining: the migration between two refits split into behaviour change and model change
 * ({@link dev.segmentation.refresh.DecomposedMigration}), warm-started refits
 * ({@link dev.segmentation.refresh.WarmStart}, {@link dev.segmentation.refresh.Hysteresis}, and
 * {@link dev.segmentation.refresh.BoundedRefit}: the least model change within an inertia budget of a cold refit),
 * the lineage of density clusters between refits ({@link dev.segmentation.refresh.ClusterLineage}) and the policy
 * that decides between re-scoring with the saved model and refitting ({@link dev.segmentation.refresh.RefreshPolicy}).
 *
 * <p>This package sits on top of core: it may import the root package ({@code SegmentationModel}), {@code stability},
 * {@code evaluation}, {@code cluster}, {@code scaling}, {@code pipeline} and {@code state}; no other core package
 * imports it.
 */
package dev.segmentation.refresh;
