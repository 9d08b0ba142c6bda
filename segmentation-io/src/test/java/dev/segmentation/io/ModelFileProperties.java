package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.embedding.Pca;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.testing.SyntheticRetail;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** For random models and data, load(save(model)) predicts exactly as the model. */
class ModelFileProperties {
    private static FeatureTable table(DataMatrix x, String prefix) {
        String[] ids = new String[x.rows()];
        String[] names = new String[x.cols()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = prefix + i;
        }
        for (int j = 0; j < names.length; j++) {
            names[j] = "f" + j;
        }
        return FeatureTable.wrap(ids, names, x.toArray());
    }

    @Property(tries = 25)
    void aSavedAndLoadedModelPredictsExactlyAsTheModel(@ForAll @IntRange(min = 30, max = 250) int n,
            @ForAll @IntRange(min = 2, max = 5) int d, @ForAll @IntRange(min = 0, max = 2) int scaling,
            @ForAll boolean pca, @ForAll boolean hdbscan, @ForAll @IntRange(min = 1, max = 5) int centres,
            @ForAll long seed) throws Exception {
        FeatureTable train = table(SyntheticRetail.blobs(n, d, centres, seed), "t");
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double[] probe = new double[300 * d];
        for (int i = 0; i < probe.length; i++) {
            probe[i] = rnd.nextDouble(-15 * centres, 15 * centres);
        }
        FeatureTable next = table(DataMatrix.of(300, d, probe), "p");
        Segmenter.Builder b = Segmenter.builder()
                .scaling(scaling == 0 ? Scaling.robust() : scaling == 1 ? Scaling.standard() : Scaling.none())
                .clusterer(hdbscan ? Hdbscan.builder().minClusterSize(Math.max(2, n / 20)).build()
                        : KMeans.builder().k(Math.min(centres + 1, 4)).nInit(2).build())
                .seed(seed).threads(1);
        if (pca && d > 2) {
            b.embedding(Pca.components(2));
        }
        SegmentationModel m = b.build().fit(train);
        SegmentationModel back = SegmentationModels.fromBytes(Path.of("property"),
                SegmentationModels.toBytes(m, Instant.EPOCH)).model();
        assertArrayEquals(m.predict(next).labels(), back.predict(next).labels());
        assertArrayEquals(m.predict(train).labels(), back.predict(train).labels());
    }
}
