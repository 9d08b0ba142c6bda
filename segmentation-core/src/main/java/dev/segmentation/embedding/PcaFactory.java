package dev.segmentation.embedding;

import dev.segmentation.state.StepFactory;
import dev.segmentation.state.StepState;

/**
 * Restores {@link PcaModel}s from their state; registered as a {@link StepFactory} service. Stateless and
 * thread-safe. Applications use {@link dev.segmentation.state.Steps#restore(StepState)} rather than this class.
 */
public final class PcaFactory implements StepFactory {
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
