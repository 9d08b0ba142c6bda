package dev.segmentation.refresh;

import dev.segmentation.SegmentationModel;
import dev.segmentation.cluster.ClusterModel;
import dev.segmentation.cluster.GaussianMixture;
import dev.segmentation.cluster.GaussianMixtureModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.scaling.FittedScaler;
import java.util.List;
import java.util.Objects;

/**
 * Starting points for a refit from the previous model, so the refit moves the previous segments instead of drawing
 * new ones (Ghosh and Chakrabarti's "evolutionary clustering" idea of temporal smoothness, here by initialisation
 * only).
 *
 * <p><b>The change of space.</b> The previous model's centres (or means) live in the previous scaled space
 * {@code z = (pre(x) - c_old) / s_old}; the refit works in {@code z' = (pre(x) - c_new) / s_new}, where {@code pre}
 * is the recipe's per-feature pre-transform (log1p or identity). Unscaling with the old scaler and rescaling with
 * the new one gives, per feature, the affine map {@code z' = (z s_old + c_old - c_new) / s_new}. The map is exact
 * when both scalers come from the same recipe (the same pre-transform per feature); {@link #toNewSpace} checks
 * that on probe values and refuses scalers whose pre-transforms differ. Covariances map as
 * {@code S'_ij = a_i a_j S_ij} with {@code a = s_old / s_new}; a spherical variance takes the mean of {@code a_j^2}
 * (the map is not spherical when the scales change unevenly).
 *
 * <p>The cluster model must work on the scaled features directly (a model with an embedding has no such map and
 * is refused). Complexity O(k d^2). Stateless and thread-safe.
 */
public final class WarmStart {
    private WarmStart() {
    }

    /**
     * The previous K-Means centres mapped into the space of {@code newScaler} ({@code k x d}).
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the model's cluster model is not K-Means, it has an embedding, or the
     *     scalers differ in features or pre-transform
     */
    public static DataMatrix centres(SegmentationModel previous, FittedScaler newScaler) {
        KMeansModel km = kMeansModel(previous);
        return toNewSpace(km.centres(), previous.scaler(), newScaler);
    }

    /**
     * A K-Means builder starting from {@link #centres} ({@code k} of the previous model, {@code nInit} 1, other
     * settings at their defaults, which the caller may change).
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException as {@link #centres}
     */
    public static KMeans.Builder kMeans(SegmentationModel previous, FittedScaler newScaler) {
        DataMatrix c = centres(previous, newScaler);
        return KMeans.builder().k(c.rows()).nInit(1).initialCentres(c);
    }

