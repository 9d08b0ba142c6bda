package dev.segmentation.supervised.forecast;

import dev.segmentation.features.DemandClass;
import dev.segmentation.internal.Parallel;
import dev.segmentation.supervised.forecast.ForecastPanel.Availability;
import dev.segmentation.supervised.forecast.ForecastPanel.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A global gradient-boosted forecaster: one model for all series and all steps, trained on the history before the
 * origin, predicting quantiles (P10/P50/P90 by default; the point forecast is the median).
 *
 * <p><b>Strategy: direct, pooled over horizons.</b> A training row is (series e, origin t, step h) with features
 * computed only from what is known at t, and target y[t + h - 1]; the step h is a feature. Rows exist for the most
 * recent {@link Builder#trainingOrigins(int)} origins (every {@link Builder#originStride(int)}-th) of each step whose
 * target lies before the forecast origin. Forecasting builds the rows (e, origin, h) for h = 1..H and predicts them
 * at once: no forecast is fed back as an input (not recursive).
 *
 * <p><b>Features</b> of a row (origin t, step h, target time t + h - 1):
 * <ul>
 *   <li>{@code h}; {@code log1p(scale)}, the series level;</li>
 *   <li>lags y[t - l] for each configured l; seasonal lags y[t + h - 1 - m + d], d = -1, 0, 1 (missing when not
 *   before t);</li>
 *   <li>rolling mean and standard deviation of the last w values before t, for each configured w;</li>
 *   <li>{@link CalendarFeatures} of the target period; known-in-advance covariates at the target period; observed
 *   covariates at t - 1 (their last observed value);</li>
 *   <li>categorical: the segment label (when given), the Syntetos-Boylan class of the history before the forecast
 *   origin, and each hierarchy level of the panel.</li>
 * </ul>
 * Demand values enter transformed: divided by the series scale (mean |y| over the last {@code scaleWindow} periods
 * before t; 1 when 0) when {@link Builder#scaleBySeries(boolean)}, then through a signed log1p
 * (sign(v) log(1 + |v|)) when {@link Builder#log1p(boolean)}; the target the same way, and predictions are mapped
 * back. Quantile predictions of a row are sorted (rearrangement) so they never cross.
 *
 * <p><b>Cost.</b> Feature building O(rows x (lags + sum of windows)) in parallel over fixed entity blocks; training is
 * XGBoost's histogram method, about O(rounds x rows x features). <b>Determinism:</b> the same panel, origin, seed
 * and settings give the same bits for any {@link Builder#threads(int)} (our feature blocks are fixed; XGBoost's hist
 * training was checked to give the same bits on 1 and 2 threads). Immutable and thread-safe.
 */
public final class GradientBoostedForecaster implements ForecastMethod {
    private static final Logger LOG = LoggerFactory.getLogger(GradientBoostedForecaster.class);
    private static final int ENTITIES_PER_BLOCK = 32;

    private final int[] lags;
    private final int seasonLength;
    private final int[] windows;
    private final int scaleWindow;
    private final boolean scale;
    private final boolean log1p;
    private final int maxHorizon;
    private final int trainingOrigins;
    private final int originStride;
    private final double[] quantiles;
    private final Map<String, String> segments;
    private final boolean demandClassFeature;
    private final int rounds;
    private final int maxDepth;
    private final double eta;
    private final double minChildWeight;
    private final long seed;
    private final int threads;
    private final String name;
    private final int seasonalNeighbourhood;
    private final int[] growthWindows;
    private final boolean seasonalCovariates;
    private final boolean easter;
    private final boolean weightByScale;

    private GradientBoostedForecaster(Builder b) {
        this.lags = b.lags.clone();
        this.seasonLength = b.seasonLength;
        this.windows = b.windows.clone();
        this.scaleWindow = b.scaleWindow;
        this.scale = b.scale;
        this.log1p = b.log1p;
        this.maxHorizon = b.maxHorizon;
        this.trainingOrigins = b.trainingOrigins;
        this.originStride = b.originStride;
        this.quantiles = b.quantiles.clone();
        this.segments = b.segments == null ? null : Map.copyOf(b.segments);
        this.demandClassFeature = b.demandClass;
        this.rounds = b.rounds;
        this.maxDepth = b.maxDepth;
        this.eta = b.eta;
        this.minChildWeight = b.minChildWeight;
        this.seed = b.seed;
        this.threads = b.threads;
        this.name = b.name;
        this.seasonalNeighbourhood = b.seasonalNeighbourhood;
        this.growthWindows = b.growthWindows.clone();
        this.seasonalCovariates = b.seasonalCovariates;
        this.easter = b.easter;
        this.weightByScale = b.weightByScale;
    }

    /** A builder with the defaults listed on its setters. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    /** The smallest origin with one training row: the first origin with a lag-1 value, plus the largest step. */
    @Override
    public int minHistory() {
        return 1 + maxHorizon;
    }

    /** The quantile levels (sorted; 0.5 among them). */
    public double[] quantiles() {
        return quantiles.clone();
    }

    /** The feature names, in column order, for a panel. */
    public List<String> featureNames(ForecastPanel panel) {
        return new Layout(panel).names;
    }

    /**
     * Fits at {@code origin} and forecasts {@code horizon} steps (see {@link #fit}).
     */
    @Override
    public Forecast forecast(ForecastPanel panel, int origin, int horizon) {
        ForecastMethod.checkOrigin(this, panel, origin, horizon);
        if (horizon > maxHorizon) {
            throw new IllegalArgumentException("horizon " + horizon + " exceeds the trained maximum horizon "
                    + maxHorizon);
        }
        try (GradientBoostedModel m = fit(panel, origin)) {
            return m.forecast(panel, horizon);
        }
    }

    /**
     * Trains the model on the history of {@code panel} before {@code origin} (see the class description for the
     * training rows).
     *
     * @throws IllegalArgumentException when {@code origin < minHistory()} or after the panel, or an entity lacks a
     *     segment label
     */
    public GradientBoostedModel fit(ForecastPanel panel, int origin) {
        ForecastMethod.checkOrigin(this, panel, origin, 1);
        Layout lay = new Layout(panel);
        final int ne = panel.entityCount();
        int[] seg = lay.segmentCodes(panel);
        int[] cls = demandClassCodes(panel, origin);
        int[][] levels = lay.levelCodes(panel);
        // training rows: (t, h) pairs shared by all entities
        List<int[]> pairs = new ArrayList<>();
        for (int h = 1; h <= maxHorizon; h++) {
            for (int j = 0; j < trainingOrigins; j++) {
                int t = origin - h - j * originStride;
                if (t < 1) {
                    break;
                }
                pairs.add(new int[] {t, h});
            }
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException(name + ": no training row before origin " + origin);
        }
        final int np = pairs.size();
        final int cols = lay.cols;
        long rows = (long) ne * np;
        if (rows * cols > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(name + ": " + rows + " training rows x " + cols + " features do not fit "
                    + "one array; lower trainingOrigins or raise originStride");
        }
        float[] x = new float[(int) rows * cols];
        float[] target = new float[(int) rows];
        float[] weight = weightByScale ? new float[(int) rows] : null;
        int[] tOf = new int[np];
        int[] hOf = new int[np];
        for (int p = 0; p < np; p++) {
            tOf[p] = pairs.get(p)[0];
            hOf[p] = pairs.get(p)[1];
        }
        long start = System.nanoTime();
        final double[] y = panel.valueArray();
        final int T = panel.periodCount();
        Parallel.forEachBlock(Parallel.blocks(ne, ENTITIES_PER_BLOCK), threads, b -> {
            double[] buf = new double[cols];
            int to = Math.min(ne, (b + 1) * ENTITIES_PER_BLOCK);
            for (int e = b * ENTITIES_PER_BLOCK; e < to; e++) {
                for (int p = 0; p < np; p++) {
                    int row = e * np + p;
                    double s = row(panel, e, tOf[p], hOf[p], seg, cls, levels, buf);
                    for (int c = 0; c < cols; c++) {
                        x[row * cols + c] = (float) buf[c];
                    }
                    target[row] = (float) transform(y[e * T + tOf[p] + hOf[p] - 1], s);
                    if (weight != null) {
                        weight[row] = (float) s;
                    }
                }
            }
        });
        long featureNanos = System.nanoTime() - start;
        LOG.debug("{}: {} training rows x {} features built in {} ms", name, rows, cols, featureNanos / 1_000_000);
        start = System.nanoTime();
        QuantileEngine.Fitted model = new XgbQuantileRegressor(rounds, maxDepth, eta, minChildWeight, seed, threads)
                .fit(x, (int) rows, cols, target, weight, lay.categorical, quantiles);
        long trainingNanos = System.nanoTime() - start;
        LOG.debug("{}: trained in {} ms", name, trainingNanos / 1_000_000);
        return new GradientBoostedModel(this, panel.period(), panel.firstPeriod(), origin, lay.names, lay.categorical,
                lay.segmentCodes, lay.levels, lay.levelMaps, model, rows, featureNanos, trainingNanos);
    }

    Forecast predict(ForecastPanel panel, int cols, QuantileEngine.Fitted model, int origin, int horizon, int[] seg,
            int[] cls, int[][] levels) {
        final int ne = panel.entityCount();
        final int nq = quantiles.length;
        float[] x = new float[ne * horizon * cols];
        double[] scales = new double[ne];
        double[] buf = new double[cols];
        for (int e = 0; e < ne; e++) {
            for (int h = 1; h <= horizon; h++) {
                scales[e] = row(panel, e, origin, h, seg, cls, levels, buf);
                int r = e * horizon + h - 1;
                for (int c = 0; c < cols; c++) {
                    x[r * cols + c] = (float) buf[c];
                }
            }
        }
        float[] p = model.predict(x, ne * horizon, cols);
        double[][] q = new double[nq][ne * horizon];
        double[] point = new double[ne * horizon];
        int median = Arrays.binarySearch(quantiles, 0.5);
        double[] v = new double[nq];
        for (int r = 0; r < ne * horizon; r++) {
            for (int k = 0; k < nq; k++) {
                v[k] = inverse(p[r * nq + k], scales[r / horizon]);
            }
            Arrays.sort(v);
            for (int k = 0; k < nq; k++) {
                q[k][r] = v[k];
            }
            point[r] = v[median];
        }
        return new Forecast(name, origin, ne, horizon, point, quantiles.clone(), q);
    }

    double transform(double v, double s) {
        double u = v / s;
        return log1p ? Math.copySign(Math.log1p(Math.abs(u)), u) : u;
    }

    double inverse(double u, double s) {
        double v = log1p ? Math.copySign(Math.expm1(Math.abs(u)), u) : u;
        return v * s;
    }

    /** Series scale at origin t (1 when scaling is off or the recent history is all 0). */
    double scaleAt(double[] y, int off, int t) {
        if (!scale) {
            return 1;
        }
        int from = Math.max(0, t - scaleWindow);
        double s = 0;
        for (int i = from; i < t; i++) {
            s += Math.abs(y[off + i]);
        }
        s /= Math.max(1, t - from);
        return s > 0 ? s : 1;
    }

    /** Writes the features of (e, origin t, step h) into out; returns the series scale used. */
    private double row(ForecastPanel panel, int e, int t, int h, int[] seg, int[] cls, int[][] levels,
            double[] out) {
        final double[] y = panel.valueArray();
        final int T = panel.periodCount();
        final int off = e * T;
        double s = scaleAt(y, off, t);
        int c = 0;
        out[c++] = h;
        out[c++] = Math.log1p(s);
        for (int l : lags) {
            out[c++] = t - l >= 0 ? transform(y[off + t - l], s) : Double.NaN;
        }
        if (seasonLength > 0) {
            int target = t + h - 1;
            for (int d = -seasonalNeighbourhood; d <= seasonalNeighbourhood; d++) {
                int i = target - seasonLength + d;
                out[c++] = i >= 0 && i < t ? transform(y[off + i], s) : Double.NaN;
            }
            // year-over-year growth over the last w periods, and the seasonal lag scaled by it
            int i0 = target - seasonLength;
            double lag = i0 >= 0 && i0 < t ? y[off + i0] : Double.NaN;
            for (int w : growthWindows) {
                double g = Double.NaN;
                if (t - w - seasonLength >= 0) {
                    double now = 0;
                    double before = 0;
                    for (int i = t - w; i < t; i++) {
                        now += y[off + i];
                        before += y[off + i - seasonLength];
                    }
                    if (before > 0 && now >= 0) {
                        g = now / before;
                    }
                }
                out[c++] = g;
                out[c++] = Double.isNaN(g) || Double.isNaN(lag) ? Double.NaN : transform(g * lag, s);
            }
        }
        for (int w : windows) {
            int from = Math.max(0, t - w);
            int n = t - from;
            double sum = 0;
            for (int i = from; i < t; i++) {
                sum += transform(y[off + i], s);
            }
            double mean = n == 0 ? Double.NaN : sum / n;
            double ss = 0;
            for (int i = from; i < t; i++) {
                double d = transform(y[off + i], s) - mean;
                ss += d * d;
            }
            out[c++] = mean;
            out[c++] = n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1));
        }
        int targetTime = t + h - 1;
        CalendarFeatures.fill(panel.period(), panel.firstPeriod() + targetTime, out, c);
        c += CalendarFeatures.count();
        if (easter) {
            out[c++] = CalendarFeatures.periodsFromEaster(panel.period(), panel.firstPeriod() + targetTime);
            if (seasonLength > 0) {
                out[c++] = CalendarFeatures.periodsFromEaster(panel.period(),
                        panel.firstPeriod() + targetTime - seasonLength);
            }
        }
        for (int k = 0; k < panel.covariateCount(); k++) {
            double[] cv = panel.covariateArray(k);
            if (panel.availability(k) == Availability.KNOWN_IN_ADVANCE) {
                out[c++] = targetTime < T ? cv[off + targetTime] : Double.NaN;
                if (seasonalCovariates && seasonLength > 0) {
                    int i = targetTime - seasonLength;
                    out[c++] = i >= 0 && i < T ? cv[off + i] : Double.NaN;
                }
            } else {
                out[c++] = t >= 1 ? cv[off + t - 1] : Double.NaN;
            }
        }
        if (seg != null) {
            out[c++] = seg[e];
        }
        if (demandClassFeature) {
            out[c++] = cls[e];
        }
        for (int[] codes : levels) {
            out[c++] = codes[e];
        }
        return s;
    }

    static int[] demandClassCodes(ForecastPanel panel, int origin) {
        int[] out = new int[panel.entityCount()];
        double[] y = panel.valueArray();
        for (int e = 0; e < out.length; e++) {
            DemandClass c = DemandClasses.of(y, e * panel.periodCount(), origin);
            out[e] = c.ordinal();
        }
        return out;
    }

    /** Column layout for one panel. */
    private final class Layout {
        final List<String> names = new ArrayList<>();
        final boolean[] categorical;
        final int cols;
        final List<Level> levels;
        final List<Map<String, Integer>> levelMaps = new ArrayList<>();
        final Map<String, Integer> segmentCodes = new TreeMap<>();

        Layout(ForecastPanel panel) {
            List<Boolean> cat = new ArrayList<>();
            add("h", false, cat);
            add("log1p_scale", false, cat);
            for (int l : lags) {
                add("lag_" + l, false, cat);
            }
            if (seasonLength > 0) {
                for (int d = -seasonalNeighbourhood; d <= seasonalNeighbourhood; d++) {
                    add("seasonal_lag_" + seasonLength + (d < 0 ? "_minus" + -d : d > 0 ? "_plus" + d : ""), false,
                            cat);
                }
                for (int w : growthWindows) {
                    add("yoy_growth_" + w, false, cat);
                    add("seasonal_lag_" + seasonLength + "_x_yoy_growth_" + w, false, cat);
                }
            }
            for (int w : windows) {
                add("mean_" + w, false, cat);
                add("std_" + w, false, cat);
            }
            for (String c : CalendarFeatures.NAMES) {
                add("target_" + c, false, cat);
            }
            if (easter) {
                add("target_periods_from_easter", false, cat);
                if (seasonLength > 0) {
                    add("seasonal_lag_periods_from_easter", false, cat);
                }
            }
            for (int k = 0; k < panel.covariateCount(); k++) {
                String n = panel.covariateNames().get(k);
                add(panel.availability(k) == Availability.KNOWN_IN_ADVANCE ? n + "_at_target" : n + "_lag_1", false,
                        cat);
                if (panel.availability(k) == Availability.KNOWN_IN_ADVANCE && seasonalCovariates && seasonLength > 0) {
                    add(n + "_at_seasonal_lag", false, cat);
                }
            }
            if (segments != null) {
                add("segment", true, cat);
                for (String s : new TreeSet<>(segments.values())) {
                    segmentCodes.put(s, segmentCodes.size());
                }
            }
            if (demandClassFeature) {
                add("demand_class", true, cat);
            }
            levels = panel.levels();
            for (Level level : levels) {
                add(level.name().toLowerCase(java.util.Locale.ROOT), true, cat);
                TreeMap<String, Integer> codes = new TreeMap<>();
                for (String l : panel.labelArray(level)) {
                    codes.putIfAbsent(l, 0);
                }
                int i = 0;
                for (Map.Entry<String, Integer> x : codes.entrySet()) {
                    x.setValue(i++);
                }
                levelMaps.add(codes);
            }
            cols = names.size();
            categorical = new boolean[cols];
            for (int i = 0; i < cols; i++) {
                categorical[i] = cat.get(i);
            }
        }

        int[] segmentCodes(ForecastPanel panel) {
            return GradientBoostedModel.segmentCodes(panel, segments, segmentCodes, name);
        }

        int[][] levelCodes(ForecastPanel panel) {
            return GradientBoostedModel.levelCodes(panel, levels, levelMaps);
        }

        private void add(String n, boolean isCategorical, List<Boolean> cat) {
            names.add(n);
            cat.add(isCategorical);
        }
    }

    /** Writes the settings (for {@link GradientBoostedModel#write}). */
    void writeSettings(java.io.DataOutputStream out) throws java.io.IOException {
        writeInts(out, lags);
        out.writeInt(seasonLength);
        writeInts(out, windows);
        out.writeInt(scaleWindow);
        out.writeBoolean(scale);
        out.writeBoolean(log1p);
        out.writeInt(maxHorizon);
        out.writeInt(trainingOrigins);
        out.writeInt(originStride);
        out.writeInt(quantiles.length);
        for (double q : quantiles) {
            out.writeDouble(q);
        }
        out.writeBoolean(segments != null);
        if (segments != null) {
            TreeMap<String, String> sorted = new TreeMap<>(segments);
            out.writeInt(sorted.size());
            for (Map.Entry<String, String> x : sorted.entrySet()) {
                out.writeUTF(x.getKey());
                out.writeUTF(x.getValue());
            }
        }
        out.writeBoolean(demandClassFeature);
        out.writeInt(rounds);
        out.writeInt(maxDepth);
        out.writeDouble(eta);
        out.writeDouble(minChildWeight);
        out.writeLong(seed);
        out.writeInt(threads);
        out.writeUTF(name);
        // format 2
        out.writeInt(seasonalNeighbourhood);
        writeInts(out, growthWindows);
        out.writeBoolean(seasonalCovariates);
        out.writeBoolean(easter);
        out.writeBoolean(weightByScale);
    }

    /** Reads settings written by {@link #writeSettings}; the builder re-validates every value. */
    static GradientBoostedForecaster readSettings(java.io.DataInputStream in, int version)
            throws java.io.IOException {
        Builder b = builder();
        try {
            b.lags(readInts(in));
            b.seasonLength(in.readInt());
            b.rollingWindows(readInts(in));
            b.scaleWindow(in.readInt());
            b.scaleBySeries(in.readBoolean());
            b.log1p(in.readBoolean());
            b.maxHorizon(in.readInt());
            b.trainingOrigins(in.readInt());
            b.originStride(in.readInt());
            double[] q = new double[checkedLength(in.readInt())];
            for (int i = 0; i < q.length; i++) {
                q[i] = in.readDouble();
            }
            b.quantiles(q);
            if (in.readBoolean()) {
                int n = checkedLength(in.readInt());
                Map<String, String> seg = new java.util.HashMap<>();
                for (int i = 0; i < n; i++) {
                    seg.put(in.readUTF(), in.readUTF());
                }
                b.segments(seg);
            }
            b.demandClassFeature(in.readBoolean());
            b.rounds(in.readInt());
            b.maxDepth(in.readInt());
            b.eta(in.readDouble());
            b.minChildWeight(in.readDouble());
            b.seed(in.readLong());
            b.threads(in.readInt());
            b.name(in.readUTF());
            if (version >= 2) {
                b.seasonalNeighbourhood(in.readInt());
                b.seasonalGrowthWindows(readInts(in));
                b.seasonalCovariates(in.readBoolean());
                b.easterFeatures(in.readBoolean());
                b.weightByScale(in.readBoolean());
            }
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new java.io.IOException("invalid forecaster settings in the model file: " + e.getMessage(), e);
        }
    }

    static int checkedLength(int n) throws java.io.IOException {
        if (n < 0 || n > 10_000_000) {
            throw new java.io.IOException("corrupt model file: length " + n);
        }
        return n;
    }

    private static void writeInts(java.io.DataOutputStream out, int[] v) throws java.io.IOException {
        out.writeInt(v.length);
        for (int x : v) {
            out.writeInt(x);
        }
    }

    private static int[] readInts(java.io.DataInputStream in) throws java.io.IOException {
        int[] v = new int[checkedLength(in.readInt())];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readInt();
        }
        return v;
    }

    int maxHorizon() {
        return maxHorizon;
    }

    Map<String, String> segmentsMap() {
        return segments;
    }

    @Override
    public String toString() {
        return "GradientBoostedForecaster[" + name + ", lags " + Arrays.toString(lags) + ", season " + seasonLength
                + ", windows " + Arrays.toString(windows) + ", scale " + scale + ", log1p " + log1p + ", max horizon "
                + maxHorizon + ", training origins " + trainingOrigins + " every " + originStride + ", quantiles "
                + Arrays.toString(quantiles) + ", rounds " + rounds + ", depth " + maxDepth + ", eta " + eta
                + ", seed " + seed + ", seasonal neighbourhood " + seasonalNeighbourhood + ", growth windows "
                + Arrays.toString(growthWindows) + ", seasonal covariates " + seasonalCovariates + ", easter " + easter
                + ", weight by scale " + weightByScale + "]";
    }

    /** Settings; each setter validates its argument at once, {@link #build()} checks combinations. */
    public static final class Builder {
        private int[] lags = {1, 2, 3, 4, 8, 13, 26};
        private int seasonLength = 52;
        private int[] windows = {4, 13, 52};
        private int scaleWindow = 52;
        private boolean scale = true;
        private boolean log1p = false;
        private int maxHorizon = 13;
        private int trainingOrigins = 52;
        private int originStride = 1;
        private double[] quantiles = {0.1, 0.5, 0.9};
        private Map<String, String> segments;
        private boolean demandClass = true;
        private int rounds = 300;
        private int maxDepth = 6;
        private double eta = 0.05;
        private double minChildWeight = 1;
        private long seed = 42;
        private int threads = 1;
        private String name = "gbm";
        private int seasonalNeighbourhood = 1;
        private int[] growthWindows = {};
        private boolean seasonalCovariates;
        private boolean easter;
        private boolean weightByScale;

        private Builder() {
        }

        /**
         * Half-width d of the seasonal lags y[target - m + j], j = -d..d; default 1. Wider neighbourhoods let the
         * model align moving events (a holiday one or two periods earlier or later than one season before).
         */
        public Builder seasonalNeighbourhood(int d) {
            if (d < 0 || d > 26) {
                throw new IllegalArgumentException("seasonalNeighbourhood must lie in [0, 26] but was " + d);
            }
            this.seasonalNeighbourhood = d;
            return this;
        }

        /**
         * Windows w of the year-over-year growth features: g_w = sum of the last w values before the origin divided
         * by the sum of the same w periods one season earlier (missing when that sum is not positive), and the
         * seasonal lag y[target - m] times g_w (a growth-adjusted seasonal naive forecast). Default none.
         */
        public Builder seasonalGrowthWindows(int... windows) {
            this.growthWindows = windows.length == 0 ? new int[0] : positives("seasonalGrowthWindows", windows);
            return this;
        }

        /**
         * Also reads every known-in-advance covariate one season before the target (e.g. whether the week of the
         * seasonal lag was a holiday, so the model can tell a shifted holiday from a regular week); default false.
         */
        public Builder seasonalCovariates(boolean on) {
            this.seasonalCovariates = on;
            return this;
        }

        /**
         * Adds the signed number of periods from the target period to Easter Sunday of its year (and the same for
         * the period one season earlier): Easter moves by up to five weeks between years. Default false.
         */
        public Builder easterFeatures(boolean on) {
            this.easter = on;
            return this;
        }

        /**
         * Weights each training row by its series scale, so that the pinball loss on scaled demand sums to the
         * loss on the original units (the median then minimises the WAPE numerator, which weighs series by
         * volume); default false (every series weighs the same). Has an effect only with
         * {@link #scaleBySeries(boolean)} on and {@link #log1p(boolean)} off, where it is exact.
         */
        public Builder weightByScale(boolean on) {
            this.weightByScale = on;
            return this;
        }

        private static int[] positives(String what, int... v) {
            for (int x : v) {
                if (x < 1) {
                    throw new IllegalArgumentException(what + " must all be >= 1 but were " + Arrays.toString(v));
                }
            }
            return v.clone();
        }

        private static int positive(String what, int v) {
            if (v < 1) {
                throw new IllegalArgumentException(what + " must be >= 1 but was " + v);
            }
            return v;
        }

        /** Lags l (periods before the origin); default 1, 2, 3, 4, 8, 13, 26. */
        public Builder lags(int... lags) {
            this.lags = positives("lags", lags);
            return this;
        }

        /** Season length m of the seasonal lags (0: none); default 52 (weeks). */
        public Builder seasonLength(int m) {
            if (m < 0) {
                throw new IllegalArgumentException("seasonLength must be >= 0 but was " + m);
            }
            this.seasonLength = m;
            return this;
        }

        /** Rolling windows w for mean and standard deviation; default 4, 13, 52. */
        public Builder rollingWindows(int... windows) {
            this.windows = positives("rollingWindows", windows);
            return this;
        }

        /** Periods of the series scale; default 52. */
        public Builder scaleWindow(int w) {
            this.scaleWindow = positive("scaleWindow", w);
            return this;
        }

        /** Divide demand by the series scale; default true. */
        public Builder scaleBySeries(boolean scale) {
            this.scale = scale;
            return this;
        }

        /** Signed log1p of the (scaled) demand; default false. */
        public Builder log1p(boolean log1p) {
            this.log1p = log1p;
            return this;
        }

        /** The largest step trained and forecast; default 13. */
        public Builder maxHorizon(int h) {
            this.maxHorizon = positive("maxHorizon", h);
            return this;
        }

        /** Most recent training origins per step; default 52. */
        public Builder trainingOrigins(int n) {
            this.trainingOrigins = positive("trainingOrigins", n);
            return this;
        }

        /** Periods between training origins; default 1. */
        public Builder originStride(int s) {
            this.originStride = positive("originStride", s);
            return this;
        }

        /** Quantile levels in (0, 1), 0.5 among them; default 0.1, 0.5, 0.9. */
        public Builder quantiles(double... q) {
            for (double v : q) {
                if (!(v > 0 && v < 1)) {
                    throw new IllegalArgumentException("quantiles must lie in (0, 1) but were " + Arrays.toString(q));
                }
            }
            double[] s = q.clone();
            Arrays.sort(s);
            for (int i = 1; i < s.length; i++) {
                if (s[i] == s[i - 1]) {
                    throw new IllegalArgumentException("quantiles repeat " + s[i]);
                }
            }
            this.quantiles = s;
            return this;
        }

        /** Segment label per entity id, a categorical feature (e.g. the SKU segments of a segmentation model). */
        public Builder segments(Map<String, String> segments) {
            this.segments = Map.copyOf(Objects.requireNonNull(segments, "segments"));
            return this;
        }

        /** The demand class of the history before the origin as a categorical feature; default true. */
        public Builder demandClassFeature(boolean on) {
            this.demandClass = on;
            return this;
        }

        /** Boosting rounds; default 300. */
        public Builder rounds(int rounds) {
            this.rounds = positive("rounds", rounds);
            return this;
        }

        /** Tree depth; default 6. */
        public Builder maxDepth(int depth) {
            this.maxDepth = positive("maxDepth", depth);
            return this;
        }

        /** Learning rate in (0, 1]; default 0.05. */
        public Builder eta(double eta) {
            if (!(eta > 0 && eta <= 1)) {
                throw new IllegalArgumentException("eta must lie in (0, 1] but was " + eta);
            }
            this.eta = eta;
            return this;
        }

        /** Minimum hessian sum per leaf (&gt;= 0); default 1. */
        public Builder minChildWeight(double w) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("minChildWeight must be finite and >= 0 but was " + w);
            }
            this.minChildWeight = w;
            return this;
        }

        /** Seed of the engine; default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Threads for features and training; default 1. */
        public Builder threads(int threads) {
            this.threads = positive("threads", threads);
            return this;
        }

        /** The name in reports; default {@code gbm}. */
        public Builder name(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name is blank");
            }
            this.name = name;
            return this;
        }

        /**
         * The forecaster; may be called again and never changes the builder.
         *
         * @throws IllegalStateException when 0.5 is not among the quantiles, or a seasonal lag is asked for with a
         *     season not longer than the largest step (the seasonal lag of the last steps would fall after the origin)
         */
        public GradientBoostedForecaster build() {
            if (Arrays.binarySearch(quantiles, 0.5) < 0) {
                throw new IllegalStateException("quantiles " + Arrays.toString(quantiles) + " must include 0.5 (the "
                        + "point forecast)");
            }
            if (seasonLength > 0 && seasonLength <= maxHorizon) {
                throw new IllegalStateException("seasonLength " + seasonLength + " must exceed maxHorizon " + maxHorizon
                        + " (or be 0)");
            }
            return new GradientBoostedForecaster(this);
        }
    }
}
