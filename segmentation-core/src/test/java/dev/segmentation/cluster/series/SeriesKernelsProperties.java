package dev.segmentation.cluster.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The FFT cross-correlation, SBD, DTW and z-normalisation kernels against brute-force oracles on small inputs. */
class SeriesKernelsProperties {
    @Property(tries = 300)
    void fftCrossCorrelationMatchesTheDirectSum(@ForAll @IntRange(min = 1, max = 40) int t, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] r = SeriesOracles.gaussian(t, rng);
        double[] x = SeriesOracles.gaussian(t, rng);
        SeriesKernels.Fft fft = SeriesKernels.Fft.forCrossCorrelation(t);
        int l = fft.length;
        double[] rRe = new double[l];
        double[] rIm = new double[l];
        double[] xRe = new double[l];
        double[] xIm = new double[l];
        fft.forwardReal(r, 0, t, rRe, rIm);
        fft.forwardReal(x, 0, t, xRe, xIm);
        double[] out = new double[2];
        SeriesKernels.bestCrossCorrelation(fft, rRe, rIm, xRe, xIm, t, new double[l], new double[l], out);
        double brute = SeriesOracles.bruteCrossCorrelation(r, x);
        double scale = SeriesOracles.norm(r) * SeriesOracles.norm(x);
        assertEquals(brute, out[0], 1e-10 * Math.max(1, scale));
        // the shift it reports reaches that value: aligning x by it gives the same dot product
        double[] aligned = new double[t];
        SeriesKernels.shift(x, 0, t, (int) out[1], aligned);
        double dot = 0;
        for (int i = 0; i < t; i++) {
            dot += r[i] * aligned[i];
        }
        assertEquals(out[0], dot, 1e-10 * Math.max(1, scale));
    }

    @Property(tries = 300)
    void sbdMatchesTheBruteForceAndLiesInZeroTwo(@ForAll @IntRange(min = 1, max = 40) int t, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = SeriesOracles.gaussian(t, rng);
        double[] b = SeriesOracles.gaussian(t, rng);
        double d = KShapeModel.sbd(a, b);
        assertEquals(SeriesOracles.bruteSbd(a, b), d, 1e-10);
        assertTrue(d >= -1e-12 && d <= 2 + 1e-12, "sbd " + d);
        assertEquals(d, KShapeModel.sbd(b, a), 1e-10, "symmetric");
        assertEquals(0.0, KShapeModel.sbd(a, a), 1e-10, "to itself");
    }

    @Property(tries = 100)
    void sbdIgnoresShiftsOfAZeroPaddedSeries(@ForAll @IntRange(min = 1, max = 20) int len,
            @ForAll @IntRange(min = 0, max = 15) int s1, @ForAll @IntRange(min = 0, max = 15) int s2,
            @ForAll long seed) {
        int t = len + 16;
        double[] core = SeriesOracles.gaussian(len, new SplittableRandom(seed));
        double[] a = new double[t];
        double[] b = new double[t];
        System.arraycopy(core, 0, a, s1, len);
        System.arraycopy(core, 0, b, s2, len);
        assertEquals(0.0, KShapeModel.sbd(a, b), 1e-10);
    }

    @Property(tries = 300)
    void dtwMatchesTheMemoisedRecursion(@ForAll @IntRange(min = 1, max = 25) int t,
            @ForAll @IntRange(min = 0, max = 30) int radius, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = SeriesOracles.gaussian(t, rng);
        double[] b = SeriesOracles.gaussian(t, rng);
        double brute = SeriesOracles.bruteDtw(a, b, radius);
        assertEquals(brute, DtwKMeansModel.dtw(a, b, radius), 1e-10 * Math.max(1, brute));
        // the warping path: same cost, starts at (t-1, t-1), ends at (0, 0), unit monotone steps, inside the band
        int r = Math.min(radius, t - 1);
        double[] acc = new double[t * t];
        int[] path = new int[2 * (2 * t - 1)];
        int[] len = new int[1];
        double cost = SeriesKernels.dtwPath(a, 0, b, 0, t, r, acc, path, len);
        assertEquals(brute, cost, 1e-10 * Math.max(1, brute));
        double along = 0;
        for (int p = 0; p < len[0]; p++) {
            int i = path[2 * p];
            int j = path[2 * p + 1];
            assertTrue(Math.abs(i - j) <= r, "cell (" + i + ", " + j + ") outside the band " + r);
            along += (a[i] - b[j]) * (a[i] - b[j]);
            if (p > 0) {
                int di = path[2 * p - 2] - i;
                int dj = path[2 * p - 1] - j;
                assertTrue((di == 1 || di == 0) && (dj == 1 || dj == 0) && di + dj >= 1, "step " + di + "," + dj);
            }
        }
        assertEquals(t - 1, path[0]);
        assertEquals(t - 1, path[1]);
        assertEquals(0, path[2 * len[0] - 2]);
        assertEquals(0, path[2 * len[0] - 1]);
        assertEquals(cost, along, 1e-10 * Math.max(1, cost));
    }

    @Property(tries = 100)
    void dtwWithoutWarpingIsTheSquaredEuclideanDistance(@ForAll @IntRange(min = 1, max = 30) int t,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = SeriesOracles.gaussian(t, rng);
        double[] b = SeriesOracles.gaussian(t, rng);
        double e = 0;
        for (int i = 0; i < t; i++) {
            e += (a[i] - b[i]) * (a[i] - b[i]);
        }
        assertEquals(e, DtwKMeansModel.dtw(a, b, 0), 1e-12 * Math.max(1, e));
        assertTrue(DtwKMeansModel.dtw(a, b, -1) <= e + 1e-12);
    }

    @Property(tries = 200)
    void earlyAbandonNeverChangesAResultBelowTheThreshold(@ForAll @IntRange(min = 1, max = 25) int t,
            @ForAll @IntRange(min = 0, max = 10) int radius, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = SeriesOracles.gaussian(t, rng);
        double[] b = SeriesOracles.gaussian(t, rng);
        int r = Math.min(radius, t - 1);
        double full = SeriesKernels.dtw(a, 0, b, 0, t, r, Double.POSITIVE_INFINITY, new double[t], new double[t]);
        double threshold = full * rng.nextDouble() * 2;
        double cut = SeriesKernels.dtw(a, 0, b, 0, t, r, threshold, new double[t], new double[t]);
        if (full <= threshold) {
            assertEquals(full, cut, 0.0);
        } else {
            assertTrue(cut > threshold, cut + " vs " + threshold);
        }
    }

    @Property(tries = 200)
    void zNormalisationGivesMeanZeroVarianceOneAndIgnoresScaleAndOffset(@ForAll @IntRange(min = 2, max = 60) int t,
            @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = SeriesOracles.gaussian(t, rng);
        double[] z = SeriesOracles.z(x);
        double m = 0;
        double v = 0;
        for (double q : z) {
            m += q;
        }
        m /= t;
        for (double q : z) {
            v += (q - m) * (q - m);
        }
        assertEquals(0.0, m, 1e-12);
        assertEquals(1.0, v / t, 1e-12);
        double a = 0.1 + 10 * rng.nextDouble();
        double b = 100 * rng.nextGaussian();
        double[] y = new double[t];
        for (int i = 0; i < t; i++) {
            y[i] = a * x[i] + b;
        }
        double[] zy = SeriesOracles.z(y);
        for (int i = 0; i < t; i++) {
            assertEquals(z[i], zy[i], 1e-9);
        }
    }

    @Property(tries = 200)
    void thePairedInverseFftGivesBothCrossCorrelations(@ForAll @IntRange(min = 1, max = 40) int t, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] a = SeriesOracles.gaussian(t, rng);
        double[] b = SeriesOracles.gaussian(t, rng);
        double[] x = SeriesOracles.gaussian(t, rng);
        SeriesKernels.Fft fft = SeriesKernels.Fft.forCrossCorrelation(t);
        int l = fft.length;
        double[][] sp = new double[6][l];
        fft.forwardReal(a, 0, t, sp[0], sp[1]);
        fft.forwardReal(b, 0, t, sp[2], sp[3]);
        fft.forwardReal(x, 0, t, sp[4], sp[5]);
        double[] out = new double[4];
        SeriesKernels.bestCrossCorrelationPair(fft, sp[0], sp[1], sp[2], sp[3], sp[4], sp[5], t, new double[l],
                new double[l], out);
        double sa = SeriesOracles.norm(a) * SeriesOracles.norm(x);
        double sb = SeriesOracles.norm(b) * SeriesOracles.norm(x);
        assertEquals(SeriesOracles.bruteCrossCorrelation(a, x), out[0], 1e-10 * Math.max(1, sa));
        assertEquals(SeriesOracles.bruteCrossCorrelation(b, x), out[2], 1e-10 * Math.max(1, sb));
        double[] aligned = new double[t];
        SeriesKernels.shift(x, 0, t, (int) out[3], aligned);
        double dot = 0;
        for (int i = 0; i < t; i++) {
            dot += b[i] * aligned[i];
        }
        assertEquals(out[2], dot, 1e-10 * Math.max(1, sb));
    }
}
