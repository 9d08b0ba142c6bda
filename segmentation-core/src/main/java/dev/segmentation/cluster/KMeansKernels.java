package dev.segmentation.cluster;

/**
 * Distance kernels shared by fit and predict. Package-private.
 *
 * <p>Every squared Euclidean distance in K-Means is computed as {@code s = 0; for j in 0..d-1: s += (x_j - c_j)^2}
 * in column order. The tile kernel computes exactly these operations for many rows at once (grouping columns by
 * four keeps the same left-to-right additions), so the scalar and the tile kernel give identical bits: a row's
 * label in fit equals its {@code predict}, ties included (the lowest centre index wins).
 */
final class KMeansKernels {
    private KMeansKernels() {
    }

    /** Whether {@code jdk.incubator.vector} is in the boot layer (and not switched off), read once. */
    private static final boolean VECTOR_AVAILABLE = detectVector();

    /**
     * Whether new K-Means runs use {@link VectorKernels} (for up to eight columns): the Vector API is available and
     * not switched off. Tests may set it to compare both paths in one JVM.
     */
    static volatile boolean vectorEnabled = VECTOR_AVAILABLE;

    /**
     * Whether the JVM runs with {@code --add-modules jdk.incubator.vector} and the system property
     * {@code dev.segmentation.vector} is not {@code false}.
     */
    static boolean vectorAvailable() {
        return VECTOR_AVAILABLE;
    }

