package dev.segmentation.supervised.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Hand-computed cases and brute-force oracles for the baseline kernels. */
class BaselinesTest {
    private static double[] run(double[] y, int h, Kernel k) {
        double[] out = new double[h + 2];
        k.apply(y, out);
        return java.util.Arrays.copyOfRange(out, 1, 1 + h);
    }

    private interface Kernel {
        void apply(double[] y, double[] out);
    }

    @Test
    void naiveSeasonalNaiveAndMovingAverageByHand() {
        double[] y = {9, 1, 2, 3, 4, 5}; // history y[1..6)
        assertArrayEquals(new double[] {5, 5}, run(y, 2, (a, o) -> Baselines.naive(a, 1, 5, 2, o, 1)));
        assertArrayEquals(new double[] {3, 4, 5, 3, 4},
                run(y, 5, (a, o) -> Baselines.seasonalNaive(a, 1, 5, 3, 5, o, 1)));
        assertArrayEquals(new double[] {4.5, 4.5},
                run(y, 2, (a, o) -> Baselines.movingAverage(a, 1, 5, 2, 2, o, 1)));
    }

    @Test
    void sesByHand() {
        double[] y = {3, 5, 4};
        // l0 = 3; e1 = 2, l1 = 4; e2 = 0, l2 = 4
        assertEquals(4.0, Baselines.sesSse(y, 0, 3, 0.5));
        assertArrayEquals(new double[] {4, 4}, run(y, 2, (a, o) -> Baselines.ses(a, 0, 3, 0.5, 2, o, 1)));
        // SSE(a) = 4 + (1 - 2a)^2 ... minimised at a = 0.5 exactly
        assertEquals(0.5, Baselines.fitSes(y, 0, 3), 1e-8);
        assertEquals(0.0, Baselines.fitSes(new double[] {7}, 0, 1));
    }

    @Test
    void holtWintersAdditiveByHand() {
        // m = 2: level 2, trend 0.5, seasonal (-1, 1); recursions computed by hand for alpha = beta = gamma = 0.5
        double[] y = {1, 3, 2, 4, 3, 5};
        assertEquals(0.48980712890625, Baselines.holtWintersSse(y, 0, 6, 2, 0.5, 0.5, 0.5), 1e-15);
        assertArrayEquals(new double[] {3.896484375, 6.072265625, 4.900390625},
                run(y, 3, (a, o) -> Baselines.holtWintersAdditive(a, 0, 6, 2, 0.5, 0.5, 0.5, 3, o, 1)), 1e-12);
    }

    @Test
    void crostonAndSbaByHand() {
        double[] y = {0, 0, 3, 0, 5, -1, 0, 4};
        // first demand at t = 2: z = 3, p = 3; t = 4 (q = 2): z = 4, p = 2.5; t = 7 (q = 3): z = 4, p = 2.75
        assertArrayEquals(new double[] {4 / 2.75, 4 / 2.75},
                run(y, 2, (a, o) -> Baselines.croston(a, 0, 8, 0.5, false, 2, o, 1)), 1e-15);
        assertArrayEquals(new double[] {0.75 * 4 / 2.75},
                run(y, 1, (a, o) -> Baselines.croston(a, 0, 8, 0.5, true, 1, o, 1)), 1e-15);
        assertArrayEquals(new double[] {0, 0},
                run(new double[] {0, -2, 0}, 2, (a, o) -> Baselines.croston(a, 0, 3, 0.1, true, 2, o, 1)));
    }

