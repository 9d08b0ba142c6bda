package dev.segmentation.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.io.SegmentationModels;
import dev.segmentation.scaling.Scaling;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A segmentation model with the autoencoder embedding survives a model file and predicts bit for bit. */
class AutoencoderModelFileTest {
    @TempDir
    Path dir;

    static FeatureTable table(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> ids = new ArrayList<>();
        List<String> names = List.of("a", "b", "c", "d", "e", "f");
        double[] v = new double[n * names.size()];
        for (int i = 0; i < n; i++) {
            ids.add("e" + i);
            int g = i % 3;
            for (int j = 0; j < names.size(); j++) {
                v[i * names.size() + j] = 5 * g * (j % 2 == 0 ? 1 : -1) + r.nextGaussian();
            }
        }
        return FeatureTable.of(ids, names, v);
    }

    @Test
    void autoencoderModelRoundTripsThroughAFile() throws Exception {
        FeatureTable train = table(600, 1);
        SegmentationModel model = Segmenter.builder().scaling(Scaling.standard())
                .embedding(Autoencoder.builder().hiddenSizes(4).latentDim(2).epochs(5).batchSize(100).build())
                .clusterer(KMeans.builder().k(3).nInit(2)).seed(3).build().fit(train);
        Path f = dir.resolve("ae.model.json");
        SegmentationModels.write(model, f);
        SegmentationModel back = SegmentationModels.read(f);
        assertTrue(back.embedding().isPresent());
        assertTrue(back.embedding().get() instanceof FittedAutoencoder, back.embedding().get().getClass().getName());
        FeatureTable next = table(200, 2);
        assertArrayEquals(model.predict(next).labels(), back.predict(next).labels());
        DataMatrix scaled = model.scaler().transform(next).matrix();
        DataMatrix a = model.embedding().get().transform(scaled);
        DataMatrix b = back.embedding().get().transform(scaled);
        assertEquals(a, b);
    }
}
