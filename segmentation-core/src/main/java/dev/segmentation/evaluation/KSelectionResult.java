package dev.segmentation.evaluation;

import dev.segmentation.cluster.ClusterModel;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The outcome of a {@link KSelection} sweep: the table of scores per k, the elbow, each criterion's pick, the
 * chosen k and the fitted models. Immutable and thread-safe.
 */
public final class KSelectionResult {
    private final KSelection.Criterion criterion;
    private final List<KScore> scores;
    private final List<ClusterModel> models;
    private final OptionalInt elbow;
    private final int bySilhouette;
    private final int byCalinskiHarabasz;
    private final int byDaviesBouldin;
    private final int chosen;

    KSelectionResult(KSelection.Criterion criterion, List<KScore> scores, List<ClusterModel> models,
            OptionalInt elbow, int bySilhouette, int byCalinskiHarabasz, int byDaviesBouldin, int chosen) {
        this.criterion = criterion;
        this.scores = List.copyOf(scores);
        this.models = List.copyOf(models);
        this.elbow = elbow;
        this.bySilhouette = bySilhouette;
        this.byCalinskiHarabasz = byCalinskiHarabasz;
        this.byDaviesBouldin = byDaviesBouldin;
        this.chosen = chosen;
    }

    /** One row per k, in increasing k (unmodifiable). */
    public List<KScore> scores() {
        return scores;
    }

    /** The score row of {@code k}. @throws IllegalArgumentException when k was not swept */
    public KScore score(int k) {
        return scores.get(index(k));
    }

    /** The model fitted for {@code k}. @throws IllegalArgumentException when k was not swept */
    public ClusterModel model(int k) {
        return models.get(index(k));
    }

    private int index(int k) {
        int i = k - scores.get(0).k();
        if (i < 0 || i >= scores.size()) {
            throw new IllegalArgumentException("k = " + k + " was not swept; the range is " + scores.get(0).k()
                    + ".." + scores.get(scores.size() - 1).k());
        }
        return i;
    }

    /** The elbow of the inertia curve found by Kneedle, if any. */
    public OptionalInt elbow() {
        return elbow;
    }

    /** The k with the highest silhouette. */
    public int bySilhouette() {
        return bySilhouette;
    }

    /** The k with the highest Calinski-Harabasz index. */
    public int byCalinskiHarabasz() {
        return byCalinskiHarabasz;
    }

    /** The k with the lowest Davies-Bouldin index. */
    public int byDaviesBouldin() {
        return byDaviesBouldin;
    }

    /** The criterion used to choose. */
    public KSelection.Criterion criterion() {
        return criterion;
    }

    /** The chosen k. */
    public int chosenK() {
        return chosen;
    }

    /** The model of the chosen k. */
    public ClusterModel chosenModel() {
        return model(chosen);
    }

    /** The sweep as a fixed-width text table (k, clusters, inertia, silhouette, CH, DB), for logs and reports. */
    public String table() {
        StringBuilder sb = new StringBuilder(String.format(java.util.Locale.ROOT, "%4s %8s %14s %10s %12s %10s%n",
                "k", "clusters", "inertia", "silhouette", "CH", "DB"));
        for (KScore s : scores) {
            sb.append(String.format(java.util.Locale.ROOT, "%4d %8d %14.6g %10.4f %12.6g %10.4f%n", s.k(),
                    s.clusterCount(), s.inertia(), s.silhouette(), s.calinskiHarabasz(), s.daviesBouldin()));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "KSelectionResult[chosen k = " + chosen + " by " + criterion + ", elbow " + elbow + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KSelectionResult && ((KSelectionResult) o).scores.equals(scores)
                && ((KSelectionResult) o).chosen == chosen && Objects.equals(((KSelectionResult) o).elbow, elbow);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scores, chosen, elbow);
    }
}
