package dev.segmentation.cluster;

/** {@link MiniBatchKMeans} keeps the {@link Clusterer} contract. */
class MiniBatchKMeansContractTest extends ClustererContract {
    @Override
    protected Clusterer clusterer() {
        return MiniBatchKMeans.builder().k(3).build();
    }
}
