package dev.segmentation.pipeline;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Events;
import dev.segmentation.data.Transactions;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What flows between the steps of a segmentation: the transactions (until features exist), the raw features, the
 * representation the clusterer sees, the labels, and every entity a step excluded with the reason.
 *
 * <p>Rows of {@link #features()}, {@link #representation()}, {@link #labels()}, {@link #strengths()} and {@link #outlierScores()} are aligned:
 * row {@code r} is entity {@code features().entityId(r)}. Immutable; each {@code with...} returns a new frame and
 * shares the unchanged parts (arrays are never modified after construction). Thread-safe.
 */
public final class Frame {
    /** Why an entity left the frame. */
    public enum Exclusion {
        /** An eligibility rule removed it (the detail names the rule). */
        NOT_ELIGIBLE,
        /** A feature extractor could not describe it (the detail names the extractor). */
        NOT_DESCRIBED,
        /** A feature filter removed it (the detail names the rule). */
        FILTERED
    }

    /** One excluded entity: why, and which rule or step. */
    public static final class Excluded {
        private final Exclusion kind;
        private final String detail;

        Excluded(Exclusion kind, String detail) {
            this.kind = kind;
            this.detail = detail;
        }

        /** Why. */
        public Exclusion kind() {
            return kind;
        }

        /** The rule or step that excluded the entity. */
        public String detail() {
            return detail;
        }

        @Override
        public String toString() {
            return kind + " (" + detail + ")";
        }
    }

    private final Transactions transactions;
    private final Events events;
    private final FeatureTable features;
    private final DataMatrix matrix;
    private final int[] labels;
    private final double[] strengths;
    private final double[] outlierScores;
    private final Map<String, Excluded> excluded;

    private Frame(Transactions transactions, Events events, FeatureTable features, DataMatrix matrix, int[] labels,
            double[] strengths, Map<String, Excluded> excluded) {
        this(transactions, events, features, matrix, labels, strengths, null, excluded);
    }

    private Frame(Transactions transactions, Events events, FeatureTable features, DataMatrix matrix, int[] labels,
            double[] strengths, double[] outlierScores, Map<String, Excluded> excluded) {
        this.outlierScores = outlierScores;
        this.transactions = transactions;
        this.events = events;
        this.features = features;
        this.matrix = matrix;
        this.labels = labels;
        this.strengths = strengths;
        this.excluded = excluded;
    }

    /** A frame holding transactions only (the start of a fit or prediction on transactions). */
    public static Frame of(Transactions transactions) {
        return new Frame(Objects.requireNonNull(transactions, "transactions"), null, null, null, null, null, Map.of());
    }

    /**
     * A frame holding transactions and the event table the engagement extractor reads (the start of a fit or
     * prediction with {@link dev.segmentation.features.Features#engagement()}). Events of entities absent from the
     * transactions are ignored by the extractors.
     */
    public static Frame of(Transactions transactions, Events events) {
        return new Frame(Objects.requireNonNull(transactions, "transactions"), Objects.requireNonNull(events,
                "events"), null, null, null, null, Map.of());
    }

    /** A frame holding raw features only (the start of a fit or prediction on a feature table). */
    public static Frame of(FeatureTable features) {
        return new Frame(null, null, Objects.requireNonNull(features, "features"), null, null, null, Map.of());
    }

    /** Whether the frame holds transactions. */
    public boolean hasTransactions() {
        return transactions != null;
    }

    /**
     * The transactions.
     *
     * @throws IllegalStateException when the frame holds none, naming {@code step}
     */
    public Transactions transactions(String step) {
        if (transactions == null) {
            throw new IllegalStateException(step + " needs transactions, but this frame holds none (a model fitted "
                    + "or scored on a feature table starts after feature extraction)");
        }
        return transactions;
    }

    /** Whether the frame holds an event table. */
    public boolean hasEvents() {
        return events != null;
    }

    /**
     * The event table given with the transactions.
     *
     * @throws IllegalStateException when the frame holds none, naming {@code step} and how to give one
     */
    public Events events(String step) {
        if (events == null) {
            throw new IllegalStateException(step + " needs an event table, but none was given: fit with "
                    + "Segmenter.fit(transactions, events) and score with SegmentationModel.predict(transactions, "
                    + "events)");
        }
        return events;
    }

    /** Whether the frame holds raw features. */
    public boolean hasFeatures() {
        return features != null;
    }

    /**
     * The raw features.
     *
     * @throws IllegalStateException when no extractor has run yet
     */
    public FeatureTable features() {
        if (features == null) {
            throw new IllegalStateException("this frame holds no features yet: a feature extractor must come first");
        }
        return features;
    }

    /** Whether a step (scaler, embedding) has set the representation. */
    public boolean hasRepresentation() {
        return matrix != null;
    }

    /** The representation the clusterer sees: the last scaled or embedded matrix, else the raw feature values. */
    public DataMatrix representation() {
        return matrix != null ? matrix : features().matrix();
    }

    /** Number of entities in the frame (rows of the features; 0 before extraction). */
    public int rows() {
        return features == null ? 0 : features.rows();
    }

    /** The labels, when a clusterer has run (the array itself: do not modify). */
    public int[] labels() {
        if (labels == null) {
            throw new IllegalStateException("this frame holds no labels yet: a clusterer must come first");
        }
        return labels;
    }

    /** Whether a clusterer has run. */
    public boolean hasLabels() {
        return labels != null;
    }

    /**
     * Outlier scores in [0, 1], when the cluster model scores new rows (HDBSCAN's approximate GLOSH, see
     * {@link dev.segmentation.cluster.SoftClusterModel#scoresNewRows()}); {@code null} otherwise (do not modify).
     */
    public double[] outlierScores() {
        return outlierScores;
    }

    /** Membership strengths, when the clusterer gives them; {@code null} otherwise (do not modify). */
    public double[] strengths() {
        return strengths;
    }

    /** Every entity a step excluded, in the order they were excluded (unmodifiable). */
    public Map<String, Excluded> excluded() {
        return Collections.unmodifiableMap(excluded);
    }

    /**
     * The frame with other transactions (an entity filter); {@code removed} maps each removed entity to the rule
     * that removed it.
     */
    public Frame withTransactions(Transactions kept, Map<String, String> removed, Exclusion kind) {
        Objects.requireNonNull(kept, "kept");
        return new Frame(kept, events, features, matrix, labels, strengths, outlierScores, exclude(removed, kind));
    }

    private Map<String, Excluded> exclude(Map<String, String> removed, Exclusion kind) {
        if (removed.isEmpty()) {
            return excluded;
        }
        LinkedHashMap<String, Excluded> m = new LinkedHashMap<>(excluded);
        for (Map.Entry<String, String> e : removed.entrySet()) {
            m.putIfAbsent(e.getKey(), new Excluded(kind, e.getValue()));
        }
        return m;
    }

    /**
     * The frame with the columns of {@code part} joined: the entities both describe stay (in the transactions'
     * entity order), every other entity is excluded as not described by {@code extractor}. {@code part} must list
     * entities of the transactions in their entity order, as extractors do. O(n) string comparisons.
     *
     * @throws IllegalStateException when {@code part} lists an entity that is not in the transactions, or lists
     *     entities out of order
     * @throws IllegalArgumentException when a column name repeats one already in the frame
     */
    public Frame joinFeatures(FeatureTable part, String extractor) {
        Objects.requireNonNull(part, "part");
        Transactions tx = transactions(extractor);
        int[] partIdx = entityIndexes(tx, part, extractor);
        Map<String, String> removed = new LinkedHashMap<>();
        if (features == null) {
            int j = 0;
            for (int e = 0; e < tx.entityCount(); e++) {
                if (j < partIdx.length && partIdx[j] == e) {
                    j++;
                } else {
                    removed.put(tx.entityId(e), extractor);
                }
            }
            return new Frame(tx, events, part, null, null, null, exclude(removed, Exclusion.NOT_DESCRIBED));
        }
        for (String n : part.featureNames()) {
            if (features.findColumn(n).isPresent()) {
                throw new IllegalArgumentException("feature '" + n + "' of " + extractor
                        + " is already produced by an earlier step");
            }
        }
        int[] haveIdx = entityIndexes(tx, features, "the features");
        int[] keepHave = new int[haveIdx.length];
        int[] keepPart = new int[partIdx.length];
        int m = 0;
        int i = 0;
        int j = 0;
        while (i < haveIdx.length || j < partIdx.length) {
            if (j >= partIdx.length || (i < haveIdx.length && haveIdx[i] < partIdx[j])) {
                removed.put(features.entityId(i), extractor);
                i++;
            } else if (i >= haveIdx.length || partIdx[j] < haveIdx[i]) {
                j++; // already excluded by an earlier extractor
            } else {
                keepHave[m] = i++;
                keepPart[m++] = j++;
            }
        }
        FeatureTable a = m == features.rows() ? features : features.selectRows(Arrays.copyOf(keepHave, m));
        FeatureTable b = m == part.rows() ? part : part.selectRows(Arrays.copyOf(keepPart, m));
        return new Frame(tx, events, a.join(b), null, null, null, exclude(removed, Exclusion.NOT_DESCRIBED));
    }

    private static int[] entityIndexes(Transactions tx, FeatureTable t, String who) {
        int[] idx = new int[t.rows()];
        int e = -1;
        for (int r = 0; r < t.rows(); r++) {
            String id = t.entityId(r);
            int guess = e + 1;
            int found = guess < tx.entityCount() && tx.entityId(guess).equals(id) ? guess
                    : tx.entityIndex(id).orElse(-1);
            if (found < 0) {
                throw new IllegalStateException(who + " produced an entity that is not in the transactions: '" + id
                        + "'");
            }
            if (found <= e) {
                throw new IllegalStateException(who + " lists entity '" + id + "' out of the transactions' entity "
                        + "order");
            }
            idx[r] = e = found;
        }
        return idx;
    }

    /** The frame with other raw features over the same entities (a column transform). */
    public Frame withFeatures(FeatureTable table) {
        Objects.requireNonNull(table, "table");
        if (features != null && !table.entityIds().equals(features.entityIds())) {
            throw new IllegalArgumentException("the new features describe other entities than the frame");
        }
        return new Frame(transactions, events, table, matrix, labels, strengths, outlierScores, excluded);
    }

    /**
     * The frame keeping rows {@code keep} (ascending) of the features, representation and labels;
     * {@code removedReason} gives the rule that removed each other row.
     */
    public Frame selectRows(int[] keep, java.util.function.IntFunction<String> removedReason, Exclusion kind) {
        Objects.requireNonNull(keep, "keep");
        FeatureTable f = features();
        Map<String, String> removed = new LinkedHashMap<>();
        int j = 0;
        for (int r = 0; r < f.rows(); r++) {
            if (j < keep.length && keep[j] == r) {
                j++;
            } else {
                removed.put(f.entityId(r), removedReason.apply(r));
            }
        }
        if (removed.isEmpty()) {
            return this;
        }
        DataMatrix mm = matrix == null ? null : matrix.selectRows(keep);
        int[] l = null;
        double[] s = null;
        if (labels != null) {
            l = new int[keep.length];
            for (int i = 0; i < keep.length; i++) {
                l[i] = labels[keep[i]];
            }
        }
        if (strengths != null) {
            s = new double[keep.length];
            for (int i = 0; i < keep.length; i++) {
                s[i] = strengths[keep[i]];
            }
        }
        double[] o = null;
        if (outlierScores != null) {
            o = new double[keep.length];
            for (int i = 0; i < keep.length; i++) {
                o[i] = outlierScores[keep[i]];
            }
        }
        return new Frame(transactions, events, f.selectRows(keep), mm, l, s, o, exclude(removed, kind));
    }

    /**
     * The frame with the representation {@code m} (one row per feature row).
     *
     * @throws IllegalArgumentException when the row count differs
     */
    public Frame withRepresentation(DataMatrix m) {
        Objects.requireNonNull(m, "m");
        if (m.rows() != rows()) {
            throw new IllegalArgumentException("the representation has " + m.rows() + " rows but the frame has "
                    + rows() + " entities");
        }
        return new Frame(transactions, events, features, m, labels, strengths, outlierScores, excluded);
    }

    /**
     * The frame with labels (and strengths, or null), without outlier scores.
     *
     * @throws IllegalArgumentException when a length differs from the row count
     */
    public Frame withLabels(int[] labels, double[] strengths) {
        return withLabels(labels, strengths, null);
    }

    /**
     * The frame with labels, strengths and outlier scores (either of the last two may be null).
     *
     * @throws IllegalArgumentException when a length differs from the row count
     */
    public Frame withLabels(int[] labels, double[] strengths, double[] outlierScores) {
        Objects.requireNonNull(labels, "labels");
        if (labels.length != rows() || (strengths != null && strengths.length != rows())
                || (outlierScores != null && outlierScores.length != rows())) {
            throw new IllegalArgumentException("labels for " + labels.length + " rows"
                    + (strengths != null ? ", strengths for " + strengths.length : "")
                    + (outlierScores != null ? ", outlier scores for " + outlierScores.length : "")
                    + " but the frame has " + rows() + " entities");
        }
        return new Frame(transactions, events, features, matrix, labels, strengths, outlierScores, excluded);
    }
}
