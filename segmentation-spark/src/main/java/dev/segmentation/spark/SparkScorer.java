package dev.segmentation.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

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
import java.sql.Timestamp;
import java.time.Instant;
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
import org.apache.spark.api.java.JavaRDD;
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
 * Applies a fitted {@link SegmentationModel} to data held by Spark: the model file's bytes (segmentation-io's
 * {@link SegmentationModels} format, checksummed) are broadcast once, each executor JVM loads the model once (cached
 * by content hash) and scores its partitions in batches with core's {@link SegmentationModel#predict(FeatureTable)}:
 * the training scaling statistics, the filters, the embedding and the cluster model's assignment rule, nothing
 * refitted. Each row's result depends on that row only, so the result equals core's {@code predict} for every
 * entity, for any partitioning.
 *
 * <p><b>{@link #score}</b> adds the scoring columns to feature rows (the input columns pass through); it is what
 * {@link SegmentTransformer} does. <b>{@link #assignments(SparkTransactions)}</b> gives the feature-store table, one
 * row per entity of the lines, with the columns (in this order):
 * <table>
 *   <caption>The assignment table</caption>
 *   <tr><th>column</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>{@code entity}</td><td>string</td><td>the entity id</td></tr>
 *   <tr><td>{@code segment} (or the name set by {@link #withSegmentColumn}, e.g. {@code sku_cluster})</td>
 *       <td>int, null unless assigned or noise</td><td>the segment id; -1 is noise</td></tr>
 *   <tr><td>{@code segment_name}</td><td>string, null unless assigned or noise</td><td>the profile name</td></tr>
 *   <tr><td>{@code strength}</td><td>double, nullable</td><td>membership strength when the cluster model gives one
 *       (HDBSCAN), else null</td></tr>
 *   <tr><td>{@code outlier_score}</td><td>double, nullable</td><td>outlier score in [0, 1] of an assigned or
 *       noise row when the cluster model scores new rows (HDBSCAN: approximate GLOSH, core's
 *       {@link SegmentAssignments#outlierScores()}, the same bits); null for K-Means and Gaussian-mixture models
 *       (they define none for new rows) and for rows that were not scored</td></tr>
 *   <tr><td>{@code status}</td><td>string</td><td>{@code assigned}, {@code noise}, {@code not_eligible},
 *       {@code not_described} or {@code filtered} (core's {@link SegmentAssignments.Status}, noise split out)</td></tr>
 *   <tr><td>{@code eligibility_rule}</td><td>string, nullable</td><td>the eligibility rule a {@code not_eligible}
 *       entity failed (core's rule name)</td></tr>
 *   <tr><td>{@code model_id}</td><td>string</td><td>first 16 hex digits of the SHA-256 of the model file</td></tr>
 *   <tr><td>{@code model_version}</td><td>string</td><td>{@link #withModelVersion} or, by default, the model's
 *       fitting instant (ISO-8601)</td></tr>
 *   <tr><td>{@code scored_at}</td><td>timestamp</td><td>{@link #withScoredAt} or the driver's clock when the
 *       scoring was asked for; the same for every row of one call</td></tr>
 * </table>
 *
 * <p>Cost: O(rows x model's predict cost); executor memory one batch of {@value #BATCH} rows plus the model.
 * Immutable and serializable; thread-safe.
 */
public final class SparkScorer implements Serializable {
    private static final long serialVersionUID = 2L;
    static final int BATCH = 4096;

    /** Output column: the segment id (-1 for noise); see {@link #withSegmentColumn}. */
    public static final String SEGMENT = "segment";
    /** Output column: the segment's name. */
    public static final String SEGMENT_NAME = "segment_name";
    /** Output column: membership strength (null when the model gives none). */
    public static final String STRENGTH = "strength";
    /** Output column: outlier score (HDBSCAN's approximate GLOSH; null for other models, see the class doc). */
    public static final String OUTLIER_SCORE = "outlier_score";
    /** Output column: the entity's status. */
    public static final String STATUS = "status";
    /** Output column of {@link #assignments}: the eligibility rule a {@code not_eligible} entity failed. */
    public static final String ELIGIBILITY_RULE = "eligibility_rule";
    /** Output column: the model's content id. */
    public static final String MODEL_ID = "model_id";
    /** Output column: the model's version. */
    public static final String MODEL_VERSION = "model_version";
    /** Output column: when the rows were scored. */
    public static final String SCORED_AT = "scored_at";

    /** Status of an entity given a segment. */
    public static final String ASSIGNED = "assigned";
    /** Status of an entity labelled noise (-1). */
    public static final String NOISE = "noise";
    /** Status of an entity the eligibility filter removed. */
    public static final String NOT_ELIGIBLE = "not_eligible";
    /** Status of an entity the extractors could not describe. */
    public static final String NOT_DESCRIBED = "not_described";
    /** Status of an entity a feature filter removed. */
    public static final String FILTERED = "filtered";

    private static final Map<String, SegmentationModel> LOADED = new ConcurrentHashMap<>();

    private final Broadcast<byte[]> bytes;
    private final String modelId;
    private final String[] featureNames;
    private final String entityColumn;
    private final String segmentColumn;
    private final String modelVersion;
    /** Null: the driver's clock at each call. */
    private final Instant scoredAt;

    private SparkScorer(Broadcast<byte[]> bytes, String modelId, String[] featureNames, String entityColumn,
            String segmentColumn, String modelVersion, Instant scoredAt) {
        this.bytes = bytes;
        this.modelId = modelId;
        this.featureNames = featureNames;
        this.entityColumn = entityColumn;
        this.segmentColumn = segmentColumn;
        this.modelVersion = modelVersion;
        this.scoredAt = scoredAt;
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
                "entity", SEGMENT, m.provenance().fittedAt().toString(), null);
    }

    /** The same scorer reading entity ids from {@code column} (default {@code entity}). */
    public SparkScorer withEntityColumn(String column) {
        return new SparkScorer(bytes, modelId, featureNames, nonBlank(column, "entity column"), segmentColumn,
                modelVersion, scoredAt);
    }

    /**
     * The same scorer writing the segment id to {@code column} (default {@code segment}), e.g. {@code sku_cluster}
     * for the SKU feature-store table that forecasting models join.
     *
     * @throws IllegalArgumentException when the name is blank or another output column's name
     */
    public SparkScorer withSegmentColumn(String column) {
        String c = nonBlank(column, "segment column");
        if (!c.equals(SEGMENT) && List.of(SEGMENT_NAME, STRENGTH, OUTLIER_SCORE, STATUS, ELIGIBILITY_RULE, MODEL_ID,
                MODEL_VERSION, SCORED_AT, "entity").contains(c)) {
            throw new IllegalArgumentException("segment column '" + c + "' is the name of another output column");
        }
        return new SparkScorer(bytes, modelId, featureNames, entityColumn, c, modelVersion, scoredAt);
    }

    /**
     * The same scorer writing {@code version} in {@code model_version} (default: the model's fitting instant).
     *
     * @throws IllegalArgumentException when the version is blank
     */
    public SparkScorer withModelVersion(String version) {
        return new SparkScorer(bytes, modelId, featureNames, entityColumn, segmentColumn,
                nonBlank(version, "model version"), scoredAt);
    }

    /** The same scorer writing {@code at} in {@code scored_at} (default: the driver's clock at each call). */
    public SparkScorer withScoredAt(Instant at) {
        return new SparkScorer(bytes, modelId, featureNames, entityColumn, segmentColumn, modelVersion,
                Objects.requireNonNull(at, "at"));
    }

    private static String nonBlank(String v, String what) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(what + " must be non-blank but was " + (v == null ? "null"
                    : "'" + v + "'"));
        }
        return v;
    }

    /** The model's content id (first 16 hex digits of the SHA-256 of its file). */
    public String modelId() {
        return modelId;
    }

    /** The value written in {@code model_version}. */
    public String modelVersion() {
        return modelVersion;
    }

    /** The name of the segment id column. */
    public String segmentColumn() {
        return segmentColumn;
    }

    /** The training features the input must carry. */
    public List<String> featureNames() {
        return List.of(featureNames);
    }

    /** The loaded model (on the driver: loaded once per JVM). */
    public SegmentationModel model() {
        return load(modelId, bytes.value());
    }

    private List<String> addedColumns() {
        return List.of(segmentColumn, SEGMENT_NAME, STRENGTH, OUTLIER_SCORE, STATUS, MODEL_ID, MODEL_VERSION,
                SCORED_AT);
    }

    /**
     * The schema {@link #score} gives for {@code input}: the input columns, then {@code segment} (or the name set by
     * {@link #withSegmentColumn}), {@code segment_name}, {@code strength}, {@code outlier_score}, {@code status},
     * {@code model_id}, {@code model_version}, {@code scored_at}.
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
        for (String out : addedColumns()) {
            if (Arrays.asList(input.fieldNames()).contains(out)) {
                throw new IllegalArgumentException("the input already has a column '" + out + "', which scoring "
                        + "adds; rename or drop it");
            }
        }
        return input.add(segmentColumn, DataTypes.IntegerType, true)
                .add(SEGMENT_NAME, DataTypes.StringType, true)
                .add(STRENGTH, DataTypes.DoubleType, true)
                .add(OUTLIER_SCORE, DataTypes.DoubleType, true)
                .add(STATUS, DataTypes.StringType, false)
                .add(MODEL_ID, DataTypes.StringType, false)
                .add(MODEL_VERSION, DataTypes.StringType, false)
                .add(SCORED_AT, DataTypes.TimestampType, false);
    }

    /** The schema of {@link #assignments}: see the class doc. */
    public StructType assignmentSchema() {
        return new StructType()
                .add("entity", DataTypes.StringType, false)
                .add(segmentColumn, DataTypes.IntegerType, true)
                .add(SEGMENT_NAME, DataTypes.StringType, true)
                .add(STRENGTH, DataTypes.DoubleType, true)
                .add(OUTLIER_SCORE, DataTypes.DoubleType, true)
                .add(STATUS, DataTypes.StringType, false)
                .add(ELIGIBILITY_RULE, DataTypes.StringType, true)
                .add(MODEL_ID, DataTypes.StringType, false)
                .add(MODEL_VERSION, DataTypes.StringType, false)
                .add(SCORED_AT, DataTypes.TimestampType, false);
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

    private Instant scoringInstant() {
        return scoredAt != null ? scoredAt : Instant.now();
    }

    /**
     * Adds the scoring columns to {@code features} (lazy; see {@link #outputSchema}). Every row is {@code assigned}
     * or {@code noise}, or {@code filtered} when the model has a feature filter that removes it. A non-finite feature
     * value fails the job with core's message naming the entity and the feature.
     *
     * @throws IllegalArgumentException as {@link #outputSchema}
     */
    public Dataset<Row> score(Dataset<Row> features) {
        return score(features, scoringInstant());
    }

    private Dataset<Row> score(Dataset<Row> features, Instant at) {
        Objects.requireNonNull(features, "features");
        StructType in = features.schema();
        StructType out = outputSchema(in);
        int entityIdx = column(in, entityColumn, DataTypes.StringType, "entity");
        int[] featureIdx = new int[featureNames.length];
        for (int f = 0; f < featureNames.length; f++) {
            featureIdx[f] = column(in, featureNames[f], DataTypes.DoubleType, "training feature");
        }
        return features.mapPartitions(new Scoring(bytes, modelId, modelVersion, at.toEpochMilli(), featureNames,
                entityIdx, featureIdx), Encoders.row(out));
    }

    /**
     * The assignment table ({@link #assignmentSchema}) of feature rows: one row per input row, {@code entity} taken
     * from the entity column, {@code eligibility_rule} null.
     *
     * @throws IllegalArgumentException as {@link #outputSchema}
     */
    public Dataset<Row> assignments(Dataset<Row> features) {
        return table(score(features, scoringInstant()));
    }

    private Dataset<Row> table(Dataset<Row> scored) {
        return scored.select(col(entityColumn).as("entity"), col(segmentColumn), col(SEGMENT_NAME), col(STRENGTH),
                col(OUTLIER_SCORE), col(STATUS), lit(null).cast(DataTypes.StringType).as(ELIGIBILITY_RULE),
                col(MODEL_ID), col(MODEL_VERSION), col(SCORED_AT));
    }

    /**
     * The assignment table of every entity of {@code transactions}, scored as core's
     * {@code predict(transactions)} does at the day after the lines' last date.
     *
     * @throws IllegalStateException when the model was fitted on a feature table (it has no extractors)
     */
    public Dataset<Row> assignments(SparkTransactions transactions) {
        Objects.requireNonNull(transactions, "transactions");
        return assignments(transactions, scoringDate(transactions));
    }

    private static LocalDate scoringDate(SparkTransactions transactions) {
        return transactions.isEmpty() ? LocalDate.ofEpochDay(0)
                : LocalDate.ofEpochDay(Math.floorDiv(transactions.maxEpochSecond(), 86_400L) + 1);
    }

    /**
     * The assignment table ({@link #assignmentSchema}) of every entity of {@code transactions}, scored at
     * {@code asOf} as core's {@code predict(transactions, asOf)} does: the model's eligibility filter is applied per
     * entity in Spark ({@code not_eligible} rows name the rule), the model's extractors run on the eligible lines
     * ({@link SparkFeatures}, loaded on each executor from the broadcast bytes), entities they cannot describe get a
     * {@code not_described} row, the others are scored. Lazy, apart from one aggregate of the eligible lines when
     * the model has an eligibility filter.
     *
     * <p>Cost: one shuffle of the lines by entity, whatever the model. With an eligibility filter, one job at once
     * reads that shuffle for the eligible lines' first and last timestamp (and item and category dictionaries when an
     * extractor needs them); the table reads the same shuffle output again (Spark keeps it for the RDD and skips
     * the map stage). Executor memory: one batch of whole entities ({@value SparkFeatures#DEFAULT_ROWS_PER_BATCH}
     * lines, or one larger entity) plus the model.
     *
     * @throws IllegalStateException when the model was fitted on a feature table (it has no extractors)
     */
    public Dataset<Row> assignments(SparkTransactions transactions, LocalDate asOf) {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(asOf, "asOf");
        SegmentationModel m = requireExtractors();
        Instant at = scoringInstant();
        SparkSession spark = transactions.lines().sparkSession();
        if (transactions.isEmpty()) {
            return spark.createDataFrame(List.of(), assignmentSchema());
        }
        // one shuffle of the lines by entity, read twice when the model has an eligibility filter: first for the
        // eligible lines' first and last timestamp (and dictionaries), then for the scoring itself (Spark skips the
        // shuffle map stage the second time, its output being kept for the same RDD)
        JavaRDD<Row> sorted = transactions.lines().repartition(col(LineParser.ENTITY))
                .sortWithinPartitions(LineParser.ENTITY).javaRDD();
        String[] attributes = transactions.mapping().attributeNameArray().clone();
        BatchExtraction.Frame frame;
        if (m.eligibility().isPresent()) {
            boolean[] dictionaries = SparkFeatures.dictionaries(m.extractors());
            AssignmentBatches.Part all = new AssignmentBatches.Part();
            for (AssignmentBatches.Part p : sorted.mapPartitions(new AssignmentBatches.Summary(bytes, modelId,
                    attributes, SparkFeatures.DEFAULT_ROWS_PER_BATCH, dictionaries)).collect()) {
                all.merge(p);
            }
            frame = all.frame(transactions.hasItems(), transactions.hasCategories(), dictionaries, attributes);
        } else {
            frame = SparkFeatures.frame(transactions, m.extractors());
        }
        JavaRDD<Row> rows = sorted.mapPartitions(new AssignmentBatches(bytes, modelId, modelVersion,
                at.toEpochMilli(), attributes, SparkFeatures.DEFAULT_ROWS_PER_BATCH, asOf, frame));
        return spark.createDataFrame(rows, assignmentSchema());
    }

    private SegmentationModel requireExtractors() {
        SegmentationModel m = model();
        if (m.extractors().isEmpty()) {
            throw new IllegalStateException("this model was fitted on a feature table: it has no extractors; score "
                    + "feature rows with score(features)");
        }
        return m;
    }

    /**
     * Extracts the model's own features from transaction lines held by Spark ({@link SparkFeatures} with the
     * model's extractors, loaded on each executor from the broadcast bytes) and scores them ({@link #score}), as
     * core's {@code predict(transactions)} does: every as-of feature is computed at the day after the lines' last
     * date. Only described entities get a row; {@link #assignments(SparkTransactions)} gives every entity a row with
     * its status.
     *
     * @throws IllegalStateException when the model was fitted on a feature table (it has no extractors) or has an
     *     eligibility filter (use {@link #assignments(SparkTransactions)}, which applies it)
     */
    public Dataset<Row> scoreTransactions(SparkTransactions transactions) {
        Objects.requireNonNull(transactions, "transactions");
        return scoreTransactions(transactions, scoringDate(transactions));
    }

    /**
     * As {@link #scoreTransactions(SparkTransactions)}, scored at {@code asOf}.
     *
     * @throws IllegalStateException as {@link #scoreTransactions(SparkTransactions)}
     */
    public Dataset<Row> scoreTransactions(SparkTransactions transactions, LocalDate asOf) {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(asOf, "asOf");
        SegmentationModel m = requireExtractors();
        if (m.eligibility().isPresent()) {
            throw new IllegalStateException("this model has an eligibility filter, which scoreTransactions does not "
                    + "apply; use assignments(transactions), which does");
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
        private static final long serialVersionUID = 2L;
        private final Broadcast<byte[]> bytes;
        private final String modelId;
        private final String modelVersion;
        private final long scoredAtMillis;
        private final String[] featureNames;
        private final int entityIdx;
        private final int[] featureIdx;

        Scoring(Broadcast<byte[]> bytes, String modelId, String modelVersion, long scoredAtMillis,
                String[] featureNames, int entityIdx, int[] featureIdx) {
            this.bytes = bytes;
            this.modelId = modelId;
            this.modelVersion = modelVersion;
            this.scoredAtMillis = scoredAtMillis;
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
            Timestamp scoredAt = new Timestamp(scoredAtMillis);
            return new Iterator<Row>() {
                final List<Row> batch = new ArrayList<>(BATCH);
                String[] ids = new String[0];
                SegmentAssignments a;
                int[] labels;
                double[] strengths;
                double[] outliers;
                boolean positional;
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
                    ids = new String[batch.size()];
                    double[] x = new double[batch.size() * d];
                    for (int r = 0; r < ids.length; r++) {
                        Row row = batch.get(r);
                        ids[r] = row.getString(entityIdx);
                        for (int c = 0; c < d; c++) {
                            x[r * d + c] = row.getDouble(featureIdx[c]);
                        }
                    }
                    a = model.predict(FeatureTable.wrap(ids.clone(), featureNames.clone(), x));
                    labels = a.labels();
                    strengths = a.strengths().orElse(null);
                    outliers = a.outlierScores().orElse(null);
                    // without a feature filter every row is assigned, in input order
                    positional = labels.length == ids.length;
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
                    Object[] out = new Object[n + 8];
                    for (int c = 0; c < n; c++) {
                        out[c] = in.get(c);
                    }
                    Integer label = null;
                    Double strength = null;
                    Double outlier = null;
                    if (positional) {
                        label = labels[r];
                        strength = strengths == null ? null : strengths[r];
                        outlier = outliers == null ? null : outliers[r];
                    } else if (a.status(ids[r]) == SegmentAssignments.Status.ASSIGNED) {
                        label = a.label(ids[r]).getAsInt();
                        strength = strengths == null ? null : a.strength(ids[r]).getAsDouble();
                        outlier = outliers == null ? null : a.outlierScore(ids[r]).getAsDouble();
                    }
                    out[n] = label;
                    out[n + 1] = label == null ? null
                            : names.getOrDefault(label, label < 0 ? "Noise" : "Segment " + label);
                    out[n + 2] = strength;
                    out[n + 3] = outlier;
                    out[n + 4] = label == null ? FILTERED : label < 0 ? NOISE : ASSIGNED;
                    out[n + 5] = modelId;
                    out[n + 6] = modelVersion;
                    out[n + 7] = scoredAt;
                    return RowFactory.create(out);
                }
            };
        }
    }
}
