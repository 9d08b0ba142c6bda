package dev.segmentation.cluster;

/** {@link KMeans} (default AUTO engine, Lloyd at k = 3) keeps the {@link Clusterer} contract. */
class KMeansContractTest extends ClustererContract {
    @Override
    protected Clusterer clusterer() {
        return KMeans.builder().k(3).nInit(3).build();
    }
}
