package dev.segmentation.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.lit;

import dev.segmentation.features.Entropy;
import dev.segmentation.features.FeatureExtractor;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Core's feature extractors over transaction lines held by Spark: one output row per entity, {@code entity string}
 * followed by one {@code double} column per feature, in extractor order, for the entities every extractor described
 * (core's inner join). The numbers are those core computes on the same lines, bit for bit, for any partitioning and
 * batch size (see the differential tests).
 *
 * <p><b>How.</b> A few small aggregates on the driver first fix what is table-wide in core: the first and last
 * timestamp (hence the global panel span and RFM's default as-of day) and, when an extractor needs them, the
 * distinct categories or items. Then the lines are repartitioned by entity and sorted within each partition; each
 * task cuts its partition into batches of whole entities of about {@link Builder#rowsPerBatch(int)} lines, builds a
 * core {@code Transactions} for the batch, runs the extractors on one thread and streams out the rows. Transactions
 * are never collected to the driver.
 *
 * <p><b>Cost.</b> One shuffle of the lines (entity hash), a sort within partitions, then the extractors' own linear
 * work. Memory per task: one batch, O(max(rowsPerBatch, lines of the largest entity)) (a wholesaler with 100,000
 * lines is one batch of about 6 MB), plus O(distinct items) per batch when the item entropy is asked for. Lazy:
 * {@link #extract} runs the small aggregates at once, the extraction when the result is used.
 *
 * <p><b>Limits.</b> An extractor of your own must compute each entity's row from that entity's lines and at most
 * the table-wide values above; one that reads other table-wide state gives batch-dependent numbers. Extractors of
 * core with extra inputs ({@code Features.engagement(events)}) are exact only when the events fit each executor.
 * Eligibility filters are not applied here: filter the lines first. Immutable and thread-safe.
 */
public final class SparkFeatures {
    /** Default lines per batch: about 6 MB of columns per task. */
    public static final int DEFAULT_ROWS_PER_BATCH = 100_000;

    private final ExtractorSource source;
    private final int rowsPerBatch;
    private final int partitions;
    private final long seed;
    private final LocalDate asOf;
    private final List<FeatureExtractor> probe;
    private final List<String> names;

    private SparkFeatures(Builder b) {
        this.source = b.source;
        this.rowsPerBatch = b.rowsPerBatch;
        this.partitions = b.partitions;
        this.seed = b.seed;
        this.asOf = b.asOf;
        this.probe = List.copyOf(b.source.extractors());
        if (probe.isEmpty()) {
            throw new IllegalStateException("the extractor source gave no extractor");
        }
        List<String> n = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (FeatureExtractor e : probe) {
            for (String f : e.featureNames()) {
                if (!seen.add(f)) {
                    throw new IllegalStateException("feature '" + f + "' is produced by two extractors");
                }
                n.add(f);
            }
        }
        this.names = List.copyOf(n);
    }

    /** A builder for extraction with the extractors {@code source} makes. */
    public static Builder builder(ExtractorSource source) {
        return new Builder(Objects.requireNonNull(source, "source"));
    }

    /** The feature columns, in output order (after {@code entity}). */
    public List<String> featureNames() {
        return names;
    }

    /** The output schema: {@code entity string} then one non-null double column per feature. */
    public StructType schema() {
        return schema(names);
    }

    static StructType schema(List<String> featureNames) {
        StructField[] f = new StructField[featureNames.size() + 1];
        f[0] = DataTypes.createStructField("entity", DataTypes.StringType, false);
        for (int i = 0; i < featureNames.size(); i++) {
            f[i + 1] = DataTypes.createStructField(featureNames.get(i), DataTypes.DoubleType, false);
        }
        return new StructType(f);
    }

    /**
     * The features of every entity of {@code transactions} (lazy; see the class doc).
     *
     * @throws IllegalArgumentException when the lines lack what an extractor needs (an item column...), when the
     *     result is used
     */
    public Dataset<Row> extract(SparkTransactions transactions) {
        Objects.requireNonNull(transactions, "transactions");
        Dataset<Row> lines = transactions.lines();
        if (transactions.isEmpty()) {
            return lines.sparkSession().createDataFrame(List.of(), schema());
        }
        BatchExtraction.Frame frame = frame(transactions);
        Dataset<Row> grouped = partitions > 0 ? lines.repartition(partitions, col(LineParser.ENTITY))
                : lines.repartition(col(LineParser.ENTITY));
        return grouped.sortWithinPartitions(LineParser.ENTITY)
                .mapPartitions(new BatchExtraction(source, frame, rowsPerBatch, seed, asOf), Encoders.row(schema()));
    }

    private BatchExtraction.Frame frame(SparkTransactions tx) {
        return frame(tx, probe);
    }

    /**
     * Which table-wide dictionaries the extractors need: {@code [items, categories]} (item and category entropies,
     * category focus; every dictionary for an extractor outside this library).
     */
    static boolean[] dictionaries(List<FeatureExtractor> extractors) {
        boolean allItems = false;
        boolean allCategories = false;
        for (FeatureExtractor e : extractors) {
            if (e instanceof Entropy) {
                allItems |= ((Entropy) e).over() == Entropy.Over.ITEM;
                allCategories |= ((Entropy) e).over() == Entropy.Over.CATEGORY;
            } else if (e.getClass().getName().equals("dev.segmentation.features.CategoryFocus")) {
                // core's category focus (package-private there) normalises by the number of distinct categories
                allCategories = true;
            } else if (!e.getClass().getName().startsWith("dev.segmentation.")) {
                // an extractor of the caller's: give it every table-wide dictionary core would have
                allItems = true;
                allCategories = true;
            }
        }
        return new boolean[] {allItems, allCategories};
    }

    /** The table-wide facts of {@code tx} the extractors need (one small job when they need dictionaries). */
    static BatchExtraction.Frame frame(SparkTransactions tx, List<FeatureExtractor> extractors) {
        boolean[] dict = dictionaries(extractors);
        boolean allItems = dict[0];
        boolean allCategories = dict[1];
        String[] items = tx.hasItems() ? new String[] {tx.minItem()} : new String[0];
        String[] categories = tx.hasCategories() ? new String[] {tx.minCategory()} : new String[0];
        if ((allItems && tx.hasItems()) || (allCategories && tx.hasCategories())) {
            // one job for both dictionaries; the sets are merged per partition first
            Row sets = tx.lines().agg(collect_set(allItems ? col(LineParser.ITEM) : lit(null).cast("string")),
                    collect_set(allCategories ? col(LineParser.CATEGORY) : lit(null).cast("string"))).first();
            if (allItems && tx.hasItems()) {
                items = sets.<String>getList(0).toArray(new String[0]);
            }
            if (allCategories && tx.hasCategories()) {
                categories = sets.<String>getList(1).toArray(new String[0]);
            }
        }
        return new BatchExtraction.Frame(tx.minEpochSecond(), tx.maxEpochSecond(), items, categories,
                tx.mapping().attributeNameArray().clone());
    }

    @Override
    public String toString() {
        return "SparkFeatures[" + probe + ", rowsPerBatch=" + rowsPerBatch + ", partitions="
                + (partitions > 0 ? partitions : "spark.sql.shuffle.partitions") + "]";
    }

    /**
     * Configures {@link SparkFeatures}. Setters check their argument at once; {@link #build()} may be called again.
     * Not thread-safe.
     */
    public static final class Builder {
        private final ExtractorSource source;
        private int rowsPerBatch = DEFAULT_ROWS_PER_BATCH;
        private int partitions;
        private long seed;
        private LocalDate asOf;

        private Builder(ExtractorSource source) {
            this.source = source;
        }

        /**
         * Lines per batch (default {@value SparkFeatures#DEFAULT_ROWS_PER_BATCH}); a batch holds whole entities, so
         * one larger entity makes a larger batch.
         *
         * @throws IllegalArgumentException when {@code rows < 1}
         */
        public Builder rowsPerBatch(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("rowsPerBatch must be >= 1 but was " + rows);
            }
            this.rowsPerBatch = rows;
            return this;
        }

        /**
         * Partitions of the entity shuffle (default: {@code spark.sql.shuffle.partitions}).
         *
         * @throws IllegalArgumentException when {@code partitions < 1}
         */
        public Builder partitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be >= 1 but was " + partitions);
            }
            this.partitions = partitions;
            return this;
        }

        /** The seed of the extraction context (core's extractors draw no random number; default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The scoring date every as-of feature (RFM recency) is computed at, overriding the extractors' own as-of
         * dates, as core's {@code SegmentationModel.predict(transactions, asOf)} does. Without it each extractor
         * uses its own as-of date, or the day after the whole data's last date.
         */
        public Builder asOf(LocalDate asOf) {
            this.asOf = Objects.requireNonNull(asOf, "asOf");
            return this;
        }

        /**
         * The extraction.
         *
         * @throws IllegalStateException when the source gives no extractor or two extractors share a feature name
         */
        public SparkFeatures build() {
            return new SparkFeatures(this);
        }
    }
}
