/**
 * The step abstraction every stage of a segmentation is built on.
 *
 * <p>A {@link dev.segmentation.pipeline.PipelineStep} is a spec (settings only); fitting it on a
 * {@link dev.segmentation.pipeline.Frame} gives a {@link dev.segmentation.pipeline.FittedStep}, immutable, whose
 * state is plain data ({@link dev.segmentation.state.Steps#state(Object)}), and the frame it produced. Eligibility,
 * every feature extractor, feature filters, scalers, embeddings and clusterers are steps; {@code Segmenter} walks the
 * ordered list once to fit and {@code SegmentationModel} walks the fitted list to score, so timing, progress,
 * cancellation and finite checks live in one loop. A new stage is one spec, one fitted class (often the same class
 * when nothing is learned) and one {@link dev.segmentation.state.StepFactory}.
 *
 * <p>Layering: this package sits on {@code data}, {@code fit} and {@code state}; the step packages
 * ({@code features}, {@code scaling}, {@code embedding}, {@code cluster}) implement it; nothing here imports them.
 */
package dev.segmentation.pipeline;
