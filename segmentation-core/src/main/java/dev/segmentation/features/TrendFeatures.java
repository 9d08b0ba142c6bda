package dev.segmentation.features;

/**
 * Direction of each entity's series (seed 000, "late weeks vs early weeks"): columns {@code trend_ratio,
 * trend_slope}.
 *
 * <p>On the series x_1..x_T of the entity's panel cells: trend_ratio = (mean of the last T - floor(T/2) values -
 * mean of the first floor(T/2) values) / |mean of all|, 0 when the mean is 0. trend_slope: least-squares slope of
 * x on t = 0..T-1 divided by |mean|, 0 when the mean is 0. A series of one value gets 0 for both.
 *
 * <p>Cost O(T) per entity. Deterministic; thread-safe.
 */
final class TrendFeatures extends PanelFeatureExtractor {
    TrendFeatures(PanelSpec spec) {
        super(spec, "trend_ratio", "trend_slope");
    }

    @Override
    String stepType() {
        return "trend";
    }


    @Override
    void row(Panel p, int e, double[] out, int o, Scratch s, Object lookup) {
        double[] v = p.valueArray();
        int from = p.cellStart(e);
        int to = p.cellEnd(e);
        int n = to - from;
        double mean = SeriesStats.mean(v, from, to);
        if (n < 2 || mean == 0) {
            out[o] = 0;
            out[o + 1] = 0;
            return;
        }
        double am = Math.abs(mean);
        int h = n / 2;
        double early = SeriesStats.mean(v, from, from + h);
        double late = SeriesStats.mean(v, from + h, to);
        out[o] = (late - early) / am;
        double tbar = (n - 1) / 2.0;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dt = i - tbar;
            sxy += dt * (v[from + i] - mean);
            sxx += dt * dt;
        }
        out[o + 1] = sxy / sxx / am;
    }
}
