package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.InvalidRowPolicy;
import dev.segmentation.data.RowProblem;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Features;
import dev.segmentation.features.Period;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Column mappings, value types and every bad-row path of {@link SparkTransactions#read}. */
class InputTest {
    private static final StructType TEXT = new StructType()
            .add("Customer", DataTypes.StringType).add("When", DataTypes.StringType)
            .add("Invoice", DataTypes.StringType).add("Qty", DataTypes.StringType)
            .add("Price", DataTypes.StringType);

    private static Dataset<Row> text(String[]... rows) {
        List<Row> r = new ArrayList<>();
        for (String[] row : rows) {
            r.add(RowFactory.create((Object[]) row));
        }
        return SparkTesting.spark().createDataFrame(r, TEXT).coalesce(1);
    }

    private static ColumnMapping.Builder mapping() {
        return ColumnMapping.builder().entity("Customer").timestamp("When", "yyyy-MM-dd HH:mm:ss").order("Invoice")
                .quantity("Qty").unitPrice("Price");
    }

    @Test
    void failPolicyNamesTheFirstBadRowItsColumnAndTheTextAsWritten() {
        Dataset<Row> df = text(new String[] {"c1", "2011-01-02 10:00:00", "o1", "2", "1.5"},
                new String[] {"c1", "2011-01-02 10:00:00", "o1", "two", "1.5"},
                new String[] {"c2", "2011-01-02 10:00:00", "o2", "1", "x"});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkTransactions.read(df, mapping().build()));
        assertEquals("row 1 of input partition 0, column Qty: cannot parse the value, value 'two'", e.getMessage());
    }

    @Test
    void skipPolicyCountsEveryProblemAndKeepsExamplesInInputOrder() {
        Dataset<Row> df = text(new String[] {"c1", "2011-01-02 10:00:00", "o1", "2", "1.5"},
                new String[] {null, "2011-01-02 10:00:00", "o1", "2", "1.5"},
                new String[] {"c1", "02/01/2011", "o1", "2", "1.5"},
                new String[] {"c1", "1850-01-02 10:00:00", "o1", "2", "1.5"},
                new String[] {"c1", "2011-01-02 10:00:00", " ", "2", "1.5"},
                new String[] {"c1", "2011-01-02 10:00:00", "o1", "NaN", "1.5"},
                new String[] {"c1", "2011-01-02 10:00:00", "o1", "1", "Infinity"},
                new String[] {"c2", "2011-01-03 10:00:00", "o2", "3", "2.0"});
        SparkTransactions tx = SparkTransactions.read(df, mapping().onInvalidRow(InvalidRowPolicy.SKIP).build());
        assertEquals(2, tx.size());
        assertEquals(Map.of(RowProblem.BLANK_ENTITY, 1L, RowProblem.UNPARSEABLE, 1L,
                RowProblem.IMPOSSIBLE_TIMESTAMP, 1L, RowProblem.BLANK_ORDER, 1L, RowProblem.NON_FINITE_QUANTITY, 1L,
                RowProblem.NON_FINITE_AMOUNT, 1L), tx.rejectedCounts());
        assertEquals(6, tx.rejectedTotal());
        assertEquals(List.of(
                "row 1 of input partition 0, column entity: entity id is null or blank, value null",
                "row 2 of input partition 0, column When: cannot parse the value, value '02/01/2011'",
                "row 3 of input partition 0, column timestamp: impossible timestamp, value "
                        + LocalDateTime.of(1850, 1, 2, 10, 0).toEpochSecond(ZoneOffset.UTC)
                        + " (outside 1900-01-01..2199-12-31)",
                "row 4 of input partition 0, column order: order id is null or blank, value ' '",
                "row 5 of input partition 0, column quantity: quantity is not finite, value NaN",
                "row 6 of input partition 0, column amount: amount is not finite, value Infinity"),
                tx.rejectedExamples());
        assertEquals(LocalDate.of(2011, 1, 3).toEpochDay() * 86_400 + 36_000, tx.maxEpochSecond());
    }

    @Test
    void aMissingColumnIsNamedWithTheColumnsThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkTransactions.read(text(), mapping().item("StockCode").build()));
        assertEquals("the item column 'StockCode' is not in the DataFrame; its columns are [Customer, When, "
                + "Invoice, Qty, Price]", e.getMessage());
    }

    @Test
    void typedColumnsAreReadAsCoreReadsThem() {
        StructType schema = new StructType().add("Store", DataTypes.IntegerType).add("Dept", DataTypes.LongType)
                .add("day", DataTypes.DateType).add("at", DataTypes.TimestampType).add("epoch", DataTypes.LongType)
                .add("iso", DataTypes.StringType).add("sales", DataTypes.createDecimalType(10, 2));
        Instant at = Instant.parse("2012-02-03T04:05:06Z");
        Dataset<Row> df = SparkTesting.spark().createDataFrame(List.of(RowFactory.create(1, 7L,
                Date.valueOf(LocalDate.of(2012, 2, 3)), Timestamp.from(at), at.getEpochSecond(),
                "2012-02-03T04:05:06", new java.math.BigDecimal("10.25"))), schema);
        long day = LocalDate.of(2012, 2, 3).toEpochDay() * 86_400;
        for (String[] c : new String[][] {{"day", "" + day}, {"at", "" + at.getEpochSecond()},
                {"epoch", "" + at.getEpochSecond()}, {"iso", "" + at.getEpochSecond()}}) {
            SparkTransactions tx = SparkTransactions.read(df, ColumnMapping.builder().entity("Store", "Dept")
                    .timestamp(c[0]).amount("sales").build());
            Row line = tx.lines().first();
            assertEquals("1_7", line.getString(0));
            assertEquals(Long.parseLong(c[1]), line.getLong(1), c[0]);
            assertEquals("1_7@2012-02-03", line.getString(2));
            assertEquals(1.0, line.getDouble(3));
            assertEquals(10.25, line.getDouble(4));
        }
    }

    @Test
    void aWholesalerWithManyLinesStaysOneEntityAcrossSmallBatches() {
        Transactions.Builder b = Transactions.builder();
        long t0 = LocalDate.of(2020, 1, 6).toEpochDay() * 86_400;
        for (int i = 0; i < 30_000; i++) {
            b.add("wholesaler", t0 + i * 3_600L, "o" + (i / 7), 1 + i % 5, 2.5 * (1 + i % 3), "i" + (i % 40),
                    "c" + (i % 3));
        }
        for (int e = 0; e < 50; e++) {
            for (int i = 0; i < 20; i++) {
                b.add("shop" + e, t0 + (e * 20 + i) * 86_400L, "s" + e + "-" + i, 1, 4.0 + e, "i" + (e % 40),
                        "c" + (i % 3));
            }
        }
        Transactions coreTx = b.build();
        SparkTransactions tx = SparkTransactions.read(SparkTesting.toDataFrame(coreTx, 2),
                SparkTesting.txMapping().build());
        SparkFeatures features = SparkFeatures.builder(() -> FeaturesDifferentialTest.retailExtractors(null))
                .rowsPerBatch(50).partitions(2).build();
        Map<String, double[]> spark = SparkTesting.collect(features.extract(tx));
        SparkTesting.assertSameBits(FeaturesDifferentialTest.core(coreTx, FeaturesDifferentialTest.retailExtractors(
                null)), spark);
        assertEquals(51, spark.size());
    }

    @Test
    void attributesMonthlyProfilesAndGrowthMatchCore() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        Transactions.Builder b = Transactions.builder().attributes("installments");
        long t0 = LocalDate.of(2019, 3, 4).toEpochDay() * 86_400;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            String e = "c" + rnd.nextInt(40);
            long ts = t0 + rnd.nextLong(3 * 365L) * 86_400L + rnd.nextInt(86_400);
            String order = "o" + (i / 3);
            double q = 1 + rnd.nextInt(4);
            double a = Math.round(rnd.nextDouble(1, 90) * 100) / 100.0;
            String item = "i" + rnd.nextInt(25);
            double inst = 1 + rnd.nextInt(12);
            b.add(e, ts, order, q, a, item, null, inst);
            rows.add(RowFactory.create(e, ts, order, q, a, item, inst));
        }
        Transactions coreTx = b.build();
        StructType schema = new StructType().add("customer", DataTypes.StringType).add("ts", DataTypes.LongType)
                .add("invoice", DataTypes.StringType).add("qty", DataTypes.DoubleType)
                .add("value", DataTypes.DoubleType).add("sku", DataTypes.StringType)
                .add("inst", DataTypes.DoubleType);
        SparkTransactions tx = SparkTransactions.read(SparkTesting.spark().createDataFrame(rows, schema),
                ColumnMapping.builder().entity("customer").timestamp("ts").order("invoice").quantity("qty")
                        .amount("value").item("sku").attribute("installments", "inst").build());
        SparkFeatures features = SparkFeatures.builder(InputTest::attributeExtractors).rowsPerBatch(200).build();
        Map<String, double[]> spark = SparkTesting.collect(features.extract(tx));
        SparkTesting.assertSameBits(FeaturesDifferentialTest.core(coreTx, attributeExtractors()), spark);
        assertEquals(coreTx.entityCount(), spark.size());
    }

    static List<dev.segmentation.features.FeatureExtractor> attributeExtractors() {
        return List.of(Features.attributePerOrder("installments"), Features.monthlyProfile(), Features.growth(),
                Features.stlStrengths(Period.MONTH));
    }

    @Test
    void theReservedSpanEntityIdIsRefused() {
        Transactions coreTx = Transactions.builder().add(BatchExtraction.SPAN_ENTITY, 1_600_000_000L, "o", 1, 1)
                .build();
        SparkTransactions tx = SparkTransactions.read(SparkTesting.toDataFrame(coreTx, 1),
                SparkTesting.txMapping().build());
        Dataset<Row> out = SparkFeatures.builder(() -> List.of(Features.demandStats(Period.MONTH))).build()
                .extract(tx);
        SparkException e = assertThrows(SparkException.class, out::collectAsList);
        assertTrue(e.getMessage().contains("the entity id '\\u0000segmentation-spark:span' is reserved by "
                + "segmentation-spark"), e.getMessage());
    }

    @Test
    void buildersNameTheParameterAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ColumnMapping.builder().entity("a", " "));
        assertEquals("entity column 1 must be a non-blank column name but was ' '", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ColumnMapping.builder().timestamp("t", "yyyy-MM-dd p"));
        assertTrue(e.getMessage().startsWith("timestamp pattern 'yyyy-MM-dd p' is not a valid DateTimeFormatter "
                + "pattern"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ColumnMapping.builder().attribute("n", "x").attribute("n", "y"));
        assertEquals("attribute 'n' is already mapped", e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> ColumnMapping.builder().entity("e").amount("a").build());
        assertEquals("no timestamp: call timestamp(column)", s.getMessage());
        s = assertThrows(IllegalStateException.class, () -> ColumnMapping.builder().entity("e").timestamp("t")
                .build());
        assertEquals("no amount: call amount(column) or unitPrice(column)", s.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparkFeatures.builder(() -> List.of(Features.rfm())).rowsPerBatch(0));
        assertEquals("rowsPerBatch must be >= 1 but was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparkFeatures.builder(() -> List.of(Features.rfm())).partitions(-2));
        assertEquals("partitions must be >= 1 but was -2", e.getMessage());
        s = assertThrows(IllegalStateException.class, () -> SparkFeatures.builder(
                () -> List.of(Features.demandStats(Period.WEEK), Features.demandStats(Period.MONTH))).build());
        assertEquals("feature 'mean' is produced by two extractors", s.getMessage());
    }

    @Test
    void collectingMoreValuesThanAllowedStopsWithTheCount() {
        Dataset<Row> features = SparkTesting.spark().createDataFrame(List.of(RowFactory.create("a", 1.0, 2.0),
                RowFactory.create("b", 3.0, 4.0)), SparkFeatures.schema(List.of("x", "y"))).coalesce(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkSegmentation.collect(features, 3));
        assertEquals("the feature table has more than 3 values (2 entities x 2 features so far); fit a sample, or "
                + "raise maxValues if the driver has the memory", e.getMessage());
        assertEquals(List.of("a", "b"), SparkSegmentation.collect(features, 4).entityIds());
    }
}
