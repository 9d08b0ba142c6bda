package dev.segmentation.supervised.forecast;

import java.util.Arrays;
import java.util.Objects;

/**
 * Forecasts of every entity of a panel for {@code horizon} periods from an origin: point forecasts and, for models
 * that make them, quantile forecasts. Row-major {@code entities x horizon}. Immutable; accessors return copies.
 */
public final class Forecast {
    private final String method;
    private final int origin;
    private final int entities;
    private final int horizon;
    private final double[] point;
    private final double[] levels;
    private final double[][] quantiles;

    Forecast(String method, int origin, int entities, int horizon, double[] point, double[] levels,
            double[][] quantiles) {
        this.method = method;
        this.origin = origin;
        this.entities = entities;
        this.horizon = horizon;
        this.point = point;
        this.levels = levels;
        this.quantiles = quantiles;
        for (int i = 0; i < point.length; i++) {
            if (!Double.isFinite(point[i])) {
                throw new IllegalStateException(method + " made a non-finite forecast for entity " + i / horizon
                        + ", step " + (i % horizon + 1) + " from origin " + origin + ": " + point[i]);
            }
        }
    }

    Forecast(String method, int origin, int entities, int horizon, double[] point) {
        this(method, origin, entities, horizon, point, new double[0], new double[0][]);
    }

    /** The method's name. */
    public String method() {
        return method;
    }

    /** The origin (first forecast time). */
    public int origin() {
        return origin;
    }

    /** Number of entities. */
    public int entityCount() {
        return entities;
    }

    /** Number of steps. */
    public int horizon() {
        return horizon;
    }

    /** Point forecast of entity {@code e} at step {@code k} (1-based). */
    public double point(int e, int k) {
        Objects.checkIndex(k - 1, horizon);
        return point[e * horizon + k - 1];
    }

    /** A copy of the point forecasts, row-major entities x horizon. */
    public double[] points() {
        return point.clone();
    }

    /** The quantile levels (empty when the method makes none). */
    public double[] quantileLevels() {
        return levels.clone();
    }

    /**
     * A copy of the forecasts of quantile level {@code levels[q]}, row-major entities x horizon.
     *
     * @throws IndexOutOfBoundsException when q is not a level index
     */
    public double[] quantiles(int q) {
        return quantiles[q].clone();
    }

    double[] pointArray() {
        return point;
    }

    double[] quantileArray(int q) {
        return quantiles[q];
    }

    @Override
    public String toString() {
        return "Forecast[" + method + ", origin " + origin + ", " + entities + " entities x " + horizon
                + " steps, quantiles " + Arrays.toString(levels) + "]";
    }
}
