package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The optional Vector API kernels give the bits of the default (auto-vectorised) path: the same smallest squared
 * distances and labels per tile, and the same models. Runs when the JVM has {@code jdk.incubator.vector} (the core
 * pom's surefire adds it); skipped with that reason otherwise. Fixed seeds: every case is a deterministic draw.
 */
class VectorKernelsTest {
    @BeforeContainer
    static void needsTheModule() {
        assumeTrue(KMeansKernels.vectorAvailable(),
                "jdk.incubator.vector is not in the boot layer: run with --add-modules jdk.incubator.vector");
    }

    /** Values of a kind: Gaussian, a coarse grid (tied distances) or magnitudes up to 1e200 (overflow to +inf). */
    private static double value(SplittableRandom rng, int kind) {
        switch (kind) {
            case 0: return rng.nextGaussian() * 3;
            case 1: return (rng.nextInt(5) - 2) * 0.5;
            default: return rng.nextGaussian() * Math.pow(10, rng.nextInt(401) - 200);
        }
    }

    /** A tile of {@code d} columns with {@code len} values of a kind (the rest of its slots zero). */
    private static double[][] tile(SplittableRandom rng, int len, int d, int kind) {
        double[][] x = new double[d][KMeansData.TILE];
        for (double[] col : x) {
            for (int r = 0; r < len; r++) {
                col[r] = value(rng, kind);
            }
        }
        return x;
    }

    private static double[] values(SplittableRandom rng, int count, int kind) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = value(rng, kind);
        }
        return v;
    }

    /** The tile's columns padded with zero columns to {@code w}, as the fit lays them out. */
    private static double[][] padded(double[][] x, int w) {
        double[][] xv = new double[w][];
        Arrays.fill(xv, new double[KMeansData.TILE]);
        System.arraycopy(x, 0, xv, 0, x.length);
        return xv;
    }

    /** Row-major points of {@code d} coordinates padded with zeros to {@code w}. */
    private static double[] padded(double[] points, int d, int w) {
        int count = points.length / d;
        double[] p = new double[count * w];
        for (int c = 0; c < count; c++) {
            System.arraycopy(points, c * d, p, c * w, d);
        }
        return p;
    }

    @Property(tries = 300, seed = "20261206")
    void aTileGetsTheLabelsAndDistancesOfPlainComparisons(@ForAll @IntRange(min = 1, max = 256) int len,
            @ForAll @IntRange(min = 1, max = 8) int d, @ForAll @IntRange(min = 1, max = 12) int k,
            @ForAll @IntRange(min = 0, max = 2) int kind, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = tile(rng, len, d, kind);
        double[] cen = values(rng, k * d, kind);
        // the default path's distances (the tile kernel) compared one centre after another, ties to the lowest
        double[] best = new double[KMeansData.TILE];
        double[] dist = new double[KMeansData.TILE];
        int[] label = new int[len];
        KMeansKernels.distTile(x, len, cen, 0, d, best);
        for (int c = 1; c < k; c++) {
            KMeansKernels.distTile(x, len, cen, c * d, d, dist);
            for (int r = 0; r < len; r++) {
                if (dist[r] < best[r]) {
                    best[r] = dist[r];
                    label[r] = c;
                }
            }
        }
        // the vector path, padded to 4 or 8 columns with zero columns and zero coordinates
        int w = VectorKernels.width(d);
        double[][] xv = padded(x, w);
        double[] cv = padded(cen, d, w);
        double[] vBest = new double[KMeansData.TILE];
        double[] vLabel = new double[KMeansData.TILE];
        if (w == 4) {
            VectorKernels.assign4(xv, len, cv, k, vBest, vLabel);
        } else if (w == 6) {
            VectorKernels.assign6(xv, len, cv, k, vBest, vLabel);
        } else {
            VectorKernels.assign8(xv, len, cv, k, vBest, vLabel);
        }
        for (int r = 0; r < len; r++) {
            assertEquals(Double.doubleToRawLongBits(best[r]), Double.doubleToRawLongBits(vBest[r]),
                    "row " + r + ": " + best[r] + " vs " + vBest[r]);
            assertEquals(label[r], (int) vLabel[r], "row " + r);
        }
    }

    @Property(tries = 200, seed = "20261206")
    void kmeansPlusPlusCandidatesLowerTheDistancesAsTheTileKernelDoes(@ForAll @IntRange(min = 1, max = 256) int len,
            @ForAll @IntRange(min = 1, max = 8) int d, @ForAll @IntRange(min = 1, max = 8) int nCand,
            @ForAll @IntRange(min = 0, max = 2) int kind, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = tile(rng, len, d, kind);
        double[] cand = values(rng, nCand * d, kind);
        int row0 = 3 * KMeansData.TILE;
        double[] closest = new double[row0 + KMeansData.TILE];
        for (int r = 0; r < len; r++) {
            double v = Math.abs(value(rng, kind)) * (rng.nextInt(4) == 0 ? 0 : 10);
            closest[row0 + r] = rng.nextInt(9) == 0 ? Double.POSITIVE_INFINITY : v;
        }
        int w = VectorKernels.width(d);
        double[][] xv = padded(x, w);
        double[] cv = padded(cand, d, w);
        double[][] lowered = new double[nCand][closest.length];
        if (w == 4) {
            VectorKernels.lower4(xv, len, cv, nCand, closest, row0, lowered);
        } else if (w == 6) {
            VectorKernels.lower6(xv, len, cv, nCand, closest, row0, lowered);
        } else {
            VectorKernels.lower8(xv, len, cv, nCand, closest, row0, lowered);
        }
        double[] out = new double[KMeansData.TILE];
        for (int c = 0; c < nCand; c++) {
            KMeansKernels.distTile(x, len, cand, c * d, d, out);
            for (int r = 0; r < len; r++) {
                double expected = Math.min(closest[row0 + r], out[r]);
                assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(lowered[c][row0 + r]),
                        "candidate " + c + ", row " + r);
            }
        }
    }

    private static KMeansModel fitWith(boolean vector, KMeans km, DataMatrix x, int threads) {
        boolean before = KMeansKernels.vectorEnabled;
        KMeansKernels.vectorEnabled = vector;
        try {
            return km.fit(x, FitContext.seeded(5).withThreads(threads));
        } finally {
            KMeansKernels.vectorEnabled = before;
        }
    }

    @Property(tries = 40, seed = "20261206")
    void fitsWithAndWithoutTheVectorKernelsAreTheSameModel(@ForAll @IntRange(min = 1, max = 9) int d,
            @ForAll @IntRange(min = 1, max = 10) int k, @ForAll @IntRange(min = 0, max = 1) int kind,
            @ForAll @IntRange(min = 1, max = 9000) int n, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = value(rng, kind) + (i / d % 3) * 4;
        }
        DataMatrix x = DataMatrix.of(n, d, v);
        int kk = Math.min(k, KMeansData.distinctRows(v, n, d));
        KMeans byDefault = KMeans.builder().k(kk).nInit(2).maxIter(20).build();
        KMeansTest.assertSameModel(fitWith(false, byDefault, x, 2), fitWith(true, byDefault, x, 2));
        double[] c = new double[kk * d];
        for (int q = 0; q < kk; q++) {
            System.arraycopy(x.row(rng.nextInt(n)), 0, c, q * d, d);
        }
        KMeans fixed = KMeans.builder().initialCentres(DataMatrix.of(kk, d, c)).nInit(1).maxIter(15).tol(0).build();
        KMeansModel scalar = fitWith(false, fixed, x, 1);
        KMeansModel vector = fitWith(true, fixed, x, 3);
        KMeansTest.assertSameModel(scalar, vector);
        assertArrayEquals(scalar.labels(), vector.labels());
    }
}
