package dev.segmentation.features;

import dev.segmentation.data.Transactions;

/**
 * Average calendar-month profile of each entity (seed 001): columns {@code avg_<m>_month_01 .. avg_<m>_month_12},
 * then {@code avg_items_month_01 .. avg_items_month_12}, where {@code <m>} is {@code qty} or {@code amount}.
 *
 * <p>For each calendar month 1..12, the mean over years of that month's total, and the same for distinct items;
 * a month never seen is 0; columns ordered January to December. "Over years" means over the years in which that
 * month is active (has at least one row), so empty cells of a zero-filled panel do not dilute the mean.
 *
 * <p>Needs a {@link Period#MONTH} panel with distinct items (transactions with an item column). Cost O(T) per
 * entity. Deterministic; thread-safe.
 */
final class MonthlyProfile extends PanelFeatureExtractor {
    MonthlyProfile(PanelSpec spec) {
        super(spec, names(spec));
    }

    @Override
    String stepType() {
        return "monthly-profile";
    }


    private static String[] names(PanelSpec spec) {
        String m = measureName(spec);
        String[] n = new String[24];
        for (int k = 0; k < 12; k++) {
            String mm = (k < 9 ? "0" : "") + (k + 1);
            n[k] = "avg_" + m + "_month_" + mm;
            n[12 + k] = "avg_items_month_" + mm;
        }
        return n;
    }

    @Override
    void checkTransactions(Transactions transactions) {
        requireItems(transactions, "the monthly profile");
    }

    @Override
    void checkPanel(Panel panel) {
        requirePeriod(panel, Period.MONTH, "the monthly profile");
        requireItems(panel, "the monthly profile");
    }

    @Override
    void row(Panel p, int e, double[] out, int o, Scratch s, Object lookup) {
        double[] v = p.valueArray();
        int[] rows = p.rowArray();
        int[] items = p.requireItems();
        int[] per = p.periodArray();
        s.slots(12);
        double[] sum = s.slotSum;
        double[] sumItems = s.slotSum2;
        int[] cnt = s.slotCount;
        for (int c = p.cellStart(e); c < p.cellEnd(e); c++) {
            if (rows[c] > 0) {
                int k = Math.floorMod(per[c], 12);
                sum[k] += v[c];
                sumItems[k] += items[c];
                cnt[k]++;
            }
        }
        for (int k = 0; k < 12; k++) {
            out[o + k] = cnt[k] == 0 ? 0 : sum[k] / cnt[k];
            out[o + 12 + k] = cnt[k] == 0 ? 0 : sumItems[k] / cnt[k];
        }
    }
}
