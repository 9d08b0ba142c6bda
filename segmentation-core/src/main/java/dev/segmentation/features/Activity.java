package dev.segmentation.features;

/**
 * How much and how long each entity is active: columns {@code active_periods, zero_share, active_years,
 * active_periods_per_year, tenure_periods}.
 *
 * <p>active_periods: periods of the span with at least one row; zero_share = 1 - active_periods / T with T the
 * number of periods of the entity's span ({@link Panel#spanLength(int)}); active_years: years
 * ({@link Period#year(int)}) with an active period; active_periods_per_year = active_periods / active_years (on a
 * monthly panel: the mean active months per active year of seed 001); tenure_periods: last active period minus
 * first active period (0 for one active period). On a {@link Period#MONTH} panel these are active months and
 * tenure in months. The activity's distinct items and distinct categories come from the rows, not the panel:
 * {@link Assortment} ({@link Features#assortment()}).
 *
 * <p>Cost O(T) per entity. Deterministic; thread-safe.
 */
final class Activity extends PanelFeatureExtractor {
    Activity(PanelSpec spec) {
        super(spec, "active_periods", "zero_share", "active_years", "active_periods_per_year", "tenure_periods");
    }

    @Override
    String stepType() {
        return "activity";
    }


    @Override
    Object prepare(Panel panel) {
        Period period = panel.period();
        return periodTable(panel, period::year);
    }

    @Override
    void row(Panel p, int e, double[] out, int o, Scratch s, Object lookup) {
        int[] yearOf = (int[]) lookup;
        int[] rows = p.rowArray();
        int[] per = p.periodArray();
        int active = 0;
        int years = 0;
        int curYear = Integer.MIN_VALUE;
        int firstActive = 0;
        int lastActive = 0;
        for (int c = p.cellStart(e); c < p.cellEnd(e); c++) {
            if (rows[c] == 0) {
                continue;
            }
            if (active == 0) {
                firstActive = per[c];
            }
            lastActive = per[c];
            active++;
            int y = lookup(yearOf, per[c]);
            if (y != curYear) {
                years++;
                curYear = y;
            }
        }
        out[o] = active;
        out[o + 1] = 1 - (double) active / p.spanLength(e);
        out[o + 2] = years;
        out[o + 3] = years == 0 ? 0 : (double) active / years;
        out[o + 4] = active == 0 ? 0 : lastActive - firstActive;
    }
}
