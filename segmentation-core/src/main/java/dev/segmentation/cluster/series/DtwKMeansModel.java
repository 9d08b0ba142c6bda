package dev.segmentation.cluster.series;

import dev.segmentation.cluster.series.SeriesNormalization.ConstantSeries;
import dev.segmentation.fit.FitCancelledException;
import dev.segmentation.internal.Cancel;
import java.util.OptionalInt;

/**
 * A fitted {@link DtwKMeans} clustering: k DBA centroid series; a series goes to the centroid of least DTW cost in the
 * model's band (ties to the lowest index), with the same arithmetic as the fit, so {@code predict(row) == labels()[i]}
 * for every training series. {@link #inertia()} sums the training series' DTW costs. Prediction costs O(k T w) per
 * series. Immutable and thread-safe; persisted by {@link SeriesStepFactory}.
 */
public final class DtwKMeansModel extends SeriesClusterModel {
    private final int bandRadius;

    DtwKMeansModel(int[] labels, double[] centroids, int k, int t, int bandRadius, boolean zNormalize,
            ConstantSeries constantSeries, double inertia, int iterations, boolean converged) {
        super(labels, centroids, k, t, zNormalize, constantSeries, inertia, iterations, converged);
        this.bandRadius = bandRadius;
    }

    /** The Sakoe-Chiba band radius, or empty when there is no band. */
    public OptionalInt bandRadius() {
        return bandRadius < 0 ? OptionalInt.empty() : OptionalInt.of(bandRadius);
    }

    int bandRadiusOrMinus1() {
        return bandRadius;
    }

    /**
     * The DTW cost of two series of equal length (not z-normalised here) in a band of {@code radius} (a negative
     * radius means no band): the least sum of squared differences along a warping path. O(T w).
     *
     * @throws IllegalArgumentException when the lengths differ or are 0
     */
    public static double dtw(double[] x, double[] y, int radius) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("dtw needs two series of one length > 0 but got " + x.length + " and "
                    + y.length);
        }
        int t = x.length;
        int r = radius < 0 ? t - 1 : Math.min(radius, t - 1);
        return SeriesKernels.dtw(x, 0, y, 0, t, r, Double.POSITIVE_INFINITY, new double[t], new double[t]);
    }

    @Override
    int[] assign(double[] z, int n) {
        int[] labels = new int[n];
        int r = bandRadius < 0 ? t - 1 : Math.min(bandRadius, t - 1);
        new DtwKMeans.Engine(z, n, t, k, r, 1, Cancel.of(() -> false, FitCancelledException::new)).assign(centroids,
                k, labels, new double[n]);
        return labels;
    }
}
