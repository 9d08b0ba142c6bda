package dev.segmentation.evaluation;

/**
 * One row of a {@link KSelection} sweep: the requested k, the number of clusters the model found, and the
 * indices of its labelling.
 *
 * @param k the requested number of clusters
 * @param clusterCount the number of clusters of the fitted model
 * @param inertia the model's inertia ({@link HasInertia}) or the labelling's within-cluster sum of squares
 * @param silhouette the mean silhouette (exact, or a sampled estimate: see {@code silhouetteStandardError})
 * @param silhouetteStandardError 0 for the exact score, else the standard error of the sampled estimate
 * @param calinskiHarabasz the Calinski-Harabasz index
 * @param daviesBouldin the Davies-Bouldin index
 */
public record KScore(int k, int clusterCount, double inertia, double silhouette, double silhouetteStandardError,
        double calinskiHarabasz, double daviesBouldin) {
}
