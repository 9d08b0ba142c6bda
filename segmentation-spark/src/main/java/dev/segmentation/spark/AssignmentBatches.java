package dev.segmentation.spark;

import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Eligibility;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.fit.FitContext;
import java.io.Serializable;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The per-partition step of {@link SparkScorer#assignments(SparkTransactions, LocalDate)}: over lines shuffled by
 * entity and sorted within partitions, each batch of whole entities goes through the broadcast model as core's
 * {@code predict(transactions, asOf)} does: the eligibility filter ({@code not_eligible} rows with the rule), the
 * model's extractors on the eligible lines with the span lines of the eligible data ({@code not_described} rows for
 * the entities they leave out), then {@code predict} on the described rows ({@code assigned}, {@code noise} or
 * {@code filtered}). One shuffle of the lines serves the whole scoring: {@link Summary} (the eligible data's first
 * and last timestamp and dictionaries) and this step read the same shuffle output.
 *
 * <p>Every core step used here computes an entity's result from that entity's lines and the table-wide values of
 * the frame, so the rows equal core's for any partitioning and batch size. Memory: one batch of rows plus its core
 * tables.
 */
final class AssignmentBatches implements FlatMapFunction<Iterator<Row>, Row> {
    private static final long serialVersionUID = 1L;

    private final Broadcast<byte[]> bytes;
    private final String modelId;
    private final String modelVersion;
    private final long scoredAtMillis;
    private final String[] attributeNames;
    private final int rowsPerBatch;
    private final LocalDate asOf;
    /** Null when no entity is eligible. */
    private final BatchExtraction.Frame frame;

    AssignmentBatches(Broadcast<byte[]> bytes, String modelId, String modelVersion, long scoredAtMillis,
            String[] attributeNames, int rowsPerBatch, LocalDate asOf, BatchExtraction.Frame frame) {
        this.bytes = bytes;
        this.modelId = modelId;
        this.modelVersion = modelVersion;
        this.scoredAtMillis = scoredAtMillis;
        this.attributeNames = attributeNames;
        this.rowsPerBatch = rowsPerBatch;
        this.asOf = asOf;
        this.frame = frame;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> lines) {
        SegmentationModel model = SparkScorer.load(modelId, bytes.value());
        Eligibility eligibility = model.eligibility().orElse(null);
        List<FeatureExtractor> extractors = model.extractors();
        FitContext ctx = FitContext.seeded(0).withThreads(1).withAsOf(asOf);
        Map<Integer, String> names = new HashMap<>();
        for (SegmentProfile p : model.profiles()) {
            names.put(p.segment(), p.name());
        }
        Timestamp scoredAt = new Timestamp(scoredAtMillis);
        EntityBatches batches = new EntityBatches(lines, rowsPerBatch);
        return new Iterator<Row>() {
            final List<Row> out = new ArrayList<>();
            int next;

            @Override
            public boolean hasNext() {
                while (next >= out.size() && batches.hasNext()) {
                    out.clear();
                    next = 0;
                    score(batches.next());
                }
                return next < out.size();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return out.get(next++);
            }

            private void score(List<Row> rows) {
                Map<String, String> removed = Collections.emptyMap();
                if (eligibility != null) {
                    removed = eligibility.apply(EntityBatches.build(rows, attributeNames, null, null))
                            .removedEntities();
                    for (Map.Entry<String, String> e : removed.entrySet()) {
                        out.add(row(e.getKey(), null, null, null, SparkScorer.NOT_ELIGIBLE, e.getValue()));
                    }
                }
                if (frame == null) {
                    return;
                }
                Map<String, String> notEligible = removed;
                Transactions kept = EntityBatches.build(rows, attributeNames, id -> !notEligible.containsKey(id),
                        frame);
                FeatureTable described = BatchExtraction.joinDescribed(kept, extractors, ctx);
                Set<String> seen = new HashSet<>(described.entityIds());
                for (String id : kept.entityIds()) {
                    if (!id.equals(BatchExtraction.SPAN_ENTITY) && !seen.contains(id)) {
                        out.add(row(id, null, null, null, SparkScorer.NOT_DESCRIBED, null));
                    }
                }
                if (described.rows() == 0) {
                    return;
                }
                SegmentAssignments a = model.predict(described);
                for (String id : described.entityIds()) {
                    if (a.status(id) == SegmentAssignments.Status.ASSIGNED) {
                        int label = a.label(id).getAsInt();
                        Double strength = a.strengths().isPresent() ? a.strength(id).getAsDouble() : null;
                        Double outlier = a.outlierScores().isPresent() ? a.outlierScore(id).getAsDouble() : null;
                        out.add(row(id, label, names.getOrDefault(label, label < 0 ? "Noise" : "Segment " + label),
                                strength, outlier, label < 0 ? SparkScorer.NOISE : SparkScorer.ASSIGNED, null));
                    } else {
                        out.add(row(id, null, null, null, SparkScorer.FILTERED, null));
                    }
                }
            }

            private Row row(String id, Integer label, String name, Double strength, String status, String rule) {
                return row(id, label, name, strength, null, status, rule);
            }

            private Row row(String id, Integer label, String name, Double strength, Double outlier, String status,
                    String rule) {
                return RowFactory.create(id, label, name, strength, outlier, status, rule, modelId, modelVersion,
                        scoredAt);
            }
        };
    }

