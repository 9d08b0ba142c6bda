package dev.segmentation.quality;

import dev.segmentation.quality.internal.Checks;

import dev.segmentation.data.DataMatrix;

/**
 * Centroid-based internal indices of a labelling with Euclidean geometry: Calinski-Harabasz (1974),
 * Davies-Bouldin (1979) and the within-cluster sum of squares (the K-Means inertia), with scikit-learn's
 * definitions ({@code calinski_harabasz_score}, {@code davies_bouldin_score}).
 *
 * <p><b>Noise.</b> Calinski-Harabasz and Davies-Bouldin follow scikit-learn: every label value, {@code -1}
 * included, is a cluster. {@link #inertia} instead leaves rows labelled {@code -1} out (they have no centre).
 *
 * <p>Complexity: O(n d + k^2 d) time, O(k d) extra memory. Sums are taken in row order, so results are
 * deterministic. Stateless and thread-safe. See also {@link Silhouette} and {@link Dbcv}.
 */
public final class InternalIndices {
    private InternalIndices() {
    }

    /**
     * The Calinski-Harabasz index (variance ratio criterion): between-cluster dispersion over within-cluster
     * dispersion, times {@code (n - k) / (k - 1)}; higher is better. 1 when the within-cluster dispersion is 0,
     * as in scikit-learn.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the lengths differ, a value is not finite, or the number of distinct
     *     labels is not between 2 and n - 1
     */
    public static double calinskiHarabasz(DataMatrix x, int[] labels) {
        Checks.dataAndLabels(x, labels);
        LabelCodes lc = LabelCodes.of(labels);
        lc.requireValidCount("Calinski-Harabasz");
        int n = x.rows();
        int d = x.cols();
        int k = lc.k();
        double[] v = x.toArray();
        double[] means = means(v, n, d, lc.codes, lc.sizes, k);
        double[] all = new double[d];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < d; t++) {
                all[t] += v[i * d + t];
            }
        }
        for (int t = 0; t < d; t++) {
            all[t] /= n;
        }
        double extra = 0;
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int t = 0; t < d; t++) {
                double df = means[c * d + t] - all[t];
                s += df * df;
            }
            extra += lc.sizes[c] * s;
        }
        double intra = 0;
        for (int i = 0; i < n; i++) {
            int c = lc.codes[i];
            for (int t = 0; t < d; t++) {
                double df = v[i * d + t] - means[c * d + t];
                intra += df * df;
            }
        }
        if (intra == 0.0) {
            return 1.0;
        }
        return extra * (n - k) / (intra * (k - 1.0));
    }

    /**
     * The Davies-Bouldin index: the mean over clusters of the largest {@code (S_i + S_j) / M_ij}, with
     * {@code S_i} the mean distance of cluster {@code i}'s rows to its centroid and {@code M_ij} the distance of
     * the centroids; lower is better, 0 at best. As in scikit-learn, it is 0 when every {@code S_i} or every
     * centroid distance is within 1e-8 of 0, and coinciding centroids are ignored in the maximum.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException as {@link #calinskiHarabasz}
     */
    public static double daviesBouldin(DataMatrix x, int[] labels) {
        Checks.dataAndLabels(x, labels);
        LabelCodes lc = LabelCodes.of(labels);
        lc.requireValidCount("Davies-Bouldin");
        int n = x.rows();
        int d = x.cols();
        int k = lc.k();
        double[] v = x.toArray();
        double[] means = means(v, n, d, lc.codes, lc.sizes, k);
        double[] intra = new double[k];
        for (int i = 0; i < n; i++) {
            int c = lc.codes[i];
            double s = 0;
            for (int t = 0; t < d; t++) {
                double df = v[i * d + t] - means[c * d + t];
                s += df * df;
            }
            intra[c] += Math.sqrt(s);
        }
        boolean intraZero = true;
        for (int c = 0; c < k; c++) {
            intra[c] /= lc.sizes[c];
            intraZero &= Math.abs(intra[c]) <= 1e-8;
        }
        double[] dist = new double[k * k];
        boolean distZero = true;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double s = 0;
                for (int t = 0; t < d; t++) {
                    double df = means[a * d + t] - means[b * d + t];
                    s += df * df;
                }
                dist[a * k + b] = Math.sqrt(s);
                distZero &= dist[a * k + b] <= 1e-8;
            }
        }
        if (intraZero || distZero) {
            return 0.0;
        }
        double total = 0;
        for (int a = 0; a < k; a++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int b = 0; b < k; b++) {
                double m = dist[a * k + b];
                double r = m == 0 ? 0.0 : (intra[a] + intra[b]) / m;
                if (r > max) {
                    max = r;
                }
            }
            total += max;
        }
        return total / k;
    }

    /**
     * The within-cluster sum of squared Euclidean distances to the cluster means (the K-Means inertia of the
     * labelling); rows labelled {@code -1} are left out. 0 when every row is noise.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the lengths differ, a value is not finite, or a label is below -1
     */
    public static double inertia(DataMatrix x, int[] labels) {
        Checks.dataAndLabels(x, labels);
        Checks.noiseOrCluster(labels);
        int n = x.rows();
        int d = x.cols();
        int[] kept = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] >= 0) {
                kept[m++] = i;
            }
        }
        if (m == 0) {
            return 0.0;
        }
        int[] keptLabels = new int[m];
        for (int i = 0; i < m; i++) {
            keptLabels[i] = labels[kept[i]];
        }
        LabelCodes lc = LabelCodes.of(keptLabels);
        double[] v = x.toArray();
        int k = lc.k();
        double[] means = new double[k * d];
        for (int q = 0; q < m; q++) {
            int i = kept[q];
            int c = lc.codes[q];
            for (int t = 0; t < d; t++) {
                means[c * d + t] += v[i * d + t];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int t = 0; t < d; t++) {
                means[c * d + t] /= lc.sizes[c];
            }
        }
        double sum = 0;
        for (int q = 0; q < m; q++) {
            int i = kept[q];
            int c = lc.codes[q];
            for (int t = 0; t < d; t++) {
                double df = v[i * d + t] - means[c * d + t];
                sum += df * df;
            }
        }
        return sum;
    }

    static double[] means(double[] v, int n, int d, int[] codes, int[] sizes, int k) {
        double[] means = new double[k * d];
        for (int i = 0; i < n; i++) {
            int c = codes[i];
            for (int t = 0; t < d; t++) {
                means[c * d + t] += v[i * d + t];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int t = 0; t < d; t++) {
                means[c * d + t] /= sizes[c];
            }
        }
        return means;
    }
}
