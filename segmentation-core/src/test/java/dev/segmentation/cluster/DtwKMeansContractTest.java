package dev.segmentation.cluster;

import dev.segmentation.cluster.series.DtwKMeans;
import dev.segmentation.data.DataMatrix;

/** {@link DtwKMeans} (k = 3, band 3) keeps the {@link Clusterer} contract on 5,000 noisy shifted series. */
class DtwKMeansContractTest extends ClustererContract {
    @Override
    protected Clusterer clusterer() {
        return DtwKMeans.builder().k(3).bandRadius(3).maxIter(10).dbaIterations(2).build();
    }

    @Override
    protected DataMatrix data() {
        return KShapeContractTest.series(5_000, 24, 5L);
    }
}
