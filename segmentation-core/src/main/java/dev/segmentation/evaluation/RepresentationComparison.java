package dev.segmentation.evaluation;

import dev.segmentation.embedding.Embedding;
import dev.segmentation.embedding.FittedEmbedding;

import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.Clusterer;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import dev.segmentation.evaluation.BootstrapStability;
import dev.segmentation.evaluation.StabilityReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.ToDoubleBiFunction;

/**
 * Fits one clusterer on several representations of the same entities (the scaled features themselves, PCA, an
 * untrained and a trained autoencoder...) and reports side by side: dimension, clusters, cluster sizes, noise
 * share, mean membership strength, and any metric measured in the <em>scaled feature space</em> (so a
 * representation cannot flatter itself by shrinking its own distances).
 *
 * <p>Every embedding is fitted with the same stage seed ({@code context.stage("embedding")}), so an untrained
 * autoencoder ({@code epochs(0)}) is exactly the initial state of the trained one with the same settings; every
 * clustering uses {@code context.stage("clusterer")}.
 *
 * <p><b>Stability.</b> With {@link Builder#stability(BootstrapStability)} each representation's clusters are also
 * assessed by Hennig's resampling ({@link BootstrapStability}): the entities are resampled, the clusterer is refitted
 * on the resampled rows <em>of that representation</em> (the embedding stays as fitted once on all rows) and each
 * cluster gets its mean Jaccard similarity to its best match. It measures whether the partition a representation
 * induces is a property of the population or of the particular sample; it does not refit the embedding per
 * resample (for an autoencoder that would cost {@code resamples} trainings). A representation with no cluster has
 * no stability figure (nor does one whose rows are all noise). Every assessment uses {@code context.stage("stability")}.
 *
 * <p>Cost: the sum of the embedding and clustering fits, plus {@code resamples} clusterer fits per representation
 * when stability is on. The result is deterministic as far as the steps are. Immutable and thread-safe once built.
 */
public final class RepresentationComparison {
    private final Clusterer clusterer;
    private final List<String> names;
    private final List<Embedding> embeddings;
    private final Function<? super ClusterModel, double[]> strengths;
    private final Map<String, ToDoubleBiFunction<DataMatrix, int[]>> metrics;
    private final BootstrapStability stability;

    private RepresentationComparison(Builder b) {
        this.clusterer = b.clusterer;
        this.names = List.copyOf(b.names);
        this.embeddings = Collections.unmodifiableList(new ArrayList<>(b.embeddings));
        this.strengths = b.strengths;
        this.metrics = Collections.unmodifiableMap(new LinkedHashMap<>(b.metrics));
        this.stability = b.stability;
    }

