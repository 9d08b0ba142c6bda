package dev.segmentation.scaling;

import dev.segmentation.state.StepFactory;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Steps;
import java.util.List;
import java.util.Optional;

/**
 * Saves and restores fitted {@link QuantileScaling} transforms (step type {@value #TYPE}): the output
 * distribution, the feature names, and the quantiles of every feature (row-major, one row of
 * {@code quantileCount} values per feature). Registered as a {@link StepFactory} service; applications use
 * {@link Steps}. Stateless and thread-safe; O(d m).
 */
public final class QuantileScalerStepFactory implements StepFactory {
    /** The step type id. */
    public static final String TYPE = "quantile-scaler";
    static final int VERSION = 1;

    /** The service constructor. */
    public QuantileScalerStepFactory() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Optional<StepState> describe(Object step) {
        if (!(step instanceof QuantileScaler)) {
            return Optional.empty();
        }
        QuantileScaler s = (QuantileScaler) step;
        int d = s.featureNames().size();
        int m = s.quantiles(0).length;
        double[] flat = new double[d * m];
        for (int j = 0; j < d; j++) {
            System.arraycopy(s.quantiles(j), 0, flat, j * m, m);
        }
        return Optional.of(StepState.builder(TYPE, VERSION)
                .put("output", s.output().name())
                .putStrings("features", s.featureNames())
                .put("quantileCount", m)
                .put("quantiles", flat)
                .build());
    }

    /**
     * @throws IllegalArgumentException when the output is unknown, the quantile array does not hold
     *     {@code quantileCount} values per feature, or a feature's quantiles are not finite and non-decreasing
     *     (naming the feature, the position and the value)
     */
    @Override
    public FittedScaler restore(StepState state) {
        Steps.requireType(state, TYPE, VERSION);
        List<String> names = state.strings("features");
        int m = state.integer("quantileCount");
        double[] flat = state.doubles("quantiles");
        if (m < 1 || (long) m * names.size() != flat.length) {
            throw new IllegalArgumentException(TYPE + " state: " + names.size() + " features of " + m
                    + " quantiles need " + ((long) m * names.size()) + " values but there are " + flat.length);
        }
        double[][] q = new double[names.size()][m];
        for (int j = 0; j < q.length; j++) {
            System.arraycopy(flat, j * m, q[j], 0, m);
        }
        try {
            return QuantileScaler.restore(state.string("output"), names.toArray(new String[0]), q);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TYPE + " state: " + e.getMessage(), e);
        }
    }
}
