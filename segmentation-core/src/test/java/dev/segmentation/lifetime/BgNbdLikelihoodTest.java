package dev.segmentation.lifetime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

/** The per-distinct-value likelihoods give the bits of the per-customer code, value and gradient. */
class BgNbdLikelihoodTest {
    @Property(tries = 30)
    void sameBitsAsThePerCustomerCode(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
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
        assertEquals(v1, v2, 0.0);
        assertArrayEquals(g1, g2, 0.0);
        assertEquals(BgNbdModel.logLikelihood(r, alpha, a, b, x, tx, age, null), l.evaluate(r, alpha, a, b, null),
                0.0);
    }

    @Property(tries = 20)
    void nbdSameBitsAsThePerCustomerCodeWithinABlock(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
            @ForAll @DoubleRange(min = -2, max = 2) double lr, @ForAll @DoubleRange(min = 0, max = 5) double lalpha) {
        CustomerSummary s = Simulation.bgNbd(3000, 0.8, 40, 0.6, 4, seed);
        double[] g1 = new double[2];
        double[] g2 = new double[2];
        double v1 = ParetoNbdModel.nbdLogLikelihood(Math.exp(lr), Math.exp(lalpha), s.frequency(), s.t(), g1);
        double v2 = new NbdLikelihood(s.frequency(), s.t()).evaluate(Math.exp(lr), Math.exp(lalpha), g2);
        assertEquals(v1, v2, 0.0);
        assertArrayEquals(g1, g2, 0.0);
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