    /** A builder; add representations in the order the table should show them. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits every representation on {@code scaled} and the clusterer on each result.
     *
     * @throws IllegalArgumentException as the embeddings and the clusterer do for this data
     */
    public Result compare(DataMatrix scaled, FitContext context) {
        Objects.requireNonNull(scaled, "scaled");
        Objects.requireNonNull(context, "context");
        FitContext embeddingContext = context.stage("embedding");
        FitContext clusterContext = context.stage("clusterer");
        FitContext stabilityContext = context.stage("stability");
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < names.size(); r++) {
            Embedding e = embeddings.get(r);
            FittedEmbedding fitted = e == null ? null : e.fit(scaled, embeddingContext);
            DataMatrix z = fitted == null ? scaled : fitted.transform(scaled);
            ClusterModel model = clusterer.fit(z, clusterContext);
            int[] labels = model.labels();
            int k = model.clusterCount();
            int[] sizes = new int[k];
            int noise = 0;
            for (int label : labels) {
                if (label < 0) {
                    noise++;
                } else {
                    sizes[label]++;
                }
            }
            OptionalDouble meanStrength = OptionalDouble.empty();
            if (strengths != null) {
                double[] s = strengths.apply(model);
                if (s != null && s.length == labels.length) {
                    double sum = 0;
                    int m = 0;
                    for (int i = 0; i < s.length; i++) {
                        if (labels[i] >= 0) {
                            sum += s[i];
                            m++;
                        }
                    }
                    if (m > 0) {
                        meanStrength = OptionalDouble.of(sum / m);
                    }
                }
            }
            LinkedHashMap<String, Double> values = new LinkedHashMap<>();
            for (Map.Entry<String, ToDoubleBiFunction<DataMatrix, int[]>> me : metrics.entrySet()) {
                values.put(me.getKey(), me.getValue().applyAsDouble(scaled, labels.clone()));
            }
            StabilityReport report = stability == null || noise == labels.length ? null
                    : stability.assess(z, labels, clusterer, stabilityContext);
            rows.add(new Row(names.get(r), z.cols(), fitted, model, sizes,
                    labels.length == 0 ? 0.0 : (double) noise / labels.length, meanStrength, values, report));
        }
        return new Result(rows, List.copyOf(metrics.keySet()), stability != null);
    }

    /** One representation's outcome. Immutable; array accessors return copies. */
    public static final class Row {
        private final String name;
        private final int dimension;
        private final FittedEmbedding embedding;
        private final ClusterModel model;
        private final int[] sizes;
        private final double noiseShare;
        private final OptionalDouble meanStrength;
        private final Map<String, Double> metrics;
        private final StabilityReport stability;

        Row(String name, int dimension, FittedEmbedding embedding, ClusterModel model, int[] sizes,
                double noiseShare, OptionalDouble meanStrength, Map<String, Double> metrics,
                StabilityReport stability) {
            this.name = name;
            this.dimension = dimension;
            this.embedding = embedding;
            this.model = model;
            this.sizes = sizes;
            this.noiseShare = noiseShare;
            this.meanStrength = meanStrength;
            this.metrics = Collections.unmodifiableMap(metrics);
            this.stability = stability;
        }

        /** The representation's name. */
        public String name() {
            return name;
        }

        /** Number of columns the clusterer saw. */
        public int dimension() {
            return dimension;
        }

        /** The fitted embedding; empty for the scaled features themselves. */
        public Optional<FittedEmbedding> embedding() {
            return Optional.ofNullable(embedding);
        }

        /** The clustering fitted on this representation. */
        public ClusterModel model() {
            return model;
        }

        /** Number of clusters (noise excluded). */
        public int clusterCount() {
            return sizes.length;
        }

        /** Size of each cluster, by label (a copy). */
        public int[] sizes() {
            return sizes.clone();
        }

        /** Share of rows labelled noise ({@code -1}). */
        public double noiseShare() {
            return noiseShare;
        }

        /** Mean membership strength over the rows in a cluster; empty when the clusterer gives none. */
        public OptionalDouble meanStrength() {
            return meanStrength;
        }

        /** The metrics measured in the scaled feature space, by name. */
        public Map<String, Double> metrics() {
            return metrics;
        }

        /**
         * The resampling stability of this representation's clusters; empty when the comparison has no
         * {@link Builder#stability(BootstrapStability) stability} setting or the representation has no cluster.
         */
        public Optional<StabilityReport> stability() {
            return Optional.ofNullable(stability);
        }

        /**
         * Mean over clusters of each cluster's mean Jaccard similarity (every cluster weighs the same, as in Hennig's
         * per-cluster reading); empty as {@link #stability()} is.
         */
        public OptionalDouble meanStability() {
            if (stability == null) {
                return OptionalDouble.empty();
            }
            double sum = 0;
            for (StabilityReport.SegmentStability s : stability.segments()) {
                sum += s.meanJaccard();
            }
            return OptionalDouble.of(sum / stability.segments().size());
        }
    }

    /** The rows of a comparison, in the order the representations were added. Immutable. */
    public static final class Result {
        private final List<Row> rows;
        private final List<String> metricNames;
        private final boolean withStability;

        Result(List<Row> rows, List<String> metricNames, boolean withStability) {
            this.rows = List.copyOf(rows);
            this.metricNames = metricNames;
            this.withStability = withStability;
        }

        /** One row per representation. */
        public List<Row> rows() {
            return rows;
        }

        /**
         * A fixed-width text table (Locale.ROOT): name, dimension, clusters, noise share, mean strength, the
         * metrics, the mean and the lowest per-cluster stability when assessed ("-" for a representation without
         * clusters), and the cluster sizes largest first.
         */
        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%-22s %4s %8s %8s %9s", "representation", "dim", "clusters",
                    "noise", "strength"));
            for (String m : metricNames) {
                sb.append(String.format(Locale.ROOT, " %12s", m));
            }
            if (withStability) {
                sb.append(String.format(Locale.ROOT, " %10s %10s", "stab mean", "stab min"));
            }
            sb.append("  sizes\n");
            for (Row r : rows) {
                sb.append(String.format(Locale.ROOT, "%-22s %4d %8d %7.1f%% %9s", r.name, r.dimension,
                        r.clusterCount(), 100 * r.noiseShare, r.meanStrength.isPresent()
                                ? String.format(Locale.ROOT, "%.3f", r.meanStrength.getAsDouble()) : "-"));
                for (String m : metricNames) {
                    sb.append(String.format(Locale.ROOT, " %12.4f", r.metrics.get(m)));
                }
                if (withStability) {
                    if (r.stability == null) {
                        sb.append(String.format(Locale.ROOT, " %10s %10s", "-", "-"));
                    } else {
                        sb.append(String.format(Locale.ROOT, " %10.3f %10.3f", r.meanStability().getAsDouble(),
                                r.stability.minMeanJaccard()));
                    }
                }
                int[] s = r.sizes();
                java.util.Arrays.sort(s);
                sb.append("  [");
                for (int i = s.length - 1; i >= 0; i--) {
                    sb.append(s[i]).append(i > 0 ? ", " : "");
                }
                sb.append("]\n");
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return table();
        }
    }

    /**
     * Settings of a comparison. Setters validate at once; {@link #build()} checks that a clusterer and at least
     * one representation are set. Not thread-safe.
     */
    public static final class Builder {
        private Clusterer clusterer;
        private final List<String> names = new ArrayList<>();
        private final List<Embedding> embeddings = new ArrayList<>();
        private Function<? super ClusterModel, double[]> strengths;
        private final LinkedHashMap<String, ToDoubleBiFunction<DataMatrix, int[]>> metrics = new LinkedHashMap<>();
        private BootstrapStability stability;

        private Builder() {
        }

        /**
         * Also assess each representation's clusters by resampling (see the class documentation); for example
         * {@code BootstrapStability.defaults().resamples(20)}.
         */
        public Builder stability(BootstrapStability stability) {
            this.stability = Objects.requireNonNull(stability, "stability");
            return this;
        }

        /** The clusterer fitted on every representation. */
        public Builder clusterer(Clusterer clusterer) {
            this.clusterer = Objects.requireNonNull(clusterer, "clusterer");
            return this;
        }

        /**
         * Adds the scaled features themselves as a representation.
         *
         * @throws IllegalArgumentException when the name is blank or already used
         */
        public Builder features(String name) {
            checkName(name);
            names.add(name);
            embeddings.add(null);
            return this;
        }

        /**
         * Adds the representation learned by {@code embedding}.
         *
         * @throws IllegalArgumentException when the name is blank or already used
         */
        public Builder embedding(String name, Embedding embedding) {
            Objects.requireNonNull(embedding, "embedding");
            checkName(name);
            names.add(name);
            embeddings.add(embedding);
            return this;
        }

        /**
         * How to read per-row membership strengths from a fitted model (e.g. HDBSCAN's probabilities); a function
         * returning an array of the wrong length, or null, means "none".
         */
        public Builder strengths(Function<? super ClusterModel, double[]> strengths) {
            this.strengths = Objects.requireNonNull(strengths, "strengths");
            return this;
        }

        /**
         * Adds a metric computed from the scaled features and the labels (e.g. silhouette or DBCV).
         *
         * @throws IllegalArgumentException when the name is blank or already used
         */
        public Builder metric(String name, ToDoubleBiFunction<DataMatrix, int[]> metric) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(metric, "metric");
            if (name.isBlank() || metrics.containsKey(name)) {
                throw new IllegalArgumentException("metric name '" + name + "' is blank or already used");
            }
            metrics.put(name, metric);
            return this;
        }

        private void checkName(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || names.contains(name)) {
                throw new IllegalArgumentException("representation name '" + name + "' is blank or already used");
            }
        }

        /**
         * The configured comparison.
         *
         * @throws IllegalStateException when no clusterer or no representation is set
         */
        public RepresentationComparison build() {
            if (clusterer == null) {
                throw new IllegalStateException("a clusterer must be set");
            }
            if (names.isEmpty()) {
                throw new IllegalStateException("at least one representation must be added");
            }
            return new RepresentationComparison(this);
        }
    }
}
