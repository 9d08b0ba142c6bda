package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StlTest {
    @Test
    void defaultsAreStatsmodels() {
        Stl w = Stl.withPeriod(52);
        assertEquals(7, w.seasonal());
        assertEquals(101, w.trend());
        assertEquals(53, w.lowPass());
        assertEquals(5, w.innerIter());
        assertEquals(0, w.outerIter());
        Stl m = Stl.withPeriod(12);
        assertEquals(23, m.trend());
        assertEquals(13, m.lowPass());
        Stl r = Stl.builder(12).robust(true).build();
        assertEquals(2, r.innerIter());
        assertEquals(15, r.outerIter());
    }

    @Test
    void componentsAddUpAndRecoverAPureSeasonPlusLine() {
        int n = 120;
        // a little noise: on an exact fit the robustness weights (6 x median |residual| ~ 1e-15) are meaningless
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = 10 + 0.5 * i + 3 * Math.sin(2 * Math.PI * i / 12) + 0.05 * Math.sin(i * 2.3);
        }
        for (Stl stl : new Stl[] {Stl.withPeriod(12), Stl.builder(12).robust(true).build(),
            Stl.builder(12).jumps(2, 3, 2).build()}) {
            Stl.Decomposition d = stl.decompose(y);
            double[] s = d.seasonal();
            double[] t = d.trend();
            double[] r = d.residual();
            double maxR = 0;
            for (int i = 0; i < n; i++) {
                assertEquals(y[i], s[i] + t[i] + r[i], 1e-9);
                if (i >= 12 && i < n - 12) {
                    maxR = Math.max(maxR, Math.abs(r[i]));
                }
            }
            assertTrue(maxR < 0.2, stl + " residual " + maxR);
        }
    }

    @Test
    void errorsNameTheParameter() {
        assertEquals("period must be >= 2 but was 1",
                assertThrows(IllegalArgumentException.class, () -> Stl.builder(1)).getMessage());
        assertEquals("seasonal must be an odd integer >= 3 but was 8",
                assertThrows(IllegalArgumentException.class, () -> Stl.builder(12).seasonal(8)).getMessage());
        assertEquals("trendDeg must be 0 or 1 but was 2",
                assertThrows(IllegalArgumentException.class, () -> Stl.builder(12).degrees(1, 2, 1)).getMessage());
        assertEquals("lowPassJump must be >= 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> Stl.builder(12).jumps(1, 1, 0)).getMessage());
        assertEquals("outerIter must be >= 0 but was -1",
                assertThrows(IllegalArgumentException.class, () -> Stl.builder(12).outerIter(-1)).getMessage());
        assertEquals("trend (11) must be greater than period (12)",
                assertThrows(IllegalStateException.class, () -> Stl.builder(12).trend(11).build()).getMessage());
        assertEquals("STL input value 1 is not finite: NaN", assertThrows(IllegalArgumentException.class,
                () -> Stl.withPeriod(2).decompose(new double[] {1, Double.NaN, 3, 4})).getMessage());
        assertEquals("STL needs at least 2 values but got 1", assertThrows(IllegalArgumentException.class,
                () -> Stl.withPeriod(2).decompose(new double[] {1})).getMessage());
        assertEquals("STL needs at least two periods (24 values for period 12) but got 23",
                assertThrows(IllegalArgumentException.class, () -> Stl.withPeriod(12).decompose(new double[23]))
                        .getMessage());
    }
}
