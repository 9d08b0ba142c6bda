package dev.segmentation.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On every reference case: a row permutation, another thread count and the other MST algorithm give the same
 * labels (the same numbers, not only up to renaming), strengths and outlier scores, bit for bit.
 */
class HdbscanOrderIndependenceTest {
    static Stream<HdbscanTestData.Case> cases() {
        return HdbscanTestData.cases().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void permutationThreadsAndAlgorithmDoNotChangeResults(HdbscanTestData.Case c) {
        DataMatrix x = HdbscanTestData.input(c);
        Hdbscan h = HdbscanTestData.builder(c).build();
        HdbscanModel base = h.fit(x, FitContext.seeded(1).withThreads(1));
        int[] perm = HdbscanTestData.permutation(x.rows(), 7);
        HdbscanModel permuted = h.fit(x.selectRows(perm), FitContext.seeded(1).withThreads(2));
        assertSamePermuted(base, permuted, perm);
        HdbscanModel threads3 = h.fit(x, FitContext.seeded(1).withThreads(3));
        assertSamePermuted(base, threads3, identity(x.rows()));
        if (x.rows() <= 2500) { // the other MST algorithm (brute force is O(n^2))
            Hdbscan.MstAlgorithm other = base.usedBruteForce() ? Hdbscan.MstAlgorithm.BORUVKA_KDTREE
                    : Hdbscan.MstAlgorithm.BRUTE_FORCE;
            HdbscanModel alt = HdbscanTestData.builder(c).mstAlgorithm(other).build()
                    .fit(x, FitContext.seeded(1).withThreads(2));
            assertSamePermuted(base, alt, identity(x.rows()));
        }
    }

    static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    /** {@code b} was fitted on the rows of {@code a}'s data taken in order {@code perm}. */
    static void assertSamePermuted(HdbscanModel a, HdbscanModel b, int[] perm) {
        int n = perm.length;
        int[] la = a.labels();
        double[] sa = a.strengths();
        double[] oa = a.outlierScores();
        int[] lb = b.labels();
        double[] sb = b.strengths();
        double[] ob = b.outlierScores();
        int[] expL = new int[n];
        long[] expS = new long[n];
        long[] expO = new long[n];
        long[] gotS = new long[n];
        long[] gotO = new long[n];
        for (int i = 0; i < n; i++) {
            expL[i] = la[perm[i]];
            expS[i] = Double.doubleToLongBits(sa[perm[i]]);
            expO[i] = Double.doubleToLongBits(oa[perm[i]]);
            gotS[i] = Double.doubleToLongBits(sb[i]);
            gotO[i] = Double.doubleToLongBits(ob[i]);
        }
        assertEquals(a.clusterCount(), b.clusterCount());
        assertArrayEquals(expL, lb, "labels");
        assertArrayEquals(expS, gotS, "strengths");
        assertArrayEquals(expO, gotO, "outlier scores");
        double[] pa = a.clusterPersistence();
        double[] pb = b.clusterPersistence();
        assertEquals(pa.length, pb.length);
        for (int k = 0; k < pa.length; k++) {
            assertEquals(Double.doubleToLongBits(pa[k]), Double.doubleToLongBits(pb[k]), "persistence " + k);
        }
    }
}
