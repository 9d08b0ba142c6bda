package dev.segmentation.supervised;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Permutation importance (Breiman 2001; scikit-learn's {@code permutation_importance}): how much a score drops when
 * one feature's values are shuffled across rows of held-out data, breaking its link to the label. Measured on data
 * the model did not train on, it shows what the model relies on to generalise (gain importance shows what it split
 * on, including noise it overfit).
 *
 * <p>Each feature is shuffled {@code repeats} times with a {@link SplittableRandom} seeded from {@code seed} and the
 * feature's index, so results are identical across runs and do not depend on the order features are visited. Costs
 * d x repeats predictions of the held-out rows. Stateless and thread-safe.
 */
public final class PermutationImportance {
    private PermutationImportance() {
    }

    /** The score to compare, higher is better. */
    public enum Score {
        /** Share of rows predicted right. */
        ACCURACY,
        /** Negative log loss. */
        NEG_LOG_LOSS,
        /** Balanced accuracy. */
        BALANCED_ACCURACY;

        double of(int[] truth, DataMatrix p) {
            switch (this) {
                case ACCURACY:
                    return ClassificationMetrics.accuracy(truth, ClassificationReport.argmax(p));
                case BALANCED_ACCURACY:
                    return ClassificationMetrics.balancedAccuracy(truth, ClassificationReport.argmax(p));
                default:
                    return -ClassificationMetrics.logLoss(truth, p);
            }
        }
    }

    /**
     * The importance of one feature: the mean and standard deviation (population, as scikit-learn) over repeats of
     * the baseline score minus the shuffled score.
     */
    public record Importance(String feature, double mean, double std, double[] drops) {
    }

    /**
     * The permutation importance of each model feature on held-out rows, in the model's feature order.
     *
     * @throws IllegalArgumentException when repeats is below 1, the rows differ from the labels, a label is not a
     *     class of the model, or a model feature is missing from the table
     */
    public static List<Importance> of(ClassifierModel model, FeatureTable heldOut, int[] truth, Score score,
            int repeats, long seed) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(heldOut, "heldOut");
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(score, "score");
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1 but was " + repeats);
        }
        if (truth.length != heldOut.rows()) {
            throw new IllegalArgumentException("truth has " + truth.length + " entries but the table has "
                    + heldOut.rows() + " rows");
        }
        List<String> names = model.featureNames();
        FeatureTable x = heldOut.select(names);
        int n = x.rows();
        int d = names.size();
        double base = score.of(truth, model.probabilities(x));
        double[] values = x.values();
        String[] ids = x.entityIds().toArray(new String[0]);
        String[] cols = names.toArray(new String[0]);
        Importance[] out = new Importance[d];
        for (int j = 0; j < d; j++) {
            SplittableRandom rnd = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (j + 1)));
            double[] drops = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                double[] v = values.clone();
                int[] perm = new int[n];
                for (int i = 0; i < n; i++) {
                    perm[i] = i;
                }
                for (int i = n - 1; i > 0; i--) {
                    int s = rnd.nextInt(i + 1);
                    int t = perm[i];
                    perm[i] = perm[s];
                    perm[s] = t;
                }
                for (int i = 0; i < n; i++) {
                    v[i * d + j] = values[perm[i] * d + j];
                }
                drops[r] = base - score.of(truth, model.probabilities(FeatureTable.wrap(ids, cols, v)));
            }
            double mean = 0;
            for (double a : drops) {
                mean += a;
            }
            mean /= repeats;
            double var = 0;
            for (double a : drops) {
                var += (a - mean) * (a - mean);
            }
            out[j] = new Importance(names.get(j), mean, Math.sqrt(var / repeats), drops);
        }
        return List.of(out);
    }

    /** The means of {@link #of} by feature name, in the model's feature order. */
    public static Map<String, Double> means(List<Importance> importances) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Importance i : importances) {
            m.put(i.feature(), i.mean());
        }
        return m;
    }
}
