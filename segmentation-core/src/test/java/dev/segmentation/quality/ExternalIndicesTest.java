package dev.segmentation.quality;

import dev.segmentation.testing.TinyKMeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.junit.jupiter.api.Test;

class ExternalIndicesTest {

    /** Hubert-Arabie ARI from pair counting over all pairs. */
    static double ariByPairs(int[] a, int[] b) {
        long sameBoth = 0;
        long sameA = 0;
        long sameB = 0;
        long pairs = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                boolean x = a[i] == a[j];
                boolean y = b[i] == b[j];
                sameA += x ? 1 : 0;
                sameB += y ? 1 : 0;
                sameBoth += x && y ? 1 : 0;
                pairs++;
            }
        }
        double expected = (double) sameA * sameB / pairs;
        double max = 0.5 * (sameA + sameB);
        return (sameBoth - expected) / (max - expected);
    }

    /** E[MI] as the sum over cells of the hypergeometric expectation. */
    static double emiByHypergeometric(Contingency t) {
        long[] a = t.rowSums();
        long[] b = t.colSums();
        int n = (int) t.total();
        double emi = 0;
        for (long ai : a) {
            for (long bj : b) {
                HypergeometricDistribution h = new HypergeometricDistribution(null, n, (int) ai, (int) bj);
                for (int nij = Math.max(1, (int) (ai + bj - n)); nij <= Math.min(ai, bj); nij++) {
                    emi += h.probability(nij) * nij / n * Math.log((double) n * nij / (ai * bj));
                }
            }
        }
        return emi;
    }

    static double miByDefinition(int[] a, int[] b) {
        Contingency t = Contingency.of(a, b);
        double n = t.total();
        double mi = 0;
        for (int r = 0; r < t.rows(); r++) {
            for (int c = 0; c < t.cols(); c++) {
                double p = t.count(r, c) / n;
                if (p > 0) {
                    mi += p * Math.log(p / (t.rowSums()[r] / n * (t.colSums()[c] / n)));
                }
            }
        }
        return mi;
    }

    @Test
    void agreeWithIndependentFormulasOnRandomLabellings() {
        for (int seed = 0; seed < 30; seed++) {
            int n = 5 + seed * 5;
            int[] a = TinyKMeans.randomLabels(n, 1 + seed % 6, -1, seed);
            int[] b = TinyKMeans.randomLabels(n, 2 + seed % 4, 0, seed + 1000);
            if (seed % 3 == 0) {
                System.arraycopy(a, 0, b, 0, n / 2); // partly agreeing
            }
            Contingency t = Contingency.of(a, b);
            if (t.rows() > 1 || t.cols() > 1) {
                assertEquals(ariByPairs(a, b), ExternalIndices.adjustedRandIndex(a, b), 1e-12, "seed " + seed);
            }
            double mi = miByDefinition(a, b);
            assertEquals(mi, ExternalIndices.mutualInformation(a, b), 1e-12);
            double emi = t.rows() > 1 && t.cols() > 1 ? emiByHypergeometric(t) : 0.0;
            assertEquals(emi, ExternalIndices.expectedMutualInformation(t), 1e-10);
            double ha = ExternalIndices.entropy(a);
            double hb = ExternalIndices.entropy(b);
            if (t.rows() > 1 || t.cols() > 1) {
                assertEquals((mi - emi) / (0.5 * (ha + hb) - emi), ExternalIndices.adjustedMutualInformation(a, b),
                        1e-9);
            }
        }
    }

    @Test
    void contingencyCountsEveryPairOfValues() {
        Contingency t = Contingency.of(new int[] {-1, 0, 0, 2, 2, 2}, new int[] {5, 5, 7, 7, 7, 5});
        assertArrayEquals(new int[] {-1, 0, 2}, t.rowValues());
        assertArrayEquals(new int[] {5, 7}, t.colValues());
        assertArrayEquals(new long[] {1, 0, 1, 1, 1, 2}, t.counts());
        assertArrayEquals(new long[] {1, 2, 3}, t.rowSums());
        assertArrayEquals(new long[] {3, 3}, t.colSums());
        assertEquals(6, t.total());
    }

    @Test
    void singleClassCases() {
        int[] one = {3, 3, 3, 3};
        assertEquals(1.0, ExternalIndices.adjustedRandIndex(one, one));
        assertEquals(1.0, ExternalIndices.adjustedMutualInformation(one, one));
        assertEquals(1.0, ExternalIndices.normalizedMutualInformation(one, one));
        assertEquals(0.0, ExternalIndices.normalizedMutualInformation(one, new int[] {0, 0, 1, 1}));
        assertEquals(0.0, ExternalIndices.entropy(one));
        assertEquals(0.0, ExternalIndices.entropy(new int[0]));
        assertEquals(1.0, ExternalIndices.adjustedRandIndex(new int[0], new int[0]));
        assertEquals(1.0, ExternalIndices.adjustedMutualInformation(new int[0], new int[0]));
        assertEquals(1.0, ExternalIndices.normalizedMutualInformation(new int[0], new int[0]));
    }

    @Test
    void rejectsBadInput() {
        assertEquals("labellings differ in length: 2 and 3", assertThrows(IllegalArgumentException.class,
                () -> ExternalIndices.adjustedRandIndex(new int[2], new int[3])).getMessage());
        assertEquals("a", assertThrows(NullPointerException.class,
                () -> ExternalIndices.adjustedMutualInformation(null, new int[3])).getMessage());
    }
}
