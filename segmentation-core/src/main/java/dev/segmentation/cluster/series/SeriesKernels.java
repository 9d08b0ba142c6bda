package dev.segmentation.cluster.series;

import java.util.SplittableRandom;

/**
 * Kernels on series held in flat row-major arrays: z-normalisation, a radix-2 complex FFT, cross-correlation by FFT,
 * the shape-based distance and dynamic time warping (with a Sakoe-Chiba band and its warping path). Package-private;
 * every method is deterministic and allocates nothing unless said.
 */
final class SeriesKernels {
    private SeriesKernels() {
    }

    /**
     * Writes the z-normalised {@code src[off..off+t)} (population standard deviation) into {@code dst[dOff..)}.
     * Returns false, writing zeros, when all values are equal (the series is constant).
     */
    static boolean zNormalize(double[] src, int off, int t, double[] dst, int dOff) {
        double first = src[off];
        boolean constant = true;
        double sum = 0;
        for (int i = 0; i < t; i++) {
            double v = src[off + i];
            sum += v;
            constant &= v == first;
        }
        if (constant) {
            for (int i = 0; i < t; i++) {
                dst[dOff + i] = 0.0;
            }
            return false;
        }
        double mean = sum / t;
        double ss = 0;
        for (int i = 0; i < t; i++) {
            double c = src[off + i] - mean;
            ss += c * c;
        }
        double sd = Math.sqrt(ss / t);
        for (int i = 0; i < t; i++) {
            dst[dOff + i] = (src[off + i] - mean) / sd;
        }
        return true;
    }

    /** Euclidean norm of {@code x[off..off+t)}. */
    static double norm(double[] x, int off, int t) {
        double s = 0;
        for (int i = 0; i < t; i++) {
            s += x[off + i] * x[off + i];
        }
        return Math.sqrt(s);
    }

    /**
     * An in-place iterative radix-2 FFT of one length (a power of two) with precomputed twiddles and bit reversal.
     * Immutable and shareable between threads; the arrays passed in are the caller's.
     */
    static final class Fft {
        final int length;
        private final int[] rev;
        private final double[] cos;
        private final double[] sin;

        /** The FFT of the smallest power of two {@code >= 2t - 1}, the zero padding of a full cross-correlation. */
        static Fft forCrossCorrelation(int t) {
            int l = 1;
            while (l < 2 * t - 1) {
                l <<= 1;
            }
            return new Fft(l);
        }

        Fft(int length) {
            if (length < 1 || Integer.bitCount(length) != 1) {
                throw new IllegalArgumentException("FFT length must be a power of two but was " + length);
            }
            this.length = length;
            int bits = Integer.numberOfTrailingZeros(length);
            rev = new int[length];
            for (int i = 0; i < length; i++) {
                rev[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
            }
            cos = new double[Math.max(1, length / 2)];
            sin = new double[Math.max(1, length / 2)];
            for (int i = 0; i < length / 2; i++) {
                double a = -2 * Math.PI * i / length;
                cos[i] = Math.cos(a);
                sin[i] = Math.sin(a);
            }
        }

        /** Forward transform (sign -1 in the exponent) of {@code re + i im}, in place. */
        void forward(double[] re, double[] im) {
            transform(re, im, false);
        }

        /** Inverse transform, scaled by 1/length, in place. */
        void inverse(double[] re, double[] im) {
            transform(re, im, true);
            double s = 1.0 / length;
            for (int i = 0; i < length; i++) {
                re[i] *= s;
                im[i] *= s;
            }
        }

        private void transform(double[] re, double[] im, boolean inverse) {
            final int n = length;
            for (int i = 0; i < n; i++) {
                int j = rev[i];
                if (j > i) {
                    double tr = re[i];
                    re[i] = re[j];
                    re[j] = tr;
                    double ti = im[i];
                    im[i] = im[j];
                    im[j] = ti;
                }
            }
            final double sgn = inverse ? -1.0 : 1.0;
            for (int size = 2; size <= n; size <<= 1) {
                int half = size >> 1;
                int step = n / size;
                for (int start = 0; start < n; start += size) {
                    for (int k = 0; k < half; k++) {
                        double wr = cos[k * step];
                        double wi = sgn * sin[k * step];
                        int a = start + k;
                        int b = a + half;
                        double xr = re[b] * wr - im[b] * wi;
                        double xi = re[b] * wi + im[b] * wr;
                        re[b] = re[a] - xr;
                        im[b] = im[a] - xi;
                        re[a] += xr;
                        im[a] += xi;
                    }
                }
            }
        }

        /** Loads {@code x[off..off+t)} zero-padded into {@code re}, zeros {@code im}, and transforms. */
        void forwardReal(double[] x, int off, int t, double[] re, double[] im) {
            System.arraycopy(x, off, re, 0, t);
            java.util.Arrays.fill(re, t, length, 0.0);
            java.util.Arrays.fill(im, 0, length, 0.0);
            forward(re, im);
        }
    }

