package dev.segmentation;

import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.RejectedRows;
import dev.segmentation.embedding.FittedEmbedding;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.scaling.FittedScaler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Rebuilds a {@link SegmentationModel} from its saved parts, as persistence modules (segmentation-io) do: the
 * extractors, the feature names, the fitted scaler, the optional embedding, the cluster model, the segment
 * profiles and the facts of the fit.
 *
 * <p>A rebuilt model scores new data exactly as the model the parts came from ({@code predict} uses only the
 * extractors, the scaler, the embedding and the cluster model), but it holds no training rows:
 * {@link SegmentationModel#entityIds()} and {@link SegmentationModel#labels()} are empty and
 * {@link SegmentationModel#features()} has the feature names and no row. Profiles and diagnostics are those
 * given.
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
        Objects.requireNonNull(name, "name");
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
        return new SegmentProfile(segment, name, size, share, valueShare.isPresent() ? valueShare.getAsDouble()
                : Double.NaN, List.copyOf(featureNames), means.clone(), medians.clone());
    }

    /** Collects the parts; each setter checks its argument at once, {@link #build()} checks they fit together. */
    public static final class Builder {
        private List<FeatureExtractor> extractors = List.of();
        private dev.segmentation.features.Eligibility eligibility;
        private Map<String, Integer> ineligibleByRule = Map.of();
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

        private Builder() {
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

        /**
         * The raw feature names, in the order the extractors produce them (required).
         *
         * @throws IllegalArgumentException when empty or a name repeats
         */
        /** The eligibility filter applied before extraction (optional). */
        public Builder eligibility(dev.segmentation.features.Eligibility eligibility) {
            this.eligibility = java.util.Objects.requireNonNull(eligibility, "eligibility");
            return this;
        }

        /** Entities the eligibility filter removed at fit time, per rule (optional). */
        public Builder ineligibleByRule(Map<String, Integer> ineligibleByRule) {
            this.ineligibleByRule = Map.copyOf(java.util.Objects.requireNonNull(ineligibleByRule, "ineligibleByRule"));
            return this;
        }

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

        /** The fitted scaler (required). */
        public Builder scaler(FittedScaler scaler) {
            this.scaler = Objects.requireNonNull(scaler, "scaler");
            return this;
        }

        /** The fitted embedding (default: none). */
        public Builder embedding(FittedEmbedding embedding) {
            this.embedding = Objects.requireNonNull(embedding, "embedding");
            return this;
        }

        /** The fitted cluster model (required). */
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
         * The model.
         *
         * @throws IllegalStateException when a required part is missing or the parts do not fit together (the
         *     extractors' features differ from the feature names, the scaler's features differ, the embedding's or
         *     cluster model's dimension does not match, a profile has other features), naming both sides
         */
        public SegmentationModel build() {
            if (featureNames == null || scaler == null || clusterModel == null) {
                List<String> missing = new ArrayList<>();
                if (featureNames == null) {
                    missing.add("featureNames");
                }
                if (scaler == null) {
                    missing.add("scaler");
                }
                if (clusterModel == null) {
                    missing.add("clusterModel");
                }
                throw new IllegalStateException("featureNames, scaler and clusterModel are required; missing: "
                        + String.join(", ", missing));
            }
            if (!extractors.isEmpty()) {
                List<String> produced = new ArrayList<>();
                for (FeatureExtractor e : extractors) {
                    produced.addAll(e.featureNames());
                }
                if (!produced.equals(featureNames)) {
                    throw new IllegalStateException("the extractors produce " + produced + " but the feature names are "
                            + featureNames);
                }
            }
            if (!scaler.featureNames().equals(featureNames)) {
                throw new IllegalStateException("the scaler was fitted on " + scaler.featureNames()
                        + " but the feature names are " + featureNames);
            }
            int dim = featureNames.size();
            if (embedding != null) {
                if (embedding.inputDimension() != dim) {
                    throw new IllegalStateException("the embedding takes " + embedding.inputDimension()
                            + " columns but there are " + dim + " features");
                }
                dim = embedding.outputDimension();
            }
            if (clusterModel.dimension() != dim) {
                throw new IllegalStateException("the cluster model takes " + clusterModel.dimension()
                        + " columns but its input has " + dim);
            }
            for (SegmentProfile p : profiles) {
                if (!p.featureNames().equals(featureNames)) {
                    throw new IllegalStateException("the profile of segment " + p.segment() + " describes "
                            + p.featureNames() + " but the feature names are " + featureNames);
                }
            }
            if (valueFeature != null && !featureNames.contains(valueFeature)) {
                throw new IllegalStateException("value feature '" + valueFeature + "' is not among the features "
                        + featureNames);
            }
            SegmentationDiagnostics diag = new SegmentationDiagnostics(seed, transactionRows, entitiesIn,
                    entitiesSegmented, entitiesNotDescribed, ineligibleByRule, rejectedRows, stageMillis);
            FeatureTable empty = FeatureTable.wrap(new String[0], featureNames.toArray(new String[0]), new double[0]);
            return new SegmentationModel(extractors, eligibility, empty, scaler, embedding, clusterModel, new int[0], profiles, diag,
                    valueFeature);
        }
    }
}
