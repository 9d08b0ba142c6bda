/**
 * Fitted steps as plain data, so a persistence module can save and restore any step of a
 * {@link dev.segmentation.SegmentationModel} without depending on the module that defines it (DESIGN.md, "How io
 * persists a step it does not know").
 *
 * <p>A step's state is a {@link dev.segmentation.state.StepState}: a type id, a format version, scalar
 * parameters, named {@code double[]}, {@code int[]} and string lists. A step exposes its state either itself
 * ({@link dev.segmentation.state.Stateful}) or
 * through the {@link dev.segmentation.state.StepFactory} registered for it, and {@link dev.segmentation.state.Steps}
 * rebuilds it through the factories found with {@link java.util.ServiceLoader}. Core registers factories for the
 * fitted scalers ({@code "affine-scaler"}), K-Means ({@code "kmeans"}), HDBSCAN ({@code "hdbscan"}), the RFM
 * extractor ({@code "rfm"}) and PCA
 * ({@code "pca"}); segmentation-nn registers the autoencoder's.
 */
package dev.segmentation.state;
