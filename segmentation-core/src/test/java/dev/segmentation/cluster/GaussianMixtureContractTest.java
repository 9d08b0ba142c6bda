package dev.segmentation.cluster;

/** {@link GaussianMixture} (FULL, k = 3, two restarts) keeps the {@link Clusterer} contract. */
class GaussianMixtureContractTest extends ClustererContract {
    @Override
    protected Clusterer clusterer() {
        return GaussianMixture.builder().k(3).nInit(2).build();
    }
}
