package dev.segmentation.cluster;

import dev.segmentation.cluster.hdbscan.HdbscanEngine;
import dev.segmentation.cluster.hdbscan.PredictionData;
import dev.segmentation.state.StepState;
import dev.segmentation.state.StepFactory;
import dev.segmentation.state.Steps;
import java.util.Optional;

/**
 * Saves and restores {@link HdbscanModel}s (step type {@value #TYPE}): the settings, the cluster count and
 * persistence, and the prediction data the model documents ("What the model keeps"): the training rows' coordinates,
 * core distances, the lambda at which each left the condensed tree and the cluster it left, each condensed
 * cluster's parent, birth lambda and label, and each label's largest lambda. That is O(n d) numbers; labels,
 * strengths, outlier scores, exemplars and the condensed tree of the training rows are not kept, so a restored
 * model's {@link HdbscanModel#labels()}, {@link HdbscanModel#strengths()}, {@link HdbscanModel#outlierScores()},
 * {@link HdbscanModel#coreDistances()} and {@link HdbscanModel#exemplars(int)} are empty and its condensed tree has no
 * edge, while {@link HdbscanModel#predict}, {@link HdbscanModel#predictWithStrength} and
 * {@link HdbscanModel#outlierScores(dev.segmentation.data.DataMatrix)} give the saved model's results bit for bit.
 * The approximate GLOSH scores of new rows need nothing beyond these arrays (each cluster's largest subtree lambda is
 * derived from the rows' leaving lambdas and the clusters' births), so states of every version, including those
 * written before new-row outlier scores existed, score them; no new version was needed.
 *
 * <p>Registered as a {@link StepFactory} service; applications use {@link Steps}. Stateless and thread-safe;
 * saving is O(n d), restoring rebuilds the KD-tree in O(n log n).
 */
public final class HdbscanStepFactory implements StepFactory {
    /** The step type id. */
    public static final String TYPE = "hdbscan";
    /** Version 2 added {@code tieMode}; version 1 states (without it) restore with {@code SIMULTANEOUS}. */
    static final int VERSION = 2;

    /** The service constructor. */
    public HdbscanStepFactory() {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Optional<StepState> describe(Object step) {
        if (!(step instanceof HdbscanModel)) {
            return Optional.empty();
        }
        HdbscanModel m = (HdbscanModel) step;
        Hdbscan s = m.settings();
        PredictionData p = m.predictor().data();
        return Optional.of(StepState.builder(TYPE, VERSION)
                .put("minClusterSize", s.minClusterSize())
                .put("minSamples", s.minSamples().orElse(0))
                .put("clusterSelectionMethod", s.clusterSelectionMethod().name())
                .put("clusterSelectionEpsilon", s.clusterSelectionEpsilon())
                .put("allowSingleCluster", s.allowSingleCluster() ? "true" : "false")
                .put("maxClusterSize", s.maxClusterSize())
                .put("mstAlgorithm", s.mstAlgorithm().name())
                .put("tieMode", s.tieMode().name())
                .put("dimension", m.dimension())
                .put("clusterCount", m.clusterCount())
                .put("minSamplesUsed", m.minSamplesUsed())
                .put("usedBruteForce", m.usedBruteForce() ? "true" : "false")
                .put("trainingRows", p.n)
                .put("predictionMinSamples", p.minSamples)
                .put("clusterPersistence", m.clusterPersistence())
                .put("points", p.points)
                .put("coreDistance", p.coreDistance)
                .put("fallLambda", p.fallLambda)
                .put("fallCluster", p.fallCluster)
                .put("clusterParent", p.clusterParent)
                .put("clusterBirth", p.clusterBirth)
                .put("clusterLabel", p.clusterLabel)
                .put("labelMaxLambda", p.labelMaxLambda)
                .build());
    }

    /**
     * @throws IllegalArgumentException when a setting is out of range or the prediction arrays are inconsistent
     *     (naming the part and the value)
     */
    @Override
    public HdbscanModel restore(StepState state) {
        Steps.requireType(state, TYPE, VERSION);
        Hdbscan.Builder b = Hdbscan.builder()
                .minClusterSize(state.integer("minClusterSize"))
                .clusterSelectionMethod(enumValue(Hdbscan.ClusterSelectionMethod.class, state,
                        "clusterSelectionMethod"))
                .clusterSelectionEpsilon(state.number("clusterSelectionEpsilon"))
                .allowSingleCluster(bool(state, "allowSingleCluster"))
                .maxClusterSize(state.integer("maxClusterSize"))
                .mstAlgorithm(enumValue(Hdbscan.MstAlgorithm.class, state, "mstAlgorithm"));
        if (state.version() >= 2) {
            b.tieMode(enumValue(Hdbscan.TieMode.class, state, "tieMode"));
        }
        int minSamples = state.integer("minSamples");
        if (minSamples != 0) {
            b.minSamples(minSamples);
        }
        Hdbscan settings;
        try {
            settings = b.build();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(TYPE + " state: " + e.getMessage(), e);
        }
        int d = state.integer("dimension");
        int k = state.integer("clusterCount");
        double[] labelMaxLambda = state.doubles("labelMaxLambda");
        double[] persistence = state.doubles("clusterPersistence");
        if (k < 0 || labelMaxLambda.length != k || persistence.length != k) {
            throw new IllegalArgumentException(TYPE + " state: " + k + " clusters but " + labelMaxLambda.length
                    + " largest lambdas and " + persistence.length + " persistence values");
        }
        PredictionData p;
        try {
            p = new PredictionData(state.integer("trainingRows"), d, state.doubles("points"),
                    state.doubles("coreDistance"), state.doubles("fallLambda"), state.ints("fallCluster"),
                    state.ints("clusterParent"), state.doubles("clusterBirth"), state.ints("clusterLabel"),
                    labelMaxLambda, state.integer("predictionMinSamples"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TYPE + " state: " + e.getMessage(), e);
        }
        HdbscanEngine.Result r = new HdbscanEngine.Result();
        r.labels = new int[0];
        r.strengths = new double[0];
        r.outlierScores = new double[0];
        r.persistence = persistence;
        r.exemplars = new int[k][0];
        r.clusterCount = k;
        r.minSamplesUsed = state.integer("minSamplesUsed");
        r.bruteForce = bool(state, "usedBruteForce");
        r.condensedParent = new long[0];
        r.condensedChild = new long[0];
        r.condensedLambda = new double[0];
        r.condensedSize = new long[0];
        r.coreDistances = new double[0];
        r.predictor = p.toPredictor(settings.clusterSelectionEpsilon());
        return new HdbscanModel(settings, d, r);
    }

    private static boolean bool(StepState state, String name) {
        String v = state.string(name);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(TYPE + " state: " + name + " must be 'true' or 'false' but was '" + v
                    + "'");
        }
        return v.equals("true");
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, StepState state, String name) {
        String v = state.string(name);
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(TYPE + " state: unknown " + name + " '" + v + "'", e);
        }
    }
}
