package dev.segmentation;

import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.SoftClusterModel;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.Transactions;
import dev.segmentation.embedding.FittedEmbedding;
import dev.segmentation.features.Eligibility;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.fit.FitContext;
import dev.segmentation.scaling.FittedScaler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A fitted segmentation: the segment of every training entity, the fitted steps (extractors, scaler, cluster
 * model), per-segment profiles on the raw features, diagnostics, and {@code predict} for new data, which applies
 * the same extraction, the training scaling statistics and the cluster model's assignment rule without refitting.
 *
 * <p>Immutable and safe to use from many threads. {@code predict} costs one extraction plus the cluster model's
 * prediction (O(n k d) for K-Means).
 */
public final class SegmentationModel {
    private final List<FeatureExtractor> extractors;
    private final Eligibility eligibility;
    private final FeatureTable features;
    private final FittedScaler scaler;
    private final FittedEmbedding embedding;
    private final ClusterModel clusterModel;
    private final int[] labels;
    private final List<SegmentProfile> profiles;
    private final SegmentationDiagnostics diagnostics;
    private final String valueFeature;
    private final Map<String, Integer> rowOf;

    SegmentationModel(List<FeatureExtractor> extractors, Eligibility eligibility, FeatureTable features, FittedScaler scaler,
            FittedEmbedding embedding, ClusterModel clusterModel, int[] labels, List<SegmentProfile> profiles,
            SegmentationDiagnostics diagnostics, String valueFeature) {
        this.extractors = List.copyOf(extractors);
        this.eligibility = eligibility;
        this.features = features;
        this.scaler = scaler;
        this.embedding = embedding;
        this.clusterModel = clusterModel;
        this.labels = labels;
        this.profiles = profiles;
        this.diagnostics = diagnostics;
        this.valueFeature = valueFeature;
        this.rowOf = new HashMap<>(features.rows() * 2);
        for (int r = 0; r < features.rows(); r++) {
            rowOf.put(features.entityId(r), r);
        }
    }

    /** The segmented entities, in the order of {@link #labels()}. */
    public List<String> entityIds() {
        return features.entityIds();
    }

    /** The segment of every training entity (a copy); {@code -1} is noise for density clusterers. */
    public int[] labels() {
        return labels.clone();
    }

    /** The segment of a training entity, if it was segmented. O(1). */
    public OptionalInt label(String entityId) {
        Integer r = rowOf.get(Objects.requireNonNull(entityId, "entityId"));
        return r == null ? OptionalInt.empty() : OptionalInt.of(labels[r]);
    }

    /** Number of segments (noise not counted). */
    public int segmentCount() {
        return clusterModel.clusterCount();
    }

    /** Per-segment profiles on the raw features, by ascending segment label (noise first when present). */
    public List<SegmentProfile> profiles() {
        return profiles;
    }

    /** The profile of {@code segment}. @throws IllegalArgumentException when there is no such segment */
    public SegmentProfile profile(int segment) {
        for (SegmentProfile p : profiles) {
            if (p.segment() == segment) {
                return p;
            }
        }
        throw new IllegalArgumentException("no segment " + segment + "; segments are "
                + profiles.stream().map(SegmentProfile::segment).toList());
    }

    /** The raw (unscaled) training features. */
    public FeatureTable features() {
        return features;
    }

    /** The feature extractors (empty when the model was fitted on a feature table). */
    public List<FeatureExtractor> extractors() {
        return extractors;
    }

    /** The fitted scaler. */
    public FittedScaler scaler() {
        return scaler;
    }

    /** The fitted embedding, when the model has one. */
    public java.util.Optional<FittedEmbedding> embedding() {
        return java.util.Optional.ofNullable(embedding);
    }

    /** The fitted cluster model (cast to e.g. {@code KMeansModel} for centres and inertia). */
    public ClusterModel clusterModel() {
        return clusterModel;
    }

    /** Facts about the fit. */
    public SegmentationDiagnostics diagnostics() {
        return diagnostics;
    }

    /** The raw feature whose share the profiles report, if any. */
    public java.util.Optional<String> valueFeature() {
        return java.util.Optional.ofNullable(valueFeature);
    }

    /**
     * Assigns segments to the entities of new transactions: the same eligibility filter and extraction, the
     * training scaling statistics, the fitted embedding and the cluster model's rule; nothing is refitted. Every
     * entity of the input gets a {@link SegmentAssignments.Status}: ineligible and undescribed entities are
     * reported as such, never given a silent label.
     *
     * @throws IllegalStateException when the model was fitted on a feature table (use
     *     {@link #predict(FeatureTable)})
     * @throws IllegalArgumentException when a feature value is not finite
     */
    public SegmentAssignments predict(Transactions transactions) {
        Objects.requireNonNull(transactions, "transactions");
        if (extractors.isEmpty()) {
            throw new IllegalStateException(
                    "this model was fitted on a feature table: call predict(FeatureTable) with the same columns "
                            + features.featureNames());
        }
        FitContext ctx = FitContext.seeded(diagnostics.seed());
        Map<String, String> notEligible = new java.util.LinkedHashMap<>();
        Transactions eligible = transactions;
        if (eligibility != null && !transactions.isEmpty()) {
            Eligibility.Result result = eligibility.apply(transactions, ctx);
            for (String id : transactions.entityIds()) {
                result.reason(id).ifPresent(rule -> notEligible.put(id, rule.name()));
            }
            eligible = result.eligible();
        }
        if (eligible.isEmpty()) {
            return new SegmentAssignments(FeatureTable.wrap(new String[0],
                    features.featureNames().toArray(new String[0]), new double[0]), new int[0], notEligible,
                    List.of());
        }
        FeatureTable raw = Pipeline.extract(extractors, eligible, ctx);
        return assign(raw, notEligible, Pipeline.notDescribed(eligible, raw));
    }

    /** The eligibility filter applied before extraction, when the model has one. */
    public java.util.Optional<Eligibility> eligibility() {
        return java.util.Optional.ofNullable(eligibility);
    }

    /**
     * Assigns segments to entities whose raw features the caller computed; the table must contain the training
     * features (extra columns are ignored).
     *
     * @throws IllegalArgumentException when a training feature is missing or a value is not finite
     */
    public SegmentAssignments predict(FeatureTable rawFeatures) {
        Objects.requireNonNull(rawFeatures, "rawFeatures");
        return assign(rawFeatures.select(features.featureNames()), Map.of(), List.of());
    }

    private SegmentAssignments assign(FeatureTable raw, Map<String, String> notEligible,
            List<String> notDescribed) {
        Pipeline.requireFinite(raw, "feature value");
        FeatureTable scaled = scaler.transform(raw);
        Pipeline.requireFinite(scaled, "scaled value");
        int[] predicted = new int[0];
        double[] strengths = clusterModel instanceof SoftClusterModel ? new double[raw.rows()] : null;
        if (raw.rows() > 0) {
            DataMatrix input = scaled.matrix();
            if (embedding != null) {
                input = embedding.transform(input);
            }
            predicted = strengths != null ? ((SoftClusterModel) clusterModel).predict(input, strengths)
                    : clusterModel.predict(input);
        }
        return new SegmentAssignments(raw, predicted, strengths, notEligible, notDescribed);
    }

    @Override
    public String toString() {
        return "SegmentationModel[entities=" + labels.length + ", segments=" + segmentCount() + ", features="
                + features.featureNames() + "]";
    }
}
