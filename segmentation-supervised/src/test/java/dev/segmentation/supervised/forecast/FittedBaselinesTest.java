package dev.segmentation.supervised.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Multiplicative Holt-Winters and Croston/SBA with a fitted smoothing parameter: hand-computed cases (the expected
 * numbers were computed in exact rational arithmetic, independently of this code) and brute-force grid oracles.
 */
class FittedBaselinesTest {
    @Test
    void holtWintersMultiplicativeByHand() {
        // m = 2: first season mean 2, second 3: level 2, trend 0.5, indices (0.5, 1.5); alpha = beta = gamma = 0.5
        double[] y = {1, 3, 2, 4, 3, 5};
        assertEquals(11.748993111546385, Baselines.holtWintersMultiplicativeSse(y, 0, 6, 2, 0.5, 0.5, 0.5), 1e-12);
        double[] out = new double[3];
        Baselines.holtWintersMultiplicative(y, 0, 6, 2, 0.5, 0.5, 0.5, 3, out, 0);
        assertArrayEquals(new double[] {3.045598070981722, 6.643124905755426, 3.5655182092603934}, out, 1e-12);
    }

    @Test
    void holtWintersMultiplicativeWithoutSmoothingRepeatsTheInitialPattern() {
        // alpha = beta = gamma = 0: forecasts (l0 + (n - m + k) b) s_j with the initial state
        double[] y = {2, 6, 4, 12, 6, 18};
        double[] out = new double[2];
        Baselines.holtWintersMultiplicative(y, 0, 6, 2, 0, 0, 0, 2, out, 0);
        // l0 = 4, b = (8 - 4) / 2 = 2, s = (0.5, 1.5); after 4 steps l = 4 + 4 * 2 = 12
        assertArrayEquals(new double[] {(12 + 2) * 0.5, (12 + 4) * 1.5}, out, 1e-12);
    }

    @Test
    void holtWintersMultiplicativeRefusesNonPositiveValues() {
        double[] y = {1, 3, 0, 4, 3, 5};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Baselines.fitHoltWintersMultiplicative(y, 0, 6, 2));
        assertEquals("multiplicative Holt-Winters needs positive values but y[2] = 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Baselines.holtWintersMultiplicative(y, 0, 6, 2, 0.5, 1.5, 0.5, 1, new double[1], 0));
        assertEquals("smoothing parameters must lie in [0, 1] but were 0.5, 1.5, 0.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Baselines.holtWintersMultiplicativeSse(new double[] {1, 2, 3}, 0, 3, 2, 0.5, 0.5, 0.5));
        assertEquals("Holt-Winters (m = 2) needs at least 4 observations (two seasons) but has 3", e.getMessage());
    }

    @Test
    void theMultiplicativeBaselineFallsBackToAdditiveOnNonPositiveHistory() {
        double[] y = {1, 3, 0, 4, 3, 5, 2, 6};
        double[] got = new double[2];
        Baseline.holtWintersMultiplicative(2).forecastOne(y, 0, 8, 2, got, 0);
        double[] want = new double[2];
        Baseline.holtWinters(2).forecastOne(y, 0, 8, 2, want, 0);
        assertArrayEquals(want, got);
        assertEquals("holt_winters_multiplicative_2", Baseline.holtWintersMultiplicative(2).name());
        assertEquals(4, Baseline.holtWintersMultiplicative(2).minHistory());
    }

    /**
     * On series from a multiplicative process the fit is at least as good as a brute-force grid of step 1/20. The fit
     * is a local search (Hooke-Jeeves from the ten best local minima of a 1/8 grid), so this is not guaranteed for
     * every series: a random draw in session 4 (m = 4, 15 points) ended at (0, 0, 0) with SSE 61.135 against the
     * grid's 61.083 (0.08% worse) when the fit started from the three best grid points only; one start per grid basin
     * came out of that and of a similar additive case (BaselinesTest). The seed is fixed so the suite is
     * deterministic; the measured rate of losing to a finer grid is in BaselinesTest.
     */
    @Property(tries = 10, seed = "20261206")
    void holtWintersMultiplicativeFitBeatsABruteForceGrid(@ForAll long seed,
            @ForAll @IntRange(min = 2, max = 5) int m, @ForAll @IntRange(min = 0, max = 10) int extra) {
        Random r = new Random(seed);
        int n = 2 * m + 4 + extra;
        double[] y = new double[n];
        double level = 50 + 20 * r.nextDouble();
        double trend = r.nextGaussian() * 0.5;
        double[] season = new double[m];
        for (int j = 0; j < m; j++) {
            season[j] = 0.6 + 0.8 * r.nextDouble();
        }
        for (int t = 0; t < n; t++) {
            y[t] = Math.max(0.5, (level + trend * t) * season[t % m] * (1 + 0.03 * r.nextGaussian()));
        }
        double[] p = Baselines.fitHoltWintersMultiplicative(y, 0, n, m);
        double fitted = Baselines.holtWintersMultiplicativeSse(y, 0, n, m, p[0], p[1], p[2]);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= 20; i++) {
            for (int j = 0; j <= 20; j++) {
                for (int k = 0; k <= 20; k++) {
                    best = Math.min(best, Baselines.holtWintersMultiplicativeSse(y, 0, n, m, i / 20.0, j / 20.0,
                            k / 20.0));
                }
            }
        }
        assertTrue(fitted <= best + 1e-9 * (1 + best), "fitted " + fitted + " at " + Arrays.toString(p) + " > grid "
                + best + " for m = " + m + ", y = " + Arrays.toString(y));
    }

