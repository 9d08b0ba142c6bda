package dev.segmentation;

import dev.segmentation.pipeline.Frame;
import dev.segmentation.data.FeatureTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The outcome of {@link SegmentationModel#predict} for every entity of the input: a segment for each assigned
 * entity, and an explicit status, never a silent label, for each entity that got none: not eligible (with the
 * eligibility rule it failed) or not described by the extractors (e.g. every purchase was a return). When the
 * cluster model grades its assignments ({@link dev.segmentation.cluster.SoftClusterModel}, e.g. HDBSCAN), each
 * assigned entity also has a membership strength in [0, 1]; when it also scores new rows
 * ({@link dev.segmentation.cluster.SoftClusterModel#scoresNewRows()}: HDBSCAN, approximate GLOSH), an outlier score in
 * [0, 1]. K-Means and Gaussian mixtures define no outlier score for a new row: {@link #outlierScores()} is then empty.
 * Immutable.
 */
public final class SegmentAssignments {
    /** What happened to an entity. */
    public enum Status {
        /** The entity received a segment. */
        ASSIGNED,
        /** The model's eligibility filter removed the entity; see {@link #notEligible()} for the rule. */
        NOT_ELIGIBLE,
        /** No feature could be computed for the entity (an extractor left it out). */
        NOT_DESCRIBED,
        /** A feature filter removed the entity; see {@link #filtered()} for the rule. */
        FILTERED,
        /** The entity was not in the input. */
        UNKNOWN
    }

    private final FeatureTable features;
    private final int[] labels;
    private final Map<String, String> notEligible;
    private final List<String> notDescribed;
    private final Map<String, String> filtered;
    /** The row of each assigned entity id; built on the first lookup by id (null until then). */
    private volatile Map<String, Integer> rowOf;
    /** Null when the cluster model gives no strengths. */
    private final double[] strengths;
    /** Null when the cluster model gives no outlier scores for new rows. */
    private final double[] outlierScores;

    SegmentAssignments(FeatureTable features, int[] labels, Map<String, String> notEligible,
            List<String> notDescribed) {
        this(features, labels, null, notEligible, notDescribed);
    }

    SegmentAssignments(FeatureTable features, int[] labels, double[] strengths, Map<String, String> notEligible,
            List<String> notDescribed) {
        this(features, labels, strengths, null, notEligible, notDescribed, Map.of());
    }

    /** The assignments of a scored frame: its labels and strengths, and every exclusion with its reason. */
    static SegmentAssignments of(Frame frame) {
        Map<String, String> notEligible = new LinkedHashMap<>();
        List<String> notDescribed = new ArrayList<>();
        Map<String, String> filtered = new LinkedHashMap<>();
        for (Map.Entry<String, Frame.Excluded> e : frame.excluded().entrySet()) {
            switch (e.getValue().kind()) {
                case NOT_ELIGIBLE:
                    notEligible.put(e.getKey(), e.getValue().detail());
                    break;
                case NOT_DESCRIBED:
                    notDescribed.add(e.getKey());
                    break;
                default:
                    filtered.put(e.getKey(), e.getValue().detail());
                    break;
            }
        }
        return new SegmentAssignments(frame.features(), frame.labels(), frame.strengths(), frame.outlierScores(),
                notEligible, notDescribed, filtered);
    }

    private SegmentAssignments(FeatureTable features, int[] labels, double[] strengths, double[] outlierScores,
            Map<String, String> notEligible, List<String> notDescribed, Map<String, String> filtered) {
        this.outlierScores = outlierScores;
        this.filtered = Collections.unmodifiableMap(new LinkedHashMap<>(filtered));
        this.features = features;
        this.labels = labels;
        this.strengths = strengths;
        this.notEligible = Collections.unmodifiableMap(new LinkedHashMap<>(notEligible));
        this.notDescribed = List.copyOf(notDescribed);
    }

    /**
     * The row of each assigned entity id, built once on the first lookup (a million ids cost about as much as the
     * assignment itself, and a caller that only reads {@link #labels()} never needs them). Two threads racing on the
     * first lookup may both build it; either result is complete and equal, published through the volatile field.
     */
    private Map<String, Integer> rows() {
        Map<String, Integer> m = rowOf;
        if (m == null) {
            m = new HashMap<>(labels.length * 2);
            for (int r = 0; r < labels.length; r++) {
                m.put(features.entityId(r), r);
            }
            rowOf = m;
        }
        return m;
    }

    /** Ids of the assigned entities, in the order of {@link #labels()}. */
    public List<String> entityIds() {
        return features.entityIds();
    }

    /** The segment of every assigned entity (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** The segment of {@code entityId}; empty when it was not assigned (see {@link #status(String)}). O(1). */
    public OptionalInt label(String entityId) {
        Integer r = rows().get(Objects.requireNonNull(entityId, "entityId"));
        return r == null ? OptionalInt.empty() : OptionalInt.of(labels[r]);
    }

    /**
     * The membership strength in [0, 1] of every assigned entity, in the order of {@link #labels()} (a copy); empty
     * when the cluster model gives none (it is not a {@link dev.segmentation.cluster.SoftClusterModel}, e.g.
     * K-Means).
     */
    public Optional<double[]> strengths() {
        return strengths == null ? Optional.empty() : Optional.of(strengths.clone());
    }

    /** The strength of {@code entityId}; empty when it was not assigned or the model gives no strengths. O(1). */
    public OptionalDouble strength(String entityId) {
        Integer r = rows().get(Objects.requireNonNull(entityId, "entityId"));
        return r == null || strengths == null ? OptionalDouble.empty() : OptionalDouble.of(strengths[r]);
    }

    /**
     * The outlier score in [0, 1] of every assigned entity (noise included), in the order of {@link #labels()} (a
     * copy): HDBSCAN's approximate GLOSH score of a new row (see
     * {@link dev.segmentation.cluster.HdbscanModel#outlierScores(dev.segmentation.data.DataMatrix)}). Empty when the
     * cluster model defines none for new rows (K-Means, Gaussian mixtures: see
     * {@link dev.segmentation.cluster.SoftClusterModel#scoresNewRows()}).
     */
    public Optional<double[]> outlierScores() {
        return outlierScores == null ? Optional.empty() : Optional.of(outlierScores.clone());
    }

    /** The outlier score of {@code entityId}; empty when it was not assigned or the model gives none. O(1). */
    public OptionalDouble outlierScore(String entityId) {
        Integer r = rows().get(Objects.requireNonNull(entityId, "entityId"));
        return r == null || outlierScores == null ? OptionalDouble.empty() : OptionalDouble.of(outlierScores[r]);
    }

    /** What happened to {@code entityId}. */
    public Status status(String entityId) {
        Objects.requireNonNull(entityId, "entityId");
        if (rows().containsKey(entityId)) {
            return Status.ASSIGNED;
        }
        if (notEligible.containsKey(entityId)) {
            return Status.NOT_ELIGIBLE;
        }
        if (filtered.containsKey(entityId)) {
            return Status.FILTERED;
        }
        return notDescribed.contains(entityId) ? Status.NOT_DESCRIBED : Status.UNKNOWN;
    }

    /** Entities a feature filter removed, each with the rule it failed (input order). */
    public Map<String, String> filtered() {
        return filtered;
    }

    /** Entities the eligibility filter removed, each with the name of the first rule it failed (input order). */
    public Map<String, String> notEligible() {
        return notEligible;
    }

    /** Entities that passed eligibility but that some extractor could not describe (input order). */
    public List<String> notDescribed() {
        return notDescribed;
    }

    /** The raw features the assignment was computed from. */
    public FeatureTable features() {
        return features;
    }

    /** Number of entities that got no segment because an extractor could not describe them. */
    public int entitiesNotDescribed() {
        return notDescribed.size();
    }

    /** Number of assigned entities. */
    public int size() {
        return labels.length;
    }

    /** Entities per label, as a sorted {@code [label, count]} list. */
    public List<int[]> counts() {
        int[] sorted = labels.clone();
        Arrays.sort(sorted);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < sorted.length;) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            out.add(new int[] {sorted[i], j - i});
            i = j;
        }
        return Collections.unmodifiableList(out);
    }
}
