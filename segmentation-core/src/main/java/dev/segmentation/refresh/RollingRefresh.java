package dev.segmentation.refresh;

import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentProfile;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.Transactions;
import dev.segmentation.evaluation.BootstrapStability;
import dev.segmentation.evaluation.StabilityReport;
import dev.segmentation.fit.FitContext;
import dev.segmentation.internal.Seeds;
import dev.segmentation.stability.Alignment;
import dev.segmentation.stability.SegmentAlignment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A rolling evaluation of refresh strategies for K-Means segmentations: over a sequence of windows (for example 9
 * months shifted by one month), each strategy keeps its own saved model and stable segment IDs, and on every
 * window after the first records the {@link DecomposedMigration} from the previous window (behaviour change and
 * model change), the inertia of its partition against a cold refit and the per-segment bootstrap Jaccard.
 *
 * <p><b>Strategies</b> ({@link Strategy}): {@code COLD} refits from k-means++ ({@code nInit} restarts) on every
 * window; {@code WARM} refits from the saved model's centres mapped through the new scaling
 * ({@link WarmStart#kMeans}) and runs Lloyd to convergence; {@code WARM_HYSTERESIS} runs sticky Lloyd
 * ({@link Hysteresis#refine}) from the same centres, anchored on the saved model's prediction for the new window, so
 * an entity leaves its predicted segment only when the refit's centre is closer by more than the hysteresis gain
 * (its segments keep their IDs, no realignment; the saved model becomes a K-Means model on the refined centres after
 * one Lloyd step, while the reported labels are the sticky ones); {@code POLICY} asks the
 * saved model's {@link RefreshBaseline} and either re-scores with the saved model (model change 0 by construction)
 * or refits as {@code WARM_HYSTERESIS} does; {@code BOUNDED} and {@code BOUNDED_RESCALED} refit with
 * {@link BoundedRefit}: the least model change whose partition stays within {@link Builder#inertiaBudget} of the
 * cold refit, in the saved model's scaled space (its scaler kept) or the new window's; {@code BOUNDED_CHANGE}
 * holds the model change to {@link Builder#changeBudget} instead and takes the least inertia under it.
 *
 * <p><b>Which labels are "new".</b> Model change (b) is always the saved model's prediction on the new window against
 * the strategy's new label. Under {@code WARM_HYSTERESIS} (and {@code POLICY} when it refits) the new labels are the
 * sticky labels of {@link Hysteresis#refine}, not the refitted model's own prediction: that model, scoring without
 * the previous labels, puts each entity at its nearest centre. {@link WindowResult#ownModelRate()} reports the model
 * change under the refitted model's own prediction beside it. For every other strategy the two are the same.
 *
 * <p><b>IDs.</b> The first window's cold fit gives IDs 0..k-1 to every strategy. A refit's segments take the IDs of
 * the saved model's prediction on the same window (Hungarian matching on entities, {@link SegmentAlignment}); an
 * unmatched segment gets a new ID, never a reused one.
 *
 * <p><b>Inertia against a cold refit.</b> Every partition of window t is measured in the cold refit's scaled space
 * as {@code sum ||x - mean of its segment||^2} (segment means recomputed), over the entities both partitions hold;
 * {@link WindowResult#inertiaRatio()} divides it by the cold partition's. A re-scored partition is measured the
 * same way.
 *
 * <p><b>Bootstrap.</b> With {@code resamples > 0}, {@link BootstrapStability} (Hennig 2007) refits each strategy's
 * clusterer (cold: k-means++ restarts; the others: the warm start from the saved model) on resamples of window t.
 *
 * <p>Cost per window: one cold fit, up to three warm fits, one prediction per strategy and, with bootstrap,
 * {@code resamples} fits per strategy. Deterministic for the pipeline's seed and {@link Builder#seed(long)}.
 * Instances are immutable and thread-safe if the pipeline supplier is.
 */
public final class RollingRefresh {
    /** The refresh strategies compared. */
    public enum Strategy {
        /** Refit from k-means++ restarts on every window. */
        COLD,
        /** Refit from the saved model's centres, mapped through the new scaling. */
        WARM,
        /** Sticky Lloyd from the saved model's centres, anchored on its prediction for the new window. */
        WARM_HYSTERESIS,
        /** Re-score, or refit as {@code WARM_HYSTERESIS}, as the saved model's refresh baseline decides. */
        POLICY,
        /**
         * The least-change refit within an inertia budget ({@link BoundedRefit}) in the saved model's feature space
         * (its scaler is kept, so a re-scaling moves nobody).
         */
        BOUNDED,
        /** As {@code BOUNDED}, but in the new window's scaled space (the saved centres mapped through it). */
        BOUNDED_RESCALED,
        /**
         * The dual of {@code BOUNDED}: the least inertia whose model change is at most {@link Builder#changeBudget}
         * ({@link BoundedRefit.Bound#change}), in the saved model's feature space; the inertia it costs against a
         * cold refit is reported, not bounded.
         */
        BOUNDED_CHANGE
    }

    /**
     * One strategy on one window after the first.
     *
     * @param window the window's index (1 for the second window)
     * @param name the window's name
     * @param strategy the strategy
     * @param migration the decomposed migration from the previous window
     * @param inertia the strategy's partition inertia in the cold refit's space
     * @param coldInertia the cold partition's inertia over the same entities
     * @param jaccardById mean bootstrap Jaccard of each segment by stable ID (empty without bootstrap)
     * @param namesById the name of each stable ID in the strategy's current model
     * @param decision the policy's decision (null for the other strategies)
     * @param refitted whether the strategy's saved model changed on this window
     * @param ownModelRate the model-change rate when the new labels are the new saved model's own prediction on
     *     the window; equal to the migration's model rate except under hysteresis, whose reported labels are the
     *     sticky ones (the saved model, scoring without the previous labels, predicts its nearest centre)
     * @param refit for the bounded strategies, the choice (chosen candidate and the Lloyd path; null otherwise)
     * @param coldStructure the cold refit's clusters (its own labels) against the saved model's prediction (stable
     *     IDs) over the entities in both windows ({@link ClusterLineage} defaults): whether the new window holds
     *     new structure (births, deaths, splits, merges) relative to the saved segments
     */
    public record WindowResult(int window, String name, Strategy strategy, DecomposedMigration migration,
            double inertia, double coldInertia, Map<Integer, Double> jaccardById, Map<Integer, String> namesById,
            RefreshDecision decision, boolean refitted, double ownModelRate, BoundedRefit.Result refit,
            ClusterLineage.Events coldStructure) {
        /** {@code inertia / coldInertia} (1 for the cold strategy). */
        public double inertiaRatio() {
            return coldInertia == 0 ? 1.0 : inertia / coldInertia;
        }

        /** The smallest per-segment bootstrap Jaccard (NaN without bootstrap). */
        public double minJaccard() {
            return jaccardById.values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }
    }

    private final Supplier<Segmenter.Builder> pipeline;
    private final int k;
    private final int nInit;
    private final double hysteresis;
    private final double inertiaBudget;
    private final double changeBudget;
    private final RefreshPolicy policy;
    private final int resamples;
    private final long seed;
    private final UnaryOperator<SegmentationModel> roundTrip;

    private RollingRefresh(Builder b) {
        this.pipeline = b.pipeline;
        this.k = b.k;
        this.nInit = b.nInit;
        this.hysteresis = b.hysteresis;
        this.inertiaBudget = b.inertiaBudget;
        this.changeBudget = b.changeBudget;
        this.policy = b.policy;
        this.resamples = b.resamples;
        this.seed = b.seed;
        this.roundTrip = b.roundTrip;
    }

    /** The fresh fit {@code m} with its refresh baseline attached, through the caller's save-and-load. */
    private SegmentationModel persist(SegmentationModel m) {
        SegmentationModel out = roundTrip.apply(RefreshBaseline.attach(m, policy.baseline(m)));
        if (RefreshBaseline.of(out).isEmpty()) {
            throw new IllegalStateException("the saved model lost its refresh baseline in the round trip");
        }
        return out;
    }

    /**
     * A builder: k 5, nInit 10, hysteresis 0.1, inertia budget 0.02, the default policy, 20 bootstrap resamples,
     * seed 0.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs every strategy over {@code windows}.
     *
     * @param names a name per window
     * @param windows the windows' transactions, in time order
     * @return per strategy, one result per window after the first
     * @throws NullPointerException when an argument or element is null
     * @throws IllegalArgumentException when the lists differ in length or hold fewer than 2 windows; errors of the
     *     pipeline's fit propagate
     */
    public Map<Strategy, List<WindowResult>> run(List<String> names, List<Transactions> windows) {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(windows, "windows");
        if (names.size() != windows.size()) {
            throw new IllegalArgumentException(names.size() + " names but " + windows.size() + " windows");
        }
        if (windows.size() < 2) {
            throw new IllegalArgumentException("a rolling evaluation needs at least 2 windows but got "
                    + windows.size());
        }
        SegmentationModel first = cold(windows.get(0));
        Map<Strategy, Chain> chains = new EnumMap<>(Strategy.class);
        Map<Strategy, List<WindowResult>> out = new EnumMap<>(Strategy.class);
        for (Strategy s : Strategy.values()) {
            chains.put(s, new Chain(first, persist(first)));
            out.put(s, new ArrayList<>());
        }
        for (int t = 1; t < windows.size(); t++) {
            Transactions w = Objects.requireNonNull(windows.get(t), "window " + t);
            SegmentationModel cold = cold(w);
            DataMatrix x = cold.scaler().transform(cold.features()).matrix();
            Map<String, Integer> coldRow = new HashMap<>();
            for (int i = 0; i < cold.entityIds().size(); i++) {
                coldRow.put(cold.entityIds().get(i), i);
            }
            for (Strategy s : Strategy.values()) {
                out.get(s).add(step(t, names.get(t), s, chains.get(s), w, cold, x, coldRow));
            }
        }
        return out;
    }

    private WindowResult step(int t, String name, Strategy strategy, Chain chain, Transactions w,
            SegmentationModel cold, DataMatrix x, Map<String, Integer> coldRow) {
        SegmentationModel saved = chain.saved;
        SegmentAssignments scored = saved.predict(w);
        int[] rescored = chain.toStable(scored.labels());
        List<String> sharedIds = new ArrayList<>();
        int[] sharedLabels = new int[scored.entityIds().size()];
        for (int i = 0; i < scored.entityIds().size(); i++) {
            if (chain.prevStable.containsKey(scored.entityIds().get(i))) {
                sharedLabels[sharedIds.size()] = rescored[i];
                sharedIds.add(scored.entityIds().get(i));
            }
        }
        ClusterLineage.Events structure = ClusterLineage.defaults().between(sharedIds,
                Arrays.copyOf(sharedLabels, sharedIds.size()), cold.entityIds(), cold.labels());
        RefreshDecision decision = null;
        boolean refit = true;
        if (strategy == Strategy.POLICY) {
            decision = chain.baseline.decide(saved, scored);
            refit = decision.action() == RefreshDecision.Action.REFIT;
        }
        SegmentationModel next;
        BoundedRefit.Result chosen = null;
        List<String> newIds;
        int[] newLabels;
        if (!refit) {
            next = saved;
            newIds = scored.entityIds();
            newLabels = scored.labels();
        } else if (strategy == Strategy.WARM_HYSTERESIS || strategy == Strategy.POLICY) {
            // sticky Lloyd anchored on the saved model's prediction, in the cold refit's (= the new) scaled space
            Map<String, Integer> scoredLabel = new HashMap<>();
            for (int i = 0; i < scored.entityIds().size(); i++) {
                scoredLabel.put(scored.entityIds().get(i), scored.labels()[i]);
            }
            int[] anchor = new int[cold.entityIds().size()];
            for (int i = 0; i < anchor.length; i++) {
                anchor[i] = scoredLabel.getOrDefault(cold.entityIds().get(i), -1);
            }
            DataMatrix c0 = WarmStart.centres(saved, cold.scaler());
            Hysteresis.Refined rf = Hysteresis.refine(x, c0, anchor, hysteresis, 300);
            next = pipeline.get().clusterer(BoundedRefit.fixedCentres(rf.centres())).build().fit(w);
            newIds = cold.entityIds();
            newLabels = rf.assignment().labels();
        } else if (strategy == Strategy.BOUNDED || strategy == Strategy.BOUNDED_RESCALED
                || strategy == Strategy.BOUNDED_CHANGE) {
            BoundedRefit.Bound bound = strategy == Strategy.BOUNDED_CHANGE ? BoundedRefit.Bound.change(changeBudget)
                    : BoundedRefit.Bound.inertia(inertiaBudget);
            BoundedRefit.Refit br = BoundedRefit.refit(saved, scored, cold, pipeline.get(), w, bound,
                    strategy != Strategy.BOUNDED_RESCALED);
            chosen = br.choice();
            next = br.model();
            newIds = next.entityIds();
            newLabels = next.labels();
        } else if (strategy == Strategy.COLD) {
            next = cold;
            newIds = cold.entityIds();
            newLabels = cold.labels();
        } else {
            next = pipeline.get().clusterer(WarmStart.kMeans(saved, cold.scaler()).build()).build().fit(w);
            newIds = next.entityIds();
            newLabels = next.labels();
        }
        int[] modelToStable = chain.modelToStable;
        if (refit && (strategy == Strategy.COLD || strategy == Strategy.WARM)) {
            Alignment a = SegmentAlignment.defaults().nextId(chain.nextId).byEntities(scored.entityIds(), rescored,
                    newIds, newLabels);
            int kk = next.clusterModel().clusterCount();
            modelToStable = new int[kk];
            int nextId = a.nextId();
            List<Integer> present = new ArrayList<>();
            for (int l : a.newLabels()) {
                present.add(l);
            }
            for (int l = 0; l < kk; l++) {
                modelToStable[l] = present.contains(l) ? a.stableId(l) : nextId++;
            }
            chain.nextId = Math.max(chain.nextId, nextId);
        }
        int[] newStable = map(newLabels, modelToStable);
        DecomposedMigration mig = DecomposedMigration.of(chain.prevIds, chain.prevLabels, scored.entityIds(),
                rescored, newIds, newStable);
        double ownRate = mig.modelRate();
        if (refit && (strategy == Strategy.WARM_HYSTERESIS || strategy == Strategy.POLICY)) {
            ownRate = DecomposedMigration.of(chain.prevIds, chain.prevLabels, scored.entityIds(), rescored,
                    next.entityIds(), map(next.labels(), modelToStable)).modelRate();
        }
        // the partition against the cold refit, in the cold refit's space, over the entities both hold
        int[] rows = new int[newIds.size()];
        int m = 0;
        int[] mine = new int[newIds.size()];
        for (int i = 0; i < newIds.size(); i++) {
            Integer r = coldRow.get(newIds.get(i));
            if (r != null) {
                rows[m] = r;
                mine[m] = newStable[i];
                m++;
            }
        }
        rows = Arrays.copyOf(rows, m);
        mine = Arrays.copyOf(mine, m);
        DataMatrix xs = x.selectRows(rows);
        int[] coldLabels = new int[m];
        for (int i = 0; i < m; i++) {
            coldLabels[i] = cold.labels()[rows[i]];
        }
        double inertia = partitionInertia(xs, mine);
        double coldInertia = partitionInertia(xs, coldLabels);
        Map<Integer, Double> jaccard = new TreeMap<>();
        if (resamples > 0) {
            KMeans clusterer = strategy == Strategy.COLD ? KMeans.builder().k(k).nInit(nInit).build()
                    : WarmStart.kMeans(saved, cold.scaler()).build();
            StabilityReport rep = BootstrapStability.defaults().resamples(resamples).assess(xs, mine, clusterer,
                    FitContext.seeded(Seeds.derive(Seeds.derive(seed, strategy.name()), t)));
            for (StabilityReport.SegmentStability s : rep.segments()) {
                jaccard.put(s.segment(), s.meanJaccard());
            }
        }
        Map<Integer, String> namesById = new TreeMap<>();
        for (SegmentProfile p : next.profiles()) {
            if (p.segment() >= 0) {
                namesById.put(modelToStable[p.segment()], p.name());
            }
        }
        chain.saved = refit ? persist(next) : saved;
        chain.modelToStable = modelToStable;
        chain.baseline = RefreshBaseline.of(chain.saved).orElseThrow();
        chain.remember(newIds, newStable);
        return new WindowResult(t, name, strategy, mig, inertia, coldInertia, jaccard, namesById, decision, refit,
                ownRate, chosen, structure);
    }

    private SegmentationModel cold(Transactions w) {
        return pipeline.get().clusterer(KMeans.builder().k(k).nInit(nInit).build()).build().fit(w);
    }

    private static int[] map(int[] labels, int[] modelToStable) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i] < 0 ? -1 : modelToStable[labels[i]];
        }
        return out;
    }

    /**
     * {@code sum_i ||x_i - mean of the rows with label l_i||^2}, noise rows ({@code -1}) left out. O(n d).
     *
     * @throws IllegalArgumentException when the lengths differ
     */
    public static double partitionInertia(DataMatrix x, int[] labels) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(labels, "labels");
        if (labels.length != x.rows()) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries but x has " + x.rows()
                    + " rows");
        }
        int d = x.cols();
        double[] v = x.toArray();
        Map<Integer, double[]> sums = new LinkedHashMap<>();
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                continue;
            }
            double[] s = sums.computeIfAbsent(labels[i], l -> new double[d]);
            for (int j = 0; j < d; j++) {
                s[j] += v[i * d + j];
            }
            counts.merge(labels[i], 1, Integer::sum);
        }
        sums.forEach((l, s) -> {
            int c = counts.get(l);
            for (int j = 0; j < d; j++) {
                s[j] /= c;
            }
        });
        double total = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                continue;
            }
            double[] mu = sums.get(labels[i]);
            for (int j = 0; j < d; j++) {
                double df = v[i * d + j] - mu[j];
                total += df * df;
            }
        }
        return total;
    }

    /** One strategy's saved model and the IDs it carries. */
    private static final class Chain {
        SegmentationModel saved;
        int[] modelToStable;
        RefreshBaseline baseline;
        List<String> prevIds;
        int[] prevLabels;
        Map<String, Integer> prevStable;
        int nextId;

        Chain(SegmentationModel first, SegmentationModel saved) {
            this.saved = saved;
            int kk = first.clusterModel().clusterCount();
            modelToStable = new int[kk];
            for (int l = 0; l < kk; l++) {
                modelToStable[l] = l;
            }
            nextId = kk;
            baseline = RefreshBaseline.of(saved).orElseThrow();
            remember(first.entityIds(), first.labels().clone());
        }

        int[] toStable(int[] labels) {
            return map(labels, modelToStable);
        }

        void remember(List<String> ids, int[] stable) {
            prevIds = ids;
            prevLabels = stable;
            prevStable = new HashMap<>(ids.size() * 2);
            for (int i = 0; i < ids.size(); i++) {
                prevStable.put(ids.get(i), stable[i]);
            }
        }
    }

    /** Settings of a {@link RollingRefresh}; each setter validates at once. Not thread-safe. */
    public static final class Builder {
        private Supplier<Segmenter.Builder> pipeline;
        private int k = 5;
        private int nInit = 10;
        private double hysteresis = 0.1;
        private double inertiaBudget = 0.02;
        private double changeBudget = 0.05;
        private RefreshPolicy policy = RefreshPolicy.defaults();
        private int resamples = 20;
        private long seed;
        private UnaryOperator<SegmentationModel> roundTrip = UnaryOperator.identity();

        private Builder() {
        }

        /**
         * A fresh segmenter builder per fit, with everything but the clusterer (features, scaling, seed, namer):
         * the evaluation sets the clusterer. The pipeline must not have an embedding.
         */
        public Builder pipeline(Supplier<Segmenter.Builder> pipeline) {
            this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
            return this;
        }

        /** @throws IllegalArgumentException when {@code k < 1} */
        public Builder k(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("k must be >= 1 but was " + k);
            }
            this.k = k;
            return this;
        }

        /** Restarts of the cold fits. @throws IllegalArgumentException when {@code nInit < 1} */
        public Builder nInit(int nInit) {
            if (nInit < 1) {
                throw new IllegalArgumentException("nInit must be >= 1 but was " + nInit);
            }
            this.nInit = nInit;
            return this;
        }

        /**
         * The squared-distance gain (in scaled units) a move must exceed under {@code WARM_HYSTERESIS}; 0 makes it
         * equal to {@code WARM}. @throws IllegalArgumentException when negative or not finite
         */
        public Builder hysteresis(double minGain) {
            if (!(minGain >= 0) || Double.isInfinite(minGain)) {
                throw new IllegalArgumentException("hysteresis must be >= 0 and finite but was " + minGain);
            }
            this.hysteresis = minGain;
            return this;
        }

        /**
         * The relative inertia allowance above a cold refit of the bounded strategies ({@link BoundedRefit}).
         * @throws IllegalArgumentException when negative or not finite
         */
        public Builder inertiaBudget(double budget) {
            if (!(budget >= 0) || Double.isInfinite(budget)) {
                throw new IllegalArgumentException("inertiaBudget must be >= 0 and finite but was " + budget);
            }
            this.inertiaBudget = budget;
            return this;
        }

        /**
         * The largest model-change rate of the {@code BOUNDED_CHANGE} strategy (default 0.05).
         * @throws IllegalArgumentException when outside [0, 1]
         */
        public Builder changeBudget(double maxChange) {
            if (!(maxChange >= 0 && maxChange <= 1)) {
                throw new IllegalArgumentException("changeBudget must be in [0, 1] but was " + maxChange);
            }
            this.changeBudget = maxChange;
            return this;
        }

        /** The policy of the {@code POLICY} strategy. */
        public Builder policy(RefreshPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Bootstrap resamples per strategy and window (0 turns the bootstrap off). */
        public Builder resamples(int resamples) {
            if (resamples < 0) {
                throw new IllegalArgumentException("resamples must be >= 0 but was " + resamples);
            }
            this.resamples = resamples;
            return this;
        }

        /** The seed of the bootstrap. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * How every refitted model is saved and loaded again (for example through a model file), with its
         * {@link RefreshBaseline} attached; each strategy scores the next window with the loaded model. Default: no
         * round trip.
         */
        public Builder roundTrip(UnaryOperator<SegmentationModel> roundTrip) {
            this.roundTrip = Objects.requireNonNull(roundTrip, "roundTrip");
            return this;
        }

        /** The evaluation. @throws IllegalStateException when no pipeline was set */
        public RollingRefresh build() {
            if (pipeline == null) {
                throw new IllegalStateException("pipeline is required: set it with pipeline(...)");
            }
            return new RollingRefresh(this);
        }
    }
}
