package dev.segmentation;

import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.Clusterer;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.Transactions;
import dev.segmentation.embedding.Embedding;
import dev.segmentation.embedding.FittedEmbedding;
import dev.segmentation.features.Eligibility;
import dev.segmentation.features.FeatureExtractor;
import dev.segmentation.fit.FitContext;
import dev.segmentation.fit.ProgressListener;
import dev.segmentation.scaling.FittedScaler;
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
 * <p>Pipeline: an optional eligibility filter removes entities (counted per rule); every feature extractor runs on the transactions and their tables are joined on the entities all
 * of them describe; the scaler is fitted on the raw features; an optional embedding (PCA, autoencoder) is fitted
 * on the scaled matrix; the clusterer is fitted on the scaled (or embedded) matrix; profiles are computed on the
 * raw features. The cost is that of the steps (extraction is linear in rows,
 * K-Means O(n k d) per iteration).
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
    private final Scaler scaler;
    private final Embedding embedding;
    private final Clusterer clusterer;
    private final Long seed;
    private final int threads;
    private final ProgressListener listener;
    private final String valueFeature;
    private final SegmentNamer namer;

    private Segmenter(Builder b) {
        this.extractors = List.copyOf(b.extractors);
        this.eligibility = b.eligibility;
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
     * Extracts features from {@code transactions}, scales them, clusters them and profiles the segments.
     *
     * @throws IllegalStateException when no feature extractor was configured
     * @throws IllegalArgumentException when the transactions are empty, no entity could be described, or a feature
     *     value is not finite (naming the entity and the feature)
     */
    public SegmentationModel fit(Transactions transactions) {
        Objects.requireNonNull(transactions, "transactions");
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
        FitContext ctx = context();
        Map<String, Long> millis = new LinkedHashMap<>();
        Map<String, Integer> ineligible = new LinkedHashMap<>();
        Transactions eligible = transactions;
        if (eligibility != null) {
            long te = System.nanoTime();
            Eligibility.Result result = eligibility.apply(transactions, ctx);
            result.removedByRule().forEach((rule, count) -> ineligible.put(rule.name(), count));
            eligible = result.eligible();
            millis.put("eligibility", (System.nanoTime() - te) / 1_000_000);
            if (eligible.isEmpty()) {
                throw new IllegalArgumentException("no entity passed the eligibility filter " + eligibility + " ("
                        + transactions.entityCount() + " entities examined, removed per rule " + ineligible + ")");
            }
            LOG.info("eligibility removed {} of {} entities: {}", result.removedCount(),
                    transactions.entityCount(), ineligible);
        }
        long t0 = System.nanoTime();
        listener.progress("extract", 0, extractors.size());
        FeatureTable raw = Pipeline.extract(extractors, eligible, ctx);
        listener.progress("extract", extractors.size(), extractors.size());
        millis.put("extract", (System.nanoTime() - t0) / 1_000_000);
        int notDescribed = eligible.entityCount() - raw.rows();
        if (raw.rows() == 0) {
            throw new IllegalArgumentException("no entity could be described by the feature extractors ("
                    + eligible.entityCount() + " entities in the transactions)");
        }
        if (notDescribed > 0) {
            LOG.info("{} of {} entities could not be described by the extractors and are left out", notDescribed,
                    eligible.entityCount());
        }
        return fitFeatures(raw, ctx, millis, transactions.size(), transactions.entityCount(), notDescribed,
                ineligible, transactions.rejected(), true);
    }

    /**
     * Scales and clusters a feature table the caller computed; the model's {@code predict} then takes feature
     * tables with the same columns.
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
        return fitFeatures(features, context(), new LinkedHashMap<>(), 0, features.rows(), 0, Map.of(),
                dev.segmentation.data.RejectedRows.none(), false);
    }

    private FitContext context() {
        long s = seed != null ? seed : new SecureRandom().nextLong();
        return FitContext.seeded(s).withThreads(threads).withListener(listener);
    }

    private SegmentationModel fitFeatures(FeatureTable raw, FitContext ctx, Map<String, Long> millis, int rows,
            int entitiesIn, int notDescribed, Map<String, Integer> ineligible,
            dev.segmentation.data.RejectedRows rejected, boolean fromTx) {
        Pipeline.requireFinite(raw, "feature value");
        if (valueFeature != null && !raw.featureNames().contains(valueFeature)) {
            throw new IllegalArgumentException("value feature '" + valueFeature + "' is not among the features "
                    + raw.featureNames());
        }
        long t = System.nanoTime();
        listener.progress("scale", 0, 1);
        FittedScaler fitted = scaler.fit(raw);
        FeatureTable scaled = fitted.transform(raw);
        Pipeline.requireFinite(scaled, "scaled value");
        listener.progress("scale", 1, 1);
        millis.put("scale", (System.nanoTime() - t) / 1_000_000);

        DataMatrix input = scaled.matrix();
        FittedEmbedding fittedEmbedding = null;
        if (embedding != null) {
            t = System.nanoTime();
            fittedEmbedding = embedding.fit(input, ctx.stage("embedding"));
            input = fittedEmbedding.transform(input);
            millis.put("embedding", (System.nanoTime() - t) / 1_000_000);
        }

        t = System.nanoTime();
        ClusterModel cm = clusterer.fit(input, ctx.stage("cluster"));
        millis.put("cluster", (System.nanoTime() - t) / 1_000_000);

        t = System.nanoTime();
        int[] labels = cm.labels();
        String value = valueFeature != null ? valueFeature
                : raw.featureNames().contains("monetary") ? "monetary" : null;
        List<SegmentProfile> profiles = Profiles.compute(raw, labels, value, namer);
        millis.put("profile", (System.nanoTime() - t) / 1_000_000);
        SegmentationDiagnostics diag = new SegmentationDiagnostics(ctx.seed(), rows, entitiesIn, raw.rows(),
                notDescribed, ineligible, rejected, millis);
        LOG.debug("fitted {}", diag);
        return new SegmentationModel(fromTx ? extractors : List.of(), fromTx ? eligibility : null, raw, fitted, fittedEmbedding, cm, labels,
                profiles, diag, value);
    }

    /**
     * Configures a {@link Segmenter}. Every setter validates its argument at once; {@link #build()} may be called
     * again and never changes the builder. Not thread-safe.
     */
    public static final class Builder {
        private final List<FeatureExtractor> extractors = new ArrayList<>();
        private Eligibility eligibility;
        private Scaler scaler = Scaling.robust();
        private Embedding embedding;
        private Clusterer clusterer;
        private Long seed;
        private int threads = Runtime.getRuntime().availableProcessors();
        private ProgressListener listener = ProgressListener.NONE;
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
         * @throws IllegalStateException when no clusterer was set
         */
        public Segmenter build() {
            if (clusterer == null) {
                throw new IllegalStateException(
                        "no clusterer configured: call clusterer(...), e.g. clusterer(KMeans.builder().k(5))");
            }
            return new Segmenter(this);
        }
    }
}