    /**
     * The best cross-correlation of a reference {@code r} (spectrum {@code rRe, rIm}) and a series {@code x}
     * (spectrum {@code xRe, xIm}) both of length {@code t}: {@code out[0]} is {@code max_s sum_i r[i + s] x[i]} over
     * shifts {@code s} in {@code (-t, t)} (out-of-range terms are zero) and {@code out[1]} is that shift {@code s}
     * (the lowest-index bin of the FFT output on ties, bins 0, 1, ..., then negative shifts). Uses {@code wRe, wIm}
     * (length of the FFT) as workspace.
     */
    static void bestCrossCorrelation(Fft fft, double[] rRe, double[] rIm, double[] xRe, double[] xIm, int t,
            double[] wRe, double[] wIm, double[] out) {
        final int l = fft.length;
        for (int i = 0; i < l; i++) {
            // R * conj(X)
            wRe[i] = rRe[i] * xRe[i] + rIm[i] * xIm[i];
            wIm[i] = rIm[i] * xRe[i] - rRe[i] * xIm[i];
        }
        fft.inverse(wRe, wIm);
        double best = Double.NEGATIVE_INFINITY;
        int shift = 0;
        for (int s = 0; s < t; s++) {
            if (wRe[s] > best) {
                best = wRe[s];
                shift = s;
            }
        }
        for (int s = 1; s < t; s++) {
            if (wRe[l - s] > best) {
                best = wRe[l - s];
                shift = -s;
            }
        }
        out[0] = best;
        out[1] = shift;
    }

    /**
     * {@link #bestCrossCorrelation} of two references {@code a} and {@code b} against one series {@code x} with a single
     * inverse FFT: the products {@code A conj(X)} and {@code B conj(X)} are spectra of real sequences, so the inverse of
     * {@code A conj(X) + i B conj(X)} holds the first in its real part and the second in its imaginary part.
     * {@code out[0], out[1]} are the best value and shift against {@code a}, {@code out[2], out[3]} against {@code b}.
     */
    static void bestCrossCorrelationPair(Fft fft, double[] aRe, double[] aIm, double[] bRe, double[] bIm, double[] xRe,
            double[] xIm, int t, double[] wRe, double[] wIm, double[] out) {
        final int l = fft.length;
        for (int i = 0; i < l; i++) {
            double pr = aRe[i] * xRe[i] + aIm[i] * xIm[i];
            double pi = aIm[i] * xRe[i] - aRe[i] * xIm[i];
            double qr = bRe[i] * xRe[i] + bIm[i] * xIm[i];
            double qi = bIm[i] * xRe[i] - bRe[i] * xIm[i];
            wRe[i] = pr - qi;
            wIm[i] = pi + qr;
        }
        fft.inverse(wRe, wIm);
        best(wRe, l, t, out, 0);
        best(wIm, l, t, out, 2);
    }

    private static void best(double[] w, int l, int t, double[] out, int o) {
        double best = Double.NEGATIVE_INFINITY;
        int shift = 0;
        for (int s = 0; s < t; s++) {
            if (w[s] > best) {
                best = w[s];
                shift = s;
            }
        }
        for (int s = 1; s < t; s++) {
            if (w[l - s] > best) {
                best = w[l - s];
                shift = -s;
            }
        }
        out[o] = best;
        out[o + 1] = shift;
    }

    /**
     * The shape-based distance from a best cross-correlation {@code cc} and the two norms: {@code 1 - cc / (nr nx)},
     * and 1 (no correlation) when either norm is 0.
     */
    static double sbd(double cc, double normR, double normX) {
        if (normR == 0 || normX == 0) {
            return 1.0;
        }
        return 1.0 - cc / (normR * normX);
    }

    /**
     * Writes {@code x[off..off+t)} shifted by {@code shift} into {@code dst} (length t): {@code dst[i + shift] = x[i]},
     * zero where nothing lands; after it, {@code sum_j r[j] dst[j]} is the cross-correlation at {@code shift}.
     */
    static void shift(double[] x, int off, int t, int shift, double[] dst) {
        for (int j = 0; j < t; j++) {
            int i = j - shift;
            dst[j] = i >= 0 && i < t ? x[off + i] : 0.0;
        }
    }

