package dev.segmentation.lifetime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Continuously discounted CLV against oracles: the closed form of the no-drop-out (NBD) limit, where E(s) is linear,
 * and, for BG/NBD and Pareto/NBD with drop-out, a 200,000-step Stieltjes sum of e^(-delta s) dE(s) at the midpoints.
 */
class ContinuousClvTest {
    private static final GammaGammaModel SPEND = GammaGammaModel.of(3, 4, 20);

    /** The midpoint Stieltjes sum: sum over steps of e^(-delta s_mid) (E(s_k+1) - E(s_k)), s in months. */
    private static double stieltjes(PurchaseModel m, double x, double tx, double age, double months, double delta,
            int steps) {
        double perMonth = m.timeUnit().unitsPerMonth();
        double sum = 0;
        double previous = 0;
        for (int k = 1; k <= steps; k++) {
            double s = months * k / steps;
            double e = m.expectedPurchases(s * perMonth, x, tx, age);
            sum += Math.exp(-delta * (s - 0.5 * months / steps)) * (e - previous);
            previous = e;
        }
        return sum;
    }

    @Test
    void noDropoutLimitMatchesTheClosedForm() {
        // E(s months) = (r + x) / (alpha + T) * 30 s, so the integral is lambda 30 (1 - e^(-delta H)) / delta
        BgNbdModel nbd = BgNbdModel.withoutDropout(0.8, 40, TimeUnit.DAY);
        double x = 4;
        double age = 100;
        double lambda = (0.8 + x) / (40 + age) * 30;
        double delta = Math.log(1.01);
        double value = SPEND.expectedAverageValue(x, 25);
        for (double months : new double[] {0.5, 3, 12, 36.25}) {
            double expected = value * lambda * -Math.expm1(-delta * months) / delta;
            double ours = CustomerLifetimeValue.continuous(nbd, SPEND, x, 50, age, 25, months, delta);
            assertEquals(expected, ours, 1e-13 * expected, "months " + months);
        }
    }

    @Test
    void bgNbdAndParetoNbdMatchAFineStieltjesSum() {
        PurchaseModel[] models = {BgNbdModel.of(0.8, 40, 0.6, 4, TimeUnit.DAY),
            BgNbdModel.of(0.826541912083235, 68.90512058573017, 0.003437377900553807, 6.745116204448827,
                    TimeUnit.DAY),
            ParetoNbdModel.of(0.8, 40, 0.5, 60, TimeUnit.DAY), BgNbdModel.of(0.5, 3, 0.7, 2.5, TimeUnit.WEEK)};
        double[][] histories = {{0, 0, 30}, {1, 10, 200}, {12, 190, 200}, {40, 20, 300}};
        StringBuilder report = new StringBuilder("continuous CLV vs 200,000-step Stieltjes sum, max rel. diff");
        double worst = 0;
        for (PurchaseModel m : models) {
            for (double[] h : histories) {
                double age = m.timeUnit() == TimeUnit.WEEK ? h[2] / 7 : h[2];
                double tx = m.timeUnit() == TimeUnit.WEEK ? h[1] / 7 : h[1];
                for (double delta : new double[] {0.01, 0.1}) {
                    double oracle = SPEND.expectedAverageValue(h[0], 20)
                            * stieltjes(m, h[0], tx, age, 12, delta, 200_000);
                    double ours = CustomerLifetimeValue.continuous(m, SPEND, h[0], tx, age, 20, 12, delta);
                    double rel = Math.abs(ours - oracle) / oracle;
                    worst = Math.max(worst, rel);
                    assertTrue(rel <= 1e-9, m + " history " + java.util.Arrays.toString(h) + " delta " + delta
                            + ": ours " + ours + ", oracle " + oracle + ", rel " + rel);
                }
            }
        }
        System.out.println(report.append(String.format(" %.3g", worst)));
    }

    @Test
    void zeroRateIsTheUndiscountedExpectationAndDiscountingLowersIt() {
        BgNbdModel bg = BgNbdModel.of(0.8, 40, 0.6, 4, TimeUnit.DAY);
        double undiscounted = SPEND.expectedAverageValue(3, 30) * bg.expectedPurchases(360, 3, 60, 120);
        assertEquals(undiscounted, CustomerLifetimeValue.continuous(bg, SPEND, 3, 60, 120, 30, 12, 0), 0.0);
        double d = 0.01;
        double continuous = CustomerLifetimeValue.continuous(bg, SPEND, 3, 60, 120, 30, 12, Math.log1p(d));
        double monthly = CustomerLifetimeValue.monthly(bg, SPEND, 3, 60, 120, 30, 12, d);
        // same yearly rate; the monthly convention pushes each purchase to its month's end, so it is smaller
        assertTrue(monthly < continuous && continuous < undiscounted, monthly + " " + continuous + " "
                + undiscounted);
    }

    @Test
    void summaryVersionIsTheCustomerVersionInOrder() {
        BgNbdModel bg = BgNbdModel.of(0.8, 40, 0.6, 4, TimeUnit.DAY);
        CustomerSummary s = CustomerSummary.of(List.of("a", "b", "c"), new double[] {0, 2, 7},
                new double[] {0, 20, 70}, new double[] {30, 40, 90}, new double[] {0, 12, 30}, TimeUnit.DAY);
        double[] all = CustomerLifetimeValue.continuous(bg, SPEND, s, 6, 0.02);
        double[] one = new double[3];
        for (int i = 0; i < 3; i++) {
            one[i] = CustomerLifetimeValue.continuous(bg, SPEND, s.frequency()[i], s.recency()[i], s.t()[i],
                    s.monetaryValue()[i], 6, 0.02);
        }
        assertArrayEquals(one, all, 0.0);
    }

    @Test
    void badHorizonRateOrUnitIsRefusedWithItsValue() {
        BgNbdModel bg = BgNbdModel.of(0.8, 40, 0.6, 4, TimeUnit.DAY);
        assertEquals("months must be finite and > 0 but was 0.0", assertThrows(IllegalArgumentException.class,
                () -> CustomerLifetimeValue.continuous(bg, SPEND, 1, 1, 2, 5, 0, 0.01)).getMessage());
        assertEquals("monthlyForceOfInterest must be finite and >= 0 but was -0.1",
                assertThrows(IllegalArgumentException.class,
                        () -> CustomerLifetimeValue.continuous(bg, SPEND, 1, 1, 2, 5, 12, -0.1)).getMessage());
        assertEquals("monthlyForceOfInterest must be finite and >= 0 but was NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> CustomerLifetimeValue.continuous(bg, SPEND, 1, 1, 2, 5, 12, Double.NaN)).getMessage());
        CustomerSummary weeks = CustomerSummary.of(List.of("a"), new double[] {1}, new double[] {1},
                new double[] {2}, new double[] {5}, TimeUnit.WEEK);
        assertEquals("the summary counts time in WEEK but the purchase model was fitted in DAY",
                assertThrows(IllegalArgumentException.class,
                        () -> CustomerLifetimeValue.continuous(bg, SPEND, weeks, 12, 0.01)).getMessage());
    }
}
