package dev.segmentation.supervised.forecast;

import dev.segmentation.internal.Parallel;
import java.util.Objects;

/**
 * The classical baselines as {@link ForecastMethod}s, each fitted per series on the history before the origin (the
 * kernels are in {@link Baselines}, where their definitions and references are given). SES and Holt-Winters refit
 * their smoothing parameters at every origin.
 *
 * <p>Cost per origin: O(entities x kernel cost), in parallel over fixed blocks of entities; each entity's forecasts
 * are written by one task, so the bits do not depend on the thread count. Immutable and thread-safe.
 */
public final class Baseline implements ForecastMethod {
    private static final int ENTITIES_PER_BLOCK = 64;

    private enum Kind {
        NAIVE, SEASONAL_NAIVE, MOVING_AVERAGE, SES, HOLT_WINTERS, HOLT_WINTERS_MULTIPLICATIVE, CROSTON, SBA,
        CROSTON_FITTED, SBA_FITTED
    }

    private final Kind kind;
    private final int param;
    private final double alpha;
    private final int threads;

    private Baseline(Kind kind, int param, double alpha, int threads) {
        this.kind = kind;
        this.param = param;
        this.alpha = alpha;
        this.threads = threads;
    }

    /** The last value. */
    public static Baseline naive() {
        return new Baseline(Kind.NAIVE, 0, 0, 1);
    }

    /** The value one season before. @throws IllegalArgumentException when m &lt; 1 */
    public static Baseline seasonalNaive(int m) {
        return new Baseline(Kind.SEASONAL_NAIVE, positive("m", m), 0, 1);
    }

    /** The mean of the last {@code w} values. @throws IllegalArgumentException when w &lt; 1 */
    public static Baseline movingAverage(int w) {
        return new Baseline(Kind.MOVING_AVERAGE, positive("w", w), 0, 1);
    }

    /** Simple exponential smoothing, alpha fitted per series and origin. */
    public static Baseline ses() {
        return new Baseline(Kind.SES, 0, 0, 1);
    }

    /** Additive Holt-Winters with season {@code m}, parameters fitted per series and origin. */
    public static Baseline holtWinters(int m) {
        return new Baseline(Kind.HOLT_WINTERS, positive("m", m), 0, 1);
    }

    /**
     * Multiplicative-seasonal Holt-Winters with season {@code m}, parameters fitted per series and origin
     * ({@link Baselines#fitHoltWintersMultiplicative}). Policy for a series whose history has a value that is not
     * positive (multiplicative seasonality is undefined there): it gets the additive method, fitted the same way.
     *
     * @throws IllegalArgumentException when m &lt; 1
     */
    public static Baseline holtWintersMultiplicative(int m) {
        return new Baseline(Kind.HOLT_WINTERS_MULTIPLICATIVE, positive("m", m), 0, 1);
    }

    /** Croston's method with smoothing fitted per series and origin ({@link Baselines#fitCroston}). */
    public static Baseline crostonFitted() {
        return new Baseline(Kind.CROSTON_FITTED, 0, 0, 1);
    }

    /** SBA with smoothing fitted per series and origin ({@link Baselines#fitCroston} with sba = true). */
    public static Baseline sbaFitted() {
        return new Baseline(Kind.SBA_FITTED, 0, 0, 1);
    }

    /** Croston's method with smoothing {@code alpha}. @throws IllegalArgumentException unless 0 &lt; alpha &lt;= 1 */
    public static Baseline croston(double alpha) {
        return new Baseline(Kind.CROSTON, 0, unit(alpha), 1);
    }

    /** The Syntetos-Boylan approximation with smoothing {@code alpha}. @throws IllegalArgumentException as croston */
    public static Baseline sba(double alpha) {
        return new Baseline(Kind.SBA, 0, unit(alpha), 1);
    }

    /** The same method run on {@code threads} threads. @throws IllegalArgumentException when threads &lt; 1 */
    public Baseline withThreads(int threads) {
        return new Baseline(kind, param, alpha, positive("threads", threads));
    }