    private static boolean detectVector() {
        if ("false".equalsIgnoreCase(System.getProperty("dev.segmentation.vector"))) {
            return false;
        }
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /**
     * {@code out[r]} = squared distance of row {@code r < len} of a tile ({@code x[j][r]}, see {@link KMeansData})
     * to centre {@code cen[coff, coff + d)}.
     */
    static void distTile(double[][] x, int len, double[] cen, int coff, int d, double[] out) {
        int j = 0;
        boolean first = true;
        for (; j + 4 <= d; j += 4) {
            final double[] x0 = x[j];
            final double[] x1 = x[j + 1];
            final double[] x2 = x[j + 2];
            final double[] x3 = x[j + 3];
            final double c0 = cen[coff + j];
            final double c1 = cen[coff + j + 1];
            final double c2 = cen[coff + j + 2];
            final double c3 = cen[coff + j + 3];
            if (first) {
                for (int r = 0; r < len; r++) {
                    double t0 = x0[r] - c0;
                    double t1 = x1[r] - c1;
                    double t2 = x2[r] - c2;
                    double t3 = x3[r] - c3;
                    double s = t0 * t0;
                    s += t1 * t1;
                    s += t2 * t2;
                    s += t3 * t3;
                    out[r] = s;
                }
                first = false;
            } else {
                for (int r = 0; r < len; r++) {
                    double t0 = x0[r] - c0;
                    double t1 = x1[r] - c1;
                    double t2 = x2[r] - c2;
                    double t3 = x3[r] - c3;
                    double s = out[r];
                    s += t0 * t0;
                    s += t1 * t1;
                    s += t2 * t2;
                    s += t3 * t3;
                    out[r] = s;
                }
            }
        }
        if (j + 2 <= d) {
            final double[] x0 = x[j];
            final double[] x1 = x[j + 1];
            final double c0 = cen[coff + j];
            final double c1 = cen[coff + j + 1];
            if (first) {
                for (int r = 0; r < len; r++) {
                    double t0 = x0[r] - c0;
                    double t1 = x1[r] - c1;
                    double s = t0 * t0;
                    s += t1 * t1;
                    out[r] = s;
                }
                first = false;
            } else {
                for (int r = 0; r < len; r++) {
                    double t0 = x0[r] - c0;
                    double t1 = x1[r] - c1;
                    double s = out[r];
                    s += t0 * t0;
                    s += t1 * t1;
                    out[r] = s;
                }
            }
            j += 2;
        }
        if (j < d) {
            final double[] x0 = x[j];
            final double c0 = cen[coff + j];
            if (first) {
                for (int r = 0; r < len; r++) {
                    double t0 = x0[r] - c0;
                    out[r] = t0 * t0;
                }
            } else {
                for (int r = 0; r < len; r++) {
                    double t0 = x0[r] - c0;
                    out[r] += t0 * t0;
                }
            }
        }
    }

    /** 2^600: two factors of it take the smallest positive double above 1 (2^-1074 * 2^1200 = 2^126). */
    private static final double SCALE = 0x1p600;

    /**
     * Merges a group's minimum into a running one over rows {@code r < len}: where {@code dist[r] < best[r]}, sets
     * {@code label[r] = groupLabel[r]}; then {@code best[r] = min(best[r], dist[r])}, the same result as
     * {@code if (dist[r] < best[r]) { best[r] = dist[r]; label[r] = groupLabel[r]; }} (ties keep the earlier,
     * lower-index group). Labels are held as doubles and the comparison is computed as arithmetic so that the loop
     * has no branch and C2 vectorises it: for finite non-negative distances, {@code best - dist > 0} exactly when
     * {@code dist < best} (subtraction of finite doubles is zero only for equal operands), and scaling that
     * difference by 2^1200 and clamping to [0, 1] gives 1 or 0 exactly; infinite distances also work except
     * {@code best = dist = +inf}, which yields NaN (callers detect it).
     */
    static void mergeCloser(double[] best, double[] dist, double[] label, double[] groupLabel, int len) {
        for (int r = 0; r < len; r++) {
            final double b = best[r];
            final double a = dist[r];
            final double ind = Math.max(0.0, Math.min(1.0, (b - a) * SCALE * SCALE));
            final double l = label[r];
            label[r] = l + ind * (groupLabel[r] - l);
            best[r] = Math.min(b, a);
        }
    }

    /**
     * Merges the distances to centre {@code c} into a running smallest ({@code best}), second smallest
     * ({@code second}) and argmin ({@code label}, ties to the lower index) over rows {@code r < len}: the same
     * values as {@code if (dist < best) { second = best; best = dist; label = c; } else if (dist < second) second =
     * dist;}, since {@code second = min(second, max(best, dist))} covers both branches. Branch-free (see
     * {@link #mergeCloser}) so that C2 vectorises it; {@code best = dist = +inf} yields a NaN label (callers detect
     * it).
     */
    static void mergeSecond(double[] best, double[] second, double[] dist, double[] label, int c, int len) {
        final double cc = c;
        for (int r = 0; r < len; r++) {
            final double b = best[r];
            final double a = dist[r];
            final double ind = Math.max(0.0, Math.min(1.0, (b - a) * SCALE * SCALE));
            final double l = label[r];
            label[r] = l + ind * (cc - l);
            second[r] = Math.min(second[r], Math.max(b, a));
            best[r] = Math.min(b, a);
        }
    }

    /**
     * Running minimum: {@code cur[r] = min(prev[r], cur[r])} for {@code r < len} (a separate short loop, so that
     * C2 vectorises it; folding it into the distance loop makes the loop too large to vectorise).
     */
    static void minInto(double[] prev, double[] cur, int len) {
        for (int r = 0; r < len; r++) {
            cur[r] = Math.min(prev[r], cur[r]);
        }
    }

    /**
     * {@code label[r] += (prefixMin[r] > min[r]) ? 1 : 0} for {@code r < len}, where {@code prefixMin[r] >= min[r]}
     * (the minimum over the first centres of a group and over the whole group). Summed over the centres of a group
     * this counts the centres before the first one that attains the group minimum, that is the group's argmin with
     * ties to the lowest index. Computed without a branch so that C2 vectorises it: for finite values,
     * {@code p - m > 0} exactly when {@code p > m}, and scaling by 2^1200 and clamping to 1 gives exactly 1 or 0;
     * also right when {@code p} is infinite and {@code m} is not. {@code p = m = +inf} gives NaN, which callers
     * detect.
     */
    static void countGreater(double[] prefixMin, double[] min, double[] label, int len) {
        for (int r = 0; r < len; r++) {
            label[r] += Math.min(1.0, (prefixMin[r] - min[r]) * SCALE * SCALE);
        }
    }

    /** Squared distance of row {@code i} of a tile ({@code x[j][i]}) to a centre. */
    static double distRow(double[][] x, int i, double[] cen, int coff, int d) {
        double s = 0.0;
        for (int j = 0; j < d; j++) {
            double t = x[j][i] - cen[coff + j];
            s += t * t;
        }
        return s;
    }

    /** Squared distance of a row-major row {@code v[voff, voff + d)} to a centre. */
    static double dist(double[] v, int voff, double[] cen, int coff, int d) {
        double s = 0.0;
        for (int j = 0; j < d; j++) {
            double t = v[voff + j] - cen[coff + j];
            s += t * t;
        }
        return s;
    }

    /** Index of the closest centre to row-major row {@code v[voff..]} (ties: the lowest index). */
    static int nearest(double[] v, int voff, double[] cen, int k, int d) {
        int best = 0;
        double bd = dist(v, voff, cen, 0, d);
        for (int c = 1; c < k; c++) {
            double dd = dist(v, voff, cen, c * d, d);
            if (dd < bd) {
                bd = dd;
                best = c;
            }
        }
        return best;
    }
}
