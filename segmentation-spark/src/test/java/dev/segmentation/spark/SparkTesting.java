package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** One local SparkSession for the whole test JVM, and helpers shared by the Spark tests. */
final class SparkTesting {
    private static SparkSession session;
    private static final boolean CODEGEN = Boolean.getBoolean("segmentation.spark.tests.codegen");

    private SparkTesting() {
    }

    /**
     * local[2], no UI, 2 shuffle partitions (tests that need other partitionings set them), no adaptive execution,
     * and no code generation: on the tests' small data, compiling generated code for every new query costs more CPU
     * than interpreting it (the values are the same either way: our columns are computed by core, Spark only moves
     * them). One session for every test class of the JVM (surefire reuses one fork); stopped by Spark's shutdown hook
     * when the test JVM exits.
     */
    static synchronized SparkSession spark() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("segmentation-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.adaptive.enabled", "false")
                    // -Dsegmentation.spark.tests.codegen=true restores Spark's default, to compare the suite's CPU
                    .config("spark.sql.codegen.wholeStage", Boolean.toString(CODEGEN))
                    .config("spark.sql.codegen.factoryMode", CODEGEN ? "FALLBACK" : "NO_CODEGEN")
                    .getOrCreate();
        }
        return session;
    }

    /** The bundled UCI Online Retail file (examples/data), present in every clone. */
    static Path onlineRetail() {
        for (String c : new String[] {"../examples/data/online_retail.csv.gz", "examples/data/online_retail.csv.gz"}) {
            if (Files.exists(Path.of(c))) {
                return Path.of(c).toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("examples/data/online_retail.csv.gz not found from " + Path.of("").toAbsolutePath());
    }

    /** A CSV file read by Spark with every column a string, RFC 4180 quoting (a doubled quote escapes a quote). */
    static Dataset<Row> csv(Path file) {
        return spark().read().option("header", "true").option("escape", "\"").csv(file.toString());
    }

    static final StructType TX_SCHEMA = new StructType()
            .add("customer", DataTypes.StringType, true)
            .add("ts", DataTypes.LongType, false)
            .add("invoice", DataTypes.StringType, true)
            .add("qty", DataTypes.DoubleType, false)
            .add("value", DataTypes.DoubleType, false)
            .add("sku", DataTypes.StringType, true)
            .add("group", DataTypes.StringType, true);

    /** The rows of a core table as a DataFrame ({@link #TX_SCHEMA}), in {@code parts} input partitions. */
    static Dataset<Row> toDataFrame(Transactions t, int parts) {
        List<Row> rows = new ArrayList<>(t.size());
        for (int r = 0; r < t.size(); r++) {
            rows.add(RowFactory.create(t.entityId(t.entityOf(r)), t.epochSecond(r), t.orderId(r), t.quantity(r),
                    t.amount(r), t.hasItems() ? t.itemId(r) : null, t.hasCategories() ? t.category(r) : null));
        }
        return spark().createDataFrame(rows, TX_SCHEMA).repartition(parts);
    }

    static ColumnMapping.Builder txMapping() {
        return ColumnMapping.builder().entity("customer").timestamp("ts").order("invoice").quantity("qty")
                .amount("value").item("sku").category("group");
    }

    /** Collects a feature dataset into a map entity -> row. */
    static Map<String, double[]> collect(Dataset<Row> features) {
        Map<String, double[]> out = new HashMap<>();
        int d = features.schema().size() - 1;
        for (Row r : features.collectAsList()) {
            double[] v = new double[d];
            for (int c = 0; c < d; c++) {
                v[c] = r.getDouble(c + 1);
            }
            if (out.put(r.getString(0), v) != null) {
                fail("entity " + r.getString(0) + " appears twice in the Spark features");
            }
        }
        return out;
    }

    /**
     * Asserts that the Spark rows hold exactly the entities every core table describes, with bit-identical values
     * (columns in core table order, tables concatenated). Returns the number of values compared.
     */
    static long assertSameBits(List<FeatureTable> core, Map<String, double[]> spark) {
        Map<String, Integer> describedBy = new HashMap<>();
        for (FeatureTable t : core) {
            for (String id : t.entityIds()) {
                describedBy.merge(id, 1, Integer::sum);
            }
        }
        long expectedEntities = describedBy.values().stream().filter(c -> c == core.size()).count();
        assertEquals(expectedEntities, spark.size(), "entities described by every extractor");
        long compared = 0;
        int offset = 0;
        for (FeatureTable t : core) {
            for (int r = 0; r < t.rows(); r++) {
                String id = t.entityId(r);
                if (describedBy.get(id) != core.size()) {
                    continue;
                }
                double[] s = spark.get(id);
                if (s == null) {
                    fail("entity " + id + " is missing from the Spark features");
                }
                for (int c = 0; c < t.cols(); c++) {
                    double want = t.get(r, c);
                    double got = s[offset + c];
                    if (Double.doubleToLongBits(want) != Double.doubleToLongBits(got)) {
                        fail("entity " + id + ", feature " + t.featureName(c) + ": core " + want + " ("
                                + Double.doubleToLongBits(want) + "), Spark " + got + " ("
                                + Double.doubleToLongBits(got) + ")");
                    }
                    compared++;
                }
            }
            offset += t.cols();
        }
        return compared;
    }
}
