package dev.segmentation.quality;

import dev.segmentation.testing.TinyKMeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class SilhouetteProperties {

    @Property(tries = 40)
    void silhouetteLiesInMinusOneToOneAndIgnoresTheThreadCount(@ForAll @IntRange(min = 3, max = 2600) int n,
            @ForAll @IntRange(min = 1, max = 9) int d, @ForAll @IntRange(min = 2, max = 12) int k,
            @ForAll long seed) {
        DataMatrix x = TinyKMeans.uniform(n, d, seed);
        int[] labels = TinyKMeans.randomLabels(n, Math.min(k, n - 1), -1, seed + 1);
        int distinct = Contingency.distinct(labels).length;
        if (distinct < 2 || distinct > n - 1) {
            return;
        }
        double[] one = Silhouette.samples(x, labels, 1);
        for (double s : one) {
            assertTrue(s >= -1 && s <= 1, "silhouette " + s);
        }
        assertArrayEquals(one, Silhouette.samples(x, labels, 2));
        assertArrayEquals(one, Silhouette.samples(x, labels, 3));
        int m = Math.max(1, n / 3);
        SilhouetteEstimate e1 = Silhouette.sampled(x, labels, m, seed, 1);
        SilhouetteEstimate e3 = Silhouette.sampled(x, labels, m, seed, 3);
        assertEquals(e1.estimate(), e3.estimate());
        assertEquals(e1.standardError(), e3.standardError());
        assertTrue(e1.estimate() >= -1 && e1.estimate() <= 1);
    }
}
