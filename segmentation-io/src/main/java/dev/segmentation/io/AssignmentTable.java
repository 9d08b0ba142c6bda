package dev.segmentation.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentAssignments.Status;
import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.cluster.SoftClusterModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One row per entity: its segment ID, segment name, membership strength, outlier score and eligibility status,
 * written as CSV or JSON for dashboards and CRM tools.
 *
 * <ul>
 *   <li>{@link #training(SegmentationModel)}: the model's training entities, all {@code ASSIGNED}; strengths and
 *       outlier scores when the cluster model is a {@link SoftClusterModel} (HDBSCAN).</li>
 *   <li>{@link #predicted(SegmentationModel, SegmentAssignments)}: every entity of a prediction: the assigned ones
 *       (in the order of the assignments, with their strengths when the cluster model gives them, and their
 *       outlier scores when it scores new rows: HDBSCAN's approximate GLOSH, see
 *       {@link SegmentAssignments#outlierScores()}; K-Means and Gaussian mixtures define none for new rows, so the
 *       column is empty), then the {@code NOT_ELIGIBLE} ones with the eligibility rule they failed, then the
 *       {@code NOT_DESCRIBED} ones.</li>
 *   <li>{@link #withSegmentIds(int[])}: the same table with other segment IDs for the assigned rows (e.g. IDs kept
 *       stable across refits by {@code SegmentAlignment}); the names stay those of the model's segments.</li>
 * </ul>
 * Segment names are those of the model's profiles ("Noise" for {@code -1}, "Segment k" for a segment without a
 * profile).
 *
 * <p><b>CSV</b> ({@link #writeCsv}): header {@code entity,segment,segment_name,strength,outlier_score,status,
 * eligibility_rule}; a value that does not apply is an empty cell. <b>JSON</b> ({@link #writeJson}):
 * {@code {"entities": n, "assigned": m, "assignments": [{"entity": "c1", "segment": 0, "name": "...",
 * "strength": 0.93, "outlierScore": 0.02, "status": "ASSIGNED"}, {"entity": "c9", "status": "NOT_ELIGIBLE",
 * "eligibilityRule": "min_orders"}, ...]}}, fields that do not apply left out. Doubles are written so they parse
 * back to the same bits. Both are written atomically (temporary file, then a move).
 *
 * <p>O(entities) time and memory. Immutable and thread-safe; accessors return copies.
 */
public final class AssignmentTable {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    /** CSV header. */
    public static final List<String> CSV_HEADER = List.of("entity", "segment", "segment_name", "strength",
            "outlier_score", "status", "eligibility_rule");

    private final String[] entities;
    private final Status[] status;
    /** Segment ID of each assigned row (first {@code assigned} rows); 0 elsewhere. */
    private final int[] segments;
    private final String[] names;
    private final double[] strengths;
    private final double[] outlierScores;
    private final String[] rules;
    private final int assigned;

    private AssignmentTable(String[] entities, Status[] status, int[] segments, String[] names, double[] strengths,
            double[] outlierScores, String[] rules, int assigned) {
        this.entities = entities;
        this.status = status;
        this.segments = segments;
        this.names = names;
        this.strengths = strengths;
        this.outlierScores = outlierScores;
        this.rules = rules;
        this.assigned = assigned;
    }

    /**
     * The training entities of {@code model} with their segments, names and, for a {@link SoftClusterModel},
     * strengths and outlier scores.
     *
     * @throws IllegalArgumentException when the model holds no training entities (a model read from a file keeps
     *     none)
     */
    public static AssignmentTable training(SegmentationModel model) {
        Objects.requireNonNull(model, "model");
        if (model.entityIds().isEmpty()) {
            throw new IllegalArgumentException("the model holds no training entities (a model file of format 1 keeps"
                    + " none): use predicted(model, model.predict(...)) instead");
        }
        int n = model.entityIds().size();
        int[] labels = model.labels();
        double[] strengths = null;
        double[] outliers = null;
        if (model.clusterModel() instanceof SoftClusterModel) {
            SoftClusterModel soft = (SoftClusterModel) model.clusterModel();
            strengths = soft.strengths();
            outliers = soft.outlierScores();
            if (strengths.length != n || outliers.length != n) {
                throw new IllegalStateException("the cluster model has " + strengths.length + " strengths and "
                        + outliers.length + " outlier scores but the model has " + n + " training entities");
            }
        }
        Status[] status = new Status[n];
        Arrays.fill(status, Status.ASSIGNED);
        return new AssignmentTable(model.entityIds().toArray(new String[0]), status, labels,
                names(model, labels, n), strengths, outliers, new String[n], n);
    }

    /**
     * Every entity of {@code assignments} (a prediction of {@code model}): assigned ones with segment, name,
     * strength and outlier score (each when given), then ineligible ones with their rule, then filtered ones with their filter, then
     * undescribed ones.
     */
    public static AssignmentTable predicted(SegmentationModel model, SegmentAssignments assignments) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(assignments, "assignments");
        int m = assignments.size();
        Map<String, String> notEligible = assignments.notEligible();
        Map<String, String> filtered = assignments.filtered();
        List<String> notDescribed = assignments.notDescribed();
        int n = m + notEligible.size() + filtered.size() + notDescribed.size();
        String[] entities = new String[n];
        Status[] status = new Status[n];
        int[] segments = new int[n];
        String[] rules = new String[n];
        List<String> ids = assignments.entityIds();
        int[] labels = assignments.labels();
        for (int i = 0; i < m; i++) {
            entities[i] = ids.get(i);
            status[i] = Status.ASSIGNED;
            segments[i] = labels[i];
        }
        int r = m;
        for (Map.Entry<String, String> e : notEligible.entrySet()) {
            entities[r] = e.getKey();
            status[r] = Status.NOT_ELIGIBLE;
            rules[r] = e.getValue();
            r++;
        }
        for (Map.Entry<String, String> e : filtered.entrySet()) {
            entities[r] = e.getKey();
            status[r] = Status.FILTERED;
            rules[r] = e.getValue();
            r++;
        }
        for (String id : notDescribed) {
            entities[r] = id;
            status[r] = Status.NOT_DESCRIBED;
            r++;
        }
        double[] strengths = null;
        if (assignments.strengths().isPresent()) {
            strengths = Arrays.copyOf(assignments.strengths().get(), n);
        }
        double[] outliers = null;
        if (assignments.outlierScores().isPresent()) {
            outliers = Arrays.copyOf(assignments.outlierScores().get(), n);
        }
        return new AssignmentTable(entities, status, segments, names(model, segments, m), strengths, outliers, rules,
                m);
    }

    private static String[] names(SegmentationModel model, int[] labels, int assigned) {
        Map<Integer, String> byLabel = new HashMap<>();
        for (SegmentProfile p : model.profiles()) {
            byLabel.put(p.segment(), p.name());
        }
        String[] out = new String[labels.length];
        for (int i = 0; i < assigned; i++) {
            String name = byLabel.get(labels[i]);
            out[i] = name != null ? name : labels[i] < 0 ? "Noise" : "Segment " + labels[i];
        }
        return out;
    }

    /**
     * This table with {@code segmentIds[i]} as the segment ID of the i-th assigned row (names unchanged).
     *
     * @throws IllegalArgumentException when the length differs from the number of assigned rows
     */
    public AssignmentTable withSegmentIds(int[] segmentIds) {
        Objects.requireNonNull(segmentIds, "segmentIds");
        if (segmentIds.length != assigned) {
            throw new IllegalArgumentException("segmentIds has " + segmentIds.length + " values but the table has "
                    + assigned + " assigned entities");
        }
        int[] s = segments.clone();
        System.arraycopy(segmentIds, 0, s, 0, assigned);
        return new AssignmentTable(entities, status, s, names, strengths, outlierScores, rules, assigned);
    }

    /** Number of rows (entities). */
    public int size() {
        return entities.length;
    }

    /** Number of assigned rows (they come first). */
    public int assigned() {
        return assigned;
    }

    /** The entity ids, in row order. */
    public List<String> entityIds() {
        return List.of(entities);
    }

    /**
     * The entity id of row {@code row}.
     *
     * @throws IllegalArgumentException when the row is out of range
     */
    public String entity(int row) {
        return entities[check(row)];
    }

    /** Whether the table has strengths (the cluster model is a {@link SoftClusterModel}). */
    public boolean hasStrengths() {
        return strengths != null;
    }

    /**
     * Whether the table has outlier scores: training rows of a {@link SoftClusterModel}, or predicted rows of a model
     * that scores new rows ({@link SoftClusterModel#scoresNewRows()}, HDBSCAN).
     */
    public boolean hasOutlierScores() {
        return outlierScores != null;
    }

    private int check(int row) {
        if (row < 0 || row >= entities.length) {
            throw new IllegalArgumentException("row must be within [0, " + entities.length + ") but was " + row);
        }
        return row;
    }

    /**
     * The status of row {@code row}.
     *
     * @throws IllegalArgumentException when the row is out of range (so are the other per-row accessors)
     */
    public Status status(int row) {
        return status[check(row)];
    }

    /** The segment ID of row {@code row}; empty when it was not assigned. */
    public OptionalInt segment(int row) {
        return check(row) < assigned ? OptionalInt.of(segments[row]) : OptionalInt.empty();
    }

    /** The segment name of row {@code row}; empty when it was not assigned. */
    public Optional<String> segmentName(int row) {
        return Optional.ofNullable(names[check(row)]);
    }

    /** The membership strength of row {@code row}; empty when not assigned or the model gives none. */
    public OptionalDouble strength(int row) {
        return check(row) < assigned && strengths != null ? OptionalDouble.of(strengths[row])
                : OptionalDouble.empty();
    }

    /**
     * The outlier score of row {@code row}; empty when it was not assigned or the table has none (see
     * {@link #hasOutlierScores()}).
     */
    public OptionalDouble outlierScore(int row) {
        return check(row) < assigned && outlierScores != null ? OptionalDouble.of(outlierScores[row])
                : OptionalDouble.empty();
    }

    /**
     * The eligibility rule row {@code row} failed ({@code NOT_ELIGIBLE}) or the feature filter that removed it
     * ({@code FILTERED}); empty otherwise.
     */
    public Optional<String> eligibilityRule(int row) {
        return Optional.ofNullable(rules[check(row)]);
    }

    /**
     * Writes the table as CSV ({@link #CSV_HEADER}), atomically.
     *
     * @throws IOException when the file cannot be written
     */
    public void writeCsv(Path file) throws IOException {
        writeCsv(CsvWriter.defaults(), file);
    }

    /**
     * Writes the table as CSV with {@code writer}'s delimiter, line separator and encoding, atomically.
     *
     * @throws IOException when the file cannot be written
     */
    public void writeCsv(CsvWriter writer, Path file) throws IOException {
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(file, "file");
        writer.write(file, CSV_HEADER, rows -> {
            Object[] cells = new Object[CSV_HEADER.size()];
            for (int i = 0; i < entities.length; i++) {
                boolean a = i < assigned;
                cells[0] = entities[i];
                cells[1] = a ? (Object) segments[i] : null;
                cells[2] = names[i];
                cells[3] = a && strengths != null ? (Object) strengths[i] : null;
                cells[4] = a && outlierScores != null ? (Object) outlierScores[i] : null;
                cells[5] = status[i].name();
                cells[6] = rules[i];
                rows.row(cells);
            }
        });
    }

    /**
     * Writes the table as JSON, atomically.
     *
     * @throws IOException when the file cannot be written
     */
    public void writeJson(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        AtomicFiles.write(file, out -> {
            try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
                g.writeStartObject();
                g.writeNumberField("entities", entities.length);
                g.writeNumberField("assigned", assigned);
                g.writeArrayFieldStart("assignments");
                for (int i = 0; i < entities.length; i++) {
                    g.writeRaw('\n');
                    g.writeStartObject();
                    g.writeStringField("entity", entities[i]);
                    if (i < assigned) {
                        g.writeNumberField("segment", segments[i]);
                        g.writeStringField("name", names[i]);
                        if (strengths != null) {
                            g.writeFieldName("strength");
                            JsonParts.writeDouble(g, strengths[i]);
                        }
                        if (outlierScores != null) {
                            g.writeFieldName("outlierScore");
                            JsonParts.writeDouble(g, outlierScores[i]);
                        }
                    }
                    g.writeStringField("status", status[i].name());
                    if (rules[i] != null) {
                        g.writeStringField("eligibilityRule", rules[i]);
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeRaw('\n');
            }
        });
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add("entities=" + entities.length);
        parts.add("assigned=" + assigned);
        parts.add("strengths=" + hasStrengths());
        parts.add("outlierScores=" + hasOutlierScores());
        return "AssignmentTable[" + String.join(", ", parts) + "]";
    }
}
