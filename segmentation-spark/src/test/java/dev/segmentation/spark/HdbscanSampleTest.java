package dev.segmentation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.quality.ExternalIndices;
import dev.segmentation.scaling.Scaling;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/**
 * HDBSCAN at scale in miniature: a deterministic entity-hash sample, the minimum cluster size scaled by the
 * sampling fraction, the sample-fitted model's approximate prediction over every row in Spark, against core's fit
 * on all rows.
 */
class HdbscanSampleTest {
    private static final List<String> NAMES = List.of("a", "b");

    @Test
    void sampleFittedLabelsAgreeWithTheFullFitAndTheSampleIgnoresPartitioning() {
        SplittableRandom rnd = new SplittableRandom(8);
        int n = 4000;
        String[] ids = new String[n];
        double[] x = new double[n * 2];
        List<Row> rows = new ArrayList<>();
        double[][] centre = {{0, 0}, {8, 0}, {0, 8}, {8, 8}};
        for (int i = 0; i < n; i++) {
            ids[i] = String.format("c%05d", i);
            x[i * 2] = centre[i % 4][0] + rnd.nextGaussian();
            x[i * 2 + 1] = centre[i % 4][1] + rnd.nextGaussian();
            rows.add(RowFactory.create(ids[i], x[i * 2], x[i * 2 + 1]));
        }
        Dataset<Row> one = SparkTesting.spark().createDataFrame(rows, SparkFeatures.schema(NAMES)).repartition(1);
        Dataset<Row> five = SparkTesting.spark().createDataFrame(rows, SparkFeatures.schema(NAMES)).repartition(5);
        SparkSegmentation.Sample s = SparkSegmentation.sample(one, 800, 42);
        SparkSegmentation.Sample s5 = SparkSegmentation.sample(five, 800, 42);
        assertEquals(s.table().entityIds(), s5.table().entityIds(), "the sample depends on ids and seed only");
        assertEquals(n, s.population());
        assertTrue(Math.abs(s.table().rows() - 800) < 160, s.toString());
        int fullMcs = 100;
        assertEquals(Math.max(2, Math.round(fullMcs * s.fraction())), s.scaledMinClusterSize(fullMcs));

        Segmenter.Builder settings = Segmenter.builder().scaling(Scaling.standard()).seed(3).threads(1);
        SegmentationModel full = settings.clusterer(Hdbscan.builder().minClusterSize(fullMcs)).build()
                .fit(FeatureTable.wrap(ids, NAMES.toArray(new String[0]), x));
        SegmentationModel sampled = settings.clusterer(Hdbscan.builder()
                .minClusterSize(s.scaledMinClusterSize(fullMcs))).build().fit(s.table());
        Map<String, Integer> predicted = new HashMap<>();
        for (Row r : SparkScorer.of(SparkTesting.spark(), sampled).assignments(five).select("entity", "segment")
                .collectAsList()) {
            predicted.put(r.getString(0), r.getInt(1));
        }
        int[] a = full.labels();
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            b[i] = predicted.get(full.entityIds().get(i));
        }
        double ari = ExternalIndices.adjustedRandIndex(a, b);
        assertTrue(ari > 0.9, "ARI of sample-fitted vs full-fit labels " + ari);

        assertEquals("targetRows must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> SparkSegmentation.sample(one, 0, 1)).getMessage());
        assertEquals("fullMinClusterSize must be >= 2 but was 1", assertThrows(IllegalArgumentException.class,
                () -> s.scaledMinClusterSize(1)).getMessage());
    }
}
