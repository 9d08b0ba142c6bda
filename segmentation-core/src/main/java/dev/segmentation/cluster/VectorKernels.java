package dev.segmentation.cluster;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The K-Means assignment of one tile with the incubating Vector API ({@code jdk.incubator.vector}), used only when
 * the JVM runs with {@code --add-modules jdk.incubator.vector} (see {@link KMeansKernels#vectorAvailable()}); this
 * class is never loaded otherwise. Package-private.
 *
 * <p>For a block of rows (one vector's lanes), the data columns stay in registers while the rows' squared distances
 * to every centre are computed and compared: each distance is the same sequence of IEEE operations as
 * {@link KMeansKernels#distTile} ({@code s = (x_0 - c_0)^2}, then {@code s += (x_j - c_j)^2} in column order, no
 * FMA), and a centre replaces the running best only when strictly closer, so the labels (ties to the lowest centre
 * index) and the smallest distances are bit for bit those of the auto-vectorised path, for any vector width. Up to
 * eight columns, in layouts of 4, 6 or 8 ({@link #width}): fewer columns are padded with zero columns and zero centre
 * coordinates, which add {@code +0.0} to a
 * non-negative sum and so leave every bit unchanged. The tile kernel path replaces (distances to all centres, then
 * the passes of prefix minima and counts) reads each row once instead of once per centre and needs no NaN fallback:
 * an overflow to {@code +inf} compares exactly as in {@code KMeansRun}'s plain-comparison path.
 *
 * <p>The layouts of 4, 6 and 8 columns and the two kernels (assignment, k-means++ candidates) are written out one by
 * one on purpose: with the column vectors in named locals C2 keeps them in registers, while a loop over columns or a
 * shared helper over an array of them was about twice as slow in JDK 17 (measured on 1,000,000 x 8).
 *
 * <p>Stateless; thread-safe.
 */
final class VectorKernels {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private VectorKernels() {
    }

    /** The padded layout for {@code d <= 8} columns: 4, 6 or 8 columns. */
    static int width(int d) {
        return d <= 4 ? 4 : d <= 6 ? 6 : 8;
    }

    /**
     * Per block, the {@code w} column slots of one tile, every slot first pointing to a shared array of
     * {@link KMeansData#TILE} zeros (the padding columns); callers copy a tile's {@code d} column arrays into the
     * first slots before a kernel call.
     */
    static double[][][] paddedColumns(int nBlocks, int w) {
        double[][][] cols = new double[nBlocks][w][];
        double[] zeros = new double[KMeansData.TILE];
        for (double[][] c : cols) {
            java.util.Arrays.fill(c, zeros);
        }
        return cols;
    }

    /**
     * Labels and smallest squared distances of the rows {@code r < len} of a tile whose columns are {@code x[0..8)}
     * (arrays of at least {@code len} values; padding columns all zero), against {@code k} centres held row-major
     * with a stride of 8 in {@code cen} (padding coordinates zero): {@code best[r]} = the smallest squared distance,
     * {@code label[r]} = the first centre attaining it.
     */
    static void assign8(double[][] x, int len, double[] cen, int k, double[] best, double[] label) {
        final double[] x0 = x[0];
        final double[] x1 = x[1];
        final double[] x2 = x[2];
        final double[] x3 = x[3];
        final double[] x4 = x[4];
        final double[] x5 = x[5];
        final double[] x6 = x[6];
        final double[] x7 = x[7];
        final int step = SPECIES.length();
        final int bound = SPECIES.loopBound(len);
        int r = 0;
        for (; r < bound; r += step) {
            final DoubleVector v0 = DoubleVector.fromArray(SPECIES, x0, r);
            final DoubleVector v1 = DoubleVector.fromArray(SPECIES, x1, r);
            final DoubleVector v2 = DoubleVector.fromArray(SPECIES, x2, r);
            final DoubleVector v3 = DoubleVector.fromArray(SPECIES, x3, r);
            final DoubleVector v4 = DoubleVector.fromArray(SPECIES, x4, r);
            final DoubleVector v5 = DoubleVector.fromArray(SPECIES, x5, r);
            final DoubleVector v6 = DoubleVector.fromArray(SPECIES, x6, r);
            final DoubleVector v7 = DoubleVector.fromArray(SPECIES, x7, r);
            DoubleVector b = dist8(v0, v1, v2, v3, v4, v5, v6, v7, cen, 0);
            DoubleVector l = DoubleVector.zero(SPECIES);
            for (int c = 1; c < k; c++) {
                final DoubleVector s = dist8(v0, v1, v2, v3, v4, v5, v6, v7, cen, c * 8);
                final VectorMask<Double> closer = s.lt(b);
                b = b.blend(s, closer);
                l = l.blend((double) c, closer);
            }
            b.intoArray(best, r);
            l.intoArray(label, r);
        }
        for (; r < len; r++) {
            double bd = rowDist(x, r, cen, 0, 8);
            int bl = 0;
            for (int c = 1; c < k; c++) {
                double s = rowDist(x, r, cen, c * 8, 8);
                if (s < bd) {
                    bd = s;
                    bl = c;
                }
            }
            best[r] = bd;
            label[r] = bl;
        }
    }

    /** {@link #assign8} for five or six columns ({@code x[0..6)}, centres with a stride of 6). */
    static void assign6(double[][] x, int len, double[] cen, int k, double[] best, double[] label) {
        final double[] x0 = x[0];
        final double[] x1 = x[1];
        final double[] x2 = x[2];
        final double[] x3 = x[3];
        final double[] x4 = x[4];
        final double[] x5 = x[5];
        final int step = SPECIES.length();
        final int bound = SPECIES.loopBound(len);
        int r = 0;
        for (; r < bound; r += step) {
            final DoubleVector v0 = DoubleVector.fromArray(SPECIES, x0, r);
            final DoubleVector v1 = DoubleVector.fromArray(SPECIES, x1, r);
            final DoubleVector v2 = DoubleVector.fromArray(SPECIES, x2, r);
            final DoubleVector v3 = DoubleVector.fromArray(SPECIES, x3, r);
            final DoubleVector v4 = DoubleVector.fromArray(SPECIES, x4, r);
            final DoubleVector v5 = DoubleVector.fromArray(SPECIES, x5, r);
            DoubleVector b = dist6(v0, v1, v2, v3, v4, v5, cen, 0);
            DoubleVector l = DoubleVector.zero(SPECIES);
            for (int c = 1; c < k; c++) {
                final DoubleVector s = dist6(v0, v1, v2, v3, v4, v5, cen, c * 6);
                final VectorMask<Double> closer = s.lt(b);
                b = b.blend(s, closer);
                l = l.blend((double) c, closer);
            }
            b.intoArray(best, r);
            l.intoArray(label, r);
        }
        for (; r < len; r++) {
            double bd = rowDist(x, r, cen, 0, 6);
            int bl = 0;
            for (int c = 1; c < k; c++) {
                double s = rowDist(x, r, cen, c * 6, 6);
                if (s < bd) {
                    bd = s;
                    bl = c;
                }
            }
            best[r] = bd;
            label[r] = bl;
        }
    }

    /** {@link #assign8} for at most four columns ({@code x[0..4)}, centres with a stride of 4). */
    static void assign4(double[][] x, int len, double[] cen, int k, double[] best, double[] label) {
        final double[] x0 = x[0];
        final double[] x1 = x[1];
        final double[] x2 = x[2];
        final double[] x3 = x[3];
        final int step = SPECIES.length();
        final int bound = SPECIES.loopBound(len);
        int r = 0;
        for (; r < bound; r += step) {
            final DoubleVector v0 = DoubleVector.fromArray(SPECIES, x0, r);
            final DoubleVector v1 = DoubleVector.fromArray(SPECIES, x1, r);
            final DoubleVector v2 = DoubleVector.fromArray(SPECIES, x2, r);
            final DoubleVector v3 = DoubleVector.fromArray(SPECIES, x3, r);
            DoubleVector b = dist4(v0, v1, v2, v3, cen, 0);
            DoubleVector l = DoubleVector.zero(SPECIES);
            for (int c = 1; c < k; c++) {
                final DoubleVector s = dist4(v0, v1, v2, v3, cen, c * 4);
                final VectorMask<Double> closer = s.lt(b);
                b = b.blend(s, closer);
                l = l.blend((double) c, closer);
            }
            b.intoArray(best, r);
            l.intoArray(label, r);
        }
        for (; r < len; r++) {
            double bd = rowDist(x, r, cen, 0, 4);
            int bl = 0;
            for (int c = 1; c < k; c++) {
                double s = rowDist(x, r, cen, c * 4, 4);
                if (s < bd) {
                    bd = s;
                    bl = c;
                }
            }
            best[r] = bd;
            label[r] = bl;
        }
    }

    /**
     * For k-means++ candidates: {@code lowered[c][row0 + r] = min(closest[row0 + r], squared distance of row r of
     * the tile to candidate c)} for {@code c < nCand} and {@code r < len}, the tile's columns {@code x[0..8)} and the
     * candidates (stride 8) padded with zeros as in {@link #assign8}: the bits of {@link KMeansKernels#distTile}
     * followed by {@link Math#min}, each row's columns read once for all candidates.
     */
    static void lower8(double[][] x, int len, double[] cand, int nCand, double[] closest, int row0,
            double[][] lowered) {
        final double[] x0 = x[0];
        final double[] x1 = x[1];
        final double[] x2 = x[2];
        final double[] x3 = x[3];
        final double[] x4 = x[4];
        final double[] x5 = x[5];
        final double[] x6 = x[6];
        final double[] x7 = x[7];
        final int step = SPECIES.length();
        final int bound = SPECIES.loopBound(len);
        int r = 0;
        for (; r < bound; r += step) {
            final DoubleVector v0 = DoubleVector.fromArray(SPECIES, x0, r);
            final DoubleVector v1 = DoubleVector.fromArray(SPECIES, x1, r);
            final DoubleVector v2 = DoubleVector.fromArray(SPECIES, x2, r);
            final DoubleVector v3 = DoubleVector.fromArray(SPECIES, x3, r);
            final DoubleVector v4 = DoubleVector.fromArray(SPECIES, x4, r);
            final DoubleVector v5 = DoubleVector.fromArray(SPECIES, x5, r);
            final DoubleVector v6 = DoubleVector.fromArray(SPECIES, x6, r);
            final DoubleVector v7 = DoubleVector.fromArray(SPECIES, x7, r);
            final DoubleVector cl = DoubleVector.fromArray(SPECIES, closest, row0 + r);
            for (int c = 0; c < nCand; c++) {
                dist8(v0, v1, v2, v3, v4, v5, v6, v7, cand, c * 8).min(cl).intoArray(lowered[c], row0 + r);
            }
        }
        for (; r < len; r++) {
            for (int c = 0; c < nCand; c++) {
                lowered[c][row0 + r] = Math.min(closest[row0 + r], rowDist(x, r, cand, c * 8, 8));
            }
        }
    }

    /** {@link #lower8} for five or six columns ({@code x[0..6)}, candidates with a stride of 6). */
    static void lower6(double[][] x, int len, double[] cand, int nCand, double[] closest, int row0,
            double[][] lowered) {
        final double[] x0 = x[0];
        final double[] x1 = x[1];
        final double[] x2 = x[2];
        final double[] x3 = x[3];
        final double[] x4 = x[4];
        final double[] x5 = x[5];
        final int step = SPECIES.length();
        final int bound = SPECIES.loopBound(len);
        int r = 0;
        for (; r < bound; r += step) {
            final DoubleVector v0 = DoubleVector.fromArray(SPECIES, x0, r);
            final DoubleVector v1 = DoubleVector.fromArray(SPECIES, x1, r);
            final DoubleVector v2 = DoubleVector.fromArray(SPECIES, x2, r);
            final DoubleVector v3 = DoubleVector.fromArray(SPECIES, x3, r);
            final DoubleVector v4 = DoubleVector.fromArray(SPECIES, x4, r);
            final DoubleVector v5 = DoubleVector.fromArray(SPECIES, x5, r);
            final DoubleVector cl = DoubleVector.fromArray(SPECIES, closest, row0 + r);
            for (int c = 0; c < nCand; c++) {
                dist6(v0, v1, v2, v3, v4, v5, cand, c * 6).min(cl).intoArray(lowered[c], row0 + r);
            }
        }
        for (; r < len; r++) {
            for (int c = 0; c < nCand; c++) {
                lowered[c][row0 + r] = Math.min(closest[row0 + r], rowDist(x, r, cand, c * 6, 6));
            }
        }
    }

    /** {@link #lower8} for at most four columns ({@code x[0..4)}, candidates with a stride of 4). */
    static void lower4(double[][] x, int len, double[] cand, int nCand, double[] closest, int row0,
            double[][] lowered) {
        final double[] x0 = x[0];
        final double[] x1 = x[1];
        final double[] x2 = x[2];
        final double[] x3 = x[3];
        final int step = SPECIES.length();
        final int bound = SPECIES.loopBound(len);
        int r = 0;
        for (; r < bound; r += step) {
            final DoubleVector v0 = DoubleVector.fromArray(SPECIES, x0, r);
            final DoubleVector v1 = DoubleVector.fromArray(SPECIES, x1, r);
            final DoubleVector v2 = DoubleVector.fromArray(SPECIES, x2, r);
            final DoubleVector v3 = DoubleVector.fromArray(SPECIES, x3, r);
            final DoubleVector cl = DoubleVector.fromArray(SPECIES, closest, row0 + r);
            for (int c = 0; c < nCand; c++) {
                dist4(v0, v1, v2, v3, cand, c * 4).min(cl).intoArray(lowered[c], row0 + r);
            }
        }
        for (; r < len; r++) {
            for (int c = 0; c < nCand; c++) {
                lowered[c][row0 + r] = Math.min(closest[row0 + r], rowDist(x, r, cand, c * 4, 4));
            }
        }
    }

    private static DoubleVector dist8(DoubleVector v0, DoubleVector v1, DoubleVector v2, DoubleVector v3,
            DoubleVector v4, DoubleVector v5, DoubleVector v6, DoubleVector v7, double[] cen, int o) {
        DoubleVector t = v0.sub(cen[o]);
        DoubleVector s = t.mul(t);
        t = v1.sub(cen[o + 1]);
        s = s.add(t.mul(t));
        t = v2.sub(cen[o + 2]);
        s = s.add(t.mul(t));
        t = v3.sub(cen[o + 3]);
        s = s.add(t.mul(t));
        t = v4.sub(cen[o + 4]);
        s = s.add(t.mul(t));
        t = v5.sub(cen[o + 5]);
        s = s.add(t.mul(t));
        t = v6.sub(cen[o + 6]);
        s = s.add(t.mul(t));
        t = v7.sub(cen[o + 7]);
        return s.add(t.mul(t));
    }

    private static DoubleVector dist6(DoubleVector v0, DoubleVector v1, DoubleVector v2, DoubleVector v3,
            DoubleVector v4, DoubleVector v5, double[] cen, int o) {
        DoubleVector t = v0.sub(cen[o]);
        DoubleVector s = t.mul(t);
        t = v1.sub(cen[o + 1]);
        s = s.add(t.mul(t));
        t = v2.sub(cen[o + 2]);
        s = s.add(t.mul(t));
        t = v3.sub(cen[o + 3]);
        s = s.add(t.mul(t));
        t = v4.sub(cen[o + 4]);
        s = s.add(t.mul(t));
        t = v5.sub(cen[o + 5]);
        return s.add(t.mul(t));
    }

    private static DoubleVector dist4(DoubleVector v0, DoubleVector v1, DoubleVector v2, DoubleVector v3,
            double[] cen, int o) {
        DoubleVector t = v0.sub(cen[o]);
        DoubleVector s = t.mul(t);
        t = v1.sub(cen[o + 1]);
        s = s.add(t.mul(t));
        t = v2.sub(cen[o + 2]);
        s = s.add(t.mul(t));
        t = v3.sub(cen[o + 3]);
        return s.add(t.mul(t));
    }

    /** The scalar tail: the squared distance of row {@code r} to the centre at {@code cen[o, o + w)}. */
    private static double rowDist(double[][] x, int r, double[] cen, int o, int w) {
        double s = 0.0;
        for (int j = 0; j < w; j++) {
            double t = x[j][r] - cen[o + j];
            s = j == 0 ? t * t : s + t * t;
        }
        return s;
    }
}
