package dev.segmentation.lifetime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the lifetime models over wide parameter and history ranges, including extreme ones. */
class LifetimeProperties {
    @Property(tries = 300)
    void bgNbdPredictionsAreProbabilitiesAndMonotone(@ForAll @DoubleRange(min = -4, max = 3) double lr,
            @ForAll @DoubleRange(min = -2, max = 6) double lalpha, @ForAll @DoubleRange(min = -6, max = 2) double la,
            @ForAll @DoubleRange(min = -1, max = 3) double lb, @ForAll @IntRange(min = 0, max = 2000) int x,
            @ForAll @DoubleRange(min = 0, max = 1) double recencyShare, @ForAll @DoubleRange(min = 0, max = 3000) double age) {
        BgNbdModel m = BgNbdModel.of(Math.exp(lr), Math.exp(lalpha), Math.exp(la), Math.exp(lb), TimeUnit.DAY);
        double tx = x == 0 ? 0 : recencyShare * age;
        double p = m.probabilityAlive(x, tx, age);
        assertTrue(p >= 0 && p <= 1, "P(alive) " + p);
        double ll = m.logLikelihood(x, tx, age);
        assertTrue(Double.isFinite(ll), "log-likelihood " + ll);
        double previous = 0;
        for (double t : new double[] {1, 10, 90, 365, 3650}) {
            double e = m.expectedPurchases(t, x, tx, age);
            assertTrue(Double.isFinite(e) && e >= previous - 1e-12 * Math.abs(previous), "E[X(" + t + ")] = " + e
                    + " after " + previous);
            previous = e;
        }
    }

    @Property(tries = 300)
    void paretoNbdPredictionsAreProbabilitiesAndMonotone(@ForAll @DoubleRange(min = -4, max = 3) double lr,
            @ForAll @DoubleRange(min = -2, max = 7) double lalpha, @ForAll @DoubleRange(min = -8, max = 3) double ls,
            @ForAll @DoubleRange(min = -2, max = 9) double lbeta, @ForAll @IntRange(min = 0, max = 2000) int x,
            @ForAll @DoubleRange(min = 0, max = 1) double recencyShare, @ForAll @DoubleRange(min = 0, max = 3000) double age) {
        ParetoNbdModel m = ParetoNbdModel.of(Math.exp(lr), Math.exp(lalpha), Math.exp(ls), Math.exp(lbeta),
                TimeUnit.DAY);
        double tx = x == 0 ? 0 : recencyShare * age;
        double p = m.probabilityAlive(x, tx, age);
        assertTrue(p >= 0 && p <= 1, "P(alive) " + p);
        double ll = m.logLikelihood(x, tx, age);
        assertTrue(Double.isFinite(ll), "log-likelihood " + ll);
        double previous = 0;
        for (double t : new double[] {1, 10, 90, 365, 3650}) {
            double e = m.expectedPurchases(t, x, tx, age);
            assertTrue(Double.isFinite(e) && e >= previous * (1 - 1e-12), "E[X(" + t + ")] = " + e + " after "
                    + previous);
            previous = e;
        }
    }

    @Property(tries = 200)
    void paretoContinuedFractionAgreesWithTheSeries(@ForAll @DoubleRange(min = 0.01, max = 500) double a,
            @ForAll @DoubleRange(min = 0, max = 1) double bShare, @ForAll @DoubleRange(min = 0, max = 0.99) double z) {
        double b = 0.001 + bShare * a; // b <= a + 1, as in both Pareto/NBD cases
        double series = Special.lnHyp2f1APlusOne(a, b, z);
        double cf = Special.lnHyp2f1APlusOneCf(a, b, z, 1_000_000);
        assertEquals(series, cf, 1e-12 * Math.max(1, Math.abs(series)), "a=" + a + " b=" + b + " z=" + z);
    }

    @Property(tries = 200)
    void gammaGammaExpectedValueLiesBetweenPopulationAndOwnMean(@ForAll @DoubleRange(min = 0.1, max = 20) double p,
            @ForAll @DoubleRange(min = 1.01, max = 20) double q, @ForAll @DoubleRange(min = 0.1, max = 1e4) double v,
            @ForAll @IntRange(min = 0, max = 500) int x, @ForAll @DoubleRange(min = 0, max = 1e5) double m) {
        GammaGammaModel g = GammaGammaModel.of(p, q, v);
        double population = v * p / (q - 1);
        double e = g.expectedAverageValue(x, m);
        double lo = Math.min(population, x == 0 ? population : m);
        double hi = Math.max(population, x == 0 ? population : m);
        assertTrue(e >= lo * (1 - 1e-12) && e <= hi * (1 + 1e-12), e + " outside [" + lo + ", " + hi + "]");
    }
}
