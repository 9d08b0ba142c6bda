/**
 * The same segmentation on Apache Spark, for data that lives in a lakehouse: the unit that moves between core and
 * Spark is a fitted {@link dev.segmentation.SegmentationModel}.
 *
 * <p><b>Input.</b> {@link dev.segmentation.spark.SparkTransactions#read} takes any {@code DataFrame} of transaction
 * lines through a {@link dev.segmentation.spark.ColumnMapping} (the roles of segmentation-io's CSV and JDBC readers;
 * presets for UCI Online Retail and the already-aggregated Walmart weekly sales) and applies core's bad-row checks:
 * fail at the first bad row, naming it, its column and its text, or skip and count per problem.
 *
 * <p><b>Features.</b> {@link dev.segmentation.spark.SparkFeatures} runs core's extractors per batch of whole
 * entities after an entity shuffle, in bounded memory per task, and gives the numbers core gives, bit for bit, for
 * any partitioning. Extractors travel as a serializable recipe, {@link dev.segmentation.spark.ExtractorSource}.
 *
 * <p><b>Fitting.</b> {@link dev.segmentation.spark.SparkSegmentation} collects a feature table that fits the driver
 * and fits it with core: the model is core's; or it draws a deterministic entity-hash sample (HDBSCAN at scale, with
 * the minimum cluster size scaled by the sampling fraction). {@link dev.segmentation.spark.SparkKMeans} runs Lloyd
 * over partitions and gives core's {@code KMeansModel}.
 *
 * <p><b>Scoring.</b> {@link dev.segmentation.spark.SparkScorer} broadcasts a model as its model-file bytes and adds
 * segment columns per partition, and writes the feature-store table of every entity (status, model id and version,
 * scoring time) with {@code assignments}; {@link dev.segmentation.spark.SegmentTransformer} is the same as a Spark ML
 * {@code Transformer}.
 *
 * <p><b>Refresh.</b> {@link dev.segmentation.spark.SparkRefresh}: stable segment ids (core's Hungarian alignment on
 * counts computed in Spark), the migration matrix, and exact PSI/KS drift between two tables.
 *
 * <p><b>Running.</b> Spark is a provided dependency (Spark 4.1, Scala 2.13, Java 17). A JVM that starts Spark
 * itself (tests, {@code local[*]} programs) needs Spark's {@code --add-opens} flags, listed in the module's
 * README; {@code spark-submit} adds them. The library never prints; it logs through SLF4J.
 *
 * <p>Imports core, io and Spark; nothing in the project imports this package but examples and benchmarks. Classes
 * here are immutable and thread-safe unless their doc says otherwise; the per-partition functions are
 * package-private.
 */
package dev.segmentation.spark;