    /**
     * A Gaussian mixture builder starting from the previous mixture's weights, means and covariances mapped into
     * the space of {@code newScaler} (same k and covariance type, {@code nInit} 1).
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the model's cluster model is not a Gaussian mixture, it has an
     *     embedding, or the scalers differ in features or pre-transform
     */
    public static GaussianMixture.Builder gaussianMixture(SegmentationModel previous, FittedScaler newScaler) {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(newScaler, "newScaler");
        ClusterModel cm = previous.clusterModel();
        if (!(cm instanceof GaussianMixtureModel)) {
            throw new IllegalArgumentException("a Gaussian mixture warm start needs a Gaussian mixture model but the "
                    + "previous model has " + cm.getClass().getSimpleName());
        }
        noEmbedding(previous);
        GaussianMixtureModel g = (GaussianMixtureModel) cm;
        FittedScaler old = previous.scaler();
        DataMatrix means = toNewSpace(g.means(), old, newScaler);
        double[] a = ratio(old, newScaler);
        int k = g.clusterCount();
        int d = g.dimension();
        double[] cov = g.covariances();
        switch (g.covarianceType()) {
            case FULL:
                for (int c = 0; c < k; c++) {
                    for (int i = 0; i < d; i++) {
                        for (int j = 0; j < d; j++) {
                            cov[c * d * d + i * d + j] *= a[i] * a[j];
                        }
                    }
                }
                break;
            case TIED:
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        cov[i * d + j] *= a[i] * a[j];
                    }
                }
                break;
            case DIAG:
                for (int c = 0; c < k; c++) {
                    for (int j = 0; j < d; j++) {
                        cov[c * d + j] *= a[j] * a[j];
                    }
                }
                break;
            default:
                double m = 0;
                for (int j = 0; j < d; j++) {
                    m += a[j] * a[j];
                }
                m /= d;
                for (int c = 0; c < k; c++) {
                    cov[c] *= m;
                }
        }
        double[] w = g.weights();
        double s = 0;
        for (double v : w) {
            s += v;
        }
        for (int c = 0; c < k; c++) {
            w[c] /= s;
        }
        return GaussianMixture.builder().k(k).covarianceType(g.covarianceType()).nInit(1).initialWeights(w)
                .initialMeans(means).initialCovariances(cov);
    }

    /**
     * Points of the space of {@code oldScaler} mapped into the space of {@code newScaler} (see the class comment).
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the scalers were fitted on other features, {@code points} has another
     *     number of columns, or the two pre-transforms differ (naming the feature)
     */
    public static DataMatrix toNewSpace(DataMatrix points, FittedScaler oldScaler, FittedScaler newScaler) {
        Objects.requireNonNull(points, "points");
        double[] a = ratio(oldScaler, newScaler);
        double[] co = oldScaler.center();
        double[] so = oldScaler.scale();
        double[] cn = newScaler.center();
        double[] sn = newScaler.scale();
        int d = a.length;
        if (points.cols() != d) {
            throw new IllegalArgumentException("the points have " + points.cols() + " columns but the scalers have "
                    + d + " features");
        }
        double[] v = points.toArray();
        for (int r = 0; r < points.rows(); r++) {
            for (int j = 0; j < d; j++) {
                v[r * d + j] = (v[r * d + j] * so[j] + co[j] - cn[j]) / sn[j];
            }
        }
        return DataMatrix.of(points.rows(), d, v);
    }

    /** Per feature {@code s_old / s_new}, after checking that the two scalers share features and pre-transform. */
    private static double[] ratio(FittedScaler oldScaler, FittedScaler newScaler) {
        Objects.requireNonNull(oldScaler, "oldScaler");
        Objects.requireNonNull(newScaler, "newScaler");
        List<String> names = oldScaler.featureNames();
        if (!names.equals(newScaler.featureNames())) {
            throw new IllegalArgumentException("the previous scaler was fitted on " + names + " but the new one on "
                    + newScaler.featureNames());
        }
        int d = names.size();
        double[] co = oldScaler.center();
        double[] so = oldScaler.scale();
        double[] cn = newScaler.center();
        double[] sn = newScaler.scale();
        // probe raw values 0, 1 and 10 in every feature: the composed map must be affine with slope s_old / s_new
        double[] probes = {0.0, 1.0, 10.0};
        double[] vals = new double[probes.length * d];
        String[] rows = new String[probes.length];
        for (int p = 0; p < probes.length; p++) {
            rows[p] = "probe" + p;
            for (int j = 0; j < d; j++) {
                vals[p * d + j] = probes[p];
            }
        }
        FeatureTable t = FeatureTable.wrap(rows, names.toArray(new String[0]), vals);
        double[] zo = oldScaler.transform(t).values();
        double[] zn = newScaler.transform(t).values();
        double[] a = new double[d];
        for (int j = 0; j < d; j++) {
            a[j] = so[j] / sn[j];
            for (int p = 0; p < probes.length; p++) {
                double mapped = (zo[p * d + j] * so[j] + co[j] - cn[j]) / sn[j];
                double want = zn[p * d + j];
                if (Math.abs(mapped - want) > 1e-9 * Math.max(1.0, Math.abs(want))) {
                    throw new IllegalArgumentException("feature '" + names.get(j) + "' is pre-transformed "
                            + "differently by the two scalers (raw " + probes[p] + " maps to " + mapped
                            + " through the previous one but to " + want + " through the new one); refit with the "
                            + "same scaling recipe");
                }
            }
        }
        return a;
    }

    static KMeansModel kMeansModel(SegmentationModel previous) {
        Objects.requireNonNull(previous, "previous");
        ClusterModel cm = previous.clusterModel();
        if (!(cm instanceof KMeansModel)) {
            throw new IllegalArgumentException("a K-Means warm start needs a K-Means model but the previous model has "
                    + cm.getClass().getSimpleName());
        }
        noEmbedding(previous);
        return (KMeansModel) cm;
    }

    private static void noEmbedding(SegmentationModel previous) {
        if (previous.embedding().isPresent()) {
            throw new IllegalArgumentException("the previous model clusters an embedding ("
                    + previous.embedding().get() + "), whose space has no map to a refit's; warm starts need a "
                    + "cluster model on the scaled features");
        }
    }
}
