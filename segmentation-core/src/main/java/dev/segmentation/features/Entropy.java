package dev.segmentation.features;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.fit.FitCancelledException;
import dev.segmentation.fit.FitContext;
import dev.segmentation.internal.Cancel;
import dev.segmentation.internal.Parallel;
import java.util.Objects;

/**
 * How evenly each entity spreads its activity (seed 001): one column, {@code entropy_period},
 * {@code entropy_calendar_month}, {@code entropy_category} or {@code entropy_item} after {@link Over}.
 *
 * <p>Normalised Shannon entropy H / ln(m) of the entity's positive quantity spread over a key: each period of its
 * span, calendar month (m = 12), category, or item; 0 when m &lt;= 1; always within [0, 1]. With p_k = max(x_k, 0)
 * / sum_k max(x_k, 0) over the values x_k of the keys, H = -sum p_k ln p_k (0 when the positive total is 0); the
 * result is clamped to [0, 1] against rounding. m is the number of distinct values the entity could have used:
 * <ul>
 *   <li>{@link Over#PERIOD}: the number of periods in the entity's span ({@link Panel#spanLength(int)}: the
 *       whole panel under {@link PanelSpec.Span#GLOBAL}, its first to last active period under
 *       {@link PanelSpec.Span#ENTITY}), whether or not each has a cell;</li>
 *   <li>{@link Over#CALENDAR_MONTH}: 12 (a period counts for the calendar month of its first day);</li>
 *   <li>{@link Over#CATEGORY}: the number of distinct categories in the whole transaction table;</li>
 *   <li>{@link Over#ITEM}: the number of distinct items in the whole transaction table.</li>
 * </ul>
 * PERIOD and CALENDAR_MONTH use the panel's measure; CATEGORY and ITEM sum the measure per key straight from the
 * rows (rows without a key are left out) and cannot be computed from a panel.
 *
 * <p>Cost O(T) per entity from a panel, O(rows of the entity) for categories and items, with per-thread
 * accumulators of one double per key. Deterministic; thread-safe.
 */
public final class Entropy extends PanelFeatureExtractor {
    /** The key the entropy spreads over. */
    public enum Over {
        /** Each period of the entity's span. */
        PERIOD("entropy_period"),
        /** Calendar month 1..12, summed over years. */
        CALENDAR_MONTH("entropy_calendar_month"),
        /** Category of the row. */
        CATEGORY("entropy_category"),
        /** Item of the row. */
        ITEM("entropy_item");

        private final String column;

        Over(String column) {
            this.column = column;
        }

        /** The column name. */
        public String column() {
            return column;
        }
    }

    private final Over over;

    Entropy(PanelSpec spec, Over over) {
        super(spec, Objects.requireNonNull(over, "over").column());
        this.over = over;
    }

    @Override
    String stepType() {
        return "entropy";
    }

    @Override
    void addState(dev.segmentation.state.StepState.Builder b) {
        b.put("over", over.name());
    }


    /** The key. */
    public Over over() {
        return over;
    }

    @Override
    public FeatureTable extract(Transactions transactions, FitContext context) {
        if (over == Over.PERIOD || over == Over.CALENDAR_MONTH) {
            return super.extract(transactions, context);
        }
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(context, "context");
        final boolean byItem = over == Over.ITEM;
        if (byItem ? !transactions.hasItems() : !transactions.hasCategories()) {
            throw new IllegalArgumentException(over.column() + " needs the " + (byItem ? "item" : "category")
                    + " column, but the transactions carry none");
        }
        final int keys = byItem ? transactions.itemCount() : transactions.categoryCount();
        final boolean amount = spec.measure() == PanelSpec.Measure.AMOUNT;
        final int ne = transactions.entityCount();
        final double[] out = new double[ne];
        Cancel cancel = Cancel.of(context.cancellation()::isCancelled, FitCancelledException::new);
        Parallel.forEachBlock(Parallel.blocks(ne, ENTITIES_PER_BLOCK), context.threads(), cancel, b -> {
            Scratch s = Scratch.get();
            double[] acc = s.buf(keys);
            double[] used = s.buf2(keys);
            java.util.Arrays.fill(acc, 0, keys, 0);
            int to = Math.min(ne, (b + 1) * ENTITIES_PER_BLOCK);
            for (int e = b * ENTITIES_PER_BLOCK; e < to; e++) {
                int nUsed = 0;
                int end = transactions.entityEnd(e);
                for (int r = transactions.entityStart(e); r < end; r++) {
                    int k = byItem ? transactions.itemCode(r) : transactions.categoryCode(r);
                    if (k < 0) {
                        continue;
                    }
                    double x = amount ? transactions.amount(r) : transactions.quantity(r);
                    if (acc[k] == 0 && x != 0) {
                        used[nUsed++] = k;
                    }
                    acc[k] += x;
                }
                // gather the touched keys in key order so the sum does not depend on row order
                java.util.Arrays.sort(used, 0, nUsed);
                double[] w = s.buf3(nUsed);
                int m = 0;
                for (int i = 0; i < nUsed; i++) {
                    int k = (int) used[i];
                    if (i > 0 && used[i] == used[i - 1]) {
                        continue;
                    }
                    w[m++] = acc[k];
                }
                out[e] = SeriesStats.entropy(w, 0, m, keys);
                for (int i = 0; i < nUsed; i++) {
                    acc[(int) used[i]] = 0;
                }
            }
        });
        return FeatureTable.wrap(transactions.entityIds().toArray(new String[0]), new String[] {over.column()},
                out);
    }

    @Override
    void checkPanel(Panel panel) {
        if (over == Over.CATEGORY || over == Over.ITEM) {
            throw new IllegalArgumentException(over.column() + " is computed from transactions, not from a panel");
        }
    }

    @Override
    Object prepare(Panel panel) {
        if (over != Over.CALENDAR_MONTH) {
            return null;
        }
        Period period = panel.period();
        return periodTable(panel, period::calendarMonth);
    }

    @Override
    void row(Panel p, int e, double[] out, int o, Scratch s, Object lookup) {
        double[] v = p.valueArray();
        int from = p.cellStart(e);
        int to = p.cellEnd(e);
        if (over == Over.PERIOD) {
            out[o] = SeriesStats.entropy(v, from, to, p.spanLength(e));
            return;
        }
        int[] monthOf = (int[]) lookup;
        int[] per = p.periodArray();
        s.slots(12);
        double[] sum = s.slotSum;
        for (int c = from; c < to; c++) {
            if (v[c] > 0) {
                sum[lookup(monthOf, per[c]) - 1] += v[c];
            }
        }
        out[o] = SeriesStats.entropy(sum, 0, 12, 12);
    }
}
