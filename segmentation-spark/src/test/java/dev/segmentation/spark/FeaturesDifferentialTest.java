package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Entropy;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.features.Features;
import dev.segmentation.features.PanelSpec;
import dev.segmentation.features.Period;
import dev.segmentation.features.Rfm;
import dev.segmentation.fit.FitContext;
import dev.segmentation.io.CsvPresets;
import dev.segmentation.sim.RetailSimulator;
import dev.segmentation.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential tests: Spark's distributed extraction against core's extractors on the same lines, value by value,
 * bit for bit, for several partitionings and batch sizes.
 */
class FeaturesDifferentialTest {

    /** Every core extractor that UCI Online Retail (with Country as the category) can feed. */
    static List<FeatureExtractor> retailExtractors(LocalDate asOf) {
        Rfm.Builder rfm = Rfm.builder().cancelledOrderPrefix("C");
        if (asOf != null) {
            rfm.asOf(asOf);
        }
        return List.of(Features.rfm(rfm), Features.demandStats(Period.MONTH), Features.trend(Period.MONTH),
                Features.seasonality(Period.MONTH),
                Features.entropy(Entropy.Over.CALENDAR_MONTH), Features.entropy(Entropy.Over.PERIOD),
                Features.entropy(Entropy.Over.ITEM), Features.entropy(Entropy.Over.CATEGORY),
                Features.demandClass(Period.WEEK), Features.activity(Period.WEEK), Features.distinctItems(),
                Features.distinctCategories(), Features.categoryFocus(),
                Features.stability(PanelSpec.of(Period.DAY).withMeasure(PanelSpec.Measure.AMOUNT)
                        .withSpan(PanelSpec.Span.ENTITY).withEmptyCells(PanelSpec.EmptyCells.ABSENT)));
    }

    static List<FeatureTable> core(Transactions tx, List<FeatureExtractor> extractors) {
        List<FeatureTable> tables = new ArrayList<>();
        FitContext ctx = FitContext.seeded(0);
        for (int i = 0; i < extractors.size(); i++) {
            tables.add(extractors.get(i).extract(tx, ctx.stage("features/" + i)));
        }
        return tables;
    }

    private static Transactions simulated;
    private static SparkTransactions simulatedTx;

    /** 200 simulated customers over 60 weeks with items and categories, read by Spark once for the class. */
    @BeforeAll
    static void simulate() {
        simulated = RetailSimulator.builder().seed(11).entities(200).weeks(60).items(80).categories(6).build()
                .simulate().transactions();
        Dataset<Row> input = SparkTesting.toDataFrame(simulated, 3).persist(StorageLevel.MEMORY_ONLY());
        simulatedTx = SparkTransactions.read(input, SparkTesting.txMapping().build());
    }

    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {1, 3, 7})
    void simulatedDataMatchesCoreForAnyPartitioningAndBatchSize(int partitions) {
        assertEquals(simulated.size(), simulatedTx.size());
        // no as-of date: RFM measures recency from the day after the data's last date, in every batch
        SparkFeatures features = SparkFeatures.builder(() -> retailExtractors(null)).partitions(partitions)
                .rowsPerBatch(500 * partitions).build();
        Dataset<Row> out = features.extract(simulatedTx);
        assertEquals(partitions, out.rdd().getNumPartitions());
        Map<String, double[]> spark = SparkTesting.collect(out);
        SparkTesting.assertSameBits(core(simulated, retailExtractors(null)), spark);
        assertEquals(simulated.entityCount(), spark.size());
    }

    @Test
    void walmartWeeklySeriesMatchCoreBitForBit() throws IOException {
        Path file = SharedData.require("data/walmart_store_sales/train.csv.gz");
        Transactions coreTx = CsvPresets.walmartTrain().build().read(file);
        SparkTransactions tx = SparkTransactions.read(SparkTesting.csv(file), ColumnMapping.walmart().build());
        assertEquals(coreTx.size(), tx.size());
        SparkFeatures features = SparkFeatures.builder(FeaturesDifferentialTest::walmartExtractors).build();
        Map<String, double[]> spark = SparkTesting.collect(features.extract(tx));
        SparkTesting.assertSameBits(core(coreTx, walmartExtractors()), spark);
        assertEquals(3331, spark.size());
    }

    static List<FeatureExtractor> walmartExtractors() {
        PanelSpec weekly = PanelSpec.of(Period.WEEK).withMeasure(PanelSpec.Measure.AMOUNT);
        return List.of(Features.demandStats(weekly), Features.trend(weekly), Features.seasonality(weekly),
                Features.stlStrengths(weekly), Features.entropy(Entropy.Over.CALENDAR_MONTH));
    }
}
