package dev.segmentation.quality;

/**
 * The result of {@link Dbcv#evaluate}: the index and the validity of each cluster. Immutable and thread-safe;
 * accessors return copies.
 */
public final class DbcvResult {
    private final double score;
    private final int[] clusters;
    private final double[] validity;

    DbcvResult(double score, int[] clusters, double[] validity) {
        this.score = score;
        this.clusters = clusters.clone();
        this.validity = validity.clone();
    }

    /** The DBCV index, in [-1, 1]. */
    public double score() {
        return score;
    }

    /** The cluster labels, ascending (a copy). */
    public int[] clusters() {
        return clusters.clone();
    }

    /** The validity of each cluster of {@link #clusters()}, in [-1, 1] (a copy). */
    public double[] clusterValidity() {
        return validity.clone();
    }

    @Override
    public String toString() {
        return "DbcvResult[score=" + score + ", clusters=" + clusters.length + "]";
    }
}
