package dev.segmentation.features;

import dev.segmentation.data.Transactions;

/**
 * Stability of each entity's activity (seed 001): columns {@code cv_<m>, cv_items} ({@code <m>} is {@code qty}
 * or {@code amount}).
 *
 * <p>cv of per-period quantity and of per-period distinct items over the entity's active periods (periods with
 * at least one row): std (ddof 1) / mean, 0 with fewer than 2 active periods or a zero mean (negative when the
 * mean is).
 *
 * <p>Needs distinct items (transactions with an item column). Cost O(T) per entity. Deterministic; thread-safe.
 */
final class Stability extends PanelFeatureExtractor {
    Stability(PanelSpec spec) {
        super(spec, "cv_" + measureName(spec), "cv_items");
    }

    @Override
    String stepType() {
        return "stability";
    }


    @Override
    void checkTransactions(Transactions transactions) {
        requireItems(transactions, "stability");
    }

    @Override
    void checkPanel(Panel panel) {
        requireItems(panel, "stability");
    }

    @Override
    void row(Panel p, int e, double[] out, int o, Scratch s, Object lookup) {
        double[] v = p.valueArray();
        int[] rows = p.rowArray();
        int[] items = p.requireItems();
        int from = p.cellStart(e);
        int to = p.cellEnd(e);
        double[] a = s.buf(to - from);
        double[] b = s.buf2(to - from);
        int n = 0;
        for (int c = from; c < to; c++) {
            if (rows[c] > 0) {
                a[n] = v[c];
                b[n] = items[c];
                n++;
            }
        }
        out[o] = SeriesStats.cv(a, 0, n);
        out[o + 1] = SeriesStats.cv(b, 0, n);
    }
}
