package dev.segmentation.spark;

import dev.segmentation.data.Transactions;
import dev.segmentation.features.Eligibility;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The per-partition step of the eligibility filter in {@link SparkScorer#assignments}: reads normalized lines sorted
 * by entity, cuts them into batches of whole entities of about {@code rowsPerBatch} lines, applies the broadcast
 * model's core {@link Eligibility} to each batch and emits {@code (entity, rule)} for every entity, {@code rule} null
 * when it passed. Core's rules read only the entity's own lines (active months, active years, distinct orders,
 * active periods), so the result is core's for any batching. Memory: one batch.
 */
final class EligibilityBatches implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    static final String RULE = "rule";
    static final StructType SCHEMA = new StructType().add("entity", DataTypes.StringType, false)
            .add(RULE, DataTypes.StringType, true);

    private final Broadcast<byte[]> bytes;
    private final String modelId;
    private final String[] attributeNames;
    private final int rowsPerBatch;

    EligibilityBatches(Broadcast<byte[]> bytes, String modelId, String[] attributeNames, int rowsPerBatch) {
        this.bytes = bytes;
        this.modelId = modelId;
        this.attributeNames = attributeNames;
        this.rowsPerBatch = rowsPerBatch;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> lines) {
        Eligibility eligibility = SparkScorer.load(modelId, bytes.value()).eligibility().orElseThrow();
        return new Iterator<Row>() {
            Row pending = lines.hasNext() ? lines.next() : null;
            final List<Row> out = new ArrayList<>();
            int next;

            @Override
            public boolean hasNext() {
                while (next >= out.size() && pending != null) {
                    out.clear();
                    next = 0;
                    Transactions tx = readBatch();
                    Map<String, String> removed = eligibility.apply(tx).removedEntities();
                    for (String id : tx.entityIds()) {
                        out.add(RowFactory.create(id, removed.get(id)));
                    }
                }
                return next < out.size();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return out.get(next++);
            }

            private Transactions readBatch() {
                Transactions.Builder b = Transactions.builder().attributes(attributeNames);
                int na = attributeNames.length;
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
                return b.build();
            }
        };
    }
}
