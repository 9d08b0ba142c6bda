package dev.segmentation;

import dev.segmentation.cluster.Clusterer;
import dev.segmentation.data.Events;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.embedding.Embedding;
import dev.segmentation.features.Eligibility;
import dev.segmentation.features.FeatureFilter;
import dev.segmentation.features.FeatureSelection;
import dev.segmentation.pipeline.Frame;
import dev.segmentation.pipeline.PipelineStep;
import dev.segmentation.state.Steps;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.fit.CancellationToken;
import dev.segmentation.fit.FitContext;
import dev.segmentation.fit.ProgressListener;
import dev.segmentation.scaling.Scaler;
import dev.segmentation.scaling.Scaling;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import dev.segmentation.data.RejectedRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fluent entry point: transactions (or a feature table) in, an immutable {@link SegmentationModel} out.
 *
 * <pre>{@code
 * SegmentationModel model = Segmenter.builder()
 *     .features(Features.rfm())
 *     .scaling(Scaling.robust().log1p("monetary"))
 *     .clusterer(KMeans.builder().k(5).nInit(10))
 *     .seed(42)
 *     .build()
 *     .fit(transactions);
 * }</pre>
 *
 * <p>Pipeline: one ordered list of steps ({@link PipelineStep}), walked once: an optional eligibility filter
 * removes entities (counted per rule); every feature extractor runs on the transactions and their tables are joined
 * on the entities all of them describe; optional feature filters remove entities by their raw features; the scaler
 * is fitted on the raw features; an optional embedding (PCA, autoencoder) is fitted on the scaled matrix; the
 * clusterer is fitted on the scaled (or embedded) matrix; profiles are computed on the raw features. Progress is
 * reported from the calling thread, once per step; every step's output is checked to be finite. The cost is that
 * of the steps (extraction is linear in rows, K-Means O(n k d) per iteration).
 *
 * <p><b>Saving.</b> Every built-in step saves as plain data. {@link Builder#build()} refuses a step that holds code
 * (an RFM cancelled-order predicate, an engagement extractor holding a fixed event table (use
 * {@code Features.engagement()} with {@link #fit(Transactions, Events)} instead), a custom extractor without a
 * {@link dev.segmentation.state.StepFactory}) unless {@link Builder#allowUnsaveableSteps()} was called, so an
 * unsaveable model is found at build time, not when writing it.
 *
 * <p><b>Determinism:</b> the same input and seed give an identical model for any thread count; the seed of each
 * stage is derived from the model seed and the stage name. With no seed, one is drawn and recorded in
 * {@link SegmentationDiagnostics#seed()}. <b>Thread safety:</b> a built Segmenter is immutable; {@code fit} may be
 * called from several threads at once.
 */
public final class Segmenter {
    private static final Logger LOG = LoggerFactory.getLogger(Segmenter.class);

    private final List<FeatureExtractor> extractors;
    private final Eligibility eligibility;
    private final List<FeatureFilter> filters;
    private final FeatureSelection selection;
    private final Scaler scaler;
    private final Embedding embedding;
    private final Clusterer clusterer;
    private final Long seed;
    private final int threads;
    private final ProgressListener listener;
    private final CancellationToken cancellation;
    private final String valueFeature;
    private final SegmentNamer namer;

    private Segmenter(Builder b) {
        this.cancellation = b.cancellation;
        this.extractors = List.copyOf(b.extractors);
        this.eligibility = b.eligibility;
        this.filters = List.copyOf(b.filters);
        this.selection = b.selection;
        this.scaler = b.scaler;
        this.embedding = b.embedding;
        this.clusterer = b.clusterer;
        this.seed = b.seed;
        this.threads = b.threads;
        this.listener = b.listener;
        this.valueFeature = b.valueFeature;
        this.namer = b.namer;
    }

    /** A new builder with the defaults: robust scaling, all processors, no progress listener. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The steps a fit on transactions walks, in order: eligibility (when set), the extractors, the feature filters,
     * the feature selection (when set), the scaler, the embedding (when set) and the clusterer.
     */
    public List<PipelineStep> steps() {
        return steps(true);
    }

    private List<PipelineStep> steps(boolean fromTransactions) {
        List<PipelineStep> out = new ArrayList<>();
        if (fromTransactions) {
            if (eligibility != null) {
                out.add(eligibility);
            }
            out.addAll(extractors);
        }
        out.addAll(filters);
        if (selection != null) {
            out.add(selection);
        }
        out.add(scaler);
        if (embedding != null) {
            out.add(embedding);
        }
        out.add(clusterer);
        return out;
    }

    /**
     * Extracts features from {@code transactions}, scales them, clusters them and profiles the segments.
     *
     * @throws IllegalStateException when no feature extractor was configured
     * @throws IllegalArgumentException when the transactions are empty, no entity could be described, or a feature
     *     value is not finite (naming the entity and the feature)
     * @throws dev.segmentation.fit.FitCancelledException when the token is cancelled or the calling thread is
     *     interrupted
     */
    public SegmentationModel fit(Transactions transactions) {
        Objects.requireNonNull(transactions, "transactions");
        return fit(Frame.of(transactions), transactions);
    }

    /**
     * As {@link #fit(Transactions)}, with the event table that {@link dev.segmentation.features.Features#engagement()}
     * reads (visits, page views...; entities matched by id, events of entities absent from the transactions
     * ignored). The model does not keep the events: score it with
     * {@link SegmentationModel#predict(Transactions, Events)}.
     *
     * @throws IllegalStateException when no feature extractor was configured
     * @throws IllegalArgumentException when the transactions are empty, no entity could be described, or a feature
     *     value is not finite (naming the entity and the feature)
     * @throws dev.segmentation.fit.FitCancelledException when the token is cancelled or the calling thread is
     *     interrupted
     */
    public SegmentationModel fit(Transactions transactions, Events events) {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(events, "events");
        return fit(Frame.of(transactions, events), transactions);
    }

    private SegmentationModel fit(Frame start, Transactions transactions) {
        if (extractors.isEmpty()) {
            throw new IllegalStateException("no feature extractor configured: call features(...) before fitting "
                    + "transactions, or fit a FeatureTable");
        }
        if (transactions.isEmpty()) {
            throw new IllegalArgumentException("cannot fit on empty transactions: there are no rows"
                    + (transactions.rejected().total() > 0
                            ? " (" + transactions.rejected().total() + " rows were rejected: "
                                    + transactions.rejected().counts() + ")"
                            : ""));
        }
        return run(steps(true), start, transactions.size(), transactions.entityCount(),
                transactions.rejected(), true);
    }

    /**
     * Scales and clusters a feature table the caller computed (after the feature filters, when set); the model's
     * {@code predict} then takes feature tables with the same columns.
     *
     * @throws IllegalArgumentException when the table is empty or a value is not finite
     */
    public SegmentationModel fit(FeatureTable features) {
        Objects.requireNonNull(features, "features");
        if (features.rows() == 0) {
            throw new IllegalArgumentException("cannot fit on an empty feature table: it has no entities");
        }
        if (features.cols() == 0) {
            throw new IllegalArgumentException("cannot fit on a feature table without features");
        }
        Pipeline.requireFinite(features, "feature value");
        return run(steps(false), Frame.of(features), 0, features.rows(), RejectedRows.none(), false);
    }

    private SegmentationModel run(List<PipelineStep> steps, Frame start, int rows, int entitiesIn,
            RejectedRows rejected, boolean fromTx) {
        long s = seed != null ? seed : new SecureRandom().nextLong();
        FitContext ctx = FitContext.seeded(s).withThreads(threads).withListener(listener)
                .withCancellation(cancellation);
        Map<String, Long> millis = new LinkedHashMap<>();
        Map<String, Long> seeds = new LinkedHashMap<>();
        seeds.put("fit", s);
        Pipeline.Fitted fitted = Pipeline.fit(steps, start, ctx, listener, millis, seeds);
        Frame frame = fitted.frame;
        FeatureTable raw = frame.features();
        if (valueFeature != null && !raw.featureNames().contains(valueFeature)) {
            throw new IllegalArgumentException("value feature '" + valueFeature + "' is not among the features "
                    + raw.featureNames());
        }
        long t = System.nanoTime();
        int[] labels = frame.labels();
        String value = valueFeature != null ? valueFeature
                : raw.featureNames().contains("monetary") ? "monetary" : null;
        List<SegmentProfile> profiles = Profiles.compute(raw, labels, value, namer, threads);
        millis.put("profile", (System.nanoTime() - t) / 1_000_000);

        Map<String, Integer> ineligible = new LinkedHashMap<>();
        if (eligibility != null && fromTx) {
            eligibility.ruleNames().forEach(r -> ineligible.put(r, 0));
        }
        Map<String, Integer> filtered = new LinkedHashMap<>();
        int notDescribed = 0;
        for (Frame.Excluded e : frame.excluded().values()) {
            switch (e.kind()) {
                case NOT_ELIGIBLE:
                    ineligible.merge(e.detail(), 1, Integer::sum);
                    break;
                case NOT_DESCRIBED:
                    notDescribed++;
                    break;
                default:
                    filtered.merge(e.detail(), 1, Integer::sum);
                    break;
            }
        }
        if (!ineligible.isEmpty()) {
            LOG.info("eligibility removed {} of {} entities: {}", ineligible.values().stream().mapToInt(i -> i).sum(),
                    entitiesIn, ineligible);
        }
        if (notDescribed > 0) {
            LOG.info("{} of {} entities could not be described by the extractors and are left out", notDescribed,
                    entitiesIn);
        }
        if (!filtered.isEmpty()) {
            LOG.info("feature filters removed: {}", filtered);
        }
        SegmentationDiagnostics diag = new SegmentationDiagnostics(s, rows, entitiesIn, raw.rows(), notDescribed,
                ineligible, filtered, rejected, millis);
        List<String> settings = new ArrayList<>();
        for (PipelineStep p : steps) {
            settings.add(p.toString());
        }
        Provenance provenance = Provenance.current(settings, seeds, threads);
        LOG.debug("fitted {}", diag);
        return new SegmentationModel(fitted.steps, raw, labels, frame.strengths(), profiles, diag, value, provenance,
                true);
    }

    /**
     * Configures a {@link Segmenter}. Every setter validates its argument at once; {@link #build()} may be called
     * again and never changes the builder. Not thread-safe.
     */
    public static final class Builder {
        private final List<FeatureExtractor> extractors = new ArrayList<>();
        private Eligibility eligibility;
        private final List<FeatureFilter> filters = new ArrayList<>();
        private FeatureSelection selection;
        private boolean allowUnsaveable;
        private Scaler scaler = Scaling.robust();
        private Embedding embedding;
        private Clusterer clusterer;
        private Long seed;
        private int threads = Runtime.getRuntime().availableProcessors();
        private ProgressListener listener = ProgressListener.NONE;
        private CancellationToken cancellation = CancellationToken.NONE;
        private String valueFeature;
        private SegmentNamer namer = SegmentNamer.DEFAULT;

        private Builder() {
        }

        /**
         * The feature extractors (replacing any set before); their columns are joined in this order.
         *
         * @throws IllegalArgumentException when two extractors produce a feature of the same name
         */
        public Builder features(FeatureExtractor... extractors) {
            Objects.requireNonNull(extractors, "extractors");
            List<String> names = new ArrayList<>();
            for (int i = 0; i < extractors.length; i++) {
                Objects.requireNonNull(extractors[i], "extractors[" + i + "]");
                for (String n : extractors[i].featureNames()) {
                    if (names.contains(n)) {
                        throw new IllegalArgumentException("feature '" + n + "' is produced by two extractors");
                    }
                    names.add(n);
                }
            }
            this.extractors.clear();
            this.extractors.addAll(Arrays.asList(extractors));
            return this;
        }

        /**
         * Filters entities before feature extraction (e.g. seed 001's
         * {@code Eligibility.minActiveMonths(12).minAvgActiveMonthsPerYear(6)}); the model reports how many each
         * rule removed, and predicting for an ineligible entity reports it as not eligible, with the rule.
         */
        public Builder eligibility(Eligibility eligibility) {
            this.eligibility = Objects.requireNonNull(eligibility, "eligibility");
            return this;
        }

        /**
         * Feature filters applied after extraction and before scaling (replacing any set before), in this order;
         * the model reports how many entities each rule removed, and predicting reports a filtered entity as such.
         */
        public Builder filter(FeatureFilter... filters) {
            Objects.requireNonNull(filters, "filters");
            for (int i = 0; i < filters.length; i++) {
                Objects.requireNonNull(filters[i], "filters[" + i + "]");
            }
            this.filters.clear();
            this.filters.addAll(Arrays.asList(filters));
            return this;
        }

        /**
         * Keeps only these raw features (after the filters) for scaling, clustering and profiles, e.g. seed 000's
         * four of the nine demand features.
         *
         * @throws IllegalArgumentException when the list is empty or a name repeats
         */
        public Builder select(List<String> features) {
            this.selection = FeatureSelection.of(features);
            return this;
        }

        /**
         * Lets {@link #build()} accept steps that hold code instead of data (an RFM cancelled-order predicate, a
         * custom extractor without a factory); the model then fits and predicts but cannot be written to a file.
         */
        public Builder allowUnsaveableSteps() {
            this.allowUnsaveable = true;
            return this;
        }

        /** The scaling recipe (default {@link Scaling#robust()}; {@link Scaling#none()} for none). */
        public Builder scaling(Scaler scaler) {
            this.scaler = Objects.requireNonNull(scaler, "scaler");
            return this;
        }

        /**
         * A representation learned between scaling and clustering (e.g. {@code Pca.components(5)} or the
         * segmentation-nn autoencoder); profiles still describe the raw features. Default: none.
         */
        public Builder embedding(Embedding embedding) {
            this.embedding = Objects.requireNonNull(embedding, "embedding");
            return this;
        }

        /** The embedding from its builder; built at once. */
        public Builder embedding(Supplier<? extends Embedding> embedding) {
            Objects.requireNonNull(embedding, "embedding");
            this.embedding = Objects.requireNonNull(embedding.get(), "embedding.get()");
            return this;
        }

        /** No embedding: cluster the scaled features (the default). */
        public Builder noEmbedding() {
            this.embedding = null;
            return this;
        }

        /** The clustering algorithm. */
        public Builder clusterer(Clusterer clusterer) {
            this.clusterer = Objects.requireNonNull(clusterer, "clusterer");
            return this;
        }

        /** The clustering algorithm from its builder, e.g. {@code KMeans.builder().k(5)}; built at once. */
        public Builder clusterer(Supplier<? extends Clusterer> clusterer) {
            Objects.requireNonNull(clusterer, "clusterer");
            this.clusterer = Objects.requireNonNull(clusterer.get(), "clusterer.get()");
            return this;
        }

        /** The seed of the whole fit (each stage derives its own from it). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Threads the steps may use (default: available processors). Results do not depend on it.
         *
         * @throws IllegalArgumentException when {@code threads < 1}
         */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * A token that cancels a running fit from another thread: every step checks it (and the calling thread's
         * interrupt flag) between blocks of work and throws {@link dev.segmentation.fit.FitCancelledException}.
         */
        public Builder cancellation(CancellationToken token) {
            this.cancellation = Objects.requireNonNull(token, "token");
            return this;
        }

        /** Receives progress of each stage. */
        public Builder listener(ProgressListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The raw feature whose per-segment share profiles report (default: {@code monetary} when present).
         *
         * @throws IllegalArgumentException when the name is blank
         */
        public Builder valueFeature(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("value feature name must not be blank");
            }
            this.valueFeature = name;
            return this;
        }

        /** Names segments from their profiles (default "Segment k", noise "Noise"). */
        public Builder namer(SegmentNamer namer) {
            this.namer = Objects.requireNonNull(namer, "namer");
            return this;
        }

        /**
         * Builds the segmenter.
         *
         * @throws IllegalStateException when no clusterer was set, or a step holds code and cannot be saved (naming
         *     it and how to avoid it) and {@link #allowUnsaveableSteps()} was not called
         */
        public Segmenter build() {
            if (clusterer == null) {
                throw new IllegalStateException(
                        "no clusterer configured: call clusterer(...), e.g. clusterer(KMeans.builder().k(5))");
            }
            if (!allowUnsaveable) {
                List<Object> stateless = new ArrayList<>(extractors);
                if (eligibility != null) {
                    stateless.add(eligibility);
                }
                stateless.addAll(filters);
                if (selection != null) {
                    stateless.add(selection);
                }
                for (Object step : stateless) {
                    try {
                        Steps.state(step);
                    } catch (IllegalStateException | IllegalArgumentException e) {
                        throw new IllegalStateException("the model would not be saveable: " + e.getMessage()
                                + " (call allowUnsaveableSteps() to fit such a model anyway)", e);
                    }
                }
            }
            return new Segmenter(this);
        }
    }
}
