package dev.segmentation.features;

/**
 * Syntetos-Boylan demand-pattern measures of each entity's series: columns {@code adi, cv2, demand_class}.
 *
 * <p>ADI = T / number of periods with positive demand, where T is the number of periods of the entity's span
 * ({@link Panel#spanLength(int)}); CV^2 of the positive demand sizes (population std): (std / mean)^2 over the
 * cells with x &gt; 0. {@code demand_class} is the ordinal of {@link DemandClass#of(double, double)} (0 smooth,
 * 1 erratic, 2 intermittent, 3 lumpy, 4 no demand). <b>Missing values:</b> an entity with no positive period has
 * NaN ADI and CV^2 (and class 4), as in the reference; filter such entities out or drop these columns before
 * clustering.
 *
 * <p>Cost O(T) per entity. Deterministic; thread-safe.
 */
final class DemandClassification extends PanelFeatureExtractor {
    DemandClassification(PanelSpec spec) {
        super(spec, "adi", "cv2", "demand_class");
    }

    @Override
    String stepType() {
        return "demand-class";
    }


    @Override
    void row(Panel p, int e, double[] out, int o, Scratch s, Object lookup) {
        double[] v = p.valueArray();
        int from = p.cellStart(e);
        int to = p.cellEnd(e);
        double[] pos = s.buf(to - from);
        int n = 0;
        for (int c = from; c < to; c++) {
            if (v[c] > 0) {
                pos[n++] = v[c];
            }
        }
        if (n == 0) {
            out[o] = Double.NaN;
            out[o + 1] = Double.NaN;
            out[o + 2] = DemandClass.NO_DEMAND.ordinal();
            return;
        }
        double adi = (double) p.spanLength(e) / n;
        double mean = SeriesStats.mean(pos, 0, n);
        double cv = Math.sqrt(SeriesStats.ssd(pos, 0, n, mean) / n) / mean;
        double cv2 = cv * cv;
        out[o] = adi;
        out[o + 1] = cv2;
        out[o + 2] = DemandClass.of(adi, cv2).ordinal();
    }
}
