package dev.segmentation;

import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.data.Events;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.embedding.FittedEmbedding;
import dev.segmentation.features.Eligibility;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.features.FeatureFilter;
import dev.segmentation.features.FeatureSelection;
import dev.segmentation.fit.FitContext;
import dev.segmentation.lifetime.LifetimeValues;
import dev.segmentation.pipeline.FittedStep;
import dev.segmentation.pipeline.Frame;
import dev.segmentation.scaling.FittedScaler;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A fitted segmentation: its fitted steps in pipeline order (eligibility, extractors, feature filters, scaler,
 * embedding, cluster model), the segment of every training entity, per-segment profiles on the raw features,
 * diagnostics, provenance, and {@code predict} for new data, which walks the same fitted steps without refitting.
 *
 * <p>One kind of model whether it was fitted on transactions or on a feature table, fresh or loaded from a file: a
 * loaded model keeps the training entity ids and labels, but not the raw training features
 * ({@link #hasTrainingFeatures()} says which).
 *
 * <p>Immutable and safe to use from many threads. {@code predict} costs one extraction plus the cluster model's
 * prediction (O(n k d) for K-Means).
 */
public final class SegmentationModel {
    private final List<FittedStep> steps;
    private final FeatureTable features;
    private final List<String> featureNames;
    private final List<String> entityIds;
    private final int[] labels;
    private final double[] strengths;
    private final List<SegmentProfile> profiles;
    private final SegmentationDiagnostics diagnostics;
    private final String valueFeature;
    private final Provenance provenance;
    private final boolean hasTrainingFeatures;
    private final Map<String, Integer> rowOf;
    private final ClusterModel clusterModel;

    SegmentationModel(List<FittedStep> steps, FeatureTable features, int[] labels, double[] strengths,
            List<SegmentProfile> profiles, SegmentationDiagnostics diagnostics, String valueFeature,
            Provenance provenance, boolean hasTrainingFeatures) {
        this(steps, features.featureNames(), features, features.entityIds(), labels, strengths, profiles,
                diagnostics, valueFeature, provenance, hasTrainingFeatures);
    }

    SegmentationModel(List<FittedStep> steps, List<String> featureNames, FeatureTable features,
            List<String> entityIds, int[] labels, double[] strengths, List<SegmentProfile> profiles,
            SegmentationDiagnostics diagnostics, String valueFeature, Provenance provenance,
            boolean hasTrainingFeatures) {
        this.steps = List.copyOf(steps);
        this.featureNames = List.copyOf(featureNames);
        this.features = features;
        this.entityIds = List.copyOf(entityIds);
        this.labels = labels;
        this.strengths = strengths;
        this.profiles = List.copyOf(profiles);
        this.diagnostics = diagnostics;
        this.valueFeature = valueFeature;
        this.provenance = provenance;
        this.hasTrainingFeatures = hasTrainingFeatures;
        this.rowOf = new HashMap<>(entityIds.size() * 2);
        for (int r = 0; r < entityIds.size(); r++) {
            rowOf.put(entityIds.get(r), r);
        }
        ClusterModel cm = null;
        for (FittedStep s : steps) {
            if (s instanceof ClusterModel) {
                cm = (ClusterModel) s;
            }
        }
        this.clusterModel = Objects.requireNonNull(cm, "the steps hold no cluster model");
    }

    /** The fitted steps in pipeline order (unmodifiable). */
    public List<FittedStep> steps() {
        return steps;
    }

    /** The segmented training entities, in the order of {@link #labels()}. */
    public List<String> entityIds() {
        return entityIds;
    }

    /** The segment of every training entity (a copy); {@code -1} is noise for density clusterers. */
    public int[] labels() {
        return labels.clone();
    }

    /** The membership strengths of the training entities (a copy), when the clusterer gives them. */
    public Optional<double[]> strengths() {
        return strengths == null ? Optional.empty() : Optional.of(strengths.clone());
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

    /**
     * The profiles with a {@link SegmentProfile#lifetime() lifetime section}: per segment, the expected purchases,
     * P(alive) and CLV of its entities, summed and averaged, from per-customer {@code values} (e.g.
     * {@code LifetimePredictor.builder().build().predict(bgNbd, gammaGamma, summary)}). Entities are matched by id;
     * a segmented entity without a value is left out of its segment's lifetime section and counted there (its
     * {@code customers()} is below the segment size); customers of {@code values} that are not segmented entities of
     * this model are ignored. O(entities + customers).
     */
    public List<SegmentProfile> profiles(LifetimeValues values) {
        Objects.requireNonNull(values, "values");
        Map<String, Integer> at = new HashMap<>(values.size() * 2);
        List<String> ids = values.customerIds();
        for (int i = 0; i < ids.size(); i++) {
            at.put(ids.get(i), i);
        }
        double[] expected = values.expectedPurchases();
        double[] alive = values.probabilityAlive();
        double[] clv = values.clv();
        List<SegmentProfile> out = new ArrayList<>(profiles.size());
        for (SegmentProfile p : profiles) {
            int customers = 0;
            double[] sum = new double[3];
            double[] comp = new double[3];
            for (int r = 0; r < labels.length; r++) {
                if (labels[r] != p.segment()) {
                    continue;
                }
                Integer i = at.get(entityIds.get(r));
                if (i == null) {
                    continue;
                }
                customers++;
                add(sum, comp, 0, expected[i]);
                add(sum, comp, 1, alive[i]);
                add(sum, comp, 2, clv[i]);
            }
            out.add(p.withLifetime(new SegmentProfile.Lifetime(customers, sum[0] + comp[0], sum[1] + comp[1],
                    sum[2] + comp[2], values.predictor())));
        }
        return List.copyOf(out);
    }

    /** Neumaier summation step into slot k. */
    private static void add(double[] sum, double[] comp, int k, double v) {
        double s = sum[k];
        double t = s + v;
        comp[k] += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
        sum[k] = t;
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

    /** The names of the raw features, in order. */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * The raw (unscaled) training features; a table without rows when the model was loaded from a file (see
     * {@link #hasTrainingFeatures()}).
     */
    public FeatureTable features() {
        return features;
    }

    /** Whether {@link #features()} holds the training features (true for a fresh fit, false after loading). */
    public boolean hasTrainingFeatures() {
        return hasTrainingFeatures;
    }

    private <T> List<T> stepsOf(Class<T> kind) {
        List<T> out = new ArrayList<>();
        for (FittedStep s : steps) {
            if (kind.isInstance(s)) {
                out.add(kind.cast(s));
            }
        }
        return List.copyOf(out);
    }

    /** The feature extractors (empty when the model was fitted on a feature table). */
    public List<FeatureExtractor> extractors() {
        return stepsOf(FeatureExtractor.class);
    }

    /** The feature filters, in order. */
    public List<FeatureFilter> filters() {
        return stepsOf(FeatureFilter.class);
    }

    /** The eligibility filter applied before extraction, when the model has one. */
    public Optional<Eligibility> eligibility() {
        List<Eligibility> e = stepsOf(Eligibility.class);
        return e.isEmpty() ? Optional.empty() : Optional.of(e.get(0));
    }

    /** The fitted scaler. */
    public FittedScaler scaler() {
        return stepsOf(FittedScaler.class).get(0);
    }

    /** The fitted embedding, when the model has one. */
    public Optional<FittedEmbedding> embedding() {
        List<FittedEmbedding> e = stepsOf(FittedEmbedding.class);
        return e.isEmpty() ? Optional.empty() : Optional.of(e.get(0));
    }

    /** The fitted cluster model (cast to e.g. {@code KMeansModel} for centres and inertia). */
    public ClusterModel clusterModel() {
        return clusterModel;
    }

    /** Facts about the fit. */
    public SegmentationDiagnostics diagnostics() {
        return diagnostics;
    }

    /** Where the model came from: library, JVM, every setting, stage seeds, threads. */
    public Provenance provenance() {
        return provenance;
    }

    /** The raw feature whose share the profiles report, if any. */
    public Optional<String> valueFeature() {
        return Optional.ofNullable(valueFeature);
    }

    /**
     * Assigns segments to the entities of new transactions, as of the day after their last date (see
     * {@link #predict(Transactions, LocalDate)}).
     *
     * @throws IllegalStateException when the model was fitted on a feature table (use
     *     {@link #predict(FeatureTable)})
     * @throws IllegalArgumentException when a feature value is not finite
     */
    public SegmentAssignments predict(Transactions transactions) {
        Objects.requireNonNull(transactions, "transactions");
        LocalDate asOf = transactions.isEmpty() ? LocalDate.ofEpochDay(0)
                : LocalDate.ofEpochDay(Math.floorDiv(transactions.maxEpochSecond(), 86_400L) + 1);
        return predict(transactions, asOf);
    }

    /**
     * Assigns segments to the entities of new transactions scored at {@code asOf}: the same fitted steps
     * (eligibility, extraction, filters, the training scaling statistics, the fitted embedding and the cluster
     * model's rule); nothing is refitted. Recency and every other as-of feature are computed at {@code asOf},
     * whatever as-of date the model was fitted with, so a model scores later months. Every entity of the input gets
     * a {@link SegmentAssignments.Status}: ineligible, undescribed and filtered entities are reported as such,
     * never given a silent label.
     *
     * @throws IllegalStateException when the model was fitted on a feature table (use
     *     {@link #predict(FeatureTable)})
     * @throws IllegalArgumentException when a feature value is not finite, or a purchase is after {@code asOf}
     */
    public SegmentAssignments predict(Transactions transactions, LocalDate asOf) {
        Objects.requireNonNull(transactions, "transactions");
        return predict(transactions, null, asOf);
    }

    /**
     * As {@link #predict(Transactions)}, with the event table read by an engagement extractor
     * ({@link dev.segmentation.features.Features#engagement()}) of this model.
     *
     * @throws IllegalStateException when the model was fitted on a feature table
     * @throws IllegalArgumentException when a feature value is not finite
     */
    public SegmentAssignments predict(Transactions transactions, Events events) {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(events, "events");
        LocalDate asOf = transactions.isEmpty() ? LocalDate.ofEpochDay(0)
                : LocalDate.ofEpochDay(Math.floorDiv(transactions.maxEpochSecond(), 86_400L) + 1);
        return predict(transactions, events, asOf);
    }

    /**
     * As {@link #predict(Transactions, LocalDate)}, with the event table read by an engagement extractor
     * ({@link dev.segmentation.features.Features#engagement()}) of this model; {@code events} may be null when the
     * model reads none.
     *
     * @throws IllegalStateException when the model was fitted on a feature table, or it reads events and none were
     *     given
     * @throws IllegalArgumentException when a feature value is not finite, or a purchase is after {@code asOf}
     */
    public SegmentAssignments predict(Transactions transactions, Events events, LocalDate asOf) {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(asOf, "asOf");
        if (extractors().isEmpty()) {
            throw new IllegalStateException(
                    "this model was fitted on a feature table: call predict(FeatureTable) with the same columns "
                            + featureNames);
        }
        if (transactions.isEmpty()) {
            return SegmentAssignments.of(Frame.of(FeatureTable.wrap(new String[0],
                    featureNames.toArray(new String[0]), new double[0])).withLabels(new int[0], null));
        }
        FitContext ctx = FitContext.seeded(diagnostics.seed()).withAsOf(asOf);
        Frame out = Pipeline.apply(steps, events == null ? Frame.of(transactions) : Frame.of(transactions, events),
                ctx);
        return SegmentAssignments.of(out);
    }

    /**
     * Assigns segments to entities whose raw features the caller computed; the table must contain the training
     * features (extra columns are ignored). The feature filters, scaler, embedding and cluster model apply.
     *
     * @throws IllegalArgumentException when a training feature is missing or a value is not finite
     */
    public SegmentAssignments predict(FeatureTable rawFeatures) {
        Objects.requireNonNull(rawFeatures, "rawFeatures");
        // a model with a feature selection takes the columns before it (its filters may use any of them)
        FeatureTable selected = stepsOf(FeatureSelection.class).isEmpty() ? rawFeatures.select(featureNames)
                : rawFeatures;
        Pipeline.requireFinite(selected.select(featureNames), "feature value");
        List<FittedStep> tail = new ArrayList<>();
        for (FittedStep s : steps) {
            if (s.input() != FittedStep.Input.TRANSACTIONS) {
                tail.add(s);
            }
        }
        return SegmentAssignments.of(Pipeline.apply(tail, Frame.of(selected), FitContext.seeded(diagnostics.seed())));
    }

    @Override
    public String toString() {
        return "SegmentationModel[entities=" + labels.length + ", segments=" + segmentCount() + ", features="
                + featureNames + "]";
    }
}
