package dev.segmentation.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Restores fitted embeddings from their plain-data state through the {@link EmbeddingFactory} services on the
 * class path (core registers {@link Pca}'s; segmentation-nn registers the autoencoder's). Thread-safe.
 */
public final class Embeddings {
    private Embeddings() {
    }

    /**
     * The fitted embedding that {@code state} describes.
     *
     * @throws IllegalArgumentException when no factory on the class path knows {@code state.type()} (the message
     *     lists the known types), or the factory refuses the state
     */
    public static FittedEmbedding restore(StepState state) {
        Objects.requireNonNull(state, "state");
        List<String> known = new ArrayList<>();
        for (EmbeddingFactory f : ServiceLoader.load(EmbeddingFactory.class, Embeddings.class.getClassLoader())) {
            if (f.type().equals(state.type())) {
                return f.restore(state);
            }
            known.add(f.type());
        }
        throw new IllegalArgumentException("no embedding factory for type '" + state.type() + "' on the class path;"
                + " known types: " + known);
    }
}