    @Test
    void errorsNameTheParameterAndValue() {
        double[] out = new double[4];
        double[] y = {1, 2, 3};
        assertEquals("seasonal naive (m = 4) needs at least 4 observations but has 3",
                assertThrows(IllegalArgumentException.class,
                        () -> Baselines.seasonalNaive(y, 0, 3, 4, 1, out, 0)).getMessage());
        assertEquals("Holt-Winters (m = 2) needs at least 4 observations (two seasons) but has 3",
                assertThrows(IllegalArgumentException.class, () -> Baselines.fitHoltWinters(y, 0, 3, 2))
                        .getMessage());
        assertEquals("alpha must lie in (0, 1] but was 0.0",
                assertThrows(IllegalArgumentException.class, () -> Baseline.croston(0)).getMessage());
        assertEquals("alpha must lie in [0, 1] but was 1.5", assertThrows(IllegalArgumentException.class,
                () -> Baselines.ses(y, 0, 3, 1.5, 1, out, 0)).getMessage());
        assertEquals("forecasts [2, 5) do not fit out of length 4", assertThrows(IllegalArgumentException.class,
                () -> Baselines.naive(y, 0, 3, 3, out, 2)).getMessage());
        assertEquals("window w must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> Baselines.movingAverage(y, 0, 3, 0, 1, out, 0)).getMessage());
    }

    @Provide
    Arbitrary<double[]> series() {
        return Arbitraries.doubles().between(-5, 50).ofScale(3).array(double[].class).ofMinSize(2).ofMaxSize(30);
    }

    @Property(tries = 40)
    void sesFitIsAtLeastAsGoodAsABruteForceGrid(@ForAll("series") double[] y) {
        double a = Baselines.fitSes(y, 0, y.length);
        assertTrue(a >= 0 && a <= 1, "alpha " + a);
        double fitted = Baselines.sesSse(y, 0, y.length, a);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= 20_000; i++) {
            best = Math.min(best, Baselines.sesSse(y, 0, y.length, i / 20_000.0));
        }
        assertTrue(fitted <= best + 1e-9 * (1 + best), "fitted " + fitted + " > grid " + best);
    }

    /**
     * Regression: the fit started its pattern search from the three best points of its 1/8 grid, all in one basin,
     * and on this series (an additive Holt-Winters draw, m = 4) ended at SSE 36.748 near (0.016, 0, 0.255), above the
     * 1/25 grid's 36.734 at (0.04, 0.8, 0.2). One start per local minimum of the grid finds the other basin.
     */
    @Test
    void holtWintersFitMissedABasinOutsideItsThreeBestGridPoints() {
        double[] y = {21.57479045635364, 26.35762923415821, 26.901951688418777, 29.520522012617537,
            21.94795526487625, 22.8629096588022, 26.508399079157176, 29.725756265953052, 21.126335866338255,
            24.17954053808659, 23.673167260114685, 31.247795172364956, 21.414567050108282, 23.303132983631695,
            24.027393270003884, 27.599581470040143, 20.491133334856194, 23.80473067314195, 26.09824260163318,
            27.34262973593555, 19.170266955572874};
        double[] p = Baselines.fitHoltWinters(y, 0, y.length, 4);
        double fitted = Baselines.holtWintersSse(y, 0, y.length, 4, p[0], p[1], p[2]);
        double grid = Baselines.holtWintersSse(y, 0, y.length, 4, 0.04, 0.8, 0.2);
        assertTrue(fitted < grid, "fitted " + fitted + " at " + java.util.Arrays.toString(p) + " >= " + grid);
    }

