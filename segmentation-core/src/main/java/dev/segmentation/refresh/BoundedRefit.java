package dev.segmentation.refresh;

import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.Clusterer;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.fit.FitContext;
import dev.segmentation.pipeline.Frame;
import dev.segmentation.pipeline.StepFit;
import dev.segmentation.scaling.FittedScaler;
import dev.segmentation.scaling.Scaler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A K-Means refit that moves the saved model's centres as little as it must: among candidate centre sets between
 * the saved centres and two targets, it picks the one whose nearest-centre partition changes the fewest entities
 * (against the saved model's prediction for the new window) while the partition's inertia stays within
 * {@code budget} of a reference partition (a cold refit with the same k). A trust region whose radius is set by an
 * inertia tolerance instead of a distance.
 *
 * <p><b>Candidates.</b> (1) The Lloyd path from the saved centres: iterate 0 (the saved centres themselves), 1, 2,
 * ... up to convergence or {@code maxLloyd} iterations. (2) For each target {@code T} (the converged Lloyd centres,
 * and the reference partition's means with each reference segment matched to the saved segment it shares most
 * entities with, greedily by overlap) and each non-empty subset {@code S} of centres (all subsets up to k = 6,
 * single centres and all of them beyond), the centres {@code c_j + lambda (T_j - c_j)} for {@code j} in
 * {@code S}, {@code lambda} in {@code 1/16, 2/16, ..., 1}. (3) Sticky Lloyd ({@link Hysteresis#refine}) anchored on
 * the saved labels, with thresholds of 0.025 to 3 times the mean squared distance of a row to its nearest saved
 * centre (a threshold calibrated on the data's scale); its centres are then used with nearest-centre labels. A
 * candidate leaving a centre without rows is skipped.
 *
 * <p><b>Choice.</b> Under an inertia bound ({@link Bound#inertia}, the default): the smallest change among
 * candidates with {@code inertia <= (1 + budget) reference}; ties to the lower inertia, then to the earlier
 * candidate. When no candidate meets the budget the lowest-inertia one is returned and {@link Result#withinBudget()}
 * is false. Under a change bound ({@link Bound#change}, the dual): the lowest inertia among candidates whose change
 * rate is at most {@code maxChange}; ties to the smaller change. The saved centres themselves (Lloyd iteration 0)
 * change nobody in the saved model's space, so this bound is always met there; the inertia it costs is reported. Inertia is {@link RollingRefresh#partitionInertia} of the
 * labels in the reference's space ({@code xReference}; segment means recomputed), so the budget is measured the way
 * the rolling evaluation reports it.
 *
 * <p><b>Consistency.</b> The returned labels are the nearest-centre labels of the returned centres, so a K-Means
 * model on those centres ({@link #fixedCentres}) predicts exactly them: the model change the rolling evaluation
 * reports is the model's own prediction, with no stickiness that the saved model would not reproduce. The centres
 * are not a Lloyd fixed point (they need not be the means of their segments).
 *
 * <p>Cost: {@code O(C n k d)} for {@code C} candidates (about {@code 2 x 16 x (2^k - 1)} plus the Lloyd path;
 * about 1,000 for k = 5). Deterministic. Stateless and thread-safe.
 */
public final class BoundedRefit {
    private static final int STEPS = 16;
    private static final int MAX_SUBSET_K = 6;
    /** Sticky Lloyd thresholds, in units of the mean squared distance to the nearest saved centre. */
    static final double[] STICKY = {0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0};

    private BoundedRefit() {
    }

    /**
     * One evaluated candidate.
     *
     * @param path "lloyd" (then {@code step} is the iteration), "toLloyd", "toReference" or "sticky"
     * @param step the Lloyd iteration, {@code lambda} times 16, or the index of the sticky threshold
     * @param moved a bit per centre moved (all for the Lloyd path)
     * @param changeRate the share of anchored rows whose label differs from their anchor
     * @param inertiaRatio the partition inertia over the reference's
     */
    public record Candidate(String path, int step, int moved, double changeRate, double inertiaRatio) {
    }

    /**
     * The chosen refit.
     *
     * @param centres {@code k x d}, in the space of {@code x}
     * @param labels the nearest-centre label of every row of {@code x}
     * @param chosen the chosen candidate
     * @param withinBudget whether the chosen candidate meets the budget
     * @param candidates how many candidates were evaluated
     * @param lloydPath the Lloyd path's candidates, iteration 0 first (a record of the trade-off)
     */
    public record Result(DataMatrix centres, int[] labels, Candidate chosen, boolean withinBudget, int candidates,
            List<Candidate> lloydPath) {
    }

    /**
     * A bounded refit as a saved model.
     *
     * @param model the refitted model: the pipeline's steps with the chosen centres (and the saved scaler when kept)
     * @param choice the choice behind it
     */
    public record Refit(SegmentationModel model, Result choice) {
    }

    /**
     * What the choice holds fixed: an inertia allowance (then the change is minimised) or a change allowance (then
     * the inertia is minimised).
     *
     * @param kind which of the two
     * @param limit the relative inertia allowance above the reference, or the largest change rate
     */
    public record Bound(Kind kind, double limit) {
        /** Which quantity the bound holds. */
        public enum Kind {
            /** Inertia at most {@code (1 + limit)} times the reference's; least change. */
            INERTIA,
            /** Change rate at most {@code limit}; least inertia. */
            CHANGE
        }

        /**
         * @throws NullPointerException when {@code kind} is null
         * @throws IllegalArgumentException when the limit is negative or not finite, or a change limit exceeds 1
         */
        public Bound {
            Objects.requireNonNull(kind, "kind");
            if (kind == Kind.INERTIA && (!(limit >= 0) || Double.isInfinite(limit))) {
                throw new IllegalArgumentException("budget must be >= 0 and finite but was " + limit);
            }
            if (kind == Kind.CHANGE && !(limit >= 0 && limit <= 1)) {
                throw new IllegalArgumentException("maxChange must be in [0, 1] but was " + limit);
            }
        }

        /** The least change with inertia within {@code budget} (relative) of the reference. */
        public static Bound inertia(double budget) {
            return new Bound(Kind.INERTIA, budget);
        }

        /** The least inertia with a change rate of at most {@code maxChange}. */
        public static Bound change(double maxChange) {
            return new Bound(Kind.CHANGE, maxChange);
        }

        boolean meets(Candidate c) {
            return kind == Kind.INERTIA ? c.inertiaRatio() <= 1 + limit : c.changeRate() <= limit;
        }

        /** Whether {@code c} is better than {@code best}, both meeting the bound or both not. */
        boolean better(Candidate c, Candidate best, boolean ok) {
            if (ok == (kind == Kind.INERTIA)) {
                // least change (inertia bound met), or, when a change bound is missed, the least change too
                return c.changeRate() < best.changeRate()
                        || (c.changeRate() == best.changeRate() && c.inertiaRatio() < best.inertiaRatio());
            }
            return c.inertiaRatio() < best.inertiaRatio()
                    || (c.inertiaRatio() == best.inertiaRatio() && c.changeRate() < best.changeRate());
        }
    }

    /**
     * Refits {@code saved} on {@code window} with the least model change within {@code budget} of {@code cold}.
     * The anchor is {@code scored} (the saved model's prediction on the window) for the entities the saved model was
     * trained on, so the change counted is the model change over entities in both windows; inertia is measured in
     * the cold refit's scaled space.
     *
     * @param saved the saved K-Means model
     * @param scored {@code saved.predict(window)}
     * @param cold a cold K-Means refit on {@code window} with the same pipeline and k (the reference)
     * @param pipeline the saved model's pipeline (features, scaling recipe, namer, seed) without a clusterer; its
     *     clusterer (and, with {@code keepScaler}, its scaler) is replaced
     * @param window the new window's transactions
     * @param budget the relative inertia allowance above the cold refit (>= 0)
     * @param keepScaler refit in the saved model's scaled space (true) or in the new window's (false)
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException as {@link #choose} and {@link WarmStart#centres}
     */
    public static Refit refit(SegmentationModel saved, SegmentAssignments scored, SegmentationModel cold,
            Segmenter.Builder pipeline, Transactions window, double budget, boolean keepScaler) {
        return refit(saved, scored, cold, pipeline, window, Bound.inertia(budget), keepScaler);
    }

    /**
     * As {@link #refit(SegmentationModel, SegmentAssignments, SegmentationModel, Segmenter.Builder, Transactions,
     * double, boolean)}, under either bound.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException as {@link #choose} and {@link WarmStart#centres}
     */
    public static Refit refit(SegmentationModel saved, SegmentAssignments scored, SegmentationModel cold,
            Segmenter.Builder pipeline, Transactions window, Bound bound, boolean keepScaler) {
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(saved, "saved");
        Objects.requireNonNull(scored, "scored");
        Objects.requireNonNull(cold, "cold");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(window, "window");
        DataMatrix x = cold.scaler().transform(cold.features()).matrix();
        DataMatrix xb = keepScaler ? saved.scaler().transform(cold.features()).matrix() : x;
        DataMatrix c0 = WarmStart.centres(saved, keepScaler ? saved.scaler() : cold.scaler());
        Map<String, Integer> scoredLabel = new HashMap<>();
        for (int i = 0; i < scored.entityIds().size(); i++) {
            scoredLabel.put(scored.entityIds().get(i), scored.labels()[i]);
        }
        Set<String> before = new HashSet<>(saved.entityIds());
        int[] anchor = new int[cold.entityIds().size()];
        for (int i = 0; i < anchor.length; i++) {
            String id = cold.entityIds().get(i);
            anchor[i] = before.contains(id) ? scoredLabel.getOrDefault(id, -1) : -1;
        }
        Result r = choose(xb, c0, anchor, x, cold.labels(), bound, 300);
        pipeline.clusterer(fixedCentres(r.centres()));
        if (keepScaler) {
            pipeline.scaling(keep(saved.scaler()));
        }
        return new Refit(pipeline.build().fit(window), r);
    }

    /**
     * Chooses the refit (see the class comment).
     *
     * @param x the new window's rows in the refit's space (for example the saved model's scaled space)
     * @param previousCentres the saved model's centres in the space of {@code x}, {@code k x d}
     * @param anchor per row of {@code x}, the saved model's label, or -1 for a row the change does not count
     * @param xReference the same rows in the space the inertia is measured in (for example the cold refit's)
     * @param referenceLabels the reference partition's label per row (for example the cold refit's; -1: none)
     * @param budget the relative inertia allowance above the reference (>= 0)
     * @param maxLloyd the most Lloyd iterations of the path (>= 1)
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when row counts or columns differ, an anchor is outside [-1, k), the budget
     *     is negative or not finite, or {@code maxLloyd < 1}
     */
    public static Result choose(DataMatrix x, DataMatrix previousCentres, int[] anchor, DataMatrix xReference,
            int[] referenceLabels, double budget, int maxLloyd) {
        return choose(x, previousCentres, anchor, xReference, referenceLabels, Bound.inertia(budget), maxLloyd);
    }

    /**
     * As {@link #choose(DataMatrix, DataMatrix, int[], DataMatrix, int[], double, int)}, under either bound
     * ({@link Result#withinBudget()} then says whether the bound was met).
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when row counts or columns differ, an anchor is outside [-1, k), or
     *     {@code maxLloyd < 1}
     */
    public static Result choose(DataMatrix x, DataMatrix previousCentres, int[] anchor, DataMatrix xReference,
            int[] referenceLabels, Bound bound, int maxLloyd) {
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(previousCentres, "previousCentres");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(xReference, "xReference");
        Objects.requireNonNull(referenceLabels, "referenceLabels");
        final int n = x.rows();
        final int d = x.cols();
        final int k = previousCentres.rows();
        if (previousCentres.cols() != d) {
            throw new IllegalArgumentException("x has " + d + " columns but the centres have "
                    + previousCentres.cols());
        }
        if (anchor.length != n || referenceLabels.length != n || xReference.rows() != n) {
            throw new IllegalArgumentException("x has " + n + " rows but anchor has " + anchor.length
                    + ", referenceLabels " + referenceLabels.length + " and xReference " + xReference.rows());
        }
        if (maxLloyd < 1) {
            throw new IllegalArgumentException("maxLloyd must be >= 1 but was " + maxLloyd);
        }
        int anchored = 0;
        for (int i = 0; i < n; i++) {
            if (anchor[i] < -1 || anchor[i] >= k) {
                throw new IllegalArgumentException("anchor of row " + i + " is " + anchor[i] + "; it must be in [-1, "
                        + k + ")");
            }
            if (anchor[i] >= 0) {
                anchored++;
            }
        }
        double[] v = x.toArray();
        double refInertia = RollingRefresh.partitionInertia(xReference, referenceLabels);
        Eval ev = new Eval(v, n, d, k, anchor, anchored, xReference, refInertia);

        double[] c0 = previousCentres.toArray();
        List<Candidate> path = new ArrayList<>();
        Best best = new Best(bound);
        double[] c = c0.clone();
        double[] lloydEnd = c0;
        for (int it = 0; it <= maxLloyd; it++) {
            int[] l = nearest(v, n, d, c, k);
            Candidate cand = ev.candidate("lloyd", it, (1 << Math.min(k, 30)) - 1, l);
            if (cand != null) {
                path.add(cand);
                best.offer(cand, c, l);
            }
            double[] next = means(v, n, d, l, k, c);
            lloydEnd = next;
            if (Arrays.equals(next, c)) {
                break;
            }
            c = next;
        }
        // the reference partition's means, in the space of x, matched greedily to the saved segments by overlap
        double[] refMeans = referenceTargets(v, n, d, k, anchor, referenceLabels, c0);
        List<Integer> subsets = new ArrayList<>();
        if (k <= MAX_SUBSET_K) {
            for (int s = 1; s < (1 << k); s++) {
                subsets.add(s);
            }
        } else {
            for (int j = 0; j < Math.min(k, 30); j++) {
                subsets.add(1 << j);
            }
            subsets.add(-1);
        }
        // sticky Lloyd (Hysteresis.refine) anchored on the saved labels, thresholds relative to the mean squared
        // distance of a row to its nearest saved centre; its centres labelled by nearest centre (not stickily)
        double meanSq = 0;
        int[] l0 = nearest(v, n, d, c0, k);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < d; t++) {
                double df = v[i * d + t] - c0[l0[i] * d + t];
                meanSq += df * df;
            }
        }
        meanSq /= Math.max(n, 1);
        for (int q = 0; q < STICKY.length; q++) {
            Hysteresis.Refined rf = Hysteresis.refine(x, previousCentres, anchor, STICKY[q] * meanSq, maxLloyd);
            double[] cc = rf.centres().toArray();
            int[] l = nearest(v, n, d, cc, k);
            Candidate cand = ev.candidate("sticky", q, (1 << Math.min(k, 30)) - 1, l);
            if (cand != null) {
                best.offer(cand, cc, l);
            }
        }
        String[] names = {"toLloyd", "toReference"};
        double[][] targets = {lloydEnd, refMeans};
        for (int ti = 0; ti < 2; ti++) {
            for (int s : subsets) {
                for (int step = 1; step <= STEPS; step++) {
                    double lambda = step / (double) STEPS;
                    double[] cc = c0.clone();
                    for (int j = 0; j < k; j++) {
                        if (s == -1 || (j < 30 && (s & (1 << j)) != 0)) {
                            for (int t = 0; t < d; t++) {
                                cc[j * d + t] += lambda * (targets[ti][j * d + t] - c0[j * d + t]);
                            }
                        }
                    }
                    int[] l = nearest(v, n, d, cc, k);
                    Candidate cand = ev.candidate(names[ti], step, s, l);
                    if (cand != null) {
                        best.offer(cand, cc, l);
                    }
                }
            }
        }
        return new Result(DataMatrix.of(k, d, best.centres), best.labels, best.cand, best.within,
                ev.evaluated, List.copyOf(path));
    }

    /**
     * A clusterer whose "fit" returns a K-Means model on the given centres (no iteration), so a pipeline can wrap
     * centres chosen by {@link #choose} in a saveable {@code SegmentationModel}.
     */
    public static Clusterer fixedCentres(DataMatrix centres) {
        Objects.requireNonNull(centres, "centres");
        return new Clusterer() {
            @Override
            public ClusterModel fit(DataMatrix x, FitContext context) {
                return model(x);
            }

            @Override
            public StepFit fit(Frame input, FitContext context) {
                KMeansModel m = model(input.representation());
                return StepFit.of(m, input.withLabels(m.predict(input.representation()), null));
            }

            private KMeansModel model(DataMatrix x) {
                KMeansModel m = KMeansModel.fromCentres(centres, 0.0, 0, true);
                int[] l = m.predict(x);
                double[] c = centres.toArray();
                double[] v = x.toArray();
                int d = x.cols();
                double inertia = 0;
                for (int i = 0; i < l.length; i++) {
                    for (int t = 0; t < d; t++) {
                        double df = v[i * d + t] - c[l[i] * d + t];
                        inertia += df * df;
                    }
                }
                return KMeansModel.fromCentres(centres, inertia, 0, true);
            }

            @Override
            public String name() {
                return "kmeans";
            }

            @Override
            public String toString() {
                return "KMeans(fixed centres, k=" + centres.rows() + ")";
            }
        };
    }

    /**
     * A scaling "recipe" that returns {@code scaler} whatever it is fitted on: a refit in the saved model's feature
     * space (its scaled coordinates mean the same thing as before the refit).
     */
    public static Scaler keep(FittedScaler scaler) {
        Objects.requireNonNull(scaler, "scaler");
        return new Scaler() {
            @Override
            public FittedScaler fit(FeatureTable table) {
                if (!table.featureNames().equals(scaler.featureNames())) {
                    throw new IllegalArgumentException("the kept scaler was fitted on " + scaler.featureNames()
                            + " but the refit has features " + table.featureNames());
                }
                return scaler;
            }

            @Override
            public String toString() {
                return "kept scaler " + scaler;
            }
        };
    }

    private static double[] referenceTargets(double[] v, int n, int d, int k, int[] anchor, int[] ref, double[] c0) {
        int maxRef = -1;
        for (int r : ref) {
            maxRef = Math.max(maxRef, r);
        }
        int kr = maxRef + 1;
        long[] overlap = new long[k * Math.max(kr, 1)];
        double[] sums = new double[Math.max(kr, 1) * d];
        long[] counts = new long[Math.max(kr, 1)];
        for (int i = 0; i < n; i++) {
            if (ref[i] < 0) {
                continue;
            }
            counts[ref[i]]++;
            for (int t = 0; t < d; t++) {
                sums[ref[i] * d + t] += v[i * d + t];
            }
            if (anchor[i] >= 0) {
                overlap[anchor[i] * kr + ref[i]]++;
            }
        }
        double[] out = c0.clone();
        boolean[] usedPrev = new boolean[k];
        boolean[] usedRef = new boolean[Math.max(kr, 1)];
        for (int round = 0; round < Math.min(k, kr); round++) {
            long bestO = -1;
            int bp = -1;
            int br = -1;
            for (int p = 0; p < k; p++) {
                for (int r = 0; r < kr; r++) {
                    if (!usedPrev[p] && !usedRef[r] && counts[r] > 0 && overlap[p * kr + r] > bestO) {
                        bestO = overlap[p * kr + r];
                        bp = p;
                        br = r;
                    }
                }
            }
            if (bp < 0) {
                break;
            }
            usedPrev[bp] = true;
            usedRef[br] = true;
            for (int t = 0; t < d; t++) {
                out[bp * d + t] = sums[br * d + t] / counts[br];
            }
        }
        return out;
    }

    private static final class Eval {
        final double[] v;
        final int n;
        final int d;
        final int k;
        final int[] anchor;
        final int anchored;
        final DataMatrix xRef;
        final double refInertia;
        int evaluated;

        Eval(double[] v, int n, int d, int k, int[] anchor, int anchored, DataMatrix xRef, double refInertia) {
            this.v = v;
            this.n = n;
            this.d = d;
            this.k = k;
            this.anchor = anchor;
            this.anchored = anchored;
            this.xRef = xRef;
            this.refInertia = refInertia;
        }

        Candidate candidate(String path, int step, int moved, int[] l) {
            evaluated++;
            long[] size = new long[k];
            int changed = 0;
            for (int i = 0; i < n; i++) {
                size[l[i]]++;
                if (anchor[i] >= 0 && anchor[i] != l[i]) {
                    changed++;
                }
            }
            for (long s : size) {
                if (s == 0) {
                    return null;
                }
            }
            double in = RollingRefresh.partitionInertia(xRef, l);
            return new Candidate(path, step, moved, anchored == 0 ? 0.0 : changed / (double) anchored,
                    refInertia == 0 ? 1.0 : in / refInertia);
        }
    }

    private static final class Best {
        final Bound bound;
        Candidate cand;
        double[] centres;
        int[] labels;
        boolean within;

        Best(Bound bound) {
            this.bound = bound;
        }

        void offer(Candidate c, double[] centres, int[] labels) {
            boolean ok = bound.meets(c);
            boolean better;
            if (cand == null) {
                better = true;
            } else if (ok != within) {
                better = ok;
            } else {
                better = bound.better(c, cand, ok);
            }
            if (better) {
                cand = c;
                this.centres = centres.clone();
                this.labels = labels;
                within = ok;
            }
        }
    }

    /** Nearest centre per row (squared Euclidean, ties to the lowest index). O(n k d). */
    static int[] nearest(double[] v, int n, int d, double[] c, int k) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            double b = Double.POSITIVE_INFINITY;
            int bl = 0;
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int t = 0; t < d; t++) {
                    double df = v[i * d + t] - c[j * d + t];
                    s += df * df;
                }
                if (s < b) {
                    b = s;
                    bl = j;
                }
            }
            l[i] = bl;
        }
        return l;
    }

    /** The mean of each label's rows; a label without rows keeps its old centre. O(n d). */
    static double[] means(double[] v, int n, int d, int[] l, int k, double[] old) {
        double[] s = new double[k * d];
        long[] c = new long[k];
        for (int i = 0; i < n; i++) {
            c[l[i]]++;
            for (int t = 0; t < d; t++) {
                s[l[i] * d + t] += v[i * d + t];
            }
        }
        for (int j = 0; j < k; j++) {
            for (int t = 0; t < d; t++) {
                s[j * d + t] = c[j] == 0 ? old[j * d + t] : s[j * d + t] / c[j];
            }
        }
        return s;
    }
}
