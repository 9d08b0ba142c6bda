package dev.segmentation.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Steps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Saves an ordered list of fitted steps that is not a {@link dev.segmentation.SegmentationModel} (for example a
 * feature pipeline followed by a classifier, see segmentation-supervised's {@code ClassifierPipeline}) to one JSON
 * file, with the same conventions as {@link SegmentationModels}: every step as its plain-data {@link StepState}
 * (restored through {@link Steps}, so a new step type needs no change here), exact doubles, a format name and
 * version, a SHA-256 checksum over the exact payload bytes, and an atomic write (temporary file, forced to disk,
 * moved over the target).
 *
 * <p><b>Layout</b>: {@code {"format": "dev.segmentation/steps", "formatVersion": 1, "sha256": "...", "payload":
 * {"formatVersion": 1, "kind": "...", "provenance": {"libraryVersion": ..., "createdAt": ..., ...notes},
 * "steps": [...]}}}. The {@code kind} names what the steps make together (e.g. {@code "classifier-pipeline"}), so a
 * reader refuses a file of another kind; {@code notes} are the caller's provenance strings (settings, data shape).
 *
 * <p><b>Refusals</b> are {@link ModelFileException}s naming the file: an empty or truncated file, a file that is not
 * JSON or not a steps file, a newer format version, a checksum mismatch, another kind, a step type with no factory
 * on the class path, a state its factory refuses.
 *
 * <p>Cost linear in the size of the states. Thread-safe: no shared mutable state.
 */
public final class StepFiles {
    /** The format version this library writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    /** The value of the {@code format} field. */
    public static final String FORMAT = "dev.segmentation/steps";

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private StepFiles() {
    }

    /**
     * Writes the states of {@code steps} (through {@link Steps#state(Object)}; an element that is already a
     * {@link StepState} is written as it is) to {@code file} atomically, replacing any file there.
     *
     * @param kind what the steps make together; a non-blank name the reader checks
     * @param notes provenance strings recorded beside the library version and creation time (keys must not be
     *     {@code libraryVersion} or {@code createdAt})
     * @throws IllegalArgumentException when {@code steps} is empty, the kind is blank, a note uses a reserved key,
     *     or a step cannot be saved (naming it)
     * @throws IllegalStateException when a step holds something that is not data
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, String kind, List<?> steps, Map<String, String> notes) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] payload = payload(kind, steps, notes, Instant.now());
        AtomicFiles.write(file, out -> writeEnvelope(out, payload));
    }

    /** The complete file content (for tests). */
    static byte[] toBytes(String kind, List<?> steps, Map<String, String> notes, Instant createdAt)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeEnvelope(out, payload(kind, steps, notes, createdAt));
        return out.toByteArray();
    }

    private static void writeEnvelope(OutputStream out, byte[] payload) throws IOException {
        String head = "{\"format\":\"" + FORMAT + "\",\"formatVersion\":" + FORMAT_VERSION + ",\"sha256\":\""
                + Envelope.sha256(payload, 0, payload.length) + "\",\n\"payload\":";
        out.write(head.getBytes(StandardCharsets.UTF_8));
        out.write(payload);
        out.write("}\n".getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] payload(String kind, List<?> steps, Map<String, String> notes, Instant createdAt)
            throws IOException {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(steps, "steps");
        Objects.requireNonNull(notes, "notes");
        if (kind.isBlank()) {
            throw new IllegalArgumentException("kind must not be blank but was '" + kind + "'");
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("steps must not be empty");
        }
        for (String key : notes.keySet()) {
            if (key.equals("libraryVersion") || key.equals("createdAt")) {
                throw new IllegalArgumentException("notes must not use the reserved key '" + key + "'");
            }
        }
        // every state first, so an unsaveable step fails before anything is written
        List<StepState> states = new ArrayList<>();
        for (Object step : steps) {
            states.add(step instanceof StepState ? (StepState) step : Steps.state(step));
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
        try (JsonGenerator g = FACTORY.createGenerator(buf, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeNumberField("formatVersion", FORMAT_VERSION);
            g.writeStringField("kind", kind);
            g.writeObjectFieldStart("provenance");
            g.writeStringField("libraryVersion", SegmentationModels.libraryVersion());
            g.writeStringField("createdAt", createdAt.toString());
            for (Map.Entry<String, String> e : notes.entrySet()) {
                g.writeStringField(e.getKey(), Objects.requireNonNull(e.getValue(), "note " + e.getKey()));
            }
            g.writeEndObject();
            g.writeArrayFieldStart("steps");
            for (StepState s : states) {
                JsonParts.writeState(g, s);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return buf.toByteArray();
    }

    /**
     * Reads a steps file of {@code expectedKind}; its steps are restored with {@link Contents#step(int, Class)}.
     *
     * @throws ModelFileException when the file is empty, truncated, not JSON, not a steps file, of a newer format
     *     version, fails its checksum, or is of another kind
     * @throws IOException when the file cannot be read
     */
    public static Contents read(Path file, String expectedKind) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(expectedKind, "expectedKind");
        return fromBytes(file, Files.readAllBytes(file), expectedKind);
    }

    static Contents fromBytes(Path file, byte[] bytes, String expectedKind) throws ModelFileException {
        Envelope env = Envelope.open(file, bytes, FACTORY, FORMAT, FORMAT_VERSION, "");
        final int version = env.version;
        final int start = env.start;
        final int end = env.end;
        try {
            JsonNode n = JsonParts.object(MAPPER.readTree(bytes, start, end - start), "payload");
            int pv = JsonParts.integer(n.get("formatVersion"), "payload.formatVersion");
            if (pv != version) {
                throw new ModelFileException(file, ModelFileException.Problem.MALFORMED, "the envelope says format"
                        + " version " + version + " but the payload says " + pv);
            }
            String kind = JsonParts.text(n.get("kind"), "payload.kind");
            if (!kind.equals(expectedKind)) {
                throw new ModelFileException(file, ModelFileException.Problem.NOT_A_MODEL_FILE, "it holds a '" + kind
                        + "', expected a '" + expectedKind + "'");
            }
            JsonNode prov = JsonParts.object(n.get("provenance"), "payload.provenance");
            Map<String, String> notes = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : prov.properties()) {
                notes.put(e.getKey(), JsonParts.text(e.getValue(), "payload.provenance." + e.getKey()));
            }
            String library = notes.remove("libraryVersion");
            String created = notes.remove("createdAt");
            if (library == null || created == null) {
                throw new JsonParts.BadPart("payload.provenance must hold libraryVersion and createdAt");
            }
            Instant createdAt;
            try {
                createdAt = Instant.parse(created);
            } catch (DateTimeParseException e) {
                throw new JsonParts.BadPart("payload.provenance.createdAt is not an ISO instant: '" + created + "'");
            }
            JsonNode st = n.get("steps");
            if (st == null || !st.isArray() || st.size() == 0) {
                throw new JsonParts.BadPart("payload.steps must be a non-empty array but is " + st);
            }
            List<StepState> states = new ArrayList<>();
            for (int i = 0; i < st.size(); i++) {
                states.add(JsonParts.readState(st.get(i), "payload.steps[" + i + "]"));
            }
            return new Contents(file, kind, library, createdAt, notes, states);
        } catch (JsonParts.BadPart e) {
            throw new ModelFileException(file, ModelFileException.Problem.MALFORMED, e.getMessage(), e);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFileException(file, ModelFileException.Problem.MALFORMED, "the payload is not valid JSON: "
                    + e.getMessage(), e);
        }
    }

    /** What a steps file holds: its kind, provenance and step states. Immutable. */
    public static final class Contents {
        private final Path file;
        private final String kind;
        private final String libraryVersion;
        private final Instant createdAt;
        private final Map<String, String> notes;
        private final List<StepState> states;

        Contents(Path file, String kind, String libraryVersion, Instant createdAt, Map<String, String> notes,
                List<StepState> states) {
            this.file = file;
            this.kind = kind;
            this.libraryVersion = libraryVersion;
            this.createdAt = createdAt;
            this.notes = Map.copyOf(notes);
            this.states = List.copyOf(states);
        }

        /** What the steps make together. */
        public String kind() {
            return kind;
        }

        /** The library version that wrote the file. */
        public String libraryVersion() {
            return libraryVersion;
        }

        /** When the file was written. */
        public Instant createdAt() {
            return createdAt;
        }

        /** The writer's provenance notes (unmodifiable). */
        public Map<String, String> notes() {
            return notes;
        }

        /** The step states in order (unmodifiable). */
        public List<StepState> states() {
            return states;
        }

        /**
         * Step {@code i} restored through its factory, checked to be a {@code kind}.
         *
         * @throws ModelFileException (UNKNOWN_STEP) when no factory on the class path knows its type, or
         *     (INVALID_CONTENT) when the factory refuses the state or it restores another class
         * @throws IndexOutOfBoundsException when i is not a step index
         */
        public <T> T step(int i, Class<T> kind) throws ModelFileException {
            StepState state = states.get(i);
            if (!Steps.knownTypes().contains(state.type())) {
                throw new ModelFileException(file, ModelFileException.Problem.UNKNOWN_STEP, "step " + i + " is of"
                        + " step type '" + state.type() + "', which no factory on the class path restores (known: "
                        + Steps.knownTypes() + "); add the module that defines it");
            }
            try {
                return Steps.restore(state, kind);
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(file, ModelFileException.Problem.INVALID_CONTENT, "step " + i
                        + " cannot be restored: " + e.getMessage(), e);
            }
        }
    }
}
