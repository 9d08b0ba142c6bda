package dev.segmentation.quality;

import dev.segmentation.testing.TinyKMeans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ExternalIndicesProperties {

    static int[] labels(int n, int k, long seed) {
        return TinyKMeans.randomLabels(n, k, -1, seed);
    }

    /** {@code a} with its label values permuted by a random bijection (noise -1 included). */
    static int[] relabel(int[] a, long seed) {
        Random r = new Random(seed);
        int[] values = Contingency.distinct(a);
        int[] target = new int[values.length];
        for (int i = 0; i < target.length; i++) {
            target[i] = 100 + i * 3 - 1;
        }
        for (int i = target.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = target[i];
            target[i] = target[j];
            target[j] = t;
        }
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = target[java.util.Arrays.binarySearch(values, a[i])];
        }
        return out;
    }

    @Property(tries = 200)
    void ariAndAmiAreOneUnderAnyRelabelling(@ForAll @IntRange(min = 2, max = 300) int n,
            @ForAll @IntRange(min = 1, max = 12) int k, @ForAll long seed) {
        int[] a = labels(n, k, seed);
        int[] b = relabel(a, seed ^ 77);
        assertEquals(1.0, ExternalIndices.adjustedRandIndex(a, b), 1e-12);
        if (Contingency.distinct(a).length < n) {
            // with every item alone in its class, MI equals its expectation: AMI is 0/0 up to rounding
            assertEquals(1.0, ExternalIndices.adjustedMutualInformation(a, b), 1e-9);
        }
        assertEquals(1.0, ExternalIndices.normalizedMutualInformation(a, b), 1e-12);
    }

    @Property(tries = 200)
    void ariAndAmiAreSymmetric(@ForAll @IntRange(min = 2, max = 300) int n,
            @ForAll @IntRange(min = 1, max = 12) int k1, @ForAll @IntRange(min = 1, max = 12) int k2,
            @ForAll long seed) {
        int[] a = labels(n, k1, seed);
        int[] b = labels(n, k2, seed + 1);
        assertEquals(ExternalIndices.adjustedRandIndex(a, b), ExternalIndices.adjustedRandIndex(b, a), 1e-12);
        assertEquals(ExternalIndices.adjustedMutualInformation(a, b),
                ExternalIndices.adjustedMutualInformation(b, a), 1e-12);
        double nmi = ExternalIndices.normalizedMutualInformation(a, b);
        assertTrue(nmi >= 0 && nmi <= 1 + 1e-12, "NMI " + nmi);
        assertTrue(ExternalIndices.adjustedRandIndex(a, b) <= 1 + 1e-12);
    }
}
