package dev.segmentation.cluster.series;

import dev.segmentation.cluster.series.SeriesNormalization.ConstantSeries;
import dev.segmentation.fit.FitCancelledException;
import dev.segmentation.internal.Cancel;

/**
 * A fitted {@link KShape} clustering: k z-normalised centroid shapes; a series goes to the centroid of least
 * shape-based distance (ties to the lowest index), with the same arithmetic as the fit, so
 * {@code predict(row) == labels()[i]} for every training series. {@link #inertia()} is the sum of the training
 * series' SBD to their centroid. Prediction costs O(k L log L) per series (L the FFT length). Immutable and
 * thread-safe; persisted by {@link SeriesStepFactory}.
 */
public final class KShapeModel extends SeriesClusterModel {
    KShapeModel(int[] labels, double[] centroids, int k, int t, boolean zNormalize, ConstantSeries constantSeries,
            double inertia, int iterations, boolean converged) {
        super(labels, centroids, k, t, zNormalize, constantSeries, inertia, iterations, converged);
    }

    /**
     * The shape-based distance of two series of equal length (not z-normalised here): {@code 1 - max_s NCC_s}, in
     * [0, 2], and 1 when either is all zeros. O(L log L).
     *
     * @throws IllegalArgumentException when the lengths differ or are 0
     */
    public static double sbd(double[] x, double[] y) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("sbd needs two series of one length > 0 but got " + x.length + " and "
                    + y.length);
        }
        int t = x.length;
        SeriesKernels.Fft fft = SeriesKernels.Fft.forCrossCorrelation(t);
        int l = fft.length;
        double[] aRe = new double[l];
        double[] aIm = new double[l];
        double[] bRe = new double[l];
        double[] bIm = new double[l];
        fft.forwardReal(x, 0, t, aRe, aIm);
        fft.forwardReal(y, 0, t, bRe, bIm);
        double[] out = new double[2];
        SeriesKernels.bestCrossCorrelation(fft, aRe, aIm, bRe, bIm, t, new double[l], new double[l], out);
        return SeriesKernels.sbd(out[0], SeriesKernels.norm(x, 0, t), SeriesKernels.norm(y, 0, t));
    }

    @Override
    int[] assign(double[] z, int n) {
        int[] labels = new int[n];
        new KShape.Engine(z, n, t, k, 1, Cancel.of(() -> false, FitCancelledException::new)).assign(centroids,
                labels, new int[n], new double[n]);
        return labels;
    }
}
