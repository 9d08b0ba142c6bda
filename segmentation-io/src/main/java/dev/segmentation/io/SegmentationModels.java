package dev.segmentation.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.ModelParts;
import dev.segmentation.Provenance;
import dev.segmentation.pipeline.FittedStep;
import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationDiagnostics;
import dev.segmentation.SegmentationModel;
import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.RejectedRows;
import dev.segmentation.data.RowProblem;
import dev.segmentation.embedding.FittedEmbedding;
import dev.segmentation.state.StepState;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.scaling.FittedScaler;
import dev.segmentation.state.Steps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Saves a {@link SegmentationModel} to one JSON file and loads it back, so a model fitted once scores new data
 * later, in another process, bit for bit as it did when saved.
 *
 * <p><b>What the file holds</b>: every fitted step of the model in pipeline order, as plain-data state through one
 * registry ({@link Steps}; a new step type needs no change here): eligibility, the feature extractors' settings,
 * feature filters, the fitted scaler, the embedding (PCA, or the autoencoder's weights when segmentation-nn is on
 * the class path when loading), the cluster model with its prediction data (HDBSCAN's training coordinates, core
 * distances and condensed-tree summary; K-Means' centres); the segment profiles and names; the training entity ids,
 * labels and strengths (not the raw training features: {@code hasTrainingFeatures()} is false after loading); and
 * provenance ({@link ModelProvenance}, {@link dev.segmentation.Provenance}): format version, library version, JVM,
 * OS, threads, {@code OMP_NUM_THREADS}, creation and fit time, seed and stage seeds, every step's settings, feature
 * names, entity counts, rejections and a SHA-256 fingerprint of the training feature table. Files of format 1
 * (separate extractor, scaler, embedding and cluster fields) load through a migration to the step list.
 *
 * <p><b>Layout</b>: {@code {"format": "dev.segmentation/model", "formatVersion": 2, "sha256": "...", "payload":
 * {...}}}, where the checksum covers the exact bytes of the payload. Doubles are written so that parsing gives the
 * same bits (NaN, infinities and -0.0 included); arrays longer than 32 values are little-endian base64.
 *
 * <p><b>Safety</b>: a write goes to a temporary file in the target's folder that is forced to disk and moved over
 * the target, so the target is the old file or the complete new one. A read refuses, with a
 * {@link ModelFileException} saying what is wrong, a truncated file, a file that is not JSON or not a model file, a
 * newer format version (naming both versions), a payload that does not match its checksum (corrupted or edited), a
 * step type with no factory on the class path, and inconsistent parts.
 *
 * <p><b>Cost</b>: linear in the size of the states (an HDBSCAN model holds its n x d training rows; 100,000 x 5
 * rows take about 9 MB). Reading rebuilds HDBSCAN's KD-tree, O(n log n). Thread-safe: no shared mutable state.
 */
public final class SegmentationModels {
    /** The format version this library writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 2;
    /** The value of the {@code format} field. */
    public static final String FORMAT = "dev.segmentation/model";

    /** The largest rejected-row count a file may record (refuses edited files with absurd counts). */
    static final long MAX_REJECTED_COUNT = 1L << 50;
    /**
     * Whatever {@code write} accepts, {@code read} must load: arrays are written as one base64 string each, so the
     * string limit follows the largest file we write, not Jackson's 20-million-character default.
     */
    private static final com.fasterxml.jackson.core.StreamReadConstraints CONSTRAINTS =
            com.fasterxml.jackson.core.StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build();
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).streamReadConstraints(CONSTRAINTS).build();
    /** Also the codec of FACTORY's parsers, which read unexpected envelope values as trees for the message. */
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private SegmentationModels() {
    }

    /** The version of this library, as built (e.g. {@code 0.1.0-SNAPSHOT}); {@code "unknown"} when not recorded. */
    public static String libraryVersion() {
        return dev.segmentation.Provenance.libraryVersion();
    }

    /**
     * Writes {@code model} to {@code file} atomically (temporary file, then a move), replacing any file there.
     *
     * @throws IllegalArgumentException when a step cannot be saved (no factory describes it), naming the step
     * @throws IllegalStateException when a step holds something that is not data (e.g. an RFM extractor with an
     *     arbitrary cancelled-order predicate), saying how to avoid it
     * @throws IOException when the file cannot be written
     */
    public static void write(SegmentationModel model, Path file) throws IOException {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(file, "file");
        byte[] payload = payload(model, Instant.now());
        AtomicFiles.write(file, out -> writeEnvelope(out, payload));
    }

    /**
     * The complete file content for {@code model}, created at {@code createdAt} (for tests and for callers that store
     * models elsewhere than in files).
     */
    static byte[] toBytes(SegmentationModel model, Instant createdAt) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeEnvelope(out, payload(model, createdAt));
        return out.toByteArray();
    }

    private static void writeEnvelope(java.io.OutputStream out, byte[] payload) throws IOException {
        String head = "{\"format\":\"" + FORMAT + "\",\"formatVersion\":" + FORMAT_VERSION + ",\"sha256\":\""
                + sha256(payload, 0, payload.length) + "\",\n\"payload\":";
        out.write(head.getBytes(StandardCharsets.UTF_8));
        out.write(payload);
        out.write("}\n".getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] payload(SegmentationModel model, Instant createdAt) throws IOException {
        // collect every state first, so an unsaveable step fails before anything is written
        List<StepState> states = new ArrayList<>();
        for (FittedStep step : model.steps()) {
            states.add(Steps.state(step));
        }
        SegmentationDiagnostics diag = model.diagnostics();
        Provenance pv = model.provenance();
        FeatureTable features = model.features();

        ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
        try (JsonGenerator g = FACTORY.createGenerator(buf, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeNumberField("formatVersion", FORMAT_VERSION);
            g.writeObjectFieldStart("provenance");
            g.writeStringField("libraryVersion", libraryVersion());
            g.writeStringField("createdAt", createdAt.toString());
            g.writeStringField("fittedBy", pv.version());
            g.writeStringField("fittedAt", pv.fittedAt().toString());
            g.writeStringField("jvm", pv.jvm());
            g.writeStringField("os", pv.os());
            g.writeNumberField("threads", pv.threads());
            g.writeStringField("ompNumThreads", pv.ompNumThreads());
            g.writeNumberField("seed", diag.seed());
            g.writeObjectFieldStart("stageSeeds");
            for (Map.Entry<String, Long> e : pv.stageSeeds().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeFieldName("featureNames");
            JsonParts.writeStrings(g, model.featureNames());
            g.writeNumberField("entitiesSegmented", diag.entitiesSegmented());
            g.writeNumberField("entitiesIn", diag.entitiesIn());
            g.writeNumberField("entitiesNotDescribed", diag.entitiesNotDescribed());
            g.writeNumberField("transactionRows", diag.transactionRows());
            g.writeObjectFieldStart("rejectedRows");
            for (Map.Entry<RowProblem, Long> e : diag.rejectedRows().counts().entrySet()) {
                g.writeNumberField(e.getKey().name(), e.getValue());
            }
            g.writeEndObject();
            g.writeStringField("trainingFingerprint", features.rows() == 0 ? "" : fingerprint(features));
            g.writeObjectFieldStart("stageMillis");
            for (Map.Entry<String, Long> e : diag.stageMillis().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("settings");
            List<String> settings = pv.settings().isEmpty() ? describe(model) : pv.settings();
            for (int i = 0; i < settings.size(); i++) {
                g.writeStringField("step " + i, settings.get(i));
            }
            g.writeEndObject();
            g.writeEndObject();

            g.writeFieldName("featureNames");
            JsonParts.writeStrings(g, model.featureNames());
            if (model.valueFeature().isPresent()) {
                g.writeStringField("valueFeature", model.valueFeature().get());
            }
            g.writeArrayFieldStart("steps");
            for (StepState st : states) {
                JsonParts.writeState(g, st);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("ineligibleByRule");
            for (Map.Entry<String, Integer> e : diag.ineligibleByRule().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("filteredByRule");
            for (Map.Entry<String, Integer> e : diag.filteredByRule().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("training");
            g.writeFieldName("entityIds");
            JsonParts.writeStrings(g, model.entityIds());
            g.writeFieldName("labels");
            JsonParts.writeInts(g, model.labels());
            if (model.strengths().isPresent()) {
                g.writeFieldName("strengths");
                JsonParts.writeDoubles(g, model.strengths().get());
            }
            g.writeEndObject();
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
                g.writeFieldName("means");
                JsonParts.writeDoubles(g, p.means());
                g.writeFieldName("medians");
                JsonParts.writeDoubles(g, p.medians());
                double[] sds = p.standardDeviations();
                if (java.util.Arrays.stream(sds).allMatch(Double::isFinite)) {
                    // optional: files written before standard deviations were kept have none
                    g.writeFieldName("sds");
                    JsonParts.writeDoubles(g, sds);
                }
                double[] effects = p.effectSizes();
                if (java.util.Arrays.stream(effects).allMatch(Double::isFinite)) {
                    g.writeFieldName("effects");
                    JsonParts.writeDoubles(g, effects);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return buf.toByteArray();
    }

    private static List<String> describe(SegmentationModel model) {
        List<String> out = new ArrayList<>();
        for (FittedStep step : model.steps()) {
            out.add(step.toString());
        }
        return out;
    }

    /**
     * The SHA-256 fingerprint of a feature table, as {@code "sha256:"} and 64 hex digits: over the feature names, the
     * row count and every row's entity id and value bits, in order. Equal tables give equal fingerprints; O(n d).
     */
    public static String fingerprint(FeatureTable table) {
        Objects.requireNonNull(table, "table");
        MessageDigest md = sha256();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8);
        for (String f : table.featureNames()) {
            digestString(md, f);
        }
        md.update(b.putLong(0, table.rows()).array(), 0, 8);
        double[] v = table.values();
        int d = table.cols();
        java.nio.ByteBuffer row = java.nio.ByteBuffer.allocate(8 * d);
        for (int r = 0; r < table.rows(); r++) {
            digestString(md, table.entityId(r));
            for (int j = 0; j < d; j++) {
                row.putLong(8 * j, Double.doubleToRawLongBits(v[r * d + j]));
            }
            md.update(row.array(), 0, 8 * d);
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    private static void digestString(MessageDigest md, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        md.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
        md.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static String sha256(byte[] bytes, int from, int to) {
        MessageDigest md = sha256();
        md.update(bytes, from, to - from);
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Loads the model saved in {@code file}.
     *
     * @throws ModelFileException when the file is truncated, not JSON, not a model file, of a newer format version,
     *     fails its checksum, needs a step type no factory knows, or has inconsistent parts (see
     *     {@link ModelFileException.Problem})
     * @throws IOException when the file cannot be read
     */
    public static SegmentationModel read(Path file) throws IOException {
        return load(file).model();
    }

    /**
     * Loads the model saved in {@code file} with its provenance.
     *
     * @throws ModelFileException as {@link #read(Path)}
     * @throws IOException when the file cannot be read
     */
    public static Loaded load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return fromBytes(file, Files.readAllBytes(file));
    }

    /** A loaded model and its provenance. Immutable. */
    public static final class Loaded {
        private final SegmentationModel model;
        private final ModelProvenance provenance;

        Loaded(SegmentationModel model, ModelProvenance provenance) {
            this.model = model;
            this.provenance = provenance;
        }

        /** The model. */
        public SegmentationModel model() {
            return model;
        }

        /** Where it came from. */
        public ModelProvenance provenance() {
            return provenance;
        }
    }

    static Loaded fromBytes(Path file, byte[] bytes) throws ModelFileException {
        Envelope env = Envelope.open(file, bytes, FACTORY, FORMAT, FORMAT_VERSION,
                "; load it with a newer segmentation-io");
        final int version = env.version;
        final int start = env.start;
        final int end = env.end;
        JsonNode payload;
        try {
            payload = MAPPER.readTree(bytes, start, end - start);
        } catch (IOException e) {
            throw new ModelFileException(file, ModelFileException.Problem.MALFORMED, "the payload is not valid JSON: "
                    + e.getMessage(), e);
        }
        try {
            return parsePayload(file, payload, version);
        } catch (JsonParts.BadPart e) {
            throw new ModelFileException(file, ModelFileException.Problem.MALFORMED, e.getMessage(), e);
        }
    }

    private static Loaded parsePayload(Path file, JsonNode n, int envelopeVersion) throws ModelFileException {
        JsonParts.object(n, "payload");
        int version = JsonParts.integer(n.get("formatVersion"), "payload.formatVersion");
        if (version != envelopeVersion) {
            throw new ModelFileException(file, ModelFileException.Problem.MALFORMED, "the envelope says format"
                    + " version " + envelopeVersion + " but the payload says " + version);
        }
        JsonNode prov = JsonParts.object(n.get("provenance"), "payload.provenance");
        List<String> featureNames = JsonParts.strings(n.get("featureNames"), "payload.featureNames");
        List<FittedStep> steps = new ArrayList<>();
        StepState eligibilityState = null;
        if (version >= 2) {
            JsonNode st = n.get("steps");
            if (st == null || !st.isArray() || st.size() == 0) {
                throw new JsonParts.BadPart("payload.steps must be a non-empty array but is " + st);
            }
            for (int i = 0; i < st.size(); i++) {
                StepState state = JsonParts.readState(st.get(i), "payload.steps[" + i + "]");
                steps.add(restore(file, state, FittedStep.class, "step " + i));
            }
        } else {
            // format 1: the parts one by one, migrated to the step list
            JsonNode ex = n.get("extractors");
            if (ex == null || !ex.isArray()) {
                throw new JsonParts.BadPart("payload.extractors must be an array but is " + ex);
            }
            eligibilityState = n.has("eligibility")
                    ? JsonParts.readState(n.get("eligibility"), "payload.eligibility") : null;
            if (eligibilityState != null) {
                steps.add(restore(file, eligibilityState, dev.segmentation.features.Eligibility.class,
                        "eligibility"));
            }
            for (int i = 0; i < ex.size(); i++) {
                steps.add(restore(file, JsonParts.readState(ex.get(i), "payload.extractors[" + i + "]"),
                        FeatureExtractor.class, "extractor " + i));
            }
            steps.add(restore(file, JsonParts.readState(n.get("scaler"), "payload.scaler"), FittedScaler.class,
                    "scaler"));
            if (n.has("embedding")) {
                steps.add(restore(file, JsonParts.readState(n.get("embedding"), "payload.embedding"),
                        FittedEmbedding.class, "embedding"));
            }
            steps.add(restore(file, JsonParts.readState(n.get("clusterModel"), "payload.clusterModel"),
                    ClusterModel.class, "cluster model"));
        }

        JsonNode segs = n.get("segments");
        if (segs == null || !segs.isArray()) {
            throw new JsonParts.BadPart("payload.segments must be an array but is " + segs);
        }
        List<SegmentProfile> profiles = new ArrayList<>();
        try {
            for (int i = 0; i < segs.size(); i++) {
                String path = "payload.segments[" + i + "]";
                JsonNode s = JsonParts.object(segs.get(i), path);
                profiles.add(ModelParts.profile(JsonParts.integer(s.get("segment"), path + ".segment"),
                        JsonParts.text(s.get("name"), path + ".name"), JsonParts.integer(s.get("size"), path + ".size"),
                        JsonParts.readDouble(s.get("share"), path + ".share"),
                        s.has("valueShare") ? OptionalDouble.of(JsonParts.readDouble(s.get("valueShare"),
                                path + ".valueShare")) : OptionalDouble.empty(),
                        featureNames, JsonParts.readDoubles(s.get("means"), path + ".means"),
                        JsonParts.readDoubles(s.get("medians"), path + ".medians"),
                        s.has("sds") ? JsonParts.readDoubles(s.get("sds"), path + ".sds") : unknown(featureNames),
                        s.has("effects") ? JsonParts.readDoubles(s.get("effects"), path + ".effects")
                                : unknown(featureNames)));
            }
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, ModelFileException.Problem.INVALID_CONTENT, e.getMessage(), e);
        }

        long seed = JsonParts.longValue(prov.get("seed"), "payload.provenance.seed");
        int segmented = JsonParts.integer(prov.get("entitiesSegmented"), "payload.provenance.entitiesSegmented");
        int entitiesIn = JsonParts.integer(prov.get("entitiesIn"), "payload.provenance.entitiesIn");
        int notDescribed = JsonParts.integer(prov.get("entitiesNotDescribed"),
                "payload.provenance.entitiesNotDescribed");
        int rows = JsonParts.integer(prov.get("transactionRows"), "payload.provenance.transactionRows");
        RejectedRows.Collector rejected = new RejectedRows.Collector();
        for (Iterator<Map.Entry<String, JsonNode>> it = JsonParts.object(prov.get("rejectedRows"),
                "payload.provenance.rejectedRows").properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            RowProblem problem;
            try {
                problem = RowProblem.valueOf(e.getKey());
            } catch (IllegalArgumentException x) {
                throw new JsonParts.BadPart("payload.provenance.rejectedRows: unknown row problem '" + e.getKey()
                        + "'");
            }
            long count = JsonParts.longValue(e.getValue(), "payload.provenance.rejectedRows." + e.getKey());
            if (count < 0 || count > MAX_REJECTED_COUNT) {
                throw new JsonParts.BadPart("payload.provenance.rejectedRows." + e.getKey() + " is " + count
                        + ", outside 0.." + MAX_REJECTED_COUNT);
            }
            rejected.reject(problem, count);
        }
        Map<String, Long> millis = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = JsonParts.object(prov.get("stageMillis"),
                "payload.provenance.stageMillis").properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            millis.put(e.getKey(), JsonParts.longValue(e.getValue(), "payload.provenance.stageMillis." + e.getKey()));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = JsonParts.object(prov.get("settings"),
                "payload.provenance.settings").properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            settings.put(e.getKey(), JsonParts.text(e.getValue(), "payload.provenance.settings." + e.getKey()));
        }
        Instant created;
        String createdText = JsonParts.text(prov.get("createdAt"), "payload.provenance.createdAt");
        try {
            created = Instant.parse(createdText);
        } catch (DateTimeParseException e) {
            throw new JsonParts.BadPart("payload.provenance.createdAt is not an ISO instant: '" + createdText + "'");
        }
        ModelProvenance provenance = new ModelProvenance(version,
                JsonParts.text(prov.get("libraryVersion"), "payload.provenance.libraryVersion"), created, seed,
                JsonParts.strings(prov.get("featureNames"), "payload.provenance.featureNames"), segmented, entitiesIn,
                rows, JsonParts.text(prov.get("trainingFingerprint"), "payload.provenance.trainingFingerprint"),
                settings);

        ModelParts.Builder b = ModelParts.builder();
        try {
            b.steps(steps).featureNames(featureNames).profiles(profiles).seed(seed)
                    .counts(rows, entitiesIn, segmented, notDescribed).rejectedRows(rejected.build())
                    .stageMillis(millis);
            if (version >= 2 || eligibilityState != null) {
                b.ineligibleByRule(countsByRule(n.get("ineligibleByRule"), "payload.ineligibleByRule"));
            }
            if (version >= 2) {
                b.filteredByRule(countsByRule(n.get("filteredByRule"), "payload.filteredByRule"));
                JsonNode tr = JsonParts.object(n.get("training"), "payload.training");
                b.training(JsonParts.strings(tr.get("entityIds"), "payload.training.entityIds"),
                        JsonParts.readInts(tr.get("labels"), "payload.training.labels"),
                        tr.has("strengths") ? JsonParts.readDoubles(tr.get("strengths"), "payload.training.strengths")
                                : null);
                Map<String, Long> seeds = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = JsonParts.object(prov.get("stageSeeds"),
                        "payload.provenance.stageSeeds").properties().iterator(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    seeds.put(e.getKey(), JsonParts.longValue(e.getValue(), "payload.provenance.stageSeeds."
                            + e.getKey()));
                }
                String fittedAt = JsonParts.text(prov.get("fittedAt"), "payload.provenance.fittedAt");
                Instant fitted;
                try {
                    fitted = Instant.parse(fittedAt);
                } catch (DateTimeParseException e) {
                    throw new JsonParts.BadPart("payload.provenance.fittedAt is not an ISO instant: '" + fittedAt
                            + "'");
                }
                b.provenance(Provenance.of(JsonParts.text(prov.get("fittedBy"), "payload.provenance.fittedBy"),
                        JsonParts.text(prov.get("jvm"), "payload.provenance.jvm"),
                        JsonParts.text(prov.get("os"), "payload.provenance.os"), fitted,
                        new ArrayList<>(settings.values()), seeds,
                        JsonParts.integer(prov.get("threads"), "payload.provenance.threads"),
                        JsonParts.text(prov.get("ompNumThreads"), "payload.provenance.ompNumThreads")));
            }
            if (n.has("valueFeature")) {
                b.valueFeature(JsonParts.text(n.get("valueFeature"), "payload.valueFeature"));
            }
            return new Loaded(b.build(), provenance);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ModelFileException(file, ModelFileException.Problem.INVALID_CONTENT, e.getMessage(), e);
        }
    }

    private static Map<String, Integer> countsByRule(JsonNode node, String path) {
        JsonNode rules = JsonParts.object(node, path);
        Map<String, Integer> byRule = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = rules.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().canConvertToInt() || e.getValue().intValue() < 0) {
                throw new JsonParts.BadPart(path + "." + e.getKey() + " must be a count >= 0 but is " + e.getValue());
            }
            byRule.put(e.getKey(), e.getValue().intValue());
        }
        return byRule;
    }

    private static <T> T restore(Path file, StepState state, Class<T> kind, String what) throws ModelFileException {
        if (!Steps.knownTypes().contains(state.type())) {
            throw new ModelFileException(file, ModelFileException.Problem.UNKNOWN_STEP, "the " + what + " is of"
                    + " step type '" + state.type() + "', which no factory on the class path restores (known: "
                    + Steps.knownTypes() + "); add the module that defines it, e.g. segmentation-nn for"
                    + " 'autoencoder'");
        }
        try {
            return Steps.restore(state, kind);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, ModelFileException.Problem.INVALID_CONTENT, "the " + what
                    + " cannot be restored: " + e.getMessage(), e);
        }
    }

    private static double[] unknown(List<String> featureNames) {
        double[] v = new double[featureNames.size()];
        java.util.Arrays.fill(v, Double.NaN);
        return v;
    }
}
