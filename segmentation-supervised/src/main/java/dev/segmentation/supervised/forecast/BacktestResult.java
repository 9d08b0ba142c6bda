package dev.segmentation.supervised.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The forecasts and actuals of a {@link Backtest}, and their {@link ErrorMetrics} overall, per segment and per
 * demand class. Immutable; thread-safe.
 */
public final class BacktestResult {
    /** The group label of every entity when no grouping is asked for. */
    public static final String ALL = "all";

    private final String[] entityIds;
    private final String[] methods;
    private final int[] origins;
    private final int horizon;
    private final double[] actual;
    private final double[] s1;
    private final double[] s2;
    private final String[] demandClasses;
    private final Forecast[][] forecasts;

    BacktestResult(String[] entityIds, String[] methods, int[] origins, int horizon, double[] actual, double[] s1,
            double[] s2, String[] demandClasses, Forecast[][] forecasts) {
        this.entityIds = entityIds;
        this.methods = methods;
        this.origins = origins;
        this.horizon = horizon;
        this.actual = actual;
        this.s1 = s1;
        this.s2 = s2;
        this.demandClasses = demandClasses;
        this.forecasts = forecasts;
    }

    /** Method names in the order they were run. */
    public List<String> methods() {
        return List.of(methods);
    }

    /** The origins, oldest first. */
    public int[] origins() {
        return origins.clone();
    }

    /** Steps per origin. */
    public int horizon() {
        return horizon;
    }

    /** Number of entities. */
    public int entityCount() {
        return entityIds.length;
    }

    /** Each entity's Syntetos-Boylan class label from its history before the first origin. */
    public String[] demandClasses() {
        return demandClasses.clone();
    }

    /** The forecast of method {@code m} (index in {@link #methods()}) at fold {@code f}. */
    public Forecast forecast(int m, int f) {
        return forecasts[m][f];
    }

    /** The actual of entity {@code e} at fold {@code f}, step {@code k} (1-based). */
    public double actual(int f, int e, int k) {
        return actual[(f * entityIds.length + e) * horizon + k - 1];
    }

    /** The MASE scale (mean absolute lag-m difference before the fold's origin) of entity {@code e} at fold f. */
    public double scale(int f, int e) {
        return s1[f * entityIds.length + e];
    }

    /** Metrics of every method over all entities (group {@value #ALL}). */
    public List<ErrorMetrics> overall() {
        String[] g = new String[entityIds.length];
        Arrays.fill(g, ALL);
        return byGroup(g);
    }

    /** Metrics of every method per demand class. */
    public List<ErrorMetrics> byDemandClass() {
        return byGroup(demandClasses);
    }

    /**
     * Metrics of every method per group (e.g. the segment label of each entity), groups in sorted order, methods in
     * run order.
     *
     * @throws IllegalArgumentException when {@code groups} does not have one non-null label per entity
     */
    public List<ErrorMetrics> byGroup(String[] groups) {
        Objects.requireNonNull(groups, "groups");
        final int ne = entityIds.length;
        if (groups.length != ne) {
            throw new IllegalArgumentException("groups must have one label per entity (" + ne + ") but has "
                    + groups.length);
        }
        TreeMap<String, List<Integer>> members = new TreeMap<>();
        for (int e = 0; e < ne; e++) {
            if (groups[e] == null) {
                throw new IllegalArgumentException("groups[" + e + "] (entity " + entityIds[e] + ") is null");
            }
            members.computeIfAbsent(groups[e], k -> new ArrayList<>()).add(e);
        }
        List<ErrorMetrics> out = new ArrayList<>();
        for (var g : members.entrySet()) {
            int[] es = g.getValue().stream().mapToInt(Integer::intValue).toArray();
            for (int m = 0; m < methods.length; m++) {
                out.add(metrics(g.getKey(), m, es));
            }
        }
        return out;
    }

    private ErrorMetrics metrics(String group, int m, int[] es) {
        final int ne = entityIds.length;
        final int folds = origins.length;
        double sumY = 0;
        long cells = 0;
        for (int f = 0; f < folds; f++) {
            for (int e : es) {
                int base = (f * ne + e) * horizon;
                for (int k = 0; k < horizon; k++) {
                    sumY += actual[base + k];
                    cells++;
                }
            }
        }
        double meanY = sumY / cells;
        double[] levels = forecasts[m][0].quantileLevels();
        double absE = 0;
        double sqE = 0;
        double absY = 0;
        double sumE = 0;
        double sst = 0;
        double smape = 0;
        double mase = 0;
        double rmsse = 0;
        int scaled = 0;
        int unscaled = 0;
        double[] pin = new double[levels.length];
        for (int f = 0; f < folds; f++) {
            double[] fc = forecasts[m][f].pointArray();
            for (int e : es) {
                int base = (f * ne + e) * horizon;
                double ea = 0;
                double eq = 0;
                for (int k = 0; k < horizon; k++) {
                    double yv = actual[base + k];
                    double fv = fc[e * horizon + k];
                    double err = fv - yv;
                    ea += Math.abs(err);
                    eq += err * err;
                    absY += Math.abs(yv);
                    sumE += err;
                    sst += (yv - meanY) * (yv - meanY);
                    double den = Math.abs(yv) + Math.abs(fv);
                    smape += den == 0 ? 0 : 200 * Math.abs(err) / den;
                }
                absE += ea;
                sqE += eq;
                double a = s1[f * ne + e];
                double q = s2[f * ne + e];
                if (a > 0 && q > 0) {
                    mase += ea / horizon / a;
                    rmsse += Math.sqrt(eq / horizon / q);
                    scaled++;
                } else {
                    unscaled++;
                }
                for (int l = 0; l < levels.length; l++) {
                    double[] qf = forecasts[m][f].quantileArray(l);
                    double tau = levels[l];
                    for (int k = 0; k < horizon; k++) {
                        double d = actual[base + k] - qf[e * horizon + k];
                        pin[l] += d >= 0 ? tau * d : (tau - 1) * d;
                    }
                }
            }
        }
        for (int l = 0; l < pin.length; l++) {
            pin[l] /= cells;
        }
        return new ErrorMetrics(group, methods[m], es.length, cells, absE / cells, Math.sqrt(sqE / cells),
                absE / absY, sumE / absY, 1 - sqE / sst, smape / cells, scaled == 0 ? Double.NaN : mase / scaled,
                scaled == 0 ? Double.NaN : rmsse / scaled, unscaled, levels, pin);
    }

    @Override
    public String toString() {
        return "BacktestResult[" + entityIds.length + " entities, methods " + Arrays.toString(methods) + ", origins "
                + Arrays.toString(origins) + ", horizon " + horizon + "]";
    }
}
