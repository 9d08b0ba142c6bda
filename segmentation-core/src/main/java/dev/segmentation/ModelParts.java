package dev.segmentation;

import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.RejectedRows;
import dev.segmentation.embedding.FittedEmbedding;
import dev.segmentation.features.Eligibility;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.features.FeatureSelection;
import dev.segmentation.pipeline.FittedStep;
import dev.segmentation.scaling.FittedScaler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Rebuilds a {@link SegmentationModel} from its saved parts, as persistence modules (segmentation-io) do: the
 * fitted steps in pipeline order (or, for files of format 1, the extractors, eligibility, scaler, embedding and
 * cluster model one by one), the feature names, the segment profiles, the training entity ids and labels when
 * stored, the facts of the fit and its provenance.
 *
 * <p>A rebuilt model scores new data exactly as the model the parts came from ({@code predict} walks only the
 * fitted steps); it holds no raw training features ({@link SegmentationModel#hasTrainingFeatures()} is false).
 * Profiles and diagnostics are those given, checked to be consistent (segments distinct and known to the cluster
 * model, sizes and shares that add up).
 *
 * <pre>{@code
 * SegmentationModel m = ModelParts.builder()
 *     .extractors(List.of(rfm)).featureNames(rfm.featureNames())
 *     .scaler(scaler).clusterModel(kmeansModel).profiles(profiles).seed(42)
 *     .build();
 * }</pre>
 *
 * <p>Not thread-safe (a builder); {@link Builder#build()} may be called again. O(segments x features).
 */
public final class ModelParts {
    private ModelParts() {
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A segment profile from saved values (see {@link SegmentProfile} for their meaning).
     *
     * @throws IllegalArgumentException when the size is negative, the share is not in [0, 1], or the means or
     *     medians do not have one value per feature
     */
    public static SegmentProfile profile(int segment, String name, int size, double share, OptionalDouble valueShare,
            List<String> featureNames, double[] means, double[] medians) {
        double[] unknown = new double[Objects.requireNonNull(means, "means").length];
        java.util.Arrays.fill(unknown, Double.NaN);
        return profile(segment, name, size, share, valueShare, featureNames, means, medians, unknown, unknown);
    }

    /**
     * A segment profile from saved values, with the per-feature standard deviations and effect sizes
     * ({@link SegmentProfile#standardDeviations()}, {@link SegmentProfile#effectSizes()}; {@code NaN} where unknown).
     *
     * @throws IllegalArgumentException as {@link #profile(int, String, int, double, OptionalDouble, List, double[],
     *     double[])}, or when {@code sds} or {@code effects} does not have one value per feature, a standard
     *     deviation is negative or infinite, or an effect size lies outside [-1, 1]
     */
    public static SegmentProfile profile(int segment, String name, int size, double share, OptionalDouble valueShare,
            List<String> featureNames, double[] means, double[] medians, double[] sds, double[] effects) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sds, "sds");
        Objects.requireNonNull(effects, "effects");
        Objects.requireNonNull(valueShare, "valueShare");
        Objects.requireNonNull(featureNames, "featureNames");
        Objects.requireNonNull(means, "means");
        Objects.requireNonNull(medians, "medians");
        if (size < 0) {
            throw new IllegalArgumentException("profile of segment " + segment + ": size must be >= 0 but was " + size);
        }
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("profile of segment " + segment + ": share must be in [0, 1] but was "
                    + share);
        }
        if (means.length != featureNames.size() || medians.length != featureNames.size()) {
            throw new IllegalArgumentException("profile of segment " + segment + ": " + featureNames.size()
                    + " features but " + means.length + " means and " + medians.length + " medians");
        }
        if (sds.length != featureNames.size() || effects.length != featureNames.size()) {
            throw new IllegalArgumentException("profile of segment " + segment + ": " + featureNames.size()
                    + " features but " + sds.length + " standard deviations and " + effects.length
                    + " effect sizes");
        }
        for (int j = 0; j < effects.length; j++) {
            if (effects[j] < -1 || effects[j] > 1) {
                throw new IllegalArgumentException("profile of segment " + segment + ": effect size of '"
                        + featureNames.get(j) + "' must be within [-1, 1] (or NaN for unknown) but was " + effects[j]);
            }
        }
        for (int j = 0; j < sds.length; j++) {
            if (sds[j] < 0 || sds[j] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("profile of segment " + segment + ": standard deviation of '"
                        + featureNames.get(j) + "' must be finite and >= 0 (or NaN for unknown) but was " + sds[j]);
            }
        }
        return new SegmentProfile(segment, name, size, share, valueShare.isPresent() ? valueShare.getAsDouble()
                : Double.NaN, List.copyOf(featureNames), means.clone(), medians.clone(), sds.clone(),
                effects.clone());
    }

    /** Collects the parts; each setter checks its argument at once, {@link #build()} checks they fit together. */
    public static final class Builder {
        private List<FittedStep> steps;
        private List<FeatureExtractor> extractors = List.of();
        private Eligibility eligibility;
        private Map<String, Integer> ineligibleByRule = Map.of();
        private Map<String, Integer> filteredByRule = Map.of();
        private List<String> featureNames;
        private FittedScaler scaler;
        private FittedEmbedding embedding;
        private ClusterModel clusterModel;
        private List<SegmentProfile> profiles = List.of();
        private String valueFeature;
        private long seed;
        private int transactionRows;
        private int entitiesIn;
        private int entitiesSegmented;
        private int entitiesNotDescribed;
        private RejectedRows rejectedRows = RejectedRows.none();
        private Map<String, Long> stageMillis = Map.of();
        private List<String> trainingIds = List.of();
        private int[] trainingLabels = new int[0];
        private double[] trainingStrengths;
        private Provenance provenance = Provenance.unrecorded();

        private Builder() {
        }

        /**
         * The fitted steps in pipeline order (replaces the one-by-one parts: extractors, eligibility, scaler,
         * embedding, cluster model).
         *
         * @throws IllegalArgumentException when the list is empty
         */
        public Builder steps(List<? extends FittedStep> steps) {
            Objects.requireNonNull(steps, "steps");
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("steps must not be empty");
            }
            for (int i = 0; i < steps.size(); i++) {
                Objects.requireNonNull(steps.get(i), "steps[" + i + "]");
            }
            this.steps = List.copyOf(steps);
            return this;
        }

        /** The feature extractors, in order (empty, the default, for a model fitted on a feature table). */
        public Builder extractors(List<? extends FeatureExtractor> extractors) {
            Objects.requireNonNull(extractors, "extractors");
            for (int i = 0; i < extractors.size(); i++) {
                Objects.requireNonNull(extractors.get(i), "extractors[" + i + "]");
            }
            this.extractors = List.copyOf(extractors);
            return this;
        }

        /** The eligibility filter applied before extraction (optional). */
        public Builder eligibility(Eligibility eligibility) {
            this.eligibility = Objects.requireNonNull(eligibility, "eligibility");
            return this;
        }

        /** Entities the eligibility filter removed at fit time, per rule (optional). */
        public Builder ineligibleByRule(Map<String, Integer> ineligibleByRule) {
            this.ineligibleByRule = counts(ineligibleByRule, "ineligibleByRule");
            return this;
        }

        /** Entities the feature filters removed at fit time, per rule (optional). */
        public Builder filteredByRule(Map<String, Integer> filteredByRule) {
            this.filteredByRule = counts(filteredByRule, "filteredByRule");
            return this;
        }

        private static Map<String, Integer> counts(Map<String, Integer> m, String what) {
            Objects.requireNonNull(m, what);
            for (Map.Entry<String, Integer> e : m.entrySet()) {
                if (e.getValue() == null || e.getValue() < 0) {
                    throw new IllegalArgumentException(what + "." + e.getKey() + " must be >= 0 but was "
                            + e.getValue());
                }
            }
            return new LinkedHashMap<>(m);
        }

        /**
         * The raw feature names, in the order the extractors produce them (required).
         *
         * @throws IllegalArgumentException when empty or a name repeats
         */
        public Builder featureNames(List<String> featureNames) {
            Objects.requireNonNull(featureNames, "featureNames");
            if (featureNames.isEmpty()) {
                throw new IllegalArgumentException("featureNames must not be empty");
            }
            if (new java.util.HashSet<>(featureNames).size() != featureNames.size()) {
                throw new IllegalArgumentException("featureNames repeat a name: " + featureNames);
            }
            this.featureNames = List.copyOf(featureNames);
            return this;
        }

        /** The fitted scaler (required unless {@link #steps} is given). */
        public Builder scaler(FittedScaler scaler) {
            this.scaler = Objects.requireNonNull(scaler, "scaler");
            return this;
        }

        /** The fitted embedding (default: none). */
        public Builder embedding(FittedEmbedding embedding) {
            this.embedding = Objects.requireNonNull(embedding, "embedding");
            return this;
        }

        /** The fitted cluster model (required unless {@link #steps} is given). */
        public Builder clusterModel(ClusterModel clusterModel) {
            this.clusterModel = Objects.requireNonNull(clusterModel, "clusterModel");
            return this;
        }

        /** The segment profiles by ascending segment (default: none). */
        public Builder profiles(List<SegmentProfile> profiles) {
            Objects.requireNonNull(profiles, "profiles");
            for (int i = 0; i < profiles.size(); i++) {
                Objects.requireNonNull(profiles.get(i), "profiles[" + i + "]");
            }
            this.profiles = List.copyOf(profiles);
            return this;
        }

        /** The raw feature whose share the profiles report (default: none). */
        public Builder valueFeature(String valueFeature) {
            this.valueFeature = Objects.requireNonNull(valueFeature, "valueFeature");
            return this;
        }

        /** The seed of the fit (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The counts of the fit: transaction rows, entities in the input, entities segmented and entities the
         * extractors could not describe (default all 0).
         *
         * @throws IllegalArgumentException when a count is negative
         */
        public Builder counts(int transactionRows, int entitiesIn, int entitiesSegmented, int entitiesNotDescribed) {
            if (transactionRows < 0 || entitiesIn < 0 || entitiesSegmented < 0 || entitiesNotDescribed < 0) {
                throw new IllegalArgumentException("counts must be >= 0 but were transactionRows=" + transactionRows
                        + ", entitiesIn=" + entitiesIn + ", entitiesSegmented=" + entitiesSegmented
                        + ", entitiesNotDescribed=" + entitiesNotDescribed);
            }
            this.transactionRows = transactionRows;
            this.entitiesIn = entitiesIn;
            this.entitiesSegmented = entitiesSegmented;
            this.entitiesNotDescribed = entitiesNotDescribed;
            return this;
        }

        /** The rows the source rejected (default none). */
        public Builder rejectedRows(RejectedRows rejectedRows) {
            this.rejectedRows = Objects.requireNonNull(rejectedRows, "rejectedRows");
            return this;
        }

        /** Wall-clock milliseconds per stage of the fit (default none). */
        public Builder stageMillis(Map<String, Long> stageMillis) {
            this.stageMillis = new LinkedHashMap<>(Objects.requireNonNull(stageMillis, "stageMillis"));
            return this;
        }

        /**
         * The training entities and their labels (and strengths, or null), as stored in a model file.
         *
         * @throws IllegalArgumentException when the lengths differ or an id repeats
         */
        public Builder training(List<String> entityIds, int[] labels, double[] strengths) {
            Objects.requireNonNull(entityIds, "entityIds");
            Objects.requireNonNull(labels, "labels");
            if (labels.length != entityIds.size() || (strengths != null && strengths.length != labels.length)) {
                throw new IllegalArgumentException("training: " + entityIds.size() + " entity ids, " + labels.length
                        + " labels" + (strengths == null ? "" : " and " + strengths.length + " strengths")
                        + "; they must be equal");
            }
            if (new java.util.HashSet<>(entityIds).size() != entityIds.size()) {
                throw new IllegalArgumentException("training: an entity id repeats");
            }
            this.trainingIds = List.copyOf(entityIds);
            this.trainingLabels = labels.clone();
            this.trainingStrengths = strengths == null ? null : strengths.clone();
            return this;
        }

        /** Where the model came from (default: unrecorded, for files written before provenance was stored). */
        public Builder provenance(Provenance provenance) {
            this.provenance = Objects.requireNonNull(provenance, "provenance");
            return this;
        }

        private List<FittedStep> assembleSteps() {
            if (steps != null) {
                return steps;
            }
            if (scaler == null || clusterModel == null) {
                List<String> missing = new ArrayList<>();
                if (scaler == null) {
                    missing.add("scaler");
                }
                if (clusterModel == null) {
                    missing.add("clusterModel");
                }
                throw new IllegalStateException("featureNames, scaler and clusterModel are required; missing: "
                        + String.join(", ", missing));
            }
            List<FittedStep> out = new ArrayList<>();
            if (eligibility != null) {
                out.add(eligibility);
            }
            out.addAll(extractors);
            out.add(scaler);
            if (embedding != null) {
                out.add(embedding);
            }
            out.add(clusterModel);
            return out;
        }

        /**
         * The model.
         *
         * @throws IllegalStateException when a required part is missing or the parts do not fit together (the
         *     extractors' features differ from the feature names, the scaler's features differ, the embedding's or
         *     cluster model's dimension does not match, a profile has other features, segments repeat or are
         *     unknown to the cluster model, sizes or shares do not add up, a training label is out of range),
         *     naming both sides
         */
        public SegmentationModel build() {
            if (featureNames == null) {
                throw new IllegalStateException("featureNames, scaler and clusterModel are required; missing: "
                        + "featureNames" + (steps == null && scaler == null ? ", scaler" : "")
                        + (steps == null && clusterModel == null ? ", clusterModel" : ""));
            }
            List<FittedStep> all = assembleSteps();
            List<String> names = null; // the raw features flowing at this step; unknown before the first producer
            int dim = -1;
            ClusterModel cm = null;
            for (int i = 0; i < all.size(); i++) {
                FittedStep s = all.get(i);
                if (cm != null) {
                    throw new IllegalStateException("step " + i + " (" + s + ") comes after the cluster model");
                }
                if (s instanceof FeatureExtractor) {
                    names = names == null ? new ArrayList<>() : new ArrayList<>(names);
                    names.addAll(((FeatureExtractor) s).featureNames());
                } else if (s instanceof FeatureSelection) {
                    names = ((FeatureSelection) s).names();
                } else if (s instanceof FittedScaler) {
                    if (names == null) {
                        names = featureNames;
                    }
                    if (!((FittedScaler) s).featureNames().equals(names)) {
                        throw new IllegalStateException("the scaler was fitted on " + ((FittedScaler) s).featureNames()
                                + " but the features at that step are " + names);
                    }
                    dim = names.size();
                } else if (s instanceof FittedEmbedding) {
                    FittedEmbedding e = (FittedEmbedding) s;
                    int in = dim < 0 ? featureNames.size() : dim;
                    if (e.inputDimension() != in) {
                        throw new IllegalStateException("the embedding takes " + e.inputDimension()
                                + " columns but there are " + in + " features");
                    }
                    dim = e.outputDimension();
                } else if (s instanceof ClusterModel) {
                    cm = (ClusterModel) s;
                    int in = dim < 0 ? featureNames.size() : dim;
                    if (cm.dimension() != in) {
                        throw new IllegalStateException("the cluster model takes " + cm.dimension()
                                + " columns but its input has " + in);
                    }
                }
            }
            if (cm == null) {
                throw new IllegalStateException("the steps hold no cluster model: " + all);
            }
            if (names != null && !names.equals(featureNames)) {
                throw new IllegalStateException("the extractors produce " + names + " but the feature names are "
                        + featureNames);
            }
            checkProfiles(cm);
            for (int i = 0; i < trainingLabels.length; i++) {
                if (trainingLabels[i] < -1 || trainingLabels[i] >= cm.clusterCount()) {
                    throw new IllegalStateException("training label " + trainingLabels[i] + " of entity '"
                            + trainingIds.get(i) + "' is outside [-1, " + cm.clusterCount() + ")");
                }
            }
            if (valueFeature != null && !featureNames.contains(valueFeature)) {
                throw new IllegalStateException("value feature '" + valueFeature + "' is not among the features "
                        + featureNames);
            }
            SegmentationDiagnostics diag = new SegmentationDiagnostics(seed, transactionRows, entitiesIn,
                    entitiesSegmented, entitiesNotDescribed, ineligibleByRule, filteredByRule, rejectedRows,
                    stageMillis);
            FeatureTable empty = FeatureTable.wrap(new String[0], featureNames.toArray(new String[0]), new double[0]);
            return new SegmentationModel(all, featureNames, empty, trainingIds, trainingLabels, trainingStrengths,
                    profiles, diag, valueFeature, provenance, false);
        }

        private void checkProfiles(ClusterModel cm) {
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            long size = 0;
            double share = 0;
            for (SegmentProfile p : profiles) {
                if (!p.featureNames().equals(featureNames)) {
                    throw new IllegalStateException("the profile of segment " + p.segment() + " describes "
                            + p.featureNames() + " but the feature names are " + featureNames);
                }
                if (p.segment() < -1 || p.segment() >= cm.clusterCount()) {
                    throw new IllegalStateException("profile of segment " + p.segment() + ": the cluster model has "
                            + "segments -1.." + (cm.clusterCount() - 1));
                }
                if (!seen.add(p.segment())) {
                    throw new IllegalStateException("segment " + p.segment() + " has two profiles");
                }
                size += p.size();
                share += p.share();
            }
            if (!profiles.isEmpty()) {
                for (int l : trainingLabels) {
                    if (!seen.contains(l)) {
                        throw new IllegalStateException("segment " + l + " has training entities but no profile");
                    }
                }
                if (entitiesSegmented > 0 && size != entitiesSegmented) {
                    throw new IllegalStateException("the profiles' sizes add up to " + size + " but "
                            + entitiesSegmented + " entities were segmented");
                }
                if (Math.abs(share - 1.0) > 1e-9) {
                    throw new IllegalStateException("the profiles' shares add up to " + share + ", not 1");
                }
            }
        }
    }
}
