package dev.segmentation.refresh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HysteresisTest {
    private static final DataMatrix CENTRES = DataMatrix.ofRows(new double[][] {{0, 0}, {10, 0}});

    @Test
    void keepsTheAnchorUnlessTheGainPassesTheThreshold() {
        DataMatrix x = DataMatrix.ofRows(new double[][] {{4.9, 0}, {6, 0}, {9, 0}});
        // squared distances to centre 0: 24.01, 36, 81; to centre 1: 26.01, 16, 1
        Hysteresis.Result r = Hysteresis.assign(x, CENTRES, new int[] {1, 0, 0}, 25);
        // row 0 would gain 2 and row 1 20 by moving: both keep their anchor; row 2 gains 80 and moves
        assertArrayEquals(new int[] {1, 0, 1}, r.labels());
        assertEquals(26.01 + 36 + 1, r.inertia(), 1e-9);
        assertEquals(24.01 + 16 + 1, r.nearestInertia(), 1e-9);
        assertEquals(2, r.keptAgainstNearest());
    }

    @Test
    void zeroGainIsNearestCentreAndTiesKeepTheAnchor() {
        DataMatrix x = DataMatrix.ofRows(new double[][] {{5, 0}, {1, 0}});
        Hysteresis.Result r = Hysteresis.assign(x, CENTRES, new int[] {1, 1}, 0);
        assertArrayEquals(new int[] {1, 0}, r.labels());
        assertEquals(25 + 1, r.inertia(), 1e-12);
        assertEquals(0, r.keptAgainstNearest());
    }

    @Property(tries = 200)
    void inertiaGrowsByAtMostTheGainPerKeptEntity(@ForAll @IntRange(min = 1, max = 80) int n,
            @ForAll @IntRange(min = 1, max = 6) int k, @ForAll @DoubleRange(min = 0, max = 5) double gain,
            @ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] xs = new double[n][3];
        int[] anchor = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                xs[i][j] = 4 * r.nextDouble();
            }
            anchor[i] = r.nextInt(k + 1) - 1;
        }
        double[][] cs = new double[k][3];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < 3; j++) {
                cs[c][j] = 4 * r.nextDouble();
            }
        }
        Hysteresis.Result res = Hysteresis.assign(DataMatrix.ofRows(xs), DataMatrix.ofRows(cs), anchor, gain);
        assertTrue(res.inertia() >= res.nearestInertia() - 1e-9);
        assertTrue(res.inertia() <= res.nearestInertia() + res.keptAgainstNearest() * gain + 1e-9);
        for (int i = 0; i < n; i++) {
            assertTrue(res.labels()[i] >= 0 && res.labels()[i] < k);
        }
        Hysteresis.Refined rf = Hysteresis.refine(DataMatrix.ofRows(xs), DataMatrix.ofRows(cs), anchor, gain, 500);
        assertTrue(rf.converged(), "sticky Lloyd ends at a fixed point");
        assertArrayEquals(rf.assignment().labels(),
                Hysteresis.assign(DataMatrix.ofRows(xs), rf.centres(), anchor, gain).labels());
    }

    @Test
    void badInputIsNamed() {
        DataMatrix x = DataMatrix.ofRows(new double[][] {{1, 0}});
        assertEquals("minGain must be >= 0 and finite but was -1.0", assertThrows(IllegalArgumentException.class,
                () -> Hysteresis.assign(x, CENTRES, new int[] {0}, -1)).getMessage());
        assertEquals("previous segment of row 0 is 2; it must be in [-1, 2)", assertThrows(
                IllegalArgumentException.class, () -> Hysteresis.assign(x, CENTRES, new int[] {2}, 0)).getMessage());
        assertEquals("previous has 2 entries but x has 1 rows", assertThrows(IllegalArgumentException.class,
                () -> Hysteresis.assign(x, CENTRES, new int[] {0, 0}, 0)).getMessage());
        assertEquals("maxIter must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> Hysteresis.refine(x, CENTRES, new int[] {0}, 0, 0)).getMessage());
    }
}
