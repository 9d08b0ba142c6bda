package dev.segmentation.features;

import dev.segmentation.data.Transactions;

/**
 * Year-over-year growth of each entity (seed 001): columns {@code growth_<m>, growth_items} ({@code <m>} is
 * {@code qty} or {@code amount}).
 *
 * <p>growth: median of the year-over-year relative changes of yearly totals between consecutive years present; a
 * change from a zero total is dropped; 0 when no change remains. A year is present when it has an active period;
 * the relative change from year a to the next present year b is (total_b - total_a) / total_a; the median of an
 * even count is the mean of the two middle values. growth_items: the same on the yearly mean, over the year's
 * active periods, of the distinct items per period. The year of a period is {@link Period#year(int)}.
 *
 * <p>Needs distinct items (transactions with an item column). Cost O(T + years log years) per entity.
 * Deterministic; thread-safe.
 */
final class Growth extends PanelFeatureExtractor {
    Growth(PanelSpec spec) {
        super(spec, "growth_" + measureName(spec), "growth_items");
    }

    @Override
    String stepType() {
        return "growth";
    }


    @Override
    void checkTransactions(Transactions transactions) {
        requireItems(transactions, "growth");
    }

    @Override
    void checkPanel(Panel panel) {
        requireItems(panel, "growth");
    }

    @Override
    Object prepare(Panel panel) {
        Period period = panel.period();
        return periodTable(panel, period::year);
    }

    @Override
    void row(Panel p, int e, double[] out, int o, Scratch s, Object lookup) {
        int[] yearOf = (int[]) lookup;
        double[] v = p.valueArray();
        int[] rows = p.rowArray();
        int[] items = p.requireItems();
        int[] per = p.periodArray();
        int from = p.cellStart(e);
        int to = p.cellEnd(e);
        // cells are in period order, so years arrive in order: accumulate runs
        double[] tot = s.buf(to - from + 1);
        double[] itm = s.buf2(to - from + 1);
        int ny = 0;
        int curYear = Integer.MIN_VALUE;
        int cnt = 0;
        for (int c = from; c < to; c++) {
            if (rows[c] == 0) {
                continue;
            }
            int y = lookup(yearOf, per[c]);
            if (y != curYear) {
                if (ny > 0) {
                    itm[ny - 1] /= cnt;
                }
                tot[ny] = 0;
                itm[ny] = 0;
                ny++;
                cnt = 0;
                curYear = y;
            }
            tot[ny - 1] += v[c];
            itm[ny - 1] += items[c];
            cnt++;
        }
        if (ny > 0) {
            itm[ny - 1] /= cnt;
        }
        out[o] = medianChange(tot, ny);
        out[o + 1] = medianChange(itm, ny);
    }

    /** Replaces x[0..n) by its finite relative changes and returns their median (0 when none). */
    static double medianChange(double[] x, int n) {
        int m = 0;
        for (int i = 0; i + 1 < n; i++) {
            double ch = (x[i + 1] - x[i]) / x[i];
            if (Double.isFinite(ch)) {
                x[m++] = ch;
            }
        }
        if (m == 0) {
            return 0;
        }
        java.util.Arrays.sort(x, 0, m);
        return m % 2 == 1 ? x[m / 2] : (x[m / 2 - 1] + x[m / 2]) / 2;
    }
}
