package dev.segmentation.cluster;

/** {@link KMeans} with Hamerly's engine and more clusters than blobs keeps the {@link Clusterer} contract. */
class KMeansHamerlyContractTest extends ClustererContract {
    @Override
    protected Clusterer clusterer() {
        return KMeans.builder().k(10).nInit(2).maxIter(60).algorithm(KMeans.Algorithm.HAMERLY).build();
    }
}
