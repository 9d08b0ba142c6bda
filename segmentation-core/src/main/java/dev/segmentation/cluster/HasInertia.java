package dev.segmentation.cluster;

/**
 * Implemented by fitted models that know their inertia: the sum of squared Euclidean distances of the training
 * rows to their cluster centres (K-Means' objective). {@link KSelection} uses it for the elbow; for a model that
 * does not implement it, the inertia of the labelling ({@link InternalIndices#inertia}, distances to the cluster
 * means, noise left out) is used instead.
 */
public interface HasInertia {
    /** The inertia of the training rows; finite and {@code >= 0}. */
    double inertia();
}
