package dev.segmentation.cluster;

import dev.segmentation.state.StepState;
import dev.segmentation.state.StepFactory;
import dev.segmentation.state.Steps;
import java.util.Optional;

/**
 * Saves and restores {@link KMeansModel}s (step type {@value #TYPE}): k, d, the centres (what prediction needs) and
 * the fit's summary (inertia, iterations, convergence, per-restart inertias, algorithm, refinement; a state without
 * a refinement, saved before it existed, restores as {@link KMeans.Refinement#NONE}). The training labels are not
 * kept: a restored model predicts exactly as the saved one but its {@link KMeansModel#labels()} is empty.
 * Registered as a {@link StepFactory} service; applications use {@link Steps}. Stateless and thread-safe; O(k d).
 */
public final class KMeansStepFactory implements StepFactory {
    /** The step type id. */
    public static final String TYPE = "kmeans";
    static final int VERSION = 1;

    /** The service constructor. */
    public KMeansStepFactory() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Optional<StepState> describe(Object step) {
        if (!(step instanceof KMeansModel)) {
            return Optional.empty();
        }
        KMeansModel m = (KMeansModel) step;
        return Optional.of(StepState.builder(TYPE, VERSION)
                .put("k", m.clusterCount())
                .put("dimension", m.dimension())
                .put("centres", m.centres().toArray())
                .put("inertia", m.inertia())
                .put("iterations", m.iterations())
                .put("converged", m.converged() ? "true" : "false")
                .put("restartInertias", m.restartInertias())
                .put("algorithm", m.algorithm().name())
                .put("refinement", m.refinement().name())
                .build());
    }

    /**
     * @throws IllegalArgumentException when k or the dimension is below 1, the centres do not hold k x d finite
     *     values, or the algorithm or refinement is unknown (naming the part and the value)
     */
    @Override
    public KMeansModel restore(StepState state) {
        Steps.requireType(state, TYPE, VERSION);
        int k = state.integer("k");
        int d = state.integer("dimension");
        if (k < 1 || d < 1) {
            throw new IllegalArgumentException(TYPE + " state: k and dimension must be >= 1 but were " + k + " and "
                    + d);
        }
        double[] centres = state.doubles("centres");
        if (centres.length != (long) k * d) {
            throw new IllegalArgumentException(TYPE + " state: " + k + " x " + d + " centres need " + ((long) k * d)
                    + " values but there are " + centres.length);
        }
        for (int i = 0; i < centres.length; i++) {
            if (!Double.isFinite(centres[i])) {
                throw new IllegalArgumentException(TYPE + " state: centre " + (i / d) + ", column " + (i % d)
                        + " is " + centres[i]);
            }
        }
        String conv = state.string("converged");
        if (!conv.equals("true") && !conv.equals("false")) {
            throw new IllegalArgumentException(TYPE + " state: converged must be 'true' or 'false' but was '"
                    + conv + "'");
        }
        KMeans.Algorithm algorithm;
        try {
            algorithm = KMeans.Algorithm.valueOf(state.string("algorithm"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TYPE + " state: unknown algorithm '" + state.string("algorithm")
                    + "'", e);
        }
        KMeans.Refinement refinement = KMeans.Refinement.NONE;
        if (state.parameters().containsKey("refinement")) {
            String r = state.string("refinement");
            try {
                refinement = KMeans.Refinement.valueOf(r);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(TYPE + " state: unknown refinement '" + r
                        + "' (expected NONE or HARTIGAN)", e);
            }
        }
        return new KMeansModel(new int[0], centres, k, d, state.number("inertia"), state.integer("iterations"),
                conv.equals("true"), state.doubles("restartInertias"), algorithm, refinement);
    }
}
