/**
 * Customer lifetime value with the buy-till-you-die models: {@link dev.segmentation.lifetime.CustomerSummary}
 * (frequency, recency, T and monetary value from {@link dev.segmentation.data.Transactions}, in lifetimes'
 * conventions, with a calibration/holdout split), the purchase models {@link dev.segmentation.lifetime.BgNbd} and
 * {@link dev.segmentation.lifetime.ParetoNbd}, the spend model {@link dev.segmentation.lifetime.GammaGamma},
 * discounted {@link dev.segmentation.lifetime.CustomerLifetimeValue} (lifetimes' monthly convention or continuous),
 * batch scoring ({@link dev.segmentation.lifetime.LifetimePredictor} into
 * {@link dev.segmentation.lifetime.LifetimeValues}, which {@code SegmentationModel.profiles(LifetimeValues)} turns
 * into per-segment lifetime sections), its aggregation by segment ({@link dev.segmentation.lifetime.SegmentValues}),
 * and the feature step {@link dev.segmentation.lifetime.LifetimeFeatures} (step type {@code "lifetime-features"}).
 *
 * <p>Fitters are immutable specs with validating builders; {@code fit} returns an immutable model with its
 * {@link dev.segmentation.lifetime.FitDiagnostics}, or throws
 * {@link dev.segmentation.lifetime.ConvergenceException}. Fitted models are saved through
 * {@link dev.segmentation.state.Stateful} (step types {@code "bgnbd"}, {@code "pareto-nbd"}, {@code "gamma-gamma"}).
 * The optimiser and special functions are package-private.
 *
 * <p>Imports {@code data}, {@code state}, {@code fit}, {@code pipeline}, {@code internal} (block parallelism) and
 * {@code features} (the extractor interface), and Commons Math for the special functions; nothing in core depends on
 * this package except the root package above it.
 */
package dev.segmentation.lifetime;
