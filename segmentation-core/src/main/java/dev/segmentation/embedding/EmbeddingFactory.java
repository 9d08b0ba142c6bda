package dev.segmentation.embedding;

/**
 * Service provider that rebuilds fitted embeddings of one type from their {@link StepState}. Modules register
 * their factories in {@code META-INF/services/dev.segmentation.embedding.EmbeddingFactory} so that a persistence
 * module can load a step it does not depend on (see {@link Embeddings#restore(StepState)}).
 * Implementations must be stateless and thread-safe, with a public no-argument constructor.
 */
public interface EmbeddingFactory {
    /** The type id this factory restores, equal to {@link StepState#type()} of the states it accepts. */
    String type();

    /**
     * Rebuilds the fitted embedding described by {@code state}.
     *
     * @throws IllegalArgumentException when the state's version is unknown or a part is missing or inconsistent,
     *     naming the part
     */
    FittedEmbedding restore(StepState state);
}
