package dev.segmentation.features;

/**
 * Demand level and volatility of each entity's series (seed 000): columns {@code mean, std, median, min, max,
 * cv}.
 *
 * <p>On the series x_1..x_T of the entity's panel cells (every period of the span under
 * {@link PanelSpec.EmptyCells#ZERO}, the active periods only under {@link PanelSpec.EmptyCells#ABSENT}):
 * mean, std (sample, ddof 1), median, min, max, cv = std / mean (0 when mean is 0). A negative mean gives a
 * negative cv (the sign of the mean is kept, as in the reference); a series of one value has std 0 and cv 0.
 *
 * <p>Cost O(T log T) per entity (the median sorts a per-thread copy). Deterministic; thread-safe.
 */
final class DemandStats extends PanelFeatureExtractor {
    DemandStats(PanelSpec spec) {
        super(spec, "mean", "std", "median", "min", "max", "cv");
    }

    @Override
    String stepType() {
        return "demand-stats";
    }


    @Override
    void row(Panel p, int e, double[] out, int o, Scratch s, Object lookup) {
        double[] v = p.valueArray();
        int from = p.cellStart(e);
        int to = p.cellEnd(e);
        double mean = SeriesStats.mean(v, from, to);
        double std = SeriesStats.sampleStd(v, from, to, mean);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = from; c < to; c++) {
            min = Math.min(min, v[c]);
            max = Math.max(max, v[c]);
        }
        out[o] = mean;
        out[o + 1] = std;
        out[o + 2] = SeriesStats.median(v, from, to, s.buf(to - from));
        out[o + 3] = min;
        out[o + 4] = max;
        out[o + 5] = mean == 0 ? 0 : std / mean;
    }
}
