package dev.segmentation.evaluation;

import dev.segmentation.cluster.HasInertia;
import dev.segmentation.quality.internal.Checks;
import dev.segmentation.quality.InternalIndices;
import dev.segmentation.quality.Silhouette;
import dev.segmentation.quality.SilhouetteEstimate;

import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.Clusterer;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Choosing the number of clusters: an immutable sweep specification over {@code k = kMin..kMax} that fits one
 * model per k and reports, per k, the inertia, silhouette, Calinski-Harabasz and Davies-Bouldin indices
 * ({@link KScore}), the elbow of the inertia curve found by {@link Kneedle}, and the k each criterion picks
 * (highest silhouette, highest Calinski-Harabasz, lowest Davies-Bouldin; ties go to the smaller k).
 *
 * <pre>{@code
 * KSelectionResult r = KSelection.range(2, 10).by(KSelection.Criterion.SILHOUETTE)
 *     .run(x, k -> myClustererWithK(k), FitContext.seeded(42));
 * r.chosenK(); r.elbow(); r.scores();
 * }</pre>
 *
 * <p><b>Seeds.</b> Every k is fitted with the same {@link FitContext} (as a loop over scikit-learn's
 * {@code random_state} does), so the model chosen for k is the one a direct fit with that k and context gives.
 * The silhouette is exact up to {@link #exactSilhouetteUpTo(int)} rows (default 10,000) and otherwise estimated
 * from that many rows drawn with the context's stage {@code "silhouette"} seed.
 *
 * <p><b>Cost.</b> {@code kMax - kMin + 1} fits plus, per k, O(n d) for inertia, CH and DB and O(m n d) for the
 * silhouette with {@code m = min(n, exactSilhouetteUpTo)}. Deterministic for a seed and any thread count when the
 * clusterer is (every clusterer of this library is). Instances are immutable and thread-safe.
 */
public final class KSelection {
    private static final Logger LOG = LoggerFactory.getLogger(KSelection.class);

    /** What picks the chosen k. */
    public enum Criterion {
        /** The elbow of the inertia curve (Kneedle); falls back to {@link #SILHOUETTE} when there is none. */
        ELBOW,
        /** The highest mean silhouette. */
        SILHOUETTE,
        /** The highest Calinski-Harabasz index. */
        CALINSKI_HARABASZ,
        /** The lowest Davies-Bouldin index. */
        DAVIES_BOULDIN
    }

    private final int kMin;
    private final int kMax;
    private final Criterion criterion;
    private final int exactUpTo;
    private final double sensitivity;

    private KSelection(int kMin, int kMax, Criterion criterion, int exactUpTo, double sensitivity) {
        this.kMin = kMin;
        this.kMax = kMax;
        this.criterion = criterion;
        this.exactUpTo = exactUpTo;
        this.sensitivity = sensitivity;
    }

    /**
     * A sweep over {@code kMin..kMax} (inclusive), choosing by {@link Criterion#SILHOUETTE}.
     *
     * @throws IllegalArgumentException when {@code kMin < 2} or {@code kMax <= kMin}
     */
    public static KSelection range(int kMin, int kMax) {
        if (kMin < 2) {
            throw new IllegalArgumentException("kMin must be >= 2 but was " + kMin);
        }
        if (kMax <= kMin) {
            throw new IllegalArgumentException("kMax must be > kMin = " + kMin + " but was " + kMax);
        }
        return new KSelection(kMin, kMax, Criterion.SILHOUETTE, 10_000, 1.0);
    }

    /** The same sweep choosing by {@code criterion}. */
    public KSelection by(Criterion criterion) {
        return new KSelection(kMin, kMax, Objects.requireNonNull(criterion, "criterion"), exactUpTo, sensitivity);
    }

    /**
     * The same sweep computing the exact silhouette up to {@code rows} rows and a sampled estimate from
     * {@code rows} rows above.
     *
     * @throws IllegalArgumentException when {@code rows < 2}
     */
    public KSelection exactSilhouetteUpTo(int rows) {
        if (rows < 2) {
            throw new IllegalArgumentException("exactSilhouetteUpTo must be >= 2 but was " + rows);
        }
        return new KSelection(kMin, kMax, criterion, rows, sensitivity);
    }

    /**
     * The same sweep with Kneedle's sensitivity {@code S} (default 1).
     *
     * @throws IllegalArgumentException when {@code s} is negative or not finite
     */
    public KSelection sensitivity(double s) {
        if (!(s >= 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("sensitivity must be finite and >= 0 but was " + s);
        }
        return new KSelection(kMin, kMax, criterion, exactUpTo, s);
    }

    /** The smallest k swept. */
    public int kMin() {
        return kMin;
    }

    /** The largest k swept. */
    public int kMax() {
        return kMax;
    }

    /** The criterion that picks {@link KSelectionResult#chosenK()}. */
    public Criterion criterion() {
        return criterion;
    }

    /**
     * Fits {@code clustererForK.apply(k)} for every k of the range on {@code x} and scores each model.
     *
     * @throws NullPointerException when an argument is null or the factory returns null
     * @throws IllegalArgumentException when {@code x} has fewer than {@code kMax + 1} rows or a non-finite value,
     *     or a fitted labelling cannot be scored (fewer than 2 distinct labels): the message names the k
     */
    public KSelectionResult run(DataMatrix x, IntFunction<? extends Clusterer> clustererForK, FitContext context) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(clustererForK, "clustererForK");
        Objects.requireNonNull(context, "context");
        if (x.rows() <= kMax) {
            throw new IllegalArgumentException("x has " + x.rows() + " rows; a sweep up to k = " + kMax
                    + " needs at least " + (kMax + 1));
        }
        Checks.dataAndLabels(x, new int[x.rows()]);
        int count = kMax - kMin + 1;
        List<KScore> scores = new ArrayList<>(count);
        List<ClusterModel> models = new ArrayList<>(count);
        long silhouetteSeed = context.stage("silhouette").seed();
        for (int k = kMin; k <= kMax; k++) {
            context.checkCancelled();
            Clusterer c = Objects.requireNonNull(clustererForK.apply(k), "clusterer for k = " + k);
            ClusterModel model = c.fit(x, context);
            int[] labels = model.labels();
            KScore s;
            try {
                double inertia = model instanceof HasInertia ? ((HasInertia) model).inertia()
                        : InternalIndices.inertia(x, labels);
                double sil;
                double se;
                if (x.rows() <= exactUpTo) {
                    sil = Silhouette.score(x, labels, context.threads());
                    se = 0;
                } else {
                    SilhouetteEstimate e = Silhouette.sampled(x, labels, exactUpTo, silhouetteSeed,
                            context.threads());
                    sil = e.estimate();
                    se = e.standardError();
                }
                s = new KScore(k, model.clusterCount(), inertia, sil, se, InternalIndices.calinskiHarabasz(x, labels),
                        InternalIndices.daviesBouldin(x, labels));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("k = " + k + ": " + e.getMessage(), e);
            }
            scores.add(s);
            models.add(model);
            context.listener().progress("kselection", k - kMin + 1, count);
        }
        double[] ks = new double[count];
        double[] inertia = new double[count];
        int bestSil = 0;
        int bestCh = 0;
        int bestDb = 0;
        for (int i = 0; i < count; i++) {
            KScore s = scores.get(i);
            ks[i] = s.k();
            inertia[i] = s.inertia();
            if (s.silhouette() > scores.get(bestSil).silhouette()) {
                bestSil = i;
            }
            if (s.calinskiHarabasz() > scores.get(bestCh).calinskiHarabasz()) {
                bestCh = i;
            }
            if (s.daviesBouldin() < scores.get(bestDb).daviesBouldin()) {
                bestDb = i;
            }
        }
        OptionalInt knee = Kneedle.convexDecreasing(ks, inertia, sensitivity);
        OptionalInt elbow = knee.isPresent() ? OptionalInt.of(kMin + knee.getAsInt()) : OptionalInt.empty();
        int chosen;
        switch (criterion) {
            case ELBOW:
                if (elbow.isPresent()) {
                    chosen = elbow.getAsInt();
                } else {
                    LOG.warn("no elbow in the inertia curve for k = {}..{}; choosing by silhouette", kMin, kMax);
                    chosen = kMin + bestSil;
                }
                break;
            case CALINSKI_HARABASZ:
                chosen = kMin + bestCh;
                break;
            case DAVIES_BOULDIN:
                chosen = kMin + bestDb;
                break;
            default:
                chosen = kMin + bestSil;
                break;
        }
        return new KSelectionResult(criterion, scores, models, elbow, kMin + bestSil, kMin + bestCh, kMin + bestDb,
                chosen);
    }

    /**
     * A {@link Clusterer} that sweeps this selection's range with {@code kmeans.withK(k)} and returns the chosen
     * K-Means model: the k-selection step of a pipeline ({@code Segmenter.builder().clusterer(
     * KSelection.range(2, 10).sweep(KMeans.builder().nInit(4).build()))}). The fitted model is the model a direct fit
     * with the chosen k gives, bit for bit, so it saves and predicts as any K-Means model; the sweep's table is
     * logged at INFO and available from {@link #run}. Cost: one fit per k plus the scoring.
     *
     * @throws NullPointerException when {@code kmeans} is null
     */
    public Clusterer sweep(dev.segmentation.cluster.KMeans kmeans) {
        java.util.Objects.requireNonNull(kmeans, "kmeans");
        KSelection self = this;
        return new Clusterer() {
            @Override
            public String name() {
                return "kmeans";
            }

            @Override
            public ClusterModel fit(DataMatrix x, FitContext context) {
                KSelectionResult r = self.run(x, kmeans::withK, context);
                org.slf4j.LoggerFactory.getLogger(KSelection.class).info("k selection {} chose k = {} from {}", self,
                        r.chosenK(), r.scores());
                return r.chosenModel();
            }

            @Override
            public String toString() {
                return "KSelection.sweep(" + self + ", " + kmeans + ")";
            }
        };
    }

    @Override
    public String toString() {
        return "KSelection[" + kMin + ".." + kMax + " by " + criterion + "]";
    }
}
