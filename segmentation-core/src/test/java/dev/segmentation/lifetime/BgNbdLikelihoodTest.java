package dev.segmentation.lifetime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The likelihoods over distinct rows (the sufficient statistic) agree with the per-customer code to rounding, value,
 * gradient and Hessian, and give the same bits for any thread count and any order of the customers.
 */
class BgNbdLikelihoodTest {
    private static void assertClose(double expected, double actual, double rel) {
        assertEquals(expected, actual, rel * Math.max(1, Math.abs(expected)));
    }

    @Property(tries = 30)
    void agreesWithThePerCustomerCode(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @DoubleRange(min = -2, max = 2) double lr, @ForAll @DoubleRange(min = 0, max = 5) double lalpha,
            @ForAll @DoubleRange(min = -5, max = 2) double la, @ForAll @DoubleRange(min = -1, max = 4) double lb) {
        CustomerSummary s = Simulation.bgNbd(500, 0.8, 40, 0.6, 4, seed);
        double[] x = s.frequency();
        double[] tx = s.recency();
        double[] age = s.t();
        if (seed % 2 == 0) { // whole days, as summaries of transactions have: many shared values
            for (int i = 0; i < tx.length; i++) {
                tx[i] = Math.floor(tx[i]);
            }
        }
        double r = Math.exp(lr);
        double alpha = Math.exp(lalpha);
        double a = Math.exp(la);
        double b = Math.exp(lb);
        double[] g1 = new double[4];
        double[] g2 = new double[4];
        BgNbdLikelihood l = new BgNbdLikelihood(x, tx, age, 1);
        double v1 = BgNbdModel.logLikelihood(r, alpha, a, b, x, tx, age, g1);
        double v2 = l.evaluate(r, alpha, a, b, g2);
        // the same terms, summed per distinct triple with counts: equal to rounding
        assertClose(v1, v2, 1e-12);
        double gScale = 0;
        for (double g : g1) {
            gScale = Math.max(gScale, Math.abs(g));
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(g1[i], g2[i], 1e-10 * Math.max(1, gScale), "gradient " + i);
        }
        assertEquals(v2, l.evaluate(r, alpha, a, b, null), 0.0);
        double[] g3 = new double[4];
        assertEquals(v2, l.evaluate(r, alpha, a, b, g3, new double[4][4]), 0.0);
        assertArrayEquals(g2, g3, 0.0);
    }