    @Test
    void crostonAndSbaOneStepErrorByHand() {
        // first demand 3 at t = 1 (interval 2); forecasts 1.5, 1.5, 1.5, then z = 2.5, p = 2.5: 1, then 4 arrives
        double[] y = {0, 3, 0, 0, 2, 0, 4};
        assertEquals(14.75, Baselines.crostonSse(y, 0, 7, 0.5, false), 1e-12);
        assertEquals(923.0 / 64, Baselines.crostonSse(y, 0, 7, 0.5, true), 1e-12);
        double[] out = new double[1];
        Baselines.croston(y, 0, 7, 0.5, false, 1, out, 0);
        assertEquals(13.0 / 9, out[0], 1e-12);
        Baselines.croston(y, 0, 7, 0.5, true, 1, out, 0);
        assertEquals(13.0 / 12, out[0], 1e-12);
        assertEquals(0.0, Baselines.crostonSse(new double[] {0, 0, 5}, 0, 3, 0.3, false));
    }

    @Test
    void crostonFitOnDegenerateSeriesAndErrors() {
        assertEquals(0.01, Baselines.fitCroston(new double[] {0, 0, 0}, 0, 3, false));
        assertEquals(0.01, Baselines.fitCroston(new double[] {2, 2, 2, 2}, 0, 4, false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Baselines.crostonSse(new double[] {1}, 0, 1, 0, false));
        assertEquals("alpha must lie in (0, 1] but was 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Baselines.fitCroston(new double[] {1}, 0, 2, true));
        assertEquals("SBA needs at least 1 observation inside y but has [0, 2) of 1", e.getMessage());
    }

    /** The fitted alpha is at least as good as a brute-force grid of step 1e-4 over [0.01, 1]. */
    @Property(tries = 40)
    void crostonFitBeatsABruteForceGrid(@ForAll long seed, @ForAll @IntRange(min = 3, max = 40) int n,
            @ForAll boolean sba) {
        Random r = new Random(seed);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = r.nextDouble() < 0.4 ? 1 + r.nextInt(9) : 0;
        }
        double a = Baselines.fitCroston(y, 0, n, sba);
        assertTrue(a >= 0.01 && a <= 1, "alpha " + a);
        double fitted = Baselines.crostonSse(y, 0, n, a, sba);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 100; i <= 10_000; i++) {
            best = Math.min(best, Baselines.crostonSse(y, 0, n, i / 10_000.0, sba));
        }
        assertTrue(fitted <= best + 1e-9 * (1 + best), "fitted " + fitted + " at " + a + " > grid " + best + " for "
                + Arrays.toString(y));
    }

    @Test
    void fittedBaselinesUseTheFittedAlpha() {
        double[] y = {0, 3, 0, 0, 2, 0, 4, 0, 1, 0, 0, 5};
        for (boolean sba : new boolean[] {false, true}) {
            double a = Baselines.fitCroston(y, 0, y.length, sba);
            double[] want = new double[2];
            Baselines.croston(y, 0, y.length, a, sba, 2, want, 0);
            double[] got = new double[2];
            (sba ? Baseline.sbaFitted() : Baseline.crostonFitted()).forecastOne(y, 0, y.length, 2, got, 0);
            assertArrayEquals(want, got);
        }
        assertEquals("croston_fitted", Baseline.crostonFitted().name());
        assertEquals("sba_fitted", Baseline.sbaFitted().name());
    }
}
