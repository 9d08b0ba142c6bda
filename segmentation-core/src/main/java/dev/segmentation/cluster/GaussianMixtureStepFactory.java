package dev.segmentation.cluster;

import dev.segmentation.state.StepFactory;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Steps;
import java.util.Optional;

/**
 * Saves and restores {@link GaussianMixtureModel}s (step type {@value #TYPE}): the covariance type, k, d, weights,
 * means, covariances and precision factors (what prediction needs, so a restored model predicts the same bits) and
 * the fit's summary (lower bound, convergence, iterations). The training labels, strengths and log-likelihoods are
 * not kept. Registered as a {@link StepFactory} service; applications use {@link Steps}. Stateless and thread-safe;
 * O(k d^2).
 */
public final class GaussianMixtureStepFactory implements StepFactory {
    /** The step type id. */
    public static final String TYPE = "gaussian_mixture";
    static final int VERSION = 1;

    /** The service constructor. */
    public GaussianMixtureStepFactory() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Optional<StepState> describe(Object step) {
        return step instanceof GaussianMixtureModel ? Optional.of(((GaussianMixtureModel) step).state())
                : Optional.empty();
    }

    /**
     * @throws IllegalArgumentException when the covariance type is unknown, k or the dimension is below 1, an array
     *     has the wrong length or a non-finite value, a weight is not positive, or a precision factor has a
     *     non-positive diagonal or (FULL, TIED) a non-zero value above it (naming the part and the value)
     */
    @Override
    public GaussianMixtureModel restore(StepState state) {
        Steps.requireType(state, TYPE, VERSION);
        GaussianMixture.CovarianceType type;
        try {
            type = GaussianMixture.CovarianceType.valueOf(state.string("covarianceType"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TYPE + " state: unknown covarianceType '"
                    + state.string("covarianceType") + "' (expected FULL, TIED, DIAG or SPHERICAL)", e);
        }
        int k = state.integer("k");
        int d = state.integer("dimension");
        if (k < 1 || d < 1) {
            throw new IllegalArgumentException(TYPE + " state: k and dimension must be >= 1 but were " + k + " and "
                    + d);
        }
        int covLen = GmmKernels.covLength(type, k, d);
        double[] weights = finite(state, "weights", k);
        double[] means = finite(state, "means", k * d);
        double[] cov = finite(state, "covariances", covLen);
        double[] factors = finite(state, "precisionFactors", covLen);
        for (int c = 0; c < k; c++) {
            if (!(weights[c] > 0.0)) {
                throw new IllegalArgumentException(TYPE + " state: weight " + c + " must be positive but is "
                        + weights[c]);
            }
        }
        if (type == GaussianMixture.CovarianceType.FULL || type == GaussianMixture.CovarianceType.TIED) {
            for (int o = 0; o < covLen; o += d * d) {
                for (int i = 0; i < d; i++) {
                    for (int j = i + 1; j < d; j++) {
                        if (factors[o + i * d + j] != 0.0) {
                            throw new IllegalArgumentException(TYPE + " state: precision factor " + (o / (d * d))
                                    + " must be lower triangular but holds " + factors[o + i * d + j] + " at row " + i
                                    + ", column " + j);
                        }
                    }
                }
            }
        }
        double[] logDet = GmmKernels.logDets(type, factors, k, d);
        for (int c = 0; c < k; c++) {
            if (!Double.isFinite(logDet[c])) {
                throw new IllegalArgumentException(TYPE + " state: precision factor of component " + c
                        + " has a non-positive diagonal");
            }
        }
        String conv = state.string("converged");
        if (!conv.equals("true") && !conv.equals("false")) {
            throw new IllegalArgumentException(TYPE + " state: converged must be 'true' or 'false' but was '"
                    + conv + "'");
        }
        return new GaussianMixtureModel(type, k, d, weights, means, cov, factors, state.number("lowerBound"),
                conv.equals("true"), state.integer("iterations"), new int[0], new double[0], new double[0]);
    }

    private static double[] finite(StepState state, String name, int expected) {
        double[] a = state.doubles(name);
        if (a.length != expected) {
            throw new IllegalArgumentException(TYPE + " state: " + name + " need " + expected + " values but there are "
                    + a.length);
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(TYPE + " state: " + name + "[" + i + "] is " + a[i]);
            }
        }
        return a;
    }
}
