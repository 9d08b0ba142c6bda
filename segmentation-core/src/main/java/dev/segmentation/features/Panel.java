package dev.segmentation.features;

import dev.segmentation.data.Transactions;
import dev.segmentation.fit.FitCancelledException;
import dev.segmentation.fit.FitContext;
import dev.segmentation.internal.Cancel;
import dev.segmentation.internal.Parallel;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Entities x consecutive periods with one value per cell: the demand (or spend) series every time-based feature
 * is computed from.
 *
 * <p><b>Content.</b> For entity {@code e}, the cells {@link #cellStart(int)} to {@link #cellEnd(int)} hold, in
 * period order, the sum of the {@link PanelSpec.Measure measure} over the entity's rows in that period, the number
 * of rows in it ({@link #rowCount(int)}; a cell is <em>active</em> when it has at least one row) and the number of
 * distinct items among them ({@link #distinctItems(int)}, when the transactions carry items). The span of an
 * entity ({@link #spanStart(int)}, {@link #spanLength(int)}) is the whole data's first to last period under
 * {@link PanelSpec.Span#GLOBAL} or the entity's own first to last period under {@link PanelSpec.Span#ENTITY}.
 * Under {@link PanelSpec.EmptyCells#ZERO} every period of the span has a cell (0 when empty); under
 * {@link PanelSpec.EmptyCells#ABSENT} only the active periods have one, and {@link #cellPeriod(int)} tells which.
 *
 * <p><b>Layout and cost.</b> Flat primitive arrays, entity-major and period-ordered (row-major for a global dense
 * panel): {@code value}, {@code rowCount}, {@code distinctItems}, {@code cellPeriod} and per-entity offsets.
 * Building from {@link Transactions} is two contiguous scans of each entity's rows, O(rows + cells), in parallel
 * over fixed entity blocks ({@link Parallel}); the result does not depend on the thread count (each entity's
 * cells are written by one task, sums run in the table's canonical row order). Memory: 20 bytes per cell plus 12
 * per entity. Distinct items use one marker array of {@code itemCount} ints per worker thread.
 *
 * <p><b>Thread safety:</b> immutable; public array accessors return copies.
 */
public final class Panel {
    private static final int ENTITIES_PER_BLOCK = 1024;

    private final PanelSpec spec;
    private final String[] entityIds;
    private final int[] spanStart;
    private final int[] spanLength;
    private final int[] offset;
    private final int[] cellPeriod;
    private final double[] value;
    private final int[] rows;
    private final int[] items;
    private final int firstPeriod;
    private final int lastPeriod;

    private Panel(PanelSpec spec, String[] entityIds, int[] spanStart, int[] spanLength, int[] offset,
            int[] cellPeriod, double[] value, int[] rows, int[] items, int firstPeriod, int lastPeriod) {
        this.spec = spec;
        this.entityIds = entityIds;
        this.spanStart = spanStart;
        this.spanLength = spanLength;
        this.offset = offset;
        this.cellPeriod = cellPeriod;
        this.value = value;
        this.rows = rows;
        this.items = items;
        this.firstPeriod = firstPeriod;
        this.lastPeriod = lastPeriod;
    }

    /** The panel of {@code transactions} under {@code spec}, built on one thread. */
    public static Panel of(Transactions transactions, PanelSpec spec) {
        return of(transactions, spec, 1);
    }

    /** The panel of {@code transactions} under {@code spec}, built on {@code context.threads()} threads. */
    public static Panel of(Transactions transactions, PanelSpec spec, FitContext context) {
        Objects.requireNonNull(context, "context");
        return of(transactions, spec, context.threads(), Cancel.of(context.cancellation()::isCancelled,
                FitCancelledException::new));
    }

    /**
     * The panel of already-aggregated rows (e.g. Walmart's Store_Dept, Date, Weekly_Sales): each row adds
     * {@code values[i]} to the cell of entity {@code entityIds[i]} and the period of {@code dates[i]}. Rows of the
     * same entity and period are summed; both measures read the same value; there are no items.
     *
     * @throws IllegalArgumentException when the arrays differ in length or a row is invalid (blank entity, non-finite
     *     value), naming the row
     */
    public static Panel ofRows(PanelSpec spec, String[] entityIds, LocalDate[] dates, double[] values) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(entityIds, "entityIds");
        Objects.requireNonNull(dates, "dates");
        Objects.requireNonNull(values, "values");
        if (dates.length != entityIds.length || values.length != entityIds.length) {
            throw new IllegalArgumentException("entityIds, dates and values must have the same length but have "
                    + entityIds.length + ", " + dates.length + " and " + values.length);
        }
        RowsBuilder b = rowsBuilder(spec);
        for (int i = 0; i < entityIds.length; i++) {
            b.add(entityIds[i], dates[i], values[i]);
        }
        return b.build();
    }

    /** A builder taking already-aggregated rows one at a time (see {@link #ofRows}). */
    public static RowsBuilder rowsBuilder(PanelSpec spec) {
        return new RowsBuilder(Objects.requireNonNull(spec, "spec"));
    }

    /**
     * Collects already-aggregated rows (entity, date, value) for {@link Panel#ofRows}. Not thread-safe;
     * {@link #build()} may be called once.
     */
    public static final class RowsBuilder {
        private final PanelSpec spec;
        private final Transactions.Builder rows = Transactions.builder();

        private RowsBuilder(PanelSpec spec) {
            this.spec = spec;
        }

        /**
         * Adds {@code value} to the cell of {@code entityId} holding {@code date}.
         *
         * @throws IllegalArgumentException on a blank entity or a non-finite value, naming the row
         */
        public RowsBuilder add(String entityId, LocalDate date, double value) {
            Objects.requireNonNull(date, "date");
            rows.add(entityId, date.toEpochDay() * 86_400L, "row", value, value);
            return this;
        }

        /** Builds the panel. @throws IllegalStateException when called twice or when no row was added */
        public Panel build() {
            Transactions t = rows.build();
            if (t.isEmpty()) {
                throw new IllegalStateException("no row was added");
            }
            return Panel.of(t, spec, 1);
        }
    }

    /** Reusable per-thread scratch for distinct-item counting. */
    private static final class Marks {
        int[] mark = new int[0];
        int stamp;

        int next(int itemCount) {
            if (mark.length < itemCount) {
                mark = new int[itemCount];
                stamp = 0;
            }
            if (++stamp == Integer.MAX_VALUE) {
                Arrays.fill(mark, 0);
                stamp = 1;
            }
            return stamp;
        }
    }

    private static final ThreadLocal<Marks> MARKS = ThreadLocal.withInitial(Marks::new);

    static Panel of(Transactions tx, PanelSpec spec, int threads) {
        return of(tx, spec, threads, Cancel.NEVER);
    }

    /** The panel on up to {@code threads} threads, {@code cancel} checked once per block of entities. */
    static Panel of(Transactions tx, PanelSpec spec, int threads, Cancel cancel) {
        Objects.requireNonNull(tx, "transactions");
        Objects.requireNonNull(spec, "spec");
        final int ne = tx.entityCount();
        final Period period = spec.period();
        final int[] first = new int[ne];
        final int[] last = new int[ne];
        final int[] active = new int[ne];
        int nBlocks = Parallel.blocks(ne, ENTITIES_PER_BLOCK);
        Parallel.forEachBlock(nBlocks, threads, cancel, b -> {
            int from = b * ENTITIES_PER_BLOCK;
            int to = Math.min(ne, from + ENTITIES_PER_BLOCK);
            for (int e = from; e < to; e++) {
                int s = tx.entityStart(e);
                int end = tx.entityEnd(e);
                int prev = period.index(tx.epochDay(s));
                int count = 1;
                first[e] = prev;
                // rows are in time order: recompute the period only when a timestamp leaves the current one
                long lo = period.startEpochDay(prev) * 86_400L;
                long hi = period.startEpochDay(prev + 1) * 86_400L;
                for (int r = s + 1; r < end; r++) {
                    long ts = tx.epochSecond(r);
                    if (ts >= lo && ts < hi) {
                        continue;
                    }
                    int p = period.index(Math.floorDiv(ts, 86_400L));
                    lo = period.startEpochDay(p) * 86_400L;
                    hi = period.startEpochDay(p + 1) * 86_400L;
                    if (p != prev) {
                        count++;
                        prev = p;
                    }
                }
                last[e] = prev;
                active[e] = count;
            }
        });
        int gFirst = Integer.MAX_VALUE;
        int gLast = Integer.MIN_VALUE;
        for (int e = 0; e < ne; e++) {
            gFirst = Math.min(gFirst, first[e]);
            gLast = Math.max(gLast, last[e]);
        }
        final boolean global = spec.span() == PanelSpec.Span.GLOBAL;
        final boolean dense = spec.emptyCells() == PanelSpec.EmptyCells.ZERO;
        final int[] spanStart = new int[ne];
        final int[] spanLength = new int[ne];
        final int[] offset = new int[ne + 1];
        long total = 0;
        for (int e = 0; e < ne; e++) {
            spanStart[e] = global ? gFirst : first[e];
            spanLength[e] = global ? gLast - gFirst + 1 : last[e] - first[e] + 1;
            offset[e] = (int) total;
            total += dense ? spanLength[e] : active[e];
            if (total > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("the panel would have more than " + (Integer.MAX_VALUE - 16)
                        + " cells (" + ne + " entities, " + spec + "); use a coarser period, Span.ENTITY or "
                        + "EmptyCells.ABSENT");
            }
        }
        offset[ne] = (int) total;
        final int nc = (int) total;
        final int[] cellPeriod = new int[nc];
        final double[] value = new double[nc];
        final int[] rowCount = new int[nc];
        final boolean withItems = tx.hasItems();
        final int[] items = withItems ? new int[nc] : null;
        final boolean amount = spec.measure() == PanelSpec.Measure.AMOUNT;
        final int itemCount = tx.itemCount();
        Parallel.forEachBlock(nBlocks, threads, cancel, b -> {
            int from = b * ENTITIES_PER_BLOCK;
            int to = Math.min(ne, from + ENTITIES_PER_BLOCK);
            Marks marks = withItems ? MARKS.get() : null;
            for (int e = from; e < to; e++) {
                int off = offset[e];
                int s0 = spanStart[e];
                if (dense) {
                    int len = spanLength[e];
                    for (int k = 0; k < len; k++) {
                        cellPeriod[off + k] = s0 + k;
                    }
                }
                int s = tx.entityStart(e);
                int end = tx.entityEnd(e);
                int cell = -1;
                int prev = Integer.MIN_VALUE;
                int stamp = 0;
                int[] mark = null;
                long lo = 0;
                long hi = Long.MIN_VALUE;
                for (int r = s; r < end; r++) {
                    long ts = tx.epochSecond(r);
                    int p = prev;
                    if (ts < lo || ts >= hi) {
                        p = period.index(Math.floorDiv(ts, 86_400L));
                        lo = period.startEpochDay(p) * 86_400L;
                        hi = period.startEpochDay(p + 1) * 86_400L;
                    }
                    if (p != prev) {
                        if (dense) {
                            cell = off + (p - s0);
                        } else {
                            cell = cell < 0 ? off : cell + 1;
                            cellPeriod[cell] = p;
                        }
                        prev = p;
                        if (withItems) {
                            stamp = marks.next(itemCount);
                            mark = marks.mark;
                        }
                    }
                    value[cell] += amount ? tx.amount(r) : tx.quantity(r);
                    rowCount[cell]++;
                    if (withItems) {
                        int it = tx.itemCode(r);
                        if (it >= 0 && mark[it] != stamp) {
                            mark[it] = stamp;
                            items[cell]++;
                        }
                    }
                }
            }
        });
        String[] ids = tx.entityIds().toArray(new String[0]);
        return new Panel(spec, ids, spanStart, spanLength, offset, cellPeriod, value, rowCount, items, gFirst, gLast);
    }

    /** The spec the panel was built with. */
    public PanelSpec spec() {
        return spec;
    }

    /** The period of a cell. */
    public Period period() {
        return spec.period();
    }

    /** Number of entities. */
    public int entityCount() {
        return entityIds.length;
    }

    /** The id of entity {@code e}. */
    public String entityId(int e) {
        return entityIds[e];
    }

    /** Entity ids in entity order (unmodifiable). */
    public List<String> entityIds() {
        return Collections.unmodifiableList(Arrays.asList(entityIds));
    }

    /** Total number of cells. */
    public int cellCount() {
        return value.length;
    }

    /** First cell of entity {@code e}. */
    public int cellStart(int e) {
        return offset[e];
    }

    /** One past the last cell of entity {@code e}. */
    public int cellEnd(int e) {
        return offset[e + 1];
    }

    /** Period index of the first period of entity {@code e}'s span. */
    public int spanStart(int e) {
        return spanStart[e];
    }

    /** Number of periods in entity {@code e}'s span (whether or not each has a cell). */
    public int spanLength(int e) {
        return spanLength[e];
    }

    /** Smallest period index of any row. */
    public int firstPeriod() {
        return firstPeriod;
    }

    /** Largest period index of any row. */
    public int lastPeriod() {
        return lastPeriod;
    }

    /** Period index of cell {@code cell}. */
    public int cellPeriod(int cell) {
        return cellPeriod[cell];
    }

    /** Value of cell {@code cell}. */
    public double value(int cell) {
        return value[cell];
    }

    /** Number of rows summed into cell {@code cell} (0 for an empty cell). */
    public int rowCount(int cell) {
        return rows[cell];
    }

    /** True when the transactions carried items, so {@link #distinctItems(int)} is meaningful. */
    public boolean hasItems() {
        return items != null;
    }

    /**
     * Number of distinct items among the rows of cell {@code cell}.
     *
     * @throws IllegalStateException when the panel has no items
     */
    public int distinctItems(int cell) {
        return requireItems()[cell];
    }

    /** A copy of entity {@code e}'s values, in period order. */
    public double[] values(int e) {
        return Arrays.copyOfRange(value, offset[e], offset[e + 1]);
    }

    /** A copy of all values, entity-major (row-major entities x periods for a global dense panel). */
    public double[] values() {
        return value.clone();
    }

    /** Sum of all cell values. */
    public double total() {
        double s = 0;
        for (int c = 0; c < value.length; c++) {
            s += value[c];
        }
        return s;
    }

    int[] requireItems() {
        if (items == null) {
            throw new IllegalStateException("the panel has no distinct-item counts: the transactions carry no item "
                    + "column");
        }
        return items;
    }

    // backing arrays for the package's kernels (never exposed)
    double[] valueArray() {
        return value;
    }

    int[] rowArray() {
        return rows;
    }

    int[] periodArray() {
        return cellPeriod;
    }

    int[] offsetArray() {
        return offset;
    }

    String[] idArray() {
        return entityIds;
    }

    @Override
    public String toString() {
        return "Panel[" + entityIds.length + " entities, " + value.length + " cells, " + spec + "]";
    }
}