    @Property(tries = 20)
    void hessianMatchesCentralDifferencesOfTheGradient(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @DoubleRange(min = -1.5, max = 1.5) double lr, @ForAll @DoubleRange(min = 1, max = 5) double lalpha,
            @ForAll @DoubleRange(min = -3, max = 1.5) double la, @ForAll @DoubleRange(min = 0, max = 3) double lb) {
        CustomerSummary s = Simulation.bgNbd(400, 0.8, 40, 0.6, 4, seed);
        double[] x = s.frequency();
        double[] tx = s.recency();
        double[] age = s.t();
        for (int i = 0; i < tx.length; i++) {
            tx[i] = Math.floor(tx[i]);
        }
        BgNbdLikelihood l = new BgNbdLikelihood(x, tx, age, 1);
        double[] p = {Math.exp(lr), Math.exp(lalpha), Math.exp(la), Math.exp(lb)};
        double[][] h = new double[4][4];
        l.evaluate(p[0], p[1], p[2], p[3], new double[4], h);
        double[] up = new double[4];
        double[] down = new double[4];
        for (int i = 0; i < 4; i++) {
            double step = 1e-5 * p[i];
            double[] q = p.clone();
            q[i] = p[i] + step;
            l.evaluate(q[0], q[1], q[2], q[3], up);
            q[i] = p[i] - step;
            l.evaluate(q[0], q[1], q[2], q[3], down);
            for (int j = 0; j < 4; j++) {
                double fd = (up[j] - down[j]) / (2 * step);
                // central differences: error O(step^2) plus rounding of the gradient sums / step
                double tol = 1e-5 * Math.abs(fd) + 1e-7 * Math.sqrt(Math.abs(h[i][i] * h[j][j])) + 1e-6;
                assertEquals(fd, h[j][i], tol, "Hessian entry (" + j + ", " + i + ") at " + java.util.Arrays.toString(p));
            }
        }
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(h[i][j], h[j][i], 0.0);
            }
        }
    }

    @Property(tries = 20)
    void orderOfTheCustomersDoesNotChangeABit(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        CustomerSummary s = Simulation.bgNbd(3000, 0.8, 40, 0.6, 4, seed);
        double[] x = s.frequency();
        double[] tx = s.recency();
        double[] age = s.t();
        for (int i = 0; i < tx.length; i++) {
            tx[i] = Math.floor(tx[i]);
        }
        int n = x.length;
        double[] px = new double[n];
        double[] ptx = new double[n];
        double[] page = new double[n];
        java.util.Random rng = new java.util.Random(seed);
        int[] perm = java.util.stream.IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        for (int i = 0; i < n; i++) {
            px[i] = x[perm[i]];
            ptx[i] = tx[perm[i]];
            page[i] = age[perm[i]];
        }
        double[] g1 = new double[4];
        double[] g2 = new double[4];
        double[][] h1 = new double[4][4];
        double[][] h2 = new double[4][4];
        assertEquals(new BgNbdLikelihood(x, tx, age, 1).evaluate(0.7, 30, 0.5, 3, g1, h1),
                new BgNbdLikelihood(px, ptx, page, 2).evaluate(0.7, 30, 0.5, 3, g2, h2), 0.0);
        assertArrayEquals(g1, g2, 0.0);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(h1[i], h2[i], 0.0);
        }
    }

    @Property(tries = 20)
    void nbdAgreesWithThePerCustomerCode(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @DoubleRange(min = -2, max = 2) double lr, @ForAll @DoubleRange(min = 0, max = 5) double lalpha) {
        CustomerSummary s = Simulation.bgNbd(3000, 0.8, 40, 0.6, 4, seed);
        double[] g1 = new double[2];
        double[] g2 = new double[2];
        double v1 = ParetoNbdModel.nbdLogLikelihood(Math.exp(lr), Math.exp(lalpha), s.frequency(), s.t(), g1);
        double v2 = new NbdLikelihood(s.frequency(), s.t()).evaluate(Math.exp(lr), Math.exp(lalpha), g2);
        // the separable form regroups the terms per distinct x and per distinct T: equal to rounding
        assertClose(v1, v2, 1e-12);
        double gScale = Math.max(Math.abs(g1[0]), Math.abs(g1[1]));
        assertEquals(g1[0], g2[0], 1e-10 * Math.max(1, gScale));
        assertEquals(g1[1], g2[1], 1e-10 * Math.max(1, gScale));
        // rows with weights give what the repeated customers give
        double[] x = s.frequency();
        double[] age = s.t();
        double[] w = new double[x.length];
        java.util.Arrays.fill(w, 3);
        double[] g3 = new double[2];
        double v3 = new NbdLikelihood(x, age, w).evaluate(Math.exp(lr), Math.exp(lalpha), g3);
        assertClose(3 * v2, v3, 1e-12);
    }

    @Property(tries = 20)
    void gammaGammaSameBitsAsThePerCustomerCode(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @DoubleRange(min = -2, max = 3) double lp, @ForAll @DoubleRange(min = -1, max = 3) double lq,
            @ForAll @DoubleRange(min = -2, max = 7) double lv) {
        CustomerSummary s = Simulation.bgNbdWithSpend(3000, 0.8, 40, 0.6, 4, 3, 4, 20, seed);
        double[] x = s.frequency();
        double[] m = s.monetaryValue();
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0) {
                x[k] = x[i];
                m[k++] = m[i];
            }
        }
        x = java.util.Arrays.copyOf(x, k);
        m = java.util.Arrays.copyOf(m, k);
        double[] g1 = new double[3];
        double[] g2 = new double[3];
        double v1 = GammaGammaModel.logLikelihood(Math.exp(lp), Math.exp(lq), Math.exp(lv), x, m, g1);
        double v2 = new GammaGammaLikelihood(x, m).evaluate(Math.exp(lp), Math.exp(lq), Math.exp(lv), g2);
        assertEquals(v1, v2, 0.0);
        assertArrayEquals(g1, g2, 0.0);
    }

    @org.junit.jupiter.api.Test
    void blocksGiveTheSameBitsForAnyThreadCountAndTheFitToo() {
        CustomerSummary s = Simulation.bgNbd(30_000, 0.8, 40, 0.6, 4, 99);
        double[] g1 = new double[4];
        double[] g3 = new double[4];
        double v1 = new BgNbdLikelihood(s.frequency(), s.recency(), s.t(), 1).evaluate(0.7, 30, 0.5, 3, g1);
        double v3 = new BgNbdLikelihood(s.frequency(), s.recency(), s.t(), 3).evaluate(0.7, 30, 0.5, 3, g3);
        assertEquals(v1, v3, 0.0);
        assertArrayEquals(g1, g3, 0.0);
        double[] h1 = new double[2];
        double[] h3 = new double[2];
        assertEquals(new NbdLikelihood(s.frequency(), s.t()).evaluate(0.7, 30, h1),
                new NbdLikelihood(s.frequency(), s.t()).evaluate(0.7, 30, h3), 0.0);
        assertArrayEquals(h1, h3, 0.0);
        // the blocks change the summation order only: the per-customer sum agrees to rounding
        double plain = BgNbdModel.logLikelihood(0.7, 30, 0.5, 3, s.frequency(), s.recency(), s.t(), null);
        assertEquals(plain, v1, 1e-12 * Math.abs(plain));
        BgNbdModel one = BgNbd.builder().threads(1).build().fit(s);
        BgNbdModel two = BgNbd.builder().threads(2).build().fit(s);
        assertEquals(one, two);
        assertEquals(one.diagnostics().orElseThrow().logLikelihood(), two.diagnostics().orElseThrow().logLikelihood(),
                0.0);
        assertArrayEquals(one.standardErrors().orElseThrow(), two.standardErrors().orElseThrow(), 0.0);
    }
}
