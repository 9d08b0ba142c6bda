package dev.segmentation.nn;

import dev.segmentation.embedding.FittedEmbedding;
import dev.segmentation.state.StepFactory;
import dev.segmentation.state.StepState;

/**
 * Restores {@link FittedAutoencoder}s from their state; registered as an {@link StepFactory} service, so
 * {@code Steps.restore(state)} finds it whenever this module is on the class path. Stateless and thread-safe.
 */
public final class AutoencoderFactory implements StepFactory {
    /** The service constructor. */
    public AutoencoderFactory() {
    }

    @Override
    public String type() {
        return FittedAutoencoder.TYPE;
    }

    @Override
    public FittedEmbedding restore(StepState state) {
        return FittedAutoencoder.restore(state);
    }
}
