package dev.segmentation.supervised.forecast;

import dev.segmentation.features.DemandClass;
import dev.segmentation.fit.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolling-origin evaluation (Tashman 2000): {@code folds} origins, the last at {@code T - horizon} and each earlier
 * one {@code step} periods before the next; at every origin every method is refitted on the history before it and
 * forecasts {@code horizon} periods, which are compared with the actuals. With {@code folds = 3, horizon = 13,
 * step = 13} on a weekly panel the forecasts tile the last 39 weeks.
 *
 * <p>The MASE/RMSSE scale of each series and fold is computed from the history before that fold's origin, with the
 * lag {@link Builder#scaleLag(int)} (1, as in the M5 competition, by default). Each entity's demand class is taken
 * from its history before the first origin.
 *
 * <p>Cost: the sum of the methods' costs over the folds plus O(methods x folds x entities x horizon). Deterministic
 * when the methods are. Immutable and thread-safe.
 */
public final class Backtest {
    private static final Logger LOG = LoggerFactory.getLogger(Backtest.class);

    private final int folds;
    private final int horizon;
    private final int step;
    private final int scaleLag;

    private Backtest(Builder b) {
        this.folds = b.folds;
        this.horizon = b.horizon;
        this.step = b.step;
        this.scaleLag = b.scaleLag;
    }

    /** A builder with folds 3, horizon 13, step = horizon, scale lag 1. */
    public static Builder builder() {
        return new Builder();
    }

    /** The origins on a panel of {@code periods} periods, oldest first. */
    public int[] origins(int periods) {
        int[] o = new int[folds];
        for (int k = 0; k < folds; k++) {
            o[k] = periods - horizon - (folds - 1 - k) * step;
        }
        return o;
    }

    /**
     * Runs every method at every origin.
     *
     * @throws IllegalArgumentException when a method cannot forecast from the first origin (naming the method, its
     *     history and the origin), when no method is given or two share a name
     */
    public BacktestResult run(ForecastPanel panel, List<? extends ForecastMethod> methods, ProgressListener listener) {
        Objects.requireNonNull(panel, "panel");
        Objects.requireNonNull(listener, "listener");
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("no method to backtest");
        }
        final int T = panel.periodCount();
        final int ne = panel.entityCount();
        int[] origins = origins(T);
        List<String> names = new ArrayList<>();
        for (ForecastMethod m : methods) {
            if (names.contains(m.name())) {
                throw new IllegalArgumentException("two methods are named " + m.name());
            }
            names.add(m.name());
            if (origins[0] < Math.max(m.minHistory(), 1)) {
                throw new IllegalArgumentException(m.name() + " needs " + m.minHistory() + " periods of history but "
                        + "the first origin is " + origins[0] + " (" + T + " periods, " + folds + " folds, horizon "
                        + horizon + ", step " + step + ")");
            }
        }
        double[] y = panel.valueArray();
        double[] actual = new double[folds * ne * horizon];
        double[] s1 = new double[folds * ne];
        double[] s2 = new double[folds * ne];
        for (int f = 0; f < folds; f++) {
            int o = origins[f];
            for (int e = 0; e < ne; e++) {
                System.arraycopy(y, e * T + o, actual, (f * ne + e) * horizon, horizon);
                double a = 0;
                double q = 0;
                int n = 0;
                for (int t = scaleLag; t < o; t++) {
                    double d = y[e * T + t] - y[e * T + t - scaleLag];
                    a += Math.abs(d);
                    q += d * d;
                    n++;
                }
                s1[f * ne + e] = n == 0 ? 0 : a / n;
                s2[f * ne + e] = n == 0 ? 0 : q / n;
            }
        }
        String[] classes = new String[ne];
        for (int e = 0; e < ne; e++) {
            DemandClass c = DemandClasses.of(y, e * T, origins[0]);
            classes[e] = c.label();
        }
        Forecast[][] forecasts = new Forecast[methods.size()][folds];
        long total = (long) methods.size() * folds;
        long done = 0;
        for (int f = 0; f < folds; f++) {
            for (int m = 0; m < methods.size(); m++) {
                long start = System.nanoTime();
                Forecast fc = methods.get(m).forecast(panel, origins[f], horizon);
                if (fc.entityCount() != ne || fc.horizon() != horizon) {
                    throw new IllegalStateException(names.get(m) + " returned " + fc + " for " + ne + " entities x "
                            + horizon + " steps");
                }
                forecasts[m][f] = fc;
                LOG.debug("{} at origin {}: {} ms", names.get(m), origins[f], (System.nanoTime() - start) / 1e6);
                listener.progress("backtest", ++done, total);
            }
        }
        return new BacktestResult(panel.entityIds().toArray(new String[0]), names.toArray(new String[0]), origins,
                horizon, actual, s1, s2, classes, forecasts);
    }

    /** Runs without progress reports. */
    public BacktestResult run(ForecastPanel panel, List<? extends ForecastMethod> methods) {
        return run(panel, methods, ProgressListener.NONE);
    }

    @Override
    public String toString() {
        return "Backtest[folds " + folds + ", horizon " + horizon + ", step " + step + ", scale lag " + scaleLag + "]";
    }

    /** Settings of a {@link Backtest}; each setter validates its argument at once. */
    public static final class Builder {
        private int folds = 3;
        private int horizon = 13;
        private int step = -1;
        private int scaleLag = 1;

        private Builder() {
        }

        private static int positive(String name, int v) {
            if (v < 1) {
                throw new IllegalArgumentException(name + " must be >= 1 but was " + v);
            }
            return v;
        }

        /** Number of origins K. */
        public Builder folds(int folds) {
            this.folds = positive("folds", folds);
            return this;
        }

        /** Steps forecast from each origin H. */
        public Builder horizon(int horizon) {
            this.horizon = positive("horizon", horizon);
            return this;
        }

        /** Periods between consecutive origins (default: the horizon). */
        public Builder step(int step) {
            this.step = positive("step", step);
            return this;
        }

        /** The lag m of the MASE/RMSSE scale (1: one-step naive, as in M5; 52 for weekly seasonal naive). */
        public Builder scaleLag(int scaleLag) {
            this.scaleLag = positive("scaleLag", scaleLag);
            return this;
        }

        /** The backtest; may be called again and never changes the builder. */
        public Backtest build() {
            Builder b = new Builder();
            b.folds = folds;
            b.horizon = horizon;
            b.step = step < 0 ? horizon : step;
            b.scaleLag = scaleLag;
            return new Backtest(b);
        }
    }
}
