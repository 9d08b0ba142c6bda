package dev.segmentation.lifetime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * A BG/NBD model on the a, b -> 0 ridge (the finite model a penalised fit returns there, a + b about 1e-8) predicts
 * what the limit predicts in closed form: a fraction q = a / (a + b) of the customers drop out at their first
 * purchase, the rest never. Likewise near the other ridge (a, b -> infinity with a / (a + b) = p: a constant drop-out
 * probability p after each purchase). These closed forms are what a limit model would compute.
 */
class BgNbdRidgeModelPredictionsTest {
    private static final double R = 2.06;
    private static final double ALPHA = 5.2;
    private static final double Q = 0.004;
    private static final BgNbdModel MODEL = BgNbdModel.of(R, ALPHA, Q * 1e-8, (1 - Q) * 1e-8, TimeUnit.WEEK);

    /** The limit's conditional expectation over the next t, for a customer with history (x, tx, T). */
    private static double limitExpected(double t, double x, double tx, double age) {
        if (x == 0) {
            // either type, prior weights; the drop-out type buys once at most
            return (1 - Q) * R * t / (ALPHA + age) + Q * -Math.expm1(R * Math.log((ALPHA + age) / (ALPHA + age + t)));
        }
        return limitAlive(x, tx, age) * (R + x) * t / (ALPHA + age);
    }

    private static double limitAlive(double x, double tx, double age) {
        if (x != 1) {
            return 1;
        }
        double e = Math.pow((ALPHA + age) / (ALPHA + tx), R + 1);
        return 1 / (1 + Q / (1 - Q) * e);
    }

    @Test
    void probabilityAliveAndExpectedPurchasesAreTheLimits() {
        double[][] histories = {{0, 0, 30}, {1, 2, 30}, {1, 25, 30}, {2, 10, 40}, {7, 39, 40}};
        for (double[] h : histories) {
            String at = h[0] + ", " + h[1] + ", " + h[2];
            assertEquals(limitAlive(h[0], h[1], h[2]), MODEL.probabilityAlive(h[0], h[1], h[2]), 1e-6, at);
            double want = limitExpected(10, h[0], h[1], h[2]);
            assertEquals(want, MODEL.expectedPurchases(10, h[0], h[1], h[2]), 1e-6 * Math.max(1, want), at);
        }
        double want = (1 - Q) * R * 10 / ALPHA + Q * -Math.expm1(R * Math.log(ALPHA / (ALPHA + 10)));
        assertEquals(want, MODEL.expectedPurchases(10), 1e-6 * want);
    }

    @Test
    void onTheOtherRidgeAAndBLargeTheyAreTheConstantDropOutLimits() {
        // a, b -> infinity with a / (a + b) = p: every customer drops out with probability p after each purchase
        double p = 0.3;
        double k = 1e6;
        BgNbdModel m = BgNbdModel.of(R, ALPHA, p * k, (1 - p) * k, TimeUnit.WEEK);
        double t = 10;
        double want = -Math.expm1(R * Math.log(ALPHA / (ALPHA + p * t))) / p;
        assertEquals(want, m.expectedPurchases(t), 1e-5 * want);
        double[][] histories = {{0, 0, 30}, {1, 2, 30}, {3, 25, 30}, {7, 39, 40}};
        for (double[] h : histories) {
            String at = h[0] + ", " + h[1] + ", " + h[2];
            double x = h[0];
            double alive = x == 0 ? 1
                    : 1 / (1 + p / (1 - p) * Math.pow((ALPHA + h[2]) / (ALPHA + h[1]), R + x));
            assertEquals(alive, m.probabilityAlive(h[0], h[1], h[2]), 1e-5, at);
            double expected = alive * -Math.expm1((R + x) * Math.log((ALPHA + h[2]) / (ALPHA + h[2] + p * t))) / p;
            assertEquals(expected, m.expectedPurchases(t, h[0], h[1], h[2]), 1e-5 * Math.max(1, expected), at);
        }
    }
}
