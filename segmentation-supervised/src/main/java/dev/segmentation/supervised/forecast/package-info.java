/**
 * Demand forecasting per entity (SKU x location) with the segments as strategy: forecasting panels with a
 * hierarchy and covariates ({@link dev.segmentation.supervised.forecast.ForecastPanel}), classical baselines on flat
 * arrays ({@link dev.segmentation.supervised.forecast.Baselines}), rolling-origin backtests with per-segment and
 * per-demand-class metrics and a per-segment strategy plan
 * ({@link dev.segmentation.supervised.forecast.Backtest}, {@link dev.segmentation.supervised.forecast.StrategyPlan}),
 * a global gradient-boosted model with quantiles
 * ({@link dev.segmentation.supervised.forecast.GradientBoostedForecaster}, persisted as
 * {@link dev.segmentation.supervised.forecast.GradientBoostedModel}) and safety stock at a service level
 * ({@link dev.segmentation.supervised.forecast.SafetyStock}).
 *
 * <p>May import core ({@code dev.segmentation.features}, {@code data}, {@code fit}, {@code internal.Parallel}); no
 * XGBoost type appears in a public signature (the engine sits behind a package-private regressor interface).
 */
package dev.segmentation.supervised.forecast;
