package dev.segmentation.cluster;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.fit.FitContext;
import dev.segmentation.scaling.FittedScaler;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A {@link RowChunks} source of feature rows computed from a transaction store one block of entities at a time:
 * each chunk takes the next {@code entitiesPerChunk} entities (in the store's entity order), builds a transaction
 * table of their rows alone, runs the feature extractors on it, keeps the entities every extractor described (as
 * the {@code Segmenter} does), and applies the fitted scaler when one is given. The full feature matrix is never
 * held: memory is one chunk's transactions and features. A pass costs one extraction of every entity, so a
 * {@link MiniBatchKMeans} fit extracts the features {@code 2 + epochs} times; write them once to a {@link RowFile}
 * when the fit will run more than an epoch or two.
 *
 * <p><b>Same features as a whole-store extraction?</b> Every extractor runs with the as-of date fixed to the whole
 * store's (the context's {@link FitContext#asOf()} when set, else the day after the store's last timestamp), so
 * recency and tenure are measured from the same day as on the whole store. An extractor whose value for one entity
 * depends on the others' rows, as a panel with a global span (first to last period of all the data), sees only the
 * chunk's rows: its features equal the whole-store ones only when every chunk spans the same periods (true when
 * each block of entities has rows in the first and last period, as in any large block of a retail store, but not
 * guaranteed). The test {@code TransactionFeatureChunksTest} checks equality with a whole-store extraction for the
 * extractors the benchmarks use.
 *
 * <p>{@link #rows()} is unknown ({@code -1}) before the first pass, since an extractor may leave out entities.
 * Not thread-safe; each chunk's extraction may use the context's threads.
 */
public final class TransactionFeatureChunks implements RowChunks {
    private final Transactions tx;
    private final FeatureExtractor[] extractors;
    private final FittedScaler scaler;
    private final int entitiesPerChunk;
    private final FitContext context;
    private final int cols;
    private final String[] names;
    private final String[] itemIds;
    private final String[] categoryIds;
    private final String[] attributeNames;
    private int nextEntity;
    private double[] pending = new double[0];
    private int pendingRows;
    private int pendingPos;
    private long rowsLastPass = -1;
    private long rowsThisPass;
    private boolean closed;

    /**
     * A source over {@code transactions}.
     *
     * @param extractors the feature extractors, in column order (at least one)
     * @param scaler the fitted scaler applied to each chunk's features, or null for raw features; when given, the
     *     rows are its {@link FittedScaler#featureNames()} in its order
     * @param entitiesPerChunk entities per chunk, at least 1
     * @param context threads, cancellation and optionally the as-of date for the extractors
     * @throws IllegalArgumentException when there is no extractor, {@code entitiesPerChunk < 1}, the transactions are
     *     empty, two extractors produce the same feature name, or the scaler needs a feature the extractors do not
     *     produce (naming it)
     */
    public TransactionFeatureChunks(Transactions transactions, List<? extends FeatureExtractor> extractors,
            FittedScaler scaler, int entitiesPerChunk, FitContext context) {
        this.tx = Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(extractors, "extractors");
        Objects.requireNonNull(context, "context");
        if (extractors.isEmpty()) {
            throw new IllegalArgumentException("at least one feature extractor is needed");
        }
        if (entitiesPerChunk < 1) {
            throw new IllegalArgumentException("entitiesPerChunk must be >= 1 but was " + entitiesPerChunk);
        }
        if (transactions.isEmpty()) {
            throw new IllegalArgumentException("the transactions are empty: there is no entity to describe");
        }
        this.extractors = extractors.toArray(new FeatureExtractor[0]);
        List<String> all = new ArrayList<>();
        for (FeatureExtractor e : this.extractors) {
            for (String f : e.featureNames()) {
                if (all.contains(f)) {
                    throw new IllegalArgumentException("feature '" + f + "' is produced by two extractors");
                }
                all.add(f);
            }
        }
        if (scaler != null) {
            for (String f : scaler.featureNames()) {
                if (!all.contains(f)) {
                    throw new IllegalArgumentException("the scaler needs feature '" + f
                            + "' but the extractors produce " + all);
                }
            }
            this.names = scaler.featureNames().toArray(new String[0]);
        } else {
            this.names = all.toArray(new String[0]);
        }
        this.scaler = scaler;
        this.cols = names.length;
        this.entitiesPerChunk = entitiesPerChunk;
        LocalDate asOf = context.asOf().orElse(LocalDate.ofEpochDay(Math.floorDiv(tx.maxEpochSecond(), 86_400L) + 1));
        this.context = context.withAsOf(asOf);
        this.itemIds = new String[tx.hasItems() ? tx.itemCount() : 0];
        for (int c = 0; c < itemIds.length; c++) {
            itemIds[c] = tx.itemIdOfCode(c);
        }
        this.categoryIds = new String[tx.hasCategories() ? tx.categoryCount() : 0];
        for (int c = 0; c < categoryIds.length; c++) {
            categoryIds[c] = tx.categoryOfCode(c);
        }
        this.attributeNames = tx.attributeNames().toArray(new String[0]);
    }

    /** The feature names of the rows, in column order. */
    public List<String> featureNames() {
        return List.of(names);
    }

    /** The as-of date the extractors run with. */
    public LocalDate asOf() {
        return context.asOf().orElseThrow();
    }

    @Override
    public int cols() {
        return cols;
    }

    /** The rows of the last complete pass, or -1 before one completed. */
    @Override
    public long rows() {
        return rowsLastPass;
    }

    @Override
    public String describe() {
        return "features " + Arrays.toString(names) + " of " + tx.entityCount() + " entities";
    }

    @Override
    public int next(double[] buffer, int maxRows) {
        ChunkChecks.check(this, closed, buffer, maxRows, cols);
        while (pendingPos == pendingRows) {
            if (nextEntity >= tx.entityCount()) {
                rowsLastPass = rowsThisPass;
                return 0;
            }
            int from = nextEntity;
            int to = (int) Math.min(tx.entityCount(), (long) from + entitiesPerChunk);
            nextEntity = to;
            FeatureTable t = features(from, to);
            pending = t.values();
            pendingRows = t.rows();
            pendingPos = 0;
        }
        int m = Math.min(maxRows, pendingRows - pendingPos);
        System.arraycopy(pending, pendingPos * cols, buffer, 0, m * cols);
        pendingPos += m;
        rowsThisPass += m;
        return m;
    }

    /** The (scaled) features of entities {@code [from, to)}, the ones every extractor described. */
    FeatureTable features(int from, int to) {
        Transactions chunk = slice(from, to);
        FeatureTable joined = null;
        for (FeatureExtractor e : extractors) {
            FeatureTable t = e.extract(chunk, context);
            joined = joined == null ? t : innerJoin(joined, t);
        }
        return scaler != null ? scaler.transform(joined) : joined;
    }

    private static FeatureTable innerJoin(FeatureTable a, FeatureTable b) {
        if (a.entityIds().equals(b.entityIds())) {
            return a.join(b);
        }
        // both list their entities in the chunk's (sorted) entity order: keep the common ones
        List<String> ia = a.entityIds();
        List<String> ib = b.entityIds();
        int[] ka = new int[Math.min(ia.size(), ib.size())];
        int[] kb = new int[ka.length];
        int n = 0;
        for (int i = 0, j = 0; i < ia.size() && j < ib.size();) {
            int c = ia.get(i).compareTo(ib.get(j));
            if (c == 0) {
                ka[n] = i++;
                kb[n++] = j++;
            } else if (c < 0) {
                i++;
            } else {
                j++;
            }
        }
        return a.selectRows(Arrays.copyOf(ka, n)).join(b.selectRows(Arrays.copyOf(kb, n)));
    }

    /** The rows of entities {@code [from, to)} as a table of their own (same codes order, same row order). */
    Transactions slice(int from, int to) {
        int r0 = tx.entityStart(from);
        int r1 = tx.entityEnd(to - 1);
        int rows = r1 - r0;
        String[] ids = new String[to - from];
        int[] start = new int[to - from + 1];
        for (int e = from; e < to; e++) {
            ids[e - from] = tx.entityId(e);
            start[e - from] = tx.entityStart(e) - r0;
        }
        start[to - from] = rows;
        long[] time = new long[rows];
        int[] order = new int[rows];
        double[] qty = new double[rows];
        double[] amt = new double[rows];
        for (int r = 0; r < rows; r++) {
            time[r] = tx.epochSecond(r0 + r);
            order[r] = tx.orderCode(r0 + r);
            qty[r] = tx.quantity(r0 + r);
            amt[r] = tx.amount(r0 + r);
        }
        // the chunk's orders, renumbered in code order (code order is id order)
        int[] codes = order.clone();
        Arrays.sort(codes);
        int u = 0;
        for (int i = 0; i < codes.length; i++) {
            if (i == 0 || codes[i] != codes[i - 1]) {
                codes[u++] = codes[i];
            }
        }
        String[] orderIds = new String[u];
        for (int i = 0; i < u; i++) {
            orderIds[i] = tx.orderIdOfCode(codes[i]);
        }
        for (int r = 0; r < rows; r++) {
            order[r] = Arrays.binarySearch(codes, 0, u, order[r]);
        }
        Transactions.SortedColumns b = Transactions.sortedColumns().entities(ids, start).rows(time, order, qty, amt)
                .orders(orderIds);
        if (itemIds.length > 0) {
            int[] it = new int[rows];
            for (int r = 0; r < rows; r++) {
                it[r] = tx.itemCode(r0 + r);
            }
            b.items(itemIds, it);
        }
        if (categoryIds.length > 0) {
            int[] ca = new int[rows];
            for (int r = 0; r < rows; r++) {
                ca[r] = tx.categoryCode(r0 + r);
            }
            b.categories(categoryIds, ca);
        }
        for (int a = 0; a < attributeNames.length; a++) {
            double[] v = new double[rows];
            for (int r = 0; r < rows; r++) {
                v[r] = tx.attribute(a, r0 + r);
            }
            b.attribute(attributeNames[a], v);
        }
        return b.build();
    }

    @Override
    public void rewind() {
        if (closed) {
            throw new IllegalStateException(describe() + " is closed");
        }
        nextEntity = 0;
        pendingRows = 0;
        pendingPos = 0;
        rowsThisPass = 0;
    }

    @Override
    public void close() {
        closed = true;
        pending = new double[0];
    }
}
