package dev.segmentation.embedding;

/**
 * Restores {@link PcaModel}s from their state; registered as an {@link EmbeddingFactory} service. Stateless and
 * thread-safe. Applications use {@link Embeddings#restore(StepState)} rather than this class.
 */
public final class PcaFactory implements EmbeddingFactory {
    /** The service constructor. */
    public PcaFactory() {
    }

    @Override
    public String type() {
        return Pca.TYPE;
    }

    @Override
    public FittedEmbedding restore(StepState state) {
        return PcaModel.restore(state);
    }
}
