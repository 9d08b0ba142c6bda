package dev.segmentation.cluster.series;

import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.series.SeriesNormalization.ConstantSeries;
import dev.segmentation.state.StepFactory;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Steps;
import java.util.List;
import java.util.Optional;

/**
 * Saves and restores {@link KShapeModel}s (step type {@value #KSHAPE}) and {@link DtwKMeansModel}s (step type
 * {@value #DTW}): k, the series length, the centroids, z-normalisation and the constant-series policy (what
 * prediction needs), the band radius of DTW, and the fit's summary. The training labels are not kept: a restored model
 * predicts exactly as the saved one but its {@code labels()} is empty. Registered as a {@link StepFactory} service;
 * applications use {@link Steps}. Stateless and thread-safe; O(k T).
 */
public final class SeriesStepFactory implements StepFactory {
    /** The step type id of k-Shape models. */
    public static final String KSHAPE = "kshape";
    /** The step type id of DTW K-Means models. */
    public static final String DTW = "dtw-kmeans";
    static final int VERSION = 1;

    /** The service constructor. */
    public SeriesStepFactory() {
    }

    @Override
    public String type() {
        return KSHAPE;
    }

    @Override
    public List<String> types() {
        return List.of(KSHAPE, DTW);
    }

    @Override
    public Optional<StepState> describe(Object step) {
        if (!(step instanceof SeriesClusterModel)) {
            return Optional.empty();
        }
        SeriesClusterModel m = (SeriesClusterModel) step;
        StepState.Builder b = StepState.builder(m instanceof KShapeModel ? KSHAPE : DTW, VERSION)
                .put("k", m.k)
                .put("length", m.t)
                .put("centroids", m.centroids)
                .put("zNormalize", m.zNormalize ? "true" : "false")
                .put("constantSeries", m.constantSeries.name())
                .put("inertia", m.inertia)
                .put("iterations", m.iterations)
                .put("converged", m.converged ? "true" : "false");
        if (m instanceof DtwKMeansModel) {
            b.put("bandRadius", ((DtwKMeansModel) m).bandRadiusOrMinus1());
        }
        return Optional.of(b.build());
    }

    /**
     * @throws IllegalArgumentException when the type or version is unknown, k or the length is below 1, the centroids
     *     do not hold k x T finite values, a flag is not 'true' or 'false', or the policy is unknown (naming the part
     *     and the value)
     */
    @Override
    public ClusterModel restore(StepState state) {
        String type = state.type();
        if (!type.equals(KSHAPE) && !type.equals(DTW)) {
            throw new IllegalArgumentException("unknown series clustering state type '" + type + "' (expected "
                    + KSHAPE + " or " + DTW + ")");
        }
        Steps.requireType(state, type, VERSION);
        int k = state.integer("k");
        int t = state.integer("length");
        if (k < 1 || t < 1) {
            throw new IllegalArgumentException(type + " state: k and length must be >= 1 but were " + k + " and " + t);
        }
        double[] centroids = state.doubles("centroids");
        if (centroids.length != (long) k * t) {
            throw new IllegalArgumentException(type + " state: " + k + " x " + t + " centroids need " + ((long) k * t)
                    + " values but there are " + centroids.length);
        }
        for (int i = 0; i < centroids.length; i++) {
            if (!Double.isFinite(centroids[i])) {
                throw new IllegalArgumentException(type + " state: centroid " + (i / t) + ", period " + (i % t)
                        + " is " + centroids[i]);
            }
        }
        boolean z = flag(state, "zNormalize");
        boolean converged = flag(state, "converged");
        ConstantSeries policy;
        try {
            policy = ConstantSeries.valueOf(state.string("constantSeries"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(type + " state: unknown constantSeries '"
                    + state.string("constantSeries") + "' (expected REJECT or ZERO)", e);
        }
        if (type.equals(KSHAPE)) {
            return new KShapeModel(new int[0], centroids, k, t, z, policy, state.number("inertia"),
                    state.integer("iterations"), converged);
        }
        int band = state.integer("bandRadius");
        if (band < -1) {
            throw new IllegalArgumentException(type + " state: bandRadius must be -1 (none) or >= 0 but was " + band);
        }
        return new DtwKMeansModel(new int[0], centroids, k, t, band, z, policy, state.number("inertia"),
                state.integer("iterations"), converged);
    }

    private static boolean flag(StepState state, String name) {
        String v = state.string(name);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(state.type() + " state: " + name + " must be 'true' or 'false' but was '"
                    + v + "'");
        }
        return v.equals("true");
    }
}