    private static int positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1 but was " + v);
        }
        return v;
    }

    private static double unit(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must lie in (0, 1] but was " + alpha);
        }
        return alpha;
    }

    @Override
    public String name() {
        switch (kind) {
            case NAIVE:
                return "naive";
            case SEASONAL_NAIVE:
                return "seasonal_naive_" + param;
            case MOVING_AVERAGE:
                return "moving_average_" + param;
            case SES:
                return "ses";
            case HOLT_WINTERS:
                return "holt_winters_" + param;
            case HOLT_WINTERS_MULTIPLICATIVE:
                return "holt_winters_multiplicative_" + param;
            case CROSTON:
                return "croston_" + alpha;
            case CROSTON_FITTED:
                return "croston_fitted";
            case SBA_FITTED:
                return "sba_fitted";
            default:
                return "sba_" + alpha;
        }
    }

    @Override
    public int minHistory() {
        switch (kind) {
            case SEASONAL_NAIVE:
            case MOVING_AVERAGE:
                return param;
            case HOLT_WINTERS:
            case HOLT_WINTERS_MULTIPLICATIVE:
                return 2 * param;
            default:
                return 1;
        }
    }

    @Override
    public Forecast forecast(ForecastPanel panel, int origin, int horizon) {
        ForecastMethod.checkOrigin(this, panel, origin, horizon);
        final int ne = panel.entityCount();
        final int periods = panel.periodCount();
        final double[] y = panel.valueArray();
        final double[] out = new double[ne * horizon];
        Parallel.forEachBlock(Parallel.blocks(ne, ENTITIES_PER_BLOCK), threads, b -> {
            int to = Math.min(ne, (b + 1) * ENTITIES_PER_BLOCK);
            for (int e = b * ENTITIES_PER_BLOCK; e < to; e++) {
                forecastOne(y, e * periods, origin, horizon, out, e * horizon);
            }
        });
        return new Forecast(name(), origin, ne, horizon, out);
    }

    void forecastOne(double[] y, int from, int n, int h, double[] out, int o) {
        switch (kind) {
            case NAIVE:
                Baselines.naive(y, from, n, h, out, o);
                break;
            case SEASONAL_NAIVE:
                Baselines.seasonalNaive(y, from, n, param, h, out, o);
                break;
            case MOVING_AVERAGE:
                Baselines.movingAverage(y, from, n, param, h, out, o);
                break;
            case SES:
                Baselines.ses(y, from, n, Baselines.fitSes(y, from, n), h, out, o);
                break;
            case HOLT_WINTERS: {
                double[] p = Baselines.fitHoltWinters(y, from, n, param);
                Baselines.holtWintersAdditive(y, from, n, param, p[0], p[1], p[2], h, out, o);
                break;
            }
            case HOLT_WINTERS_MULTIPLICATIVE: {
                if (Baselines.allPositive(y, from, n)) {
                    double[] p = Baselines.fitHoltWintersMultiplicative(y, from, n, param);
                    Baselines.holtWintersMultiplicative(y, from, n, param, p[0], p[1], p[2], h, out, o);
                } else {
                    double[] p = Baselines.fitHoltWinters(y, from, n, param);
                    Baselines.holtWintersAdditive(y, from, n, param, p[0], p[1], p[2], h, out, o);
                }
                break;
            }
            case CROSTON:
                Baselines.croston(y, from, n, alpha, false, h, out, o);
                break;
            case CROSTON_FITTED:
                Baselines.croston(y, from, n, Baselines.fitCroston(y, from, n, false), false, h, out, o);
                break;
            case SBA_FITTED:
                Baselines.croston(y, from, n, Baselines.fitCroston(y, from, n, true), true, h, out, o);
                break;
            default:
                Baselines.croston(y, from, n, alpha, true, h, out, o);
        }
    }

    @Override
    public String toString() {
        return "Baseline[" + name() + ", threads " + threads + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Baseline && ((Baseline) o).kind == kind && ((Baseline) o).param == param
                && ((Baseline) o).alpha == alpha;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, param, alpha);
    }
}
