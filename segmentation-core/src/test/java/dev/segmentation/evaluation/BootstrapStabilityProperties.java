package dev.segmentation.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the Jaccard computations behind {@link BootstrapStability}. */
class BootstrapStabilityProperties {
    @Property(tries = 300)
    void jaccardLiesInTheUnitInterval(@ForAll boolean[] a, @ForAll long seed) {
        Random r = new Random(seed);
        boolean[] b = new boolean[a.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextBoolean();
        }
        double j = BootstrapStability.jaccard(a, b);
        assertTrue(j >= 0 && j <= 1, "Jaccard " + j);
        assertEquals(j, BootstrapStability.jaccard(b, a));
    }

    @Property(tries = 100)
    void bestMatchJaccardLiesInTheUnitInterval(@ForAll @IntRange(min = 2, max = 100) int n,
            @ForAll @IntRange(min = 1, max = 6) int k, @ForAll long seed) {
        Random r = new Random(seed);
        int[] code = new int[n];
        int[] idx = new int[n];
        int[] fresh = new int[n];
        for (int i = 0; i < n; i++) {
            code[i] = r.nextInt(k + 1) - 1;
            idx[i] = r.nextInt(n);
            fresh[i] = r.nextInt(k + 1) - 1;
        }
        double[] out = new double[k];
        BootstrapStability.bestJaccard(code, k, idx, fresh, out, 0);
        for (double v : out) {
            assertTrue(v == -1 || (v >= 0 && v <= 1), "Jaccard " + v);
        }
    }
}
