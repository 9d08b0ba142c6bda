package dev.segmentation.refresh;

import dev.segmentation.state.StepFactory;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Steps;
import java.util.List;

/**
 * Restores {@link RefreshBaseline}s (step type {@value RefreshBaseline#TYPE}): the policy's thresholds, the kind of
 * measure, the far threshold, the training quality, the feature names and their quantile summaries. Registered as a
 * {@link StepFactory} service. Stateless and thread-safe; O(d) plus the quantiles.
 */
public final class RefreshBaselineFactory implements StepFactory {
    /** The service constructor. */
    public RefreshBaselineFactory() {
    }

    @Override
    public String type() {
        return RefreshBaseline.TYPE;
    }

    /**
     * @throws IllegalArgumentException when a threshold is out of range, the kind is unknown, or the quantiles do
     *     not hold {@value RefreshBaseline#QUANTILES} ascending finite values per feature (naming the part)
     */
    @Override
    public RefreshBaseline restore(StepState state) {
        Steps.requireType(state, RefreshBaseline.TYPE, RefreshBaseline.VERSION);
        RefreshPolicy policy = RefreshPolicy.builder().maxPsi(state.number("maxPsi")).maxKs(state.number("maxKs"))
                .maxFarFraction(state.number("maxFarFraction")).farQuantile(state.number("farQuantile"))
                .maxQualityLoss(state.number("maxQualityLoss")).build();
        RefreshBaseline.Kind kind;
        try {
            kind = RefreshBaseline.Kind.valueOf(state.string("kind"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(RefreshBaseline.TYPE + " state: kind must be one of KMEANS, "
                    + "GAUSSIAN_MIXTURE, NOISE but was '" + state.string("kind") + "'");
        }
        double far = Double.parseDouble(state.string("farThreshold"));
        List<String> names = state.strings("features");
        double[] q = state.doubles("quantiles");
        int n = RefreshBaseline.QUANTILES;
        if (q.length != (long) names.size() * n) {
            throw new IllegalArgumentException(RefreshBaseline.TYPE + " state: " + names.size() + " features need "
                    + (names.size() * n) + " quantiles but there are " + q.length);
        }
        for (int i = 0; i < q.length; i++) {
            if (!Double.isFinite(q[i]) || (i % n > 0 && q[i] < q[i - 1])) {
                throw new IllegalArgumentException(RefreshBaseline.TYPE + " state: quantile " + (i % n)
                        + " of feature '" + names.get(i / n) + "' is " + q[i]
                        + "; quantiles must be finite and ascending");
            }
        }
        return new RefreshBaseline(policy, names, q, kind, far, state.number("trainingQuality"));
    }
}
