package dev.segmentation.features;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.fit.FitCancelledException;
import dev.segmentation.fit.FitContext;
import dev.segmentation.internal.Cancel;
import dev.segmentation.internal.Parallel;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A feature extractor computed straight from each entity's contiguous rows of a {@link Transactions} table (no
 * panel). Every entity gets a row; entities are processed in fixed blocks, each entity's row is written by one
 * task from its own rows, so the result is identical for any thread count. Package-private base.
 */
abstract class RowFeatureExtractor implements FeatureExtractor, dev.segmentation.state.Stateful {
    static final int ENTITIES_PER_BLOCK = 1024;

    private final String[] names;

    RowFeatureExtractor(String... names) {
        this.names = names;
    }

    @Override
    public final List<String> featureNames() {
        return Collections.unmodifiableList(Arrays.asList(names));
    }

    @Override
    public final FeatureTable extract(Transactions transactions, FitContext context) {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(context, "context");
        final Object prepared = prepare(transactions);
        final int ne = transactions.entityCount();
        final int d = names.length;
        final double[] out = new double[Math.multiplyExact(ne, d)];
        Cancel cancel = Cancel.of(context.cancellation()::isCancelled, FitCancelledException::new);
        Parallel.forEachBlock(Parallel.blocks(ne, ENTITIES_PER_BLOCK), context.threads(), cancel, b -> {
            Scratch s = Scratch.get();
            int to = Math.min(ne, (b + 1) * ENTITIES_PER_BLOCK);
            for (int e = b * ENTITIES_PER_BLOCK; e < to; e++) {
                row(transactions, e, out, e * d, s, prepared);
            }
        });
        return FeatureTable.wrap(transactions.entityIds().toArray(new String[0]), names.clone(), out);
    }

    /** Checks the transactions and computes table-wide lookups once per call (may return null). */
    abstract Object prepare(Transactions t);

    /** Writes the features of entity {@code e} to {@code out[o .. o + featureNames().size())}. */
    abstract void row(Transactions t, int e, double[] out, int o, Scratch s, Object prepared);

    /**
     * Sorts {@code keys[0..n)} (non-negative ints) and returns the number of distinct values, which are moved to the
     * front in increasing order.
     */
    static int sortDistinct(int[] keys, int n) {
        Arrays.sort(keys, 0, n);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m == 0 || keys[i] != keys[m - 1]) {
                keys[m++] = keys[i];
            }
        }
        return m;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + Arrays.toString(names);
    }
}
