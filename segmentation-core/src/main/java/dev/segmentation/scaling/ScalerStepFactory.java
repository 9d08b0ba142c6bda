package dev.segmentation.scaling;

import dev.segmentation.state.StepState;
import dev.segmentation.state.StepFactory;
import dev.segmentation.state.Steps;
import java.util.List;
import java.util.Optional;

/**
 * Saves and restores the fitted scalers of every {@link Scaling} recipe (step type {@value #TYPE}): the recipe's
 * name, the feature names, the log1p flags, centres and scales. Registered as a {@link StepFactory} service;
 * applications use {@link Steps}. Stateless and thread-safe; O(d).
 */
public final class ScalerStepFactory implements StepFactory {
    /** The step type id. */
    public static final String TYPE = "affine-scaler";
    static final int VERSION = 1;

    /** The service constructor. */
    public ScalerStepFactory() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Optional<StepState> describe(Object step) {
        if (!(step instanceof AffineScaler)) {
            return Optional.empty();
        }
        AffineScaler s = (AffineScaler) step;
        boolean[] lg = s.log1pMask();
        int[] flags = new int[lg.length];
        for (int j = 0; j < lg.length; j++) {
            flags[j] = lg[j] ? 1 : 0;
        }
        return Optional.of(StepState.builder(TYPE, VERSION)
                .put("kind", s.kind())
                .putStrings("features", s.featureNames())
                .put("log1p", flags)
                .put("center", s.center())
                .put("scale", s.scale())
                .build());
    }

    /**
     * @throws IllegalArgumentException when the arrays' lengths differ from the number of features, a centre is not
     *     finite, a scale is not finite or is below the smallest normal double, the kind is unknown, or a log1p
     *     flag is not 0 or 1 (naming the feature and value); see {@code AffineScaler.restore}
     */
    @Override
    public FittedScaler restore(StepState state) {
        Steps.requireType(state, TYPE, VERSION);
        String kind = state.string("kind");
        List<String> names = state.strings("features");
        int[] flags = state.ints("log1p");
        double[] center = state.doubles("center");
        double[] scale = state.doubles("scale");
        int d = names.size();
        if (flags.length != d || center.length != d || scale.length != d) {
            throw new IllegalArgumentException(TYPE + " state: " + d + " features but " + flags.length
                    + " log1p flags, " + center.length + " centres and " + scale.length + " scales");
        }
        boolean[] lg = new boolean[d];
        for (int j = 0; j < d; j++) {
            String f = names.get(j);
            if (flags[j] != 0 && flags[j] != 1) {
                throw new IllegalArgumentException(TYPE + " state: log1p flag of feature '" + f
                        + "' must be 0 or 1 but was " + flags[j]);
            }
            if (!Double.isFinite(center[j])) {
                throw new IllegalArgumentException(TYPE + " state: centre of feature '" + f + "' is " + center[j]);
            }
            if (!Double.isFinite(scale[j]) || scale[j] == 0) {
                throw new IllegalArgumentException(TYPE + " state: scale of feature '" + f + "' is " + scale[j]
                        + "; it must be finite and non-zero");
            }
            lg[j] = flags[j] == 1;
        }
        try {
            return AffineScaler.restore(kind, names.toArray(new String[0]), lg, center, scale);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TYPE + " state: " + e.getMessage(), e);
        }
    }
}
