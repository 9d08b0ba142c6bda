package dev.segmentation.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Segment profiles and assignments as JSON files for dashboards and other tools, written atomically (temporary
 * file, then a move). Doubles are written so they parse back to the same bits; NaN and the infinities, which JSON
 * numbers cannot hold, are the strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
 *
 * <p>Profiles: {@code {"featureNames": [...], "valueFeature": "monetary", "segments": [{"segment": 0, "name": ...,
 * "size": ..., "share": ..., "valueShare": ..., "means": {"feature": value, ...}, "medians": {...}}, ...]}}
 * ({@code valueFeature} and {@code valueShare} only when the model has a value feature).
 *
 * <p>Assignments: {@code {"entities": n, "assignments": [{"entity": "c1", "segment": 0, "name": "Segment 0"}, ...]}},
 * in the order of the assignments; noise is segment {@code -1}.
 *
 * <p>Streaming: O(1) memory beyond the inputs; O(n) time. Stateless and thread-safe.
 */
public final class JsonOutputs {
    /** AtomicFiles owns (flushes, forces and closes) the stream. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private JsonOutputs() {
    }

    /**
     * Writes the segment profiles of {@code model}.
     *
     * @throws IOException when the file cannot be written
     */
    public static void writeProfiles(SegmentationModel model, Path file) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(file, "file");
        List<String> names = model.features().featureNames();
        AtomicFiles.write(file, out -> {
            try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeFieldName("featureNames");
                JsonParts.writeStrings(g, names);
                if (model.valueFeature().isPresent()) {
                    g.writeStringField("valueFeature", model.valueFeature().get());
                }
                g.writeArrayFieldStart("segments");
                for (SegmentProfile p : model.profiles()) {
                    g.writeStartObject();
                    g.writeNumberField("segment", p.segment());
                    g.writeStringField("name", p.name());
                    g.writeNumberField("size", p.size());
                    g.writeFieldName("share");
                    JsonParts.writeDouble(g, p.share());
                    if (p.valueShare().isPresent()) {
                        g.writeFieldName("valueShare");
                        JsonParts.writeDouble(g, p.valueShare().getAsDouble());
                    }
                    writeByFeature(g, "means", names, p.means());
                    writeByFeature(g, "medians", names, p.medians());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        });
    }

    private static void writeByFeature(JsonGenerator g, String field, List<String> names, double[] v)
            throws IOException {
        g.writeObjectFieldStart(field);
        for (int j = 0; j < v.length; j++) {
            g.writeFieldName(names.get(j));
            JsonParts.writeDouble(g, v[j]);
        }
        g.writeEndObject();
    }

    /**
     * Writes the segments of the model's training entities, with the segment names of its profiles.
     *
     * @throws IllegalArgumentException when the model holds no training entities (it was read from a file)
     * @throws IOException when the file cannot be written
     */
    public static void writeAssignments(SegmentationModel model, Path file) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(file, "file");
        if (model.entityIds().isEmpty()) {
            throw new IllegalArgumentException("the model holds no training entities (a model file of format 1 keeps"
                    + " none): write the assignments of model.predict(...) instead");
        }
        write(file, model.entityIds(), model.labels(), names(model));
    }

    /**
     * Writes predicted segments, named after {@code model}'s profiles ("Segment k" for a segment without a profile).
     *
     * @throws IOException when the file cannot be written
     */
    public static void writeAssignments(SegmentationModel model, SegmentAssignments assignments, Path file)
            throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(assignments, "assignments");
        Objects.requireNonNull(file, "file");
        write(file, assignments.entityIds(), assignments.labels(), names(model));
    }

    private static Map<Integer, String> names(SegmentationModel model) {
        Map<Integer, String> names = new HashMap<>();
        for (SegmentProfile p : model.profiles()) {
            names.put(p.segment(), p.name());
        }
        return names;
    }

    private static void write(Path file, List<String> ids, int[] labels, Map<Integer, String> names)
            throws IOException {
        AtomicFiles.write(file, out -> {
            try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
                g.writeStartObject();
                g.writeNumberField("entities", ids.size());
                g.writeArrayFieldStart("assignments");
                for (int i = 0; i < labels.length; i++) {
                    g.writeRaw('\n');
                    g.writeStartObject();
                    g.writeStringField("entity", ids.get(i));
                    g.writeNumberField("segment", labels[i]);
                    String name = names.get(labels[i]);
                    g.writeStringField("name", name != null ? name : labels[i] < 0 ? "Noise" : "Segment " + labels[i]);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeRaw('\n');
            }
        });
    }
}
