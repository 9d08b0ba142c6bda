package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.cluster.MiniBatchKMeans;
import dev.segmentation.scaling.Scaling;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline whose clusterer is {@link MiniBatchKMeans} saves as a K-Means model file (its fitted step is a
 * {@link KMeansModel}, persisted by the existing K-Means step factory) and predicts the same labels in another JVM.
 */
class MiniBatchKMeansFreshJvmTest {
    @TempDir
    Path dir;

    @Test
    void aForkedJvmPredictsTheSameLabels() throws Exception {
        SegmentationModel m = Segmenter.builder().features(ModelFixtures.rfm())
                .scaling(Scaling.robust().log1p("monetary", "avg_order_value"))
                .clusterer(MiniBatchKMeans.builder().k(3).batchSize(32)).seed(23).build().fit(ModelFixtures.train());
        assertInstanceOf(KMeansModel.class, m.clusterModel());
        FreshJvmTest.assertForkedJvmPredictsTheSameLabels(m, dir);
    }
}
