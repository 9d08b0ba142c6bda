package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.Clusterer;
import dev.segmentation.cluster.series.DtwKMeans;
import dev.segmentation.cluster.series.KShape;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.scaling.Scaling;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k-Shape and DTW K-Means models (issue 19 part 2) inside a segmentation model: a table whose columns are the weeks of
 * each entity's series, clustered by shape, written to a model file, read back, and scoring new series as before.
 */
class SeriesModelFileTest {
    @TempDir
    Path dir;

    private static FeatureTable series(int n, int t, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        String[] ids = new String[n];
        String[] weeks = new String[t];
        for (int p = 0; p < t; p++) {
            weeks[p] = "w" + p;
        }
        double[] v = new double[n * t];
        for (int i = 0; i < n; i++) {
            ids[i] = "sku" + i;
            int shift = rng.nextInt(5) - 2;
            for (int p = 0; p < t; p++) {
                double u = (double) Math.floorMod(p - shift, t) / t;
                double y = i % 3 == 0 ? Math.exp(-Math.pow((u - 0.5) / 0.08, 2)) : i % 3 == 1 ? u
                        : Math.sin(2 * Math.PI * u);
                v[i * t + p] = 20 + 5 * y + 0.2 * rng.nextGaussian();
            }
        }
        return FeatureTable.wrap(ids, weeks, v);
    }

    @Test
    void shapeModelsRoundTripThroughAModelFile() throws Exception {
        FeatureTable train = series(150, 26, 1);
        FeatureTable next = series(60, 26, 2);
        for (Clusterer c : List.of(KShape.builder().k(3).build(), DtwKMeans.builder().k(3).bandRadius(3).build())) {
            SegmentationModel m = Segmenter.builder().scaling(Scaling.none()).clusterer(c).seed(3).build().fit(train);
            Path f = dir.resolve(c.name() + ".model.json");
            SegmentationModels.write(m, f);
            SegmentationModel back = SegmentationModels.read(f);
            assertEquals(3, back.segmentCount(), c.name());
            assertArrayEquals(m.labels(), back.predict(train).labels(), c.name());
            assertArrayEquals(m.predict(next).labels(), back.predict(next).labels(), c.name());
        }
    }
}
