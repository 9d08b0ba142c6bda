package dev.segmentation.refresh;

import dev.segmentation.ModelParts;
import dev.segmentation.SegmentAssignments;
import dev.segmentation.SegmentationModel;
import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.GaussianMixtureModel;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.fit.FitContext;
import dev.segmentation.pipeline.FittedStep;
import dev.segmentation.pipeline.Frame;
import dev.segmentation.stability.Drift;
import dev.segmentation.state.Stateful;
import dev.segmentation.state.StepState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link RefreshPolicy} compares a new window against, recorded when the model was fitted: per training
 * feature a summary of {@value #QUANTILES} evenly spaced quantiles (0%, 0.5%, ..., 100%; linear interpolation),
 * the far threshold and the training quality (see {@link RefreshPolicy} for both).
 *
 * <p><b>Drift from the summary.</b> PSI and KS are computed with {@link Drift#psi} and {@link Drift#ks} taking the
 * quantile summary as the training sample: its deciles are exactly the training deciles, and the summary's bin
 * shares and distribution function differ from the training data's by at most about 1/200, so PSI and KS stay
 * within about 0.005 of those against the full training data (measured in the tests).
 *
 * <p><b>Persistence.</b> The baseline travels inside the model as a pass-through fitted step placed just before the
 * cluster model ({@link #attach}): it is {@link Stateful} (type {@value #TYPE}, restored by
 * {@link RefreshBaselineFactory}), so any model file that saves fitted steps saves it, and scoring walks through it
 * unchanged. {@link #of(SegmentationModel)} finds it again in a loaded model.
 *
 * <p>Immutable and thread-safe. {@link #decide} costs one scaling and prediction of the new window (O(n k d) for
 * K-Means) plus O(n log n) per feature for the drift.
 */
public final class RefreshBaseline implements FittedStep, Stateful {
    /** The step type id. */
    public static final String TYPE = "refresh-baseline";
    static final int VERSION = 1;
    /** Quantiles kept per feature. */
    public static final int QUANTILES = 201;

    /** How the far share and quality are measured. */
    enum Kind {
        KMEANS, GAUSSIAN_MIXTURE, NOISE
    }

    private final RefreshPolicy policy;
    private final List<String> featureNames;
    private final double[] quantiles;
    private final Kind kind;
    private final double farThreshold;
    private final double trainingQuality;

    RefreshBaseline(RefreshPolicy policy, List<String> featureNames, double[] quantiles, Kind kind,
            double farThreshold, double trainingQuality) {
        this.policy = policy;
        this.featureNames = List.copyOf(featureNames);
        this.quantiles = quantiles;
        this.kind = kind;
        this.farThreshold = farThreshold;
        this.trainingQuality = trainingQuality;
    }

    static RefreshBaseline of(RefreshPolicy policy, SegmentationModel m) {
        if (!m.hasTrainingFeatures()) {
            throw new IllegalArgumentException("the model holds no training features (it was loaded from a file?): "
                    + "take the refresh baseline right after the fit");
        }
        FeatureTable f = m.features();
        if (f.rows() == 0) {
            throw new IllegalArgumentException("the model has no training entity");
        }
        List<String> names = m.featureNames();
        int d = names.size();
        double[] q = new double[d * QUANTILES];
        for (int j = 0; j < d; j++) {
            double[] col = f.column(names.get(j));
            Arrays.sort(col);
            for (int i = 0; i < QUANTILES; i++) {
                q[j * QUANTILES + i] = quantile(col, i / (double) (QUANTILES - 1));
            }
        }
        ClusterModel cm = m.clusterModel();
        DataMatrix x = representation(m, f);
        Kind kind;
        double far;
        double quality;
        if (cm instanceof KMeansModel) {
            kind = Kind.KMEANS;
            double[] d2 = nearestSquared((KMeansModel) cm, x);
            quality = mean(d2);
            Arrays.sort(d2);
            far = quantile(d2, policy.farQuantile());
        } else if (cm instanceof GaussianMixtureModel) {
            kind = Kind.GAUSSIAN_MIXTURE;
            double[] ll = ((GaussianMixtureModel) cm).scoreSamples(x);
            quality = mean(ll);
            Arrays.sort(ll);
            far = quantile(ll, 1 - policy.farQuantile());
        } else {
            kind = Kind.NOISE;
            far = Double.NaN;
            quality = noiseShare(m.labels());
        }
        return new RefreshBaseline(policy, names, q, kind, far, quality);
    }

    /** The policy this baseline decides with. */
    public RefreshPolicy policy() {
        return policy;
    }

    /** The training features summarised, in order. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The {@value #QUANTILES} training quantiles of {@code feature} (a copy). @throws IllegalArgumentException when unknown */
    public double[] quantiles(String feature) {
        int j = featureNames.indexOf(feature);
        if (j < 0) {
            throw new IllegalArgumentException("feature '" + feature + "' is not among " + featureNames);
        }
        return Arrays.copyOfRange(quantiles, j * QUANTILES, (j + 1) * QUANTILES);
    }

    /**
     * Decides between re-scoring and refitting the new window that {@code saved} scored as {@code scored}.
     *
     * @param saved the saved model (the one this baseline was taken from)
     * @param scored {@code saved.predict(newWindow)}
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when {@code scored} lacks a training feature or has no entity
     */
    public RefreshDecision decide(SegmentationModel saved, SegmentAssignments scored) {
        Objects.requireNonNull(saved, "saved");
        Objects.requireNonNull(scored, "scored");
        FeatureTable f = scored.features();
        if (f.rows() == 0) {
            throw new IllegalArgumentException("the new window has no scored entity");
        }
        int d = featureNames.size();
        double[] psi = new double[d];
        double[] ks = new double[d];
        List<String> reasons = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            if (f.findColumn(featureNames.get(j)).isEmpty()) {
                throw new IllegalArgumentException("feature '" + featureNames.get(j) + "' of the baseline is missing "
                        + "from the scored features " + f.featureNames());
            }
            double[] col = f.column(featureNames.get(j));
            double[] ref = Arrays.copyOfRange(quantiles, j * QUANTILES, (j + 1) * QUANTILES);
            psi[j] = Drift.psi(ref, col);
            ks[j] = Drift.ks(ref, col);
            if (psi[j] >= policy.maxPsi()) {
                reasons.add(String.format(Locale.ROOT, "feature '%s' drifted: PSI %.3f >= %.3f", featureNames.get(j),
                        psi[j], policy.maxPsi()));
            }
            if (ks[j] >= policy.maxKs()) {
                reasons.add(String.format(Locale.ROOT, "feature '%s' drifted: KS %.3f >= %.3f", featureNames.get(j),
                        ks[j], policy.maxKs()));
            }
        }
        double farShare;
        double loss;
        String what;
        if (kind == Kind.NOISE) {
            farShare = noiseShare(scored.labels());
            loss = farShare - trainingQuality;
            what = "noise share rose by";
        } else {
            DataMatrix x = representation(saved, f.select(featureNames));
            if (kind == Kind.KMEANS) {
                double[] d2 = nearestSquared((KMeansModel) saved.clusterModel(), x);
                long far = 0;
                for (double v : d2) {
                    far += v > farThreshold ? 1 : 0;
                }
                farShare = far / (double) d2.length;
                loss = trainingQuality == 0 ? 0.0 : mean(d2) / trainingQuality - 1;
                what = "mean squared distance to the nearest centre rose by";
            } else {
                double[] ll = ((GaussianMixtureModel) saved.clusterModel()).scoreSamples(x);
                long far = 0;
                for (double v : ll) {
                    far += v < farThreshold ? 1 : 0;
                }
                farShare = far / (double) ll.length;
                loss = trainingQuality - mean(ll);
                what = "mean log-likelihood fell by";
            }
        }
        if (farShare >= policy.maxFarFraction()) {
            reasons.add(String.format(Locale.ROOT, "%.1f%% of the entities are far from every segment (>= %.1f%%)",
                    100 * farShare, 100 * policy.maxFarFraction()));
        }
        if (loss >= policy.maxQualityLoss()) {
            reasons.add(String.format(Locale.ROOT, "the saved model's %s %.3f (>= %.3f)", what, loss,
                    policy.maxQualityLoss()));
        }
        return new RefreshDecision(reasons.isEmpty() ? RefreshDecision.Action.RESCORE : RefreshDecision.Action.REFIT,
                reasons, featureNames, psi, ks, f.rows(), farShare, loss, policy);
    }

    /**
     * {@code model} with {@code baseline} inserted as a pass-through step just before its cluster model (replacing
     * one already there). The result scores exactly as {@code model}; like a model read from a file it keeps the
     * training ids, labels and profiles but not the training features.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the baseline was taken on other features
     */
    public static SegmentationModel attach(SegmentationModel model, RefreshBaseline baseline) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(baseline, "baseline");
        if (!baseline.featureNames.equals(model.featureNames())) {
            throw new IllegalArgumentException("the baseline summarises " + baseline.featureNames
                    + " but the model's features are " + model.featureNames());
        }
        List<FittedStep> steps = new ArrayList<>();
        for (FittedStep s : model.steps()) {
            if (s instanceof RefreshBaseline) {
                continue;
            }
            if (s == model.clusterModel()) {
                steps.add(baseline);
            }
            steps.add(s);
        }
        var diag = model.diagnostics();
        ModelParts.Builder b = ModelParts.builder().steps(steps).featureNames(model.featureNames())
                .profiles(model.profiles()).seed(diag.seed())
                .counts(diag.transactionRows(), diag.entitiesIn(), diag.entitiesSegmented(),
                        diag.entitiesNotDescribed())
                .ineligibleByRule(diag.ineligibleByRule()).filteredByRule(diag.filteredByRule())
                .rejectedRows(diag.rejectedRows()).stageMillis(diag.stageMillis())
                .training(model.entityIds(), model.labels(), model.strengths().orElse(null))
                .provenance(model.provenance());
        model.valueFeature().ifPresent(b::valueFeature);
        return b.build();
    }

    /** The baseline saved in {@code model}, if one was attached. */
    public static Optional<RefreshBaseline> of(SegmentationModel model) {
        for (FittedStep s : Objects.requireNonNull(model, "model").steps()) {
            if (s instanceof RefreshBaseline) {
                return Optional.of((RefreshBaseline) s);
            }
        }
        return Optional.empty();
    }

    /** {@code "refresh-baseline"}. */
    @Override
    public String stage() {
        return TYPE;
    }

    @Override
    public Input input() {
        return Input.MATRIX;
    }

    /** The frame unchanged: the baseline only travels with the model. */
    @Override
    public Frame apply(Frame input, FitContext context) {
        return input;
    }

    @Override
    public StepState state() {
        return StepState.builder(TYPE, VERSION)
                .put("maxPsi", policy.maxPsi())
                .put("maxKs", policy.maxKs())
                .put("maxFarFraction", policy.maxFarFraction())
                .put("farQuantile", policy.farQuantile())
                .put("maxQualityLoss", policy.maxQualityLoss())
                .put("kind", kind.name())
                .put("farThreshold", Double.isNaN(farThreshold) ? "NaN" : Double.toString(farThreshold))
                .put("trainingQuality", trainingQuality)
                .putStrings("features", featureNames)
                .put("quantiles", quantiles)
                .build();
    }

    String kindName() {
        return kind.name();
    }

    double farThreshold() {
        return farThreshold;
    }

    double trainingQuality() {
        return trainingQuality;
    }

    private static DataMatrix representation(SegmentationModel m, FeatureTable raw) {
        DataMatrix x = m.scaler().transform(raw).matrix();
        if (m.embedding().isPresent()) {
            x = m.embedding().get().transform(x);
        }
        return x;
    }

    private static double[] nearestSquared(KMeansModel km, DataMatrix x) {
        double[] c = km.centres().toArray();
        int k = km.clusterCount();
        int d = x.cols();
        int n = x.rows();
        double[] v = x.toArray();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int t = 0; t < d; t++) {
                    double df = v[i * d + t] - c[j * d + t];
                    s += df * df;
                }
                best = Math.min(best, s);
            }
            out[i] = best;
        }
        return out;
    }

    private static double noiseShare(int[] labels) {
        if (labels.length == 0) {
            return 0.0;
        }
        long noise = 0;
        for (int l : labels) {
            noise += l == -1 ? 1 : 0;
        }
        return noise / (double) labels.length;
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    /** numpy's linear quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    @Override
    public String toString() {
        return "RefreshBaseline[" + kind + ", " + featureNames.size() + " features, " + policy + "]";
    }
}
