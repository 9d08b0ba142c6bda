/**
 * Demand forecasting per entity (SKU x location) with the segments as strategy: forecasting panels with a
 * hierarchy and covariates ({@link dev.segmentation.supervised.forecast.ForecastPanel}), classical baselines on flat
 * arrays ({@link dev.segmentation.supervised.forecast.Baselines}), rolling-origin backtests with per-segment and
 * per-demand-class metrics and a per-segment strategy plan
 * ({@link dev.segmentation.supervised.forecast.Backtest}, {@link dev.segmentation.supervised.forecast.StrategyPlan}),
 * a global gradient-boosted model with quantiles
 * ({@link dev.segmentation.supervised.forecast.GradientBoostedForecaster}, persisted as
 * {@link dev.segmentation.supervised.forecast.GradientBoostedModel}) and safety stock at a service level
 * ({@link dev.segmentation.supervised.forecast.SafetyStock}). The fitted model persists as a step
 * ({@link dev.segmentation.supervised.forecast.GradientBoostedForecasterStepFactory}); forecasts leave as plain rows,
 * CSV and JSON ({@link dev.segmentation.supervised.forecast.ForecastTable}) and as charts
 * ({@link dev.segmentation.supervised.forecast.ForecastCharts}, XChart).
 *
 * <p>May import core ({@code dev.segmentation.features}, {@code data}, {@code fit}, {@code internal.Parallel}, {@code state}) and XChart (charts only); no
 * XGBoost type appears in a public signature (the engine sits behind a package-private regressor interface).
 */
package dev.segmentation.supervised.forecast;
