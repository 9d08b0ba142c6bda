/**
 * Customer lifetime value with the buy-till-you-die models: {@link dev.segmentation.lifetime.CustomerSummary}
 * (frequency, recency, T and monetary value from {@link dev.segmentation.data.Transactions}, in lifetimes'
 * conventions, with a calibration/holdout split), the purchase models {@link dev.segmentation.lifetime.BgNbd} and
 * {@link dev.segmentation.lifetime.ParetoNbd}, the spend model {@link dev.segmentation.lifetime.GammaGamma},
 * discounted {@link dev.segmentation.lifetime.CustomerLifetimeValue} and its aggregation by segment
 * ({@link dev.segmentation.lifetime.SegmentValues}).
 *
 * <p>Fitters are immutable specs with validating builders; {@code fit} returns an immutable model with its
 * {@link dev.segmentation.lifetime.FitDiagnostics}, or throws
 * {@link dev.segmentation.lifetime.ConvergenceException}. Fitted models are saved through
 * {@link dev.segmentation.state.Stateful} (step types {@code "bgnbd"}, {@code "pareto-nbd"}, {@code "gamma-gamma"}).
 * The optimiser and special functions are package-private.
 *
 * <p>Imports {@code data} and {@code state} only (and Commons Math for the special functions); nothing in core
 * depends on this package except the layers above it.
 */
package dev.segmentation.lifetime;