    /**
     * The eligible lines of one partition in a few numbers: count, first and last timestamp, smallest item and
     * category, and the distinct items and categories when the extractors need the dictionaries.
     */
    static final class Part implements Serializable {
        private static final long serialVersionUID = 1L;
        long lines;
        long minEpochSecond = Long.MAX_VALUE;
        long maxEpochSecond = Long.MIN_VALUE;
        String minItem;
        String minCategory;
        TreeSet<String> items = new TreeSet<>();
        TreeSet<String> categories = new TreeSet<>();

        void merge(Part o) {
            lines += o.lines;
            minEpochSecond = Math.min(minEpochSecond, o.minEpochSecond);
            maxEpochSecond = Math.max(maxEpochSecond, o.maxEpochSecond);
            minItem = min(minItem, o.minItem);
            minCategory = min(minCategory, o.minCategory);
            items.addAll(o.items);
            categories.addAll(o.categories);
        }

        static String min(String a, String b) {
            return a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
        }

        /**
         * The frame the extraction of the eligible lines needs (the same facts {@link SparkFeatures} takes from
         * the whole data), or null when no line is eligible.
         */
        BatchExtraction.Frame frame(boolean hasItems, boolean hasCategories, boolean[] dictionaries,
                String[] attributeNames) {
            if (lines == 0) {
                return null;
            }
            String[] it = hasItems ? (dictionaries[0] ? items.toArray(new String[0]) : new String[] {minItem})
                    : new String[0];
            String[] ca = hasCategories ? (dictionaries[1] ? categories.toArray(new String[0])
                    : new String[] {minCategory}) : new String[0];
            return new BatchExtraction.Frame(minEpochSecond, maxEpochSecond, it, ca, attributeNames);
        }
    }

    /** Summarises the eligible lines of each partition (one {@link Part} per partition). */
    static final class Summary implements FlatMapFunction<Iterator<Row>, Part> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<byte[]> bytes;
        private final String modelId;
        private final String[] attributeNames;
        private final int rowsPerBatch;
        private final boolean[] dictionaries;

        Summary(Broadcast<byte[]> bytes, String modelId, String[] attributeNames, int rowsPerBatch,
                boolean[] dictionaries) {
            this.bytes = bytes;
            this.modelId = modelId;
            this.attributeNames = attributeNames;
            this.rowsPerBatch = rowsPerBatch;
            this.dictionaries = dictionaries;
        }

        @Override
        public Iterator<Part> call(Iterator<Row> lines) {
            Eligibility eligibility = SparkScorer.load(modelId, bytes.value()).eligibility().orElseThrow();
            Part p = new Part();
            EntityBatches batches = new EntityBatches(lines, rowsPerBatch);
            while (batches.hasNext()) {
                List<Row> rows = batches.next();
                Map<String, String> removed = eligibility.apply(EntityBatches.build(rows, attributeNames, null,
                        null)).removedEntities();
                for (Row r : rows) {
                    if (removed.containsKey(r.getString(0))) {
                        continue;
                    }
                    p.lines++;
                    long t = r.getLong(1);
                    p.minEpochSecond = Math.min(p.minEpochSecond, t);
                    p.maxEpochSecond = Math.max(p.maxEpochSecond, t);
                    String item = r.isNullAt(5) ? null : r.getString(5);
                    String category = r.isNullAt(6) ? null : r.getString(6);
                    p.minItem = Part.min(p.minItem, item);
                    p.minCategory = Part.min(p.minCategory, category);
                    if (dictionaries[0] && item != null) {
                        p.items.add(item);
                    }
                    if (dictionaries[1] && category != null) {
                        p.categories.add(category);
                    }
                }
            }
            return List.of(p).iterator();
        }
    }
}
