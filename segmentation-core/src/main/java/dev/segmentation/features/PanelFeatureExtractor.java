package dev.segmentation.features;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.fit.FitCancelledException;
import dev.segmentation.fit.FitContext;
import dev.segmentation.internal.Cancel;
import dev.segmentation.internal.Parallel;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Stateful;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A feature extractor computed from a {@link Panel}: {@link #extract} builds the panel of its {@link PanelSpec}
 * from transactions, {@link #compute(Panel)} works on a panel that is already there (e.g. already-aggregated
 * weekly sales). Every entity of the panel gets a row.
 *
 * <p><b>Cost.</b> One contiguous scan of each entity's cells, O(cells) overall (plus what a subclass documents),
 * in parallel over fixed blocks of entities; each entity's row is computed by one task from its own cells, so the
 * result is identical for any thread count. <b>Thread safety:</b> immutable; per-thread scratch buffers are
 * reused across calls.
 */
public abstract class PanelFeatureExtractor implements FeatureExtractor, Stateful {
    static final int ENTITIES_PER_BLOCK = 512;

    final PanelSpec spec;
    private final String[] names;

    PanelFeatureExtractor(PanelSpec spec, String... names) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.names = names;
    }

    /** The panel layout this extractor builds from transactions. */
    public PanelSpec spec() {
        return spec;
    }

    @Override
    public List<String> featureNames() {
        return Collections.unmodifiableList(Arrays.asList(names));
    }

    @Override
    public FeatureTable extract(Transactions transactions, FitContext context) {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(context, "context");
        checkTransactions(transactions);
        Cancel cancel = Cancel.of(context.cancellation()::isCancelled, FitCancelledException::new);
        return compute(Panel.of(transactions, spec, context.threads(), cancel), context.threads(), cancel);
    }

    /** The features of every entity of {@code panel}, on one thread. */
    public FeatureTable compute(Panel panel) {
        return compute(panel, 1);
    }

    /**
     * The features of every entity of {@code panel} on up to {@code threads} threads (same bits for any count).
     *
     * @throws IllegalArgumentException when the panel lacks what the extractor needs (a period, items), naming it
     */
    public FeatureTable compute(Panel panel, int threads) {
        return compute(panel, threads, Cancel.NEVER);
    }

    private FeatureTable compute(Panel panel, int threads, Cancel cancel) {
        Objects.requireNonNull(panel, "panel");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
        }
        checkPanel(panel);
        final int ne = panel.entityCount();
        final int d = names.length;
        final double[] out = new double[Math.multiplyExact(ne, d)];
        final Object lookup = prepare(panel);
        Parallel.forEachBlock(Parallel.blocks(ne, ENTITIES_PER_BLOCK), threads, cancel, b -> {
            Scratch s = Scratch.get();
            int to = Math.min(ne, (b + 1) * ENTITIES_PER_BLOCK);
            for (int e = b * ENTITIES_PER_BLOCK; e < to; e++) {
                row(panel, e, out, e * d, s, lookup);
            }
        });
        return FeatureTable.wrap(panel.idArray().clone(), names.clone(), out);
    }

    /** Checks the transactions before building the panel (e.g. an item column). */
    /** The step type id of this extractor (see {@link FeatureStepFactory}). */
    abstract String stepType();

    /** Adds this extractor's own settings beyond the panel spec (none by default). */
    void addState(StepState.Builder b) {
    }

    /** The settings as plain data: the step type, the panel spec and the extractor's own settings. */
    @Override
    public StepState state() {
        StepState.Builder b = StepState.builder(stepType(), 1).put("period", spec.period().name())
                .put("measure", spec.measure().name()).put("span", spec.span().name())
                .put("emptyCells", spec.emptyCells().name());
        addState(b);
        return b.build();
    }

    void checkTransactions(Transactions transactions) {
    }

    /** Checks the panel (period, items). */
    void checkPanel(Panel panel) {
    }

    /** Panel-wide lookup tables computed once per call (e.g. season slot of each period); may be null. */
    Object prepare(Panel panel) {
        return null;
    }

    /** Writes the features of entity {@code e} to {@code out[o .. o + featureNames().size())}. */
    abstract void row(Panel panel, int e, double[] out, int o, Scratch s, Object lookup);

    static void requireItems(Panel panel, String feature) {
        if (!panel.hasItems()) {
            throw new IllegalArgumentException(feature + " needs distinct items per cell, but the panel has none "
                    + "(the transactions carry no item column)");
        }
    }

    static void requireItems(Transactions t, String feature) {
        if (!t.hasItems()) {
            throw new IllegalArgumentException(feature + " needs the item column, but the transactions carry none");
        }
    }

    static void requirePeriod(Panel panel, Period period, String feature) {
        if (panel.period() != period) {
            throw new IllegalArgumentException(feature + " needs a " + period + " panel but the panel is "
                    + panel.period());
        }
    }

    static String measureName(PanelSpec spec) {
        return spec.measure() == PanelSpec.Measure.QUANTITY ? "qty" : "amount";
    }

    /** Table mapping period index (minus the panel's first period) to f(period). */
    static int[] periodTable(Panel panel, java.util.function.IntUnaryOperator f) {
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (int e = 0; e < panel.entityCount(); e++) {
            first = Math.min(first, panel.spanStart(e));
            last = Math.max(last, panel.spanStart(e) + panel.spanLength(e) - 1);
        }
        if (panel.entityCount() == 0) {
            return new int[0];
        }
        int[] t = new int[last - first + 2];
        t[0] = first;
        for (int p = first; p <= last; p++) {
            t[p - first + 1] = f.applyAsInt(p);
        }
        return t;
    }

    /** Looks up a {@link #periodTable} entry. */
    static int lookup(int[] table, int period) {
        return table[period - table[0] + 1];
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + Arrays.toString(names) + " on " + spec;
    }
}
