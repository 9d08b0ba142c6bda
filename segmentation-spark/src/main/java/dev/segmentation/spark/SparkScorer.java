package dev.segmentation.spark;

import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.io.SegmentationModels;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Applies a fitted {@link SegmentationModel} to feature rows held by Spark: the model file's bytes (segmentation-io's
 * {@link SegmentationModels} format, checksummed) are broadcast once, each executor JVM loads the model once (cached
 * by content hash) and scores its partitions in batches with core's {@link SegmentationModel#predict(FeatureTable)}:
 * the training scaling statistics, the embedding and the cluster model's assignment rule, nothing refitted. Each
 * row's result depends on that row only, so the labels equal core's {@code predict} for every entity, for any
 * partitioning.
 *
 * <p>Output: the input columns followed by {@code segment int} (-1 for noise), {@code segment_name string} (the
 * model's profile name), {@code strength double} (membership strength, null when the cluster model gives none),
 * {@code status string} ({@code assigned} or {@code noise}) and {@code model_id string} (the first 16 hex digits of
 * the SHA-256 of the model file). The input needs the entity column and every training feature as a double column;
 * other columns pass through.
 *
 * <p>Cost: O(rows x model's predict cost); executor memory one batch of {@value #BATCH} rows plus the model.
 * Immutable and serializable; thread-safe.
 */
public final class SparkScorer implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int BATCH = 4096;

    /** Output column names. */
    public static final String SEGMENT = "segment";
    /** Output column: the segment's name. */
    public static final String SEGMENT_NAME = "segment_name";
    /** Output column: membership strength (null when the model gives none). */
    public static final String STRENGTH = "strength";
    /** Output column: {@code assigned} or {@code noise}. */
    public static final String STATUS = "status";
    /** Output column: the model's content id. */
    public static final String MODEL_ID = "model_id";

    private static final Map<String, SegmentationModel> LOADED = new ConcurrentHashMap<>();

    private final Broadcast<byte[]> bytes;
    private final String modelId;
    private final String[] featureNames;
    private final String entityColumn;

    private SparkScorer(Broadcast<byte[]> bytes, String modelId, String[] featureNames, String entityColumn) {
        this.bytes = bytes;
        this.modelId = modelId;
        this.featureNames = featureNames;
        this.entityColumn = entityColumn;
    }

    /**
     * A scorer of {@code model}, which is saved to model-file bytes and broadcast.
     *
     * @throws IllegalArgumentException or IllegalStateException when the model cannot be saved (see
     *     {@link SegmentationModels#write})
     * @throws UncheckedIOException when the temporary model file cannot be written
     */
    public static SparkScorer of(SparkSession spark, SegmentationModel model) {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(model, "model");
        try {
            Path tmp = Files.createTempFile("segmentation-model", ".json");
            try {
                SegmentationModels.write(model, tmp);
                return ofBytes(spark, Files.readAllBytes(tmp));
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model for broadcasting: " + e.getMessage(), e);
        }
    }

    /**
     * A scorer of the model saved in {@code file} (read and checked on the driver first).
     *
     * @throws IOException when the file cannot be read or is not a valid model file
     *     ({@link dev.segmentation.io.ModelFileException})
     */
    public static SparkScorer read(SparkSession spark, Path file) throws IOException {
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(file, "file");
        return ofBytes(spark, Files.readAllBytes(file));
    }

    private static SparkScorer ofBytes(SparkSession spark, byte[] data) {
        String id = contentId(data);
        SegmentationModel m = load(id, data);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return new SparkScorer(jsc.broadcast(data), id, m.features().featureNames().toArray(new String[0]),
                "entity");
    }

    /** The same scorer reading entity ids from {@code column} (default {@code entity}). */
    public SparkScorer withEntityColumn(String column) {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("entity column must be non-blank but was "
                    + (column == null ? "null" : "'" + column + "'"));
        }
        return new SparkScorer(bytes, modelId, featureNames, column);
    }

    /** The model's content id (first 16 hex digits of the SHA-256 of its file). */
    public String modelId() {
        return modelId;
    }

    /** The training features the input must carry. */
    public List<String> featureNames() {
        return List.of(featureNames);
    }

    /** The loaded model (on the driver: loaded once per JVM). */
    public SegmentationModel model() {
        return load(modelId, bytes.value());
    }

    /**
     * The schema {@link #score} gives for {@code input}.
     *
     * @throws IllegalArgumentException when the entity column or a training feature is missing or not of the
     *     right type, or an output column name is taken
     */
    public StructType outputSchema(StructType input) {
        Objects.requireNonNull(input, "input");
        column(input, entityColumn, DataTypes.StringType, "entity");
        for (String f : featureNames) {
            column(input, f, DataTypes.DoubleType, "training feature");
        }
        for (String out : new String[] {SEGMENT, SEGMENT_NAME, STRENGTH, STATUS, MODEL_ID}) {
            if (Arrays.asList(input.fieldNames()).contains(out)) {
                throw new IllegalArgumentException("the input already has a column '" + out + "', which scoring "
                        + "adds; rename or drop it");
            }
        }
        return input.add(SEGMENT, DataTypes.IntegerType, false)
                .add(SEGMENT_NAME, DataTypes.StringType, false)
                .add(STRENGTH, DataTypes.DoubleType, true)
                .add(STATUS, DataTypes.StringType, false)
                .add(MODEL_ID, DataTypes.StringType, false);
    }

    private static int column(StructType schema, String name, org.apache.spark.sql.types.DataType type,
            String role) {
        String[] names = schema.fieldNames();
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                if (!schema.fields()[i].dataType().equals(type)) {
                    throw new IllegalArgumentException("the " + role + " column '" + name + "' must be "
                            + type.simpleString() + " but is " + schema.fields()[i].dataType().simpleString());
                }
                return i;
            }
        }
        throw new IllegalArgumentException("the " + role + " column '" + name + "' is not in the input; its columns "
                + "are " + Arrays.toString(names));
    }

    /**
     * Adds the segment columns to {@code features} (lazy). A non-finite feature value fails the job with core's
     * message naming the entity and the feature.
     *
     * @throws IllegalArgumentException as {@link #outputSchema}
     */
    public Dataset<Row> score(Dataset<Row> features) {
        Objects.requireNonNull(features, "features");
        StructType in = features.schema();
        StructType out = outputSchema(in);
        int entityIdx = column(in, entityColumn, DataTypes.StringType, "entity");
        int[] featureIdx = new int[featureNames.length];
        for (int f = 0; f < featureNames.length; f++) {
            featureIdx[f] = column(in, featureNames[f], DataTypes.DoubleType, "training feature");
        }
        return features.mapPartitions(new Scoring(bytes, modelId, featureNames, entityIdx, featureIdx),
                Encoders.row(out));
    }

    /**
     * Extracts the model's own features from transaction lines held by Spark ({@link SparkFeatures} with the
     * model's extractors, loaded on each executor from the broadcast bytes) and scores them, as core's
     * {@code predict(transactions)} does: every as-of feature is computed at the day after the lines' last date.
     * Entities the extractors cannot describe (core's "not described") get no row.
     *
     * @throws IllegalStateException when the model was fitted on a feature table (it has no extractors) or has an
     *     eligibility filter (not applied in Spark: filter the lines and score the features)
     */
    public Dataset<Row> scoreTransactions(SparkTransactions transactions) {
        Objects.requireNonNull(transactions, "transactions");
        LocalDate asOf = transactions.isEmpty() ? LocalDate.ofEpochDay(0)
                : LocalDate.ofEpochDay(Math.floorDiv(transactions.maxEpochSecond(), 86_400L) + 1);
        return scoreTransactions(transactions, asOf);
    }

    /**
     * As {@link #scoreTransactions(SparkTransactions)}, scored at {@code asOf}.
     *
     * @throws IllegalStateException as {@link #scoreTransactions(SparkTransactions)}
     */
    public Dataset<Row> scoreTransactions(SparkTransactions transactions, LocalDate asOf) {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(asOf, "asOf");
        SegmentationModel m = model();
        if (m.extractors().isEmpty()) {
            throw new IllegalStateException("this model was fitted on a feature table: it has no extractors; score "
                    + "feature rows with score(features)");
        }
        if (m.eligibility().isPresent()) {
            throw new IllegalStateException("this model has an eligibility filter, which Spark scoring does not "
                    + "apply; filter the lines, extract with SparkFeatures and call score(features)");
        }
        SparkFeatures features = SparkFeatures.builder(new ModelExtractors(bytes, modelId)).asOf(asOf).build();
        return score(features.extract(transactions));
    }

    /** The extractors of the broadcast model, loaded once per executor JVM. */
    private static final class ModelExtractors implements ExtractorSource {
        private static final long serialVersionUID = 1L;
        private final Broadcast<byte[]> bytes;
        private final String modelId;

        ModelExtractors(Broadcast<byte[]> bytes, String modelId) {
            this.bytes = bytes;
            this.modelId = modelId;
        }

        @Override
        public List<dev.segmentation.features.FeatureExtractor> extractors() {
            return load(modelId, bytes.value()).extractors();
        }
    }

    static String contentId(byte[] data) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(data);
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The model of {@code data}, loaded once per JVM (executors keep it across tasks and jobs). */
    static SegmentationModel load(String id, byte[] data) {
        return LOADED.computeIfAbsent(id, k -> {
            try {
                Path tmp = Files.createTempFile("segmentation-model", ".json");
                try {
                    Files.write(tmp, data);
                    return SegmentationModels.read(tmp);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load the broadcast model " + k + ": " + e.getMessage(), e);
            }
        });
    }

    /** Per-partition scoring in batches. */
    private static final class Scoring implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final Broadcast<byte[]> bytes;
        private final String modelId;
        private final String[] featureNames;
        private final int entityIdx;
        private final int[] featureIdx;

        Scoring(Broadcast<byte[]> bytes, String modelId, String[] featureNames, int entityIdx, int[] featureIdx) {
            this.bytes = bytes;
            this.modelId = modelId;
            this.featureNames = featureNames;
            this.entityIdx = entityIdx;
            this.featureIdx = featureIdx;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            SegmentationModel model = load(modelId, bytes.value());
            Map<Integer, String> names = new HashMap<>();
            for (SegmentProfile p : model.profiles()) {
                names.put(p.segment(), p.name());
            }
            int d = featureNames.length;
            return new Iterator<Row>() {
                final List<Row> batch = new ArrayList<>(BATCH);
                int[] labels = new int[0];
                double[] strengths;
                int next;

                @Override
                public boolean hasNext() {
                    if (next < batch.size()) {
                        return true;
                    }
                    batch.clear();
                    next = 0;
                    while (batch.size() < BATCH && input.hasNext()) {
                        batch.add(input.next());
                    }
                    if (batch.isEmpty()) {
                        return false;
                    }
                    String[] ids = new String[batch.size()];
                    double[] x = new double[batch.size() * d];
                    for (int r = 0; r < ids.length; r++) {
                        Row row = batch.get(r);
                        ids[r] = row.getString(entityIdx);
                        for (int c = 0; c < d; c++) {
                            x[r * d + c] = row.getDouble(featureIdx[c]);
                        }
                    }
                    SegmentAssignments a = model.predict(FeatureTable.wrap(ids, featureNames.clone(), x));
                    labels = a.labels();
                    strengths = a.strengths().orElse(null);
                    return true;
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    int r = next++;
                    Row in = batch.get(r);
                    int n = in.size();
                    Object[] out = new Object[n + 5];
                    for (int c = 0; c < n; c++) {
                        out[c] = in.get(c);
                    }
                    int label = labels[r];
                    out[n] = label;
                    out[n + 1] = names.getOrDefault(label, label < 0 ? "Noise" : "Segment " + label);
                    out[n + 2] = strengths == null ? null : strengths[r];
                    out[n + 3] = label < 0 ? "noise" : "assigned";
                    out[n + 4] = modelId;
                    return RowFactory.create(out);
                }
            };
        }
    }
}
