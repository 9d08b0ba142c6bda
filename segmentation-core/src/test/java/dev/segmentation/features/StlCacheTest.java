package dev.segmentation.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The cached loess weights of {@link Stl} give the same bits as the procedure computed from scratch
 * ({@link StlReference}, the implementation before the cache), over random series, lengths, spans, degrees, jumps
 * and robustness, with one workspace reused across series of different lengths (as the panel extractors do).
 */
class StlCacheTest {
    @Test
    void cachedWeightsGiveIdenticalDecompositions() {
        SplittableRandom rnd = new SplittableRandom(12);
        Stl.Workspace shared = new Stl.Workspace();
        for (int trial = 0; trial < 300; trial++) {
            int period = 2 + rnd.nextInt(rnd.nextBoolean() ? 12 : 53);
            int n = 2 * period + rnd.nextInt(3 * period + 10);
            int seasonal = 3 + 2 * rnd.nextInt(6);
            boolean robust = rnd.nextInt(4) == 0;
            int d1 = rnd.nextInt(2);
            int d2 = rnd.nextInt(2);
            int d3 = rnd.nextInt(2);
            int j1 = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(4) : 1;
            int j2 = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(4) : 1;
            int j3 = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(4) : 1;
            Stl stl = Stl.builder(period).seasonal(seasonal).robust(robust).degrees(d1, d2, d3).jumps(j1, j2, j3)
                    .build();
            StlReference ref = StlReference.builder(period).seasonal(seasonal).robust(robust).degrees(d1, d2, d3)
                    .jumps(j1, j2, j3).build();
            double[] y = new double[n];
            double level = rnd.nextDouble() * 100;
            for (int i = 0; i < n; i++) {
                y[i] = level * (1 + 0.5 * Math.sin(2 * Math.PI * i / period)) + 0.2 * i + 10 * rnd.nextGaussian()
                        + (rnd.nextInt(20) == 0 ? 200 : 0);
            }
            String what = stl + " n=" + n;
            StlReference.Decomposition want = ref.decompose(y);
            Stl.Decomposition got = stl.decompose(y);
            assertArrayEquals(want.seasonal(), got.seasonal(), 0, what);
            assertArrayEquals(want.trend(), got.trend(), 0, what);
            assertArrayEquals(want.weights(), got.weights(), 0, what);
            // twice through a shared workspace: the second pass runs entirely on cached weights
            for (int pass = 0; pass < 2; pass++) {
                shared.fit(stl, y, 0, n);
                assertArrayEquals(want.seasonal(), java.util.Arrays.copyOf(shared.season, n), 0, what);
                assertArrayEquals(want.trend(), java.util.Arrays.copyOf(shared.trend, n), 0, what);
            }
        }
    }
}
