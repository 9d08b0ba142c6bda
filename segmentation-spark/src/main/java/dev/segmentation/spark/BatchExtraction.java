package dev.segmentation.spark;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.fit.FitContext;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The per-partition step of {@link SparkFeatures}: reads normalized lines sorted by entity, cuts them into batches of
 * whole entities of about {@code rowsPerBatch} rows, builds a core {@link Transactions} per batch, runs core's
 * extractors on it and streams out one row per described entity. A task holds one batch at a time: memory is
 * O(max(rowsPerBatch, rows of the largest entity)) plus the extractors' own per-batch buffers.
 *
 * <p><b>Why the numbers equal core's.</b> Every core extractor computes an entity's row from that entity's rows and
 * a few table-wide values: the first and last period (the global panel span), the last date (RFM's default as-of
 * day), whether the table carries items or categories, and, for category and item entropies, the number of distinct
 * categories or items. Each batch gets one extra entity, {@link #SPAN_ENTITY}, whose zero-valued lines sit at the
 * whole data's first and last timestamp and carry the data's categories and items as needed (the {@link Frame}), so
 * those table-wide values are the whole data's in every batch; that entity is dropped from the output. Dictionary
 * codes keep the order of the sorted ids, so sums over items or categories run in the same order as in core.
 */
final class BatchExtraction implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    /** The entity id of the span lines added to each batch (no real entity may use it). */
    static final String SPAN_ENTITY = "\u0000segmentation-spark:span";

    /** Table-wide facts of the whole data that every batch must see. */
    static final class Frame implements Serializable {
        private static final long serialVersionUID = 1L;
        final long minEpochSecond;
        final long maxEpochSecond;
        /** Items the span entity carries (empty when the data has none). */
        final String[] items;
        /** Categories the span entity carries (empty when the data has none). */
        final String[] categories;
        final String[] attributeNames;

        Frame(long minEpochSecond, long maxEpochSecond, String[] items, String[] categories,
                String[] attributeNames) {
            this.minEpochSecond = minEpochSecond;
            this.maxEpochSecond = maxEpochSecond;
            this.items = items;
            this.categories = categories;
            this.attributeNames = attributeNames;
        }
    }

    private final ExtractorSource source;
    private final Frame frame;
    private final int rowsPerBatch;
    private final long seed;
    private final LocalDate asOf;

    BatchExtraction(ExtractorSource source, Frame frame, int rowsPerBatch, long seed, LocalDate asOf) {
        this.source = source;
        this.frame = frame;
        this.rowsPerBatch = rowsPerBatch;
        this.seed = seed;
        this.asOf = asOf;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> lines) {
        final List<FeatureExtractor> extractors = source.extractors();
        final FitContext ctx = asOf == null ? FitContext.seeded(seed).withThreads(1)
                : FitContext.seeded(seed).withThreads(1).withAsOf(asOf);
        return new Iterator<Row>() {
            Row pending = lines.hasNext() ? lines.next() : null;
            FeatureTable batch;
            int next;

            @Override
            public boolean hasNext() {
                while ((batch == null || next >= batch.rows()) && pending != null) {
                    batch = joinDescribed(readBatch(), extractors, ctx);
                    next = 0;
                }
                return batch != null && next < batch.rows();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int r = next++;
                int d = batch.cols();
                Object[] out = new Object[d + 1];
                out[0] = batch.entityId(r);
                for (int c = 0; c < d; c++) {
                    out[c + 1] = batch.get(r, c);
                }
                return RowFactory.create(out);
            }

            private Transactions readBatch() {
                Transactions.Builder b = Transactions.builder().attributes(frame.attributeNames);
                int na = frame.attributeNames.length;
                double[] attrs = new double[na];
                String current = null;
                int n = 0;
                while (pending != null) {
                    Row row = pending;
                    String entity = row.getString(0);
                    if (!entity.equals(current)) {
                        if (n >= rowsPerBatch) {
                            break;
                        }
                        if (SPAN_ENTITY.equals(entity)) {
                            throw new IllegalArgumentException("the entity id '" + SPAN_ENTITY.replace("\u0000",
                                    "\\u0000") + "' is reserved by segmentation-spark");
                        }
                        current = entity;
                    }
                    List<Object> a = row.getList(7);
                    for (int k = 0; k < na; k++) {
                        attrs[k] = ((Number) a.get(k)).doubleValue();
                    }
                    b.add(entity, row.getLong(1), row.getString(2), row.getDouble(3), row.getDouble(4),
                            row.isNullAt(5) ? null : row.getString(5), row.isNullAt(6) ? null : row.getString(6),
                            attrs);
                    n++;
                    pending = lines.hasNext() ? lines.next() : null;
                }
                addSpan(b, na);
                return b.build();
            }
        };
    }

    private void addSpan(Transactions.Builder b, int na) {
        addSpan(b, frame);
    }

    /** Adds the span entity's lines of {@code frame} to a batch (see the class doc). */
    static void addSpan(Transactions.Builder b, Frame frame) {
        double[] zeros = new double[frame.attributeNames.length];
        String item = frame.items.length > 0 ? frame.items[0] : null;
        String category = frame.categories.length > 0 ? frame.categories[0] : null;
        b.add(SPAN_ENTITY, frame.minEpochSecond, SPAN_ENTITY, 0, 0, item, category, zeros);
        b.add(SPAN_ENTITY, frame.maxEpochSecond, SPAN_ENTITY, 0, 0, item, category, zeros);
        for (int i = 1; i < Math.max(frame.items.length, frame.categories.length); i++) {
            b.add(SPAN_ENTITY, frame.minEpochSecond, SPAN_ENTITY, 0, 0,
                    i < frame.items.length ? frame.items[i] : null,
                    i < frame.categories.length ? frame.categories[i] : null, zeros);
        }
    }

    /**
     * Core's join of extractor tables (the entities every extractor described, in the table's entity order, columns
     * in extractor order), without the span entity.
     */
    static FeatureTable joinDescribed(Transactions tx, List<FeatureExtractor> extractors, FitContext ctx) {
        int ne = tx.entityCount();
        int[] describedBy = new int[ne];
        List<FeatureTable> tables = new ArrayList<>(extractors.size());
        for (int i = 0; i < extractors.size(); i++) {
            FeatureExtractor ex = extractors.get(i);
            FeatureTable t = ex.extract(tx, ctx.stage("features/" + i));
            if (!t.featureNames().equals(ex.featureNames())) {
                throw new IllegalStateException("extractor " + ex + " promised features " + ex.featureNames()
                        + " but produced " + t.featureNames());
            }
            for (int r = 0; r < t.rows(); r++) {
                describedBy[tx.entityIndex(t.entityId(r)).orElseThrow()]++;
            }
            tables.add(t);
        }
        int span = tx.entityIndex(SPAN_ENTITY).orElse(-1);
        if (span >= 0) {
            describedBy[span] = -1;
        }
        FeatureTable joined = null;
        for (FeatureTable t : tables) {
            int[] keep = new int[t.rows()];
            int m = 0;
            for (int r = 0; r < t.rows(); r++) {
                if (describedBy[tx.entityIndex(t.entityId(r)).orElseThrow()] == tables.size()) {
                    keep[m++] = r;
                }
            }
            FeatureTable part = t.selectRows(java.util.Arrays.copyOf(keep, m));
            joined = joined == null ? part : joined.join(part);
        }
        return joined;
    }
}