    /**
     * The DTW cost of {@code a[aOff..aOff+t)} and {@code b[bOff..bOff+t)}: the least sum of squared differences
     * along a warping path from (0, 0) to (t-1, t-1) with steps (1,1), (1,0), (0,1) and cells with
     * {@code |i - j| <= radius}. Stops early and returns {@code +inf} once every cell of a row exceeds
     * {@code abandonAbove} (the result is then known to be larger). {@code prev, cur} have length t.
     * O(t (2 radius + 1)).
     */
    static double dtw(double[] a, int aOff, double[] b, int bOff, int t, int radius, double abandonAbove,
            double[] prev, double[] cur) {
        final double inf = Double.POSITIVE_INFINITY;
        java.util.Arrays.fill(prev, 0, t, inf);
        java.util.Arrays.fill(cur, 0, t, inf);
        for (int i = 0; i < t; i++) {
            int lo = Math.max(0, i - radius);
            int hi = Math.min(t - 1, i + radius);
            // only the cells next to the band are read outside it: keep them infinite
            if (lo > 0) {
                cur[lo - 1] = inf;
            }
            if (hi + 1 < t) {
                cur[hi + 1] = inf;
            }
            double ai = a[aOff + i];
            double rowMin = inf;
            for (int j = lo; j <= hi; j++) {
                double d = ai - b[bOff + j];
                double c = d * d;
                double best;
                if (i == 0 && j == 0) {
                    best = 0;
                } else {
                    best = prev[j];
                    if (j > 0) {
                        best = Math.min(best, Math.min(prev[j - 1], cur[j - 1]));
                    }
                }
                double v = c + best;
                cur[j] = v;
                if (v < rowMin) {
                    rowMin = v;
                }
            }
            if (rowMin > abandonAbove) {
                return inf;
            }
            double[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[t - 1];
    }

    /**
     * The DTW cost as {@link #dtw} (never abandoned), and the optimal warping path written as pairs
     * {@code (path[2p], path[2p + 1]) = (i, j)} from (t-1, t-1) back to (0, 0); returns the number of pairs through
     * {@code lenOut[0]}. Ties prefer the diagonal step, then (i-1, j), then (i, j-1). {@code acc} has length t*t and
     * {@code path} at least 2 (2t - 1). O(t (2 radius + 1)).
     */
    static double dtwPath(double[] a, int aOff, double[] b, int bOff, int t, int radius, double[] acc, int[] path,
            int[] lenOut) {
        final double inf = Double.POSITIVE_INFINITY;
        for (int i = 0; i < t; i++) {
            int lo = Math.max(0, i - radius);
            int hi = Math.min(t - 1, i + radius);
            int row = i * t;
            for (int j = 0; j < lo; j++) {
                acc[row + j] = inf;
            }
            for (int j = hi + 1; j < t; j++) {
                acc[row + j] = inf;
            }
            double ai = a[aOff + i];
            for (int j = lo; j <= hi; j++) {
                double d = ai - b[bOff + j];
                double best;
                if (i == 0 && j == 0) {
                    best = 0;
                } else {
                    best = inf;
                    if (i > 0) {
                        best = acc[row - t + j];
                        if (j > 0) {
                            best = Math.min(best, acc[row - t + j - 1]);
                        }
                    }
                    if (j > 0) {
                        best = Math.min(best, acc[row + j - 1]);
                    }
                }
                acc[row + j] = d * d + best;
            }
        }
        int i = t - 1;
        int j = t - 1;
        int n = 0;
        path[n++] = i;
        path[n++] = j;
        while (i > 0 || j > 0) {
            if (i == 0) {
                j--;
            } else if (j == 0) {
                i--;
            } else {
                double diag = acc[(i - 1) * t + j - 1];
                double up = acc[(i - 1) * t + j];
                double left = acc[i * t + j - 1];
                if (diag <= up && diag <= left) {
                    i--;
                    j--;
                } else if (up <= left) {
                    i--;
                } else {
                    j--;
                }
            }
            path[n++] = i;
            path[n++] = j;
        }
        lenOut[0] = n / 2;
        return acc[t * t - 1];
    }

    /**
     * One k-means++ draw: folds each row's distance to the newest centroid, {@code d} (squared first when
     * {@code square}), into the running minima {@code dmin}, then picks a row with probability proportional to its
     * minimum (rows at 0 are never picked), or uniformly when every minimum is 0. One draw from {@code rng}.
     */
    static int kMeansPlusPlusPick(double[] dmin, double[] d, boolean square, SplittableRandom rng) {
        int n = dmin.length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double v = square ? d[i] * d[i] : d[i];
            if (v < dmin[i]) {
                dmin[i] = v;
            }
            total += dmin[i];
        }
        if (!(total > 0)) {
            return rng.nextInt(n);
        }
        double u = rng.nextDouble() * total;
        double acc = 0;
        for (int i = 0; i < n; i++) {
            acc += dmin[i];
            if (acc > u && dmin[i] > 0) {
                return i;
            }
        }
        return n - 1;
    }
}
