package dev.segmentation.features;

/**
 * Trend and seasonal strength of each entity's series (Wang, Smith and Hyndman 2006, "Characteristic-based
 * clustering for time series data", Data Mining and Knowledge Discovery 13): columns {@code trend_strength,
 * seasonal_strength}.
 *
 * <p>trend_strength = max(0, 1 - Var(R)/Var(T+R)), seasonal_strength = max(0, 1 - Var(R)/Var(S+R)) from an STL
 * decomposition ({@link Stl}, Cleveland et al. 1990) of the entity's cell series with period 52 (weekly) or 12
 * (monthly) (7 for daily panels) and the parameter defaults of statsmodels' STL (seasonal 7, robust off), unless
 * another {@link Stl} is given. Var is the population variance; a strength whose denominator variance is 0 is
 * 0.
 *
 * <p><b>Missing-value policy.</b> A series shorter than two periods has no seasonal estimate: both strengths
 * are {@link #shortSeriesValue()} (0 by default, meaning "no evidence of structure"; NaN on request).
 *
 * <p>Cost O(T (seasonal + trend + lowPass) x innerIter) per entity, i.e. O(T); STL buffers are reused per thread.
 * Deterministic; thread-safe.
 */
public final class StlStrengths extends PanelFeatureExtractor {
    private final Stl stl;
    private final double shortSeriesValue;

    StlStrengths(PanelSpec spec, Stl stl, double shortSeriesValue) {
        super(spec, "trend_strength", "seasonal_strength");
        this.stl = stl;
        this.shortSeriesValue = shortSeriesValue;
    }

    @Override
    String stepType() {
        return "stl-strengths";
    }

    @Override
    void addState(dev.segmentation.state.StepState.Builder b) {
        b.put("stl", stl.params());
        b.put("shortSeriesValueIsNaN", Double.isNaN(shortSeriesValue) ? 1L : 0L);
        b.put("shortSeriesValue", Double.isNaN(shortSeriesValue) ? 0.0 : shortSeriesValue);
    }


    /** The decomposition used. */
    public Stl stl() {
        return stl;
    }

    /** The value both strengths take on a series shorter than two periods. */
    public double shortSeriesValue() {
        return shortSeriesValue;
    }

    /**
     * The same extractor with another value for series shorter than two periods (0 or NaN, say).
     *
     * @throws IllegalArgumentException when the value is infinite
     */
    public StlStrengths withShortSeriesValue(double value) {
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("shortSeriesValue must be finite or NaN but was " + value);
        }
        return new StlStrengths(spec, stl, value);
    }

    /** The same extractor with another decomposition. */
    public StlStrengths withStl(Stl stl) {
        return new StlStrengths(spec, java.util.Objects.requireNonNull(stl, "stl"), shortSeriesValue);
    }

    @Override
    void row(Panel p, int e, double[] out, int o, Scratch s, Object lookup) {
        int from = p.cellStart(e);
        int n = p.cellEnd(e) - from;
        if (n < 2 * stl.period()) {
            out[o] = shortSeriesValue;
            out[o + 1] = shortSeriesValue;
            return;
        }
        Stl.Workspace w = s.stl;
        double[] v = p.valueArray();
        w.fit(stl, v, from, n);
        double[] tr = s.buf(n);
        double[] sr = s.buf2(n);
        double[] r = w.w0;
        for (int i = 0; i < n; i++) {
            double res = v[from + i] - w.season[i] - w.trend[i];
            r[i] = res;
            tr[i] = w.trend[i] + res;
            sr[i] = w.season[i] + res;
        }
        double vr = SeriesStats.popVar(r, 0, n);
        out[o] = strength(vr, SeriesStats.popVar(tr, 0, n));
        out[o + 1] = strength(vr, SeriesStats.popVar(sr, 0, n));
    }

    static double strength(double varR, double varDenominator) {
        if (!(varDenominator > 0)) {
            return 0;
        }
        return Math.max(0, 1 - varR / varDenominator);
    }
}
