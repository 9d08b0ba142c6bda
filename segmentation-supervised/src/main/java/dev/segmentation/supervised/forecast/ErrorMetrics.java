package dev.segmentation.supervised.forecast;

import java.util.Arrays;

/**
 * Forecast accuracy of one method over one group of series (pooled over entities, folds and steps).
 *
 * <ul>
 *   <li>{@code mae} = mean |e|, {@code rmse} = sqrt(mean e^2), with e = forecast - actual;</li>
 *   <li>{@code wape} = sum |e| / sum |actual|; {@code bias} = sum e / sum |actual| (positive: over-forecast);</li>
 *   <li>{@code r2} = 1 - sum e^2 / sum (actual - mean actual)^2 over the group's cells;</li>
 *   <li>{@code smape} = mean of 200 |e| / (|actual| + |forecast|) in percent, a cell with both 0 counting 0;</li>
 *   <li>{@code mase} and {@code rmsse} (Hyndman and Koehler 2006; the M5 competition): per series and fold,
 *   mean |e| / s1 and sqrt(mean e^2 / s2), where s1 and s2 are the mean absolute and mean squared lag-m differences
 *   of the history before the origin; averaged over the series-folds whose scale is positive
 *   ({@link #unscaledSeries()} counts the others);</li>
 *   <li>{@code pinball(q)} = mean of max(q (y - f_q), (q - 1) (y - f_q)) for each quantile level the method makes.</li>
 * </ul>
 * Immutable.
 */
public final class ErrorMetrics {
    private final String group;
    private final String method;
    private final int series;
    private final long cells;
    private final double mae;
    private final double rmse;
    private final double wape;
    private final double bias;
    private final double r2;
    private final double smape;
    private final double mase;
    private final double rmsse;
    private final int unscaled;
    private final double[] levels;
    private final double[] pinball;

    ErrorMetrics(String group, String method, int series, long cells, double mae, double rmse, double wape,
            double bias, double r2, double smape, double mase, double rmsse, int unscaled, double[] levels,
            double[] pinball) {
        this.group = group;
        this.method = method;
        this.series = series;
        this.cells = cells;
        this.mae = mae;
        this.rmse = rmse;
        this.wape = wape;
        this.bias = bias;
        this.r2 = r2;
        this.smape = smape;
        this.mase = mase;
        this.rmsse = rmsse;
        this.unscaled = unscaled;
        this.levels = levels;
        this.pinball = pinball;
    }

    /** The group (segment, demand class or {@code all}). */
    public String group() {
        return group;
    }

    /** The method's name. */
    public String method() {
        return method;
    }

    /** Number of series in the group. */
    public int series() {
        return series;
    }

    /** Number of forecast cells (series x folds x steps). */
    public long cells() {
        return cells;
    }

    /** Mean absolute error. */
    public double mae() {
        return mae;
    }

    /** Root mean squared error. */
    public double rmse() {
        return rmse;
    }

    /** Weighted absolute percentage error, as a fraction. */
    public double wape() {
        return wape;
    }

    /** Sum of errors over sum of |actuals| (positive: over-forecast). */
    public double bias() {
        return bias;
    }

    /** Coefficient of determination over the group's cells. */
    public double r2() {
        return r2;
    }

    /** Symmetric MAPE in percent. */
    public double smape() {
        return smape;
    }

    /** Mean absolute scaled error (mean over scaled series-folds; NaN when none is scaled). */
    public double mase() {
        return mase;
    }

    /** Root mean squared scaled error (mean over scaled series-folds; NaN when none is scaled). */
    public double rmsse() {
        return rmsse;
    }

    /** Series-folds left out of MASE and RMSSE because their history has a zero scale. */
    public int unscaledSeries() {
        return unscaled;
    }

    /** The quantile levels with a pinball loss (empty for point-only methods). */
    public double[] quantileLevels() {
        return levels.clone();
    }

    /** Mean pinball loss per quantile level, in the order of {@link #quantileLevels()}. */
    public double[] pinball() {
        return pinball.clone();
    }

    /** Header of {@link #toCsvRow()}. */
    public static String csvHeader() {
        return "group,method,series,cells,wape,mase,rmsse,r2,bias,mae,rmse,smape,unscaled_series,pinball";
    }

    /** One CSV row (pinball as {@code q:loss} pairs separated by {@code ;}). */
    public String toCsvRow() {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < levels.length; i++) {
            p.append(i == 0 ? "" : ";").append(levels[i]).append(':').append(pinball[i]);
        }
        return group + "," + method + "," + series + "," + cells + "," + wape + "," + mase + "," + rmsse + "," + r2
                + "," + bias + "," + mae + "," + rmse + "," + smape + "," + unscaled + "," + p;
    }

    @Override
    public String toString() {
        return String.format("%s %s: WAPE %.4f MASE %.4f RMSSE %.4f R2 %.4f bias %+.4f (%d series)%s", group, method,
                wape, mase, rmsse, r2, bias, series, levels.length == 0 ? ""
                        : " pinball " + Arrays.toString(pinball));
    }
}
