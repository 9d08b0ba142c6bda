package dev.segmentation.features;

/**
 * Strength of the calendar profile of each entity's series (seed 000, "variance across weeks of the year"):
 * column {@code season_profile_strength}.
 *
 * <p>season_profile_strength: population variance, across season slots, of the mean value in each slot, divided
 * by the population variance of x (0 when that is 0); slots are ISO week numbers (week 53 folded into 52) for
 * weekly panels and months 1..12 for monthly ones (ISO day of week for daily ones, see
 * {@link Period#seasonSlot(int)}). Only slots holding at least one cell of the entity take part.
 *
 * <p>Cost O(T + slots) per entity, slot numbers looked up from a table computed once per panel. Deterministic;
 * thread-safe.
 */
final class Seasonality extends PanelFeatureExtractor {
    Seasonality(PanelSpec spec) {
        super(spec, "season_profile_strength");
    }

    @Override
    String stepType() {
        return "seasonality";
    }


    @Override
    Object prepare(Panel panel) {
        Period period = panel.period();
        return periodTable(panel, period::seasonSlot);
    }

    @Override
    void row(Panel p, int e, double[] out, int o, Scratch s, Object lookup) {
        int[] slotOf = (int[]) lookup;
        double[] v = p.valueArray();
        int[] per = p.periodArray();
        int from = p.cellStart(e);
        int to = p.cellEnd(e);
        double var = SeriesStats.popVar(v, from, to);
        if (!(var > 0)) {
            out[o] = 0;
            return;
        }
        int slots = p.period().seasonSlots() + 1;
        s.slots(slots);
        double[] sum = s.slotSum;
        int[] cnt = s.slotCount;
        for (int c = from; c < to; c++) {
            int k = lookup(slotOf, per[c]);
            sum[k] += v[c];
            cnt[k]++;
        }
        int m = 0;
        double[] means = s.buf(slots);
        for (int k = 0; k < slots; k++) {
            if (cnt[k] > 0) {
                means[m++] = sum[k] / cnt[k];
            }
        }
        out[o] = SeriesStats.popVar(means, 0, m) / var;
    }
}