    /**
     * On series from an additive Holt-Winters process (level, trend, season and noise) the fit is at least as good as
     * a brute-force grid of step 1/25. On arbitrary series the error surface can have several basins and the
     * pattern search is local, so there the property below asks for a local minimum instead (a counterexample to
     * the grid comparison on arbitrary data: m = 4, y = [0, 3, 6, 9, 0, 3, 27.085, 9, -1.016, 3, 6, 32.345, -0.422,
     * -1.377] fits SSE 1142.558 at (0, 0, 0.159) while the grid finds 1142.543 at (0.04, 1, 0.12)).
     *
     * <p>Not guaranteed even on Holt-Winters data: the fit is a local search from the grid's basins. Measured over
     * 8,000 series drawn as below, it lost to the 1/25 grid on 8 (0.1%, by at most 0.6% of the error; with the
     * earlier three starts from the best grid points, 0.5%). With a random seed per run, 12 tries then fail about one
     * run in 80 (one did: m = 4, SSE 22.4538 against the grid's 22.4340, the defect that led to one start per grid
     * basin); the seed is therefore fixed, so the suite is deterministic, and the rate is stated here instead of
     * being left to chance.
     */
    @Property(tries = 12, seed = "20261206")
    void holtWintersFitIsAtLeastAsGoodAsABruteForceGridOnHoltWintersData(@ForAll long seed,
            @ForAll @IntRange(min = 2, max = 6) int m, @ForAll @IntRange(min = 0, max = 12) int extra) {
        java.util.Random r = new java.util.Random(seed);
        int n = 2 * m + 4 + extra;
        double[] y = new double[n];
        double level = 20 + 10 * r.nextDouble();
        double trend = r.nextGaussian() * 0.3;
        double[] season = new double[m];
        for (int j = 0; j < m; j++) {
            season[j] = 5 * r.nextGaussian();
        }
        for (int t = 0; t < n; t++) {
            y[t] = level + trend * t + season[t % m] + r.nextGaussian();
        }
        double[] p = Baselines.fitHoltWinters(y, 0, n, m);
        double fitted = Baselines.holtWintersSse(y, 0, n, m, p[0], p[1], p[2]);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= 25; i++) {
            for (int j = 0; j <= 25; j++) {
                for (int k = 0; k <= 25; k++) {
                    best = Math.min(best, Baselines.holtWintersSse(y, 0, n, m, i / 25.0, j / 25.0, k / 25.0));
                }
            }
        }
        assertTrue(fitted <= best + 1e-9 * (1 + best), "fitted " + fitted + " at " + java.util.Arrays.toString(p)
                + " > grid " + best + " for m = " + m + ", y = " + java.util.Arrays.toString(y));
    }

    @Property(tries = 30)
    void holtWintersFitIsALocalMinimum(@ForAll("series") double[] raw, @ForAll @IntRange(min = 1, max = 4) int m) {
        double[] y = new double[Math.max(raw.length, 2 * m + 1)];
        for (int i = 0; i < y.length; i++) {
            y[i] = raw[i % raw.length] + (i % m) * 3;
        }
        double[] p = Baselines.fitHoltWinters(y, 0, y.length, m);
        double fitted = Baselines.holtWintersSse(y, 0, y.length, m, p[0], p[1], p[2]);
        double h = 1e-3;
        for (int a = -1; a <= 1; a++) {
            for (int b = -1; b <= 1; b++) {
                for (int c = -1; c <= 1; c++) {
                    double pa = Math.min(1, Math.max(0, p[0] + a * h));
                    double pb = Math.min(1, Math.max(0, p[1] + b * h));
                    double pc = Math.min(1, Math.max(0, p[2] + c * h));
                    double s = Baselines.holtWintersSse(y, 0, y.length, m, pa, pb, pc);
                    assertTrue(fitted <= s + 1e-9 * (1 + s), "moving to " + pa + ", " + pb + ", " + pc + " lowers "
                            + fitted + " to " + s);
                }
            }
        }
    }

    @Property(tries = 30)
    void aConstantSeriesIsForecastAsItself(@ForAll @DoubleRange(min = 0.5, max = 100) double c,
            @ForAll @IntRange(min = 8, max = 20) int n) {
        double[] y = new double[n];
        java.util.Arrays.fill(y, c);
        double[] out = new double[3];
        for (Baseline b : new Baseline[] {Baseline.naive(), Baseline.seasonalNaive(4), Baseline.movingAverage(3),
            Baseline.ses(), Baseline.holtWinters(4), Baseline.croston(0.2)}) {
            b.forecastOne(y, 0, n, 3, out, 0);
            assertArrayEquals(new double[] {c, c, c}, out, 1e-9 * c, b.name());
        }
        Baseline.sba(0.2).forecastOne(y, 0, n, 3, out, 0);
        assertEquals(0.9 * c, out[2], 1e-12 * c);
    }
}
