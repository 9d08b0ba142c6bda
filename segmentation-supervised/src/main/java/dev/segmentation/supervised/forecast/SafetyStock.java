package dev.segmentation.supervised.forecast;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Safety stock per entity and step at a service level the caller names, two ways:
 * <ul>
 *   <li>{@link #fromQuantiles}: the forecast's quantile at the service level minus its point forecast (the
 *   quantile model's own uncertainty; the level must be one the model forecasts);</li>
 *   <li>{@link #fromGroupErrors}: each group's (segment's or demand class's) backtest errors at that step, each
 *   divided by its series' MASE scale (so SKUs of any size pool), give the service-level quantile q of
 *   (actual - forecast) / scale (linear interpolation between order statistics, as numpy's default); an entity's
 *   safety stock is q times its own scale at the last origin. Volatile groups get more stock.</li>
 * </ul>
 * Both return row-major {@code entities x horizon} arrays; values may be negative when the forecast over-shoots at
 * that level (callers usually floor at 0). Per-step figures, not lead-time sums: summing them over a lead time
 * assumes perfectly correlated errors (an upper bound). Stateless and thread-safe.
 */
public final class SafetyStock {
    private SafetyStock() {
    }

    /**
     * {@code quantile(serviceLevel) - point} for every entity and step.
     *
     * @throws IllegalArgumentException when the forecast has no quantile at {@code serviceLevel}
     */
    public static double[] fromQuantiles(Forecast forecast, double serviceLevel) {
        Objects.requireNonNull(forecast, "forecast");
        double[] levels = forecast.quantileLevels();
        int q = -1;
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] == serviceLevel) {
                q = i;
            }
        }
        if (q < 0) {
            throw new IllegalArgumentException(forecast.method() + " forecasts the quantiles "
                    + Arrays.toString(levels) + ", not the service level " + serviceLevel);
        }
        double[] hi = forecast.quantileArray(q);
        double[] p = forecast.pointArray();
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = hi[i] - p[i];
        }
        return out;
    }

    /**
     * Safety stock from each group's scaled backtest errors of {@code method} (see the class description).
     * Series-folds with a zero scale are left out of their group's errors; an entity whose own last scale is 0
     * gets 0.
     *
     * @throws IllegalArgumentException when the service level is outside (0, 1), the method was not backtested, or
     *     groups does not label every entity, or a group has no scaled error
     */
    public static double[] fromGroupErrors(BacktestResult result, String method, String[] groups,
            double serviceLevel) {
        Objects.requireNonNull(result, "result");
        if (!(serviceLevel > 0 && serviceLevel < 1)) {
            throw new IllegalArgumentException("serviceLevel must lie in (0, 1) but was " + serviceLevel);
        }
        int m = result.methods().indexOf(method);
        if (m < 0) {
            throw new IllegalArgumentException("method " + method + " was not backtested (methods: "
                    + result.methods() + ")");
        }
        int ne = result.entityCount();
        if (groups.length != ne) {
            throw new IllegalArgumentException("groups must have one label per entity (" + ne + ") but has "
                    + groups.length);
        }
        int h = result.horizon();
        int folds = result.origins().length;
        Map<String, double[][]> errors = new HashMap<>();
        Map<String, int[]> counts = new HashMap<>();
        for (int e = 0; e < ne; e++) {
            Objects.requireNonNull(groups[e], "groups[" + e + "]");
            errors.computeIfAbsent(groups[e], g -> new double[h][]);
            counts.computeIfAbsent(groups[e], g -> new int[h]);
        }
        for (var g : errors.entrySet()) {
            for (int k = 0; k < h; k++) {
                g.getValue()[k] = new double[folds * ne];
            }
        }
        for (int f = 0; f < folds; f++) {
            double[] p = result.forecast(m, f).pointArray();
            for (int e = 0; e < ne; e++) {
                double s = result.scale(f, e);
                if (!(s > 0)) {
                    continue;
                }
                double[][] err = errors.get(groups[e]);
                int[] c = counts.get(groups[e]);
                for (int k = 1; k <= h; k++) {
                    err[k - 1][c[k - 1]++] = (result.actual(f, e, k) - p[e * h + k - 1]) / s;
                }
            }
        }
        Map<String, double[]> q = new HashMap<>();
        for (var g : errors.entrySet()) {
            double[] qs = new double[h];
            int[] c = counts.get(g.getKey());
            for (int k = 0; k < h; k++) {
                if (c[k] == 0) {
                    throw new IllegalArgumentException("group " + g.getKey() + " has no series with a positive scale");
                }
                double[] v = Arrays.copyOf(g.getValue()[k], c[k]);
                Arrays.sort(v);
                qs[k] = quantile(v, serviceLevel);
            }
            q.put(g.getKey(), qs);
        }
        double[] out = new double[ne * h];
        for (int e = 0; e < ne; e++) {
            double s = result.scale(folds - 1, e);
            double[] qs = q.get(groups[e]);
            for (int k = 0; k < h; k++) {
                out[e * h + k] = s > 0 ? qs[k] * s : 0;
            }
        }
        return out;
    }

    /** Linear-interpolation quantile of sorted values (numpy's default, Hyndman-Fan type 7). */
    static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
