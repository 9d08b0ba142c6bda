package dev.segmentation.spark;

import dev.segmentation.data.Transactions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import org.apache.spark.sql.Row;

/**
 * Cuts normalized lines ({@link SparkTransactions#lines()}: entity, epoch second, order, quantity, amount, item,
 * category, attributes) sorted by entity into batches of whole entities of at least {@code rowsPerBatch} lines (the
 * last entity of a batch is never split, so one larger entity makes a larger batch), and builds core
 * {@link Transactions} from a batch. Memory: one batch of rows. Not thread-safe; one per task.
 */
final class EntityBatches {
    private final Iterator<Row> lines;
    private final int rowsPerBatch;
    private Row pending;

    EntityBatches(Iterator<Row> lines, int rowsPerBatch) {
        this.lines = lines;
        this.rowsPerBatch = rowsPerBatch;
        this.pending = lines.hasNext() ? lines.next() : null;
    }

    boolean hasNext() {
        return pending != null;
    }

    /** The next batch of whole entities (empty when the lines are exhausted). */
    List<Row> next() {
        List<Row> batch = new ArrayList<>();
        String current = null;
        while (pending != null) {
            String entity = pending.getString(0);
            if (!entity.equals(current)) {
                if (batch.size() >= rowsPerBatch) {
                    break;
                }
                if (BatchExtraction.SPAN_ENTITY.equals(entity)) {
                    throw new IllegalArgumentException("the entity id '" + BatchExtraction.SPAN_ENTITY.replace(
                            "\u0000", "\\u0000") + "' is reserved by segmentation-spark");
                }
                current = entity;
            }
            batch.add(pending);
            pending = lines.hasNext() ? lines.next() : null;
        }
        return batch;
    }

    /**
     * A core table of the rows whose entity {@code keep} accepts (all when null), plus the span lines of
     * {@code frame} when it is not null (see {@link BatchExtraction}).
     */
    static Transactions build(List<Row> rows, String[] attributeNames, Predicate<String> keep,
            BatchExtraction.Frame frame) {
        Transactions.Builder b = Transactions.builder().attributes(attributeNames);
        int na = attributeNames.length;
        double[] attrs = new double[na];
        for (Row row : rows) {
            String entity = row.getString(0);
            if (keep != null && !keep.test(entity)) {
                continue;
            }
            List<Object> a = row.getList(7);
            for (int k = 0; k < na; k++) {
                attrs[k] = ((Number) a.get(k)).doubleValue();
            }
            b.add(entity, row.getLong(1), row.getString(2), row.getDouble(3), row.getDouble(4),
                    row.isNullAt(5) ? null : row.getString(5), row.isNullAt(6) ? null : row.getString(6), attrs);
        }
        if (frame != null) {
            BatchExtraction.addSpan(b, frame);
        }
        return b.build();
    }
}
