package dev.segmentation.supervised.forecast;

/**
 * The gradient-boosting engine behind {@link GradientBoostedForecaster}, kept behind this package-private interface
 * so that the module's shared regressor can replace the XGBoost glue ({@link XgbQuantileRegressor}) in one place.
 * Data is a flat row-major {@code rows x cols} float matrix; NaN is a missing value.
 */
interface QuantileEngine {
    /**
     * Trains one model that predicts the given quantile levels of {@code y} (pinball loss).
     *
     * @param weight per row, a non-negative weight of its loss, or null for equal weights
     * @param categorical per column, whether its values are category codes (non-negative integers)
     */
    Fitted fit(float[] x, int rows, int cols, float[] y, float[] weight, boolean[] categorical, double[] quantiles);

    /** A trained model. Thread-safe for {@link #predict}. */
    interface Fitted extends AutoCloseable {
        /** Predictions, {@code rows x quantiles} row-major. */
        float[] predict(float[] x, int rows, int cols);

        /** The model as bytes (the engine's own format), for persistence. */
        byte[] toBytes();

        @Override
        void close();
    }
}
