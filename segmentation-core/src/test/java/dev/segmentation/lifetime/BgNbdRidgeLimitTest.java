package dev.segmentation.lifetime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The a, b -> 0 limit of the BG/NBD likelihood against the BG/NBD itself, the NBD and its own derivatives. */
class BgNbdRidgeLimitTest {
    private static DistinctRows rows() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 400;
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 10 + rng.nextInt(40);
            x[i] = rng.nextInt(6);
            tx[i] = x[i] == 0 ? 0 : Math.floor(rng.nextDouble() * t[i] * 10) / 10;
        }
        return DistinctRows.of(x, tx, t);
    }

    @Test
    void isTheBgNbdLikelihoodAsAAndBShrinkWithTheirRatioHeld() {
        DistinctRows rows = rows();
        BgNbdRidgeLimit limit = new BgNbdRidgeLimit(rows);
        BgNbdLikelihood bgnbd = new BgNbdLikelihood(rows, 1);
        double q = 0.3;
        double atLimit = limit.evaluate(1.3, 7.0, q / (1 - q), null);
        double near = bgnbd.evaluate(1.3, 7.0, q * 1e-10, (1 - q) * 1e-10, null);
        // ln Gamma(a + b) at a + b = 1e-10 costs some digits: agreement to 1e-9 relative
        assertEquals(atLimit, near, 1e-9 * Math.abs(atLimit));
        // farther from the limit the BG/NBD differs, so the comparison can fail
        double far = bgnbd.evaluate(1.3, 7.0, q * 1e-1, (1 - q) * 1e-1, null);
        assertEquals(true, Math.abs(far - atLimit) > 1e-2, far + " vs " + atLimit);
    }

    @Test
    void atQZeroIsTheNbdAndItsSlopeThereIsSlopeAtZero() {
        DistinctRows rows = rows();
        BgNbdRidgeLimit limit = new BgNbdRidgeLimit(rows);
        NbdLikelihood nbd = new NbdLikelihood(rows.column(0), rows.column(2), rows.weights());
        double tiny = 1e-300;
        assertEquals(nbd.evaluate(1.3, 7.0, null), limit.evaluate(1.3, 7.0, tiny, null), 1e-9);
        double h = 1e-7;
        double slope = (limit.evaluate(1.3, 7.0, h, null) - limit.evaluate(1.3, 7.0, tiny, null)) / h;
        assertEquals(limit.slopeAtZero(1.3, 7.0), slope, 1e-4 * Math.abs(slope));
    }

    @Test
    void gradientMatchesCentralDifferences() {
        BgNbdRidgeLimit limit = new BgNbdRidgeLimit(rows());
        double[] th = {1.3, 7.0, 0.2};
        double[] g = new double[3];
        limit.evaluate(th[0], th[1], th[2], g);
        for (int i = 0; i < 3; i++) {
            double h = 1e-5 * th[i];
            double[] p = th.clone();
            double[] m = th.clone();
            p[i] += h;
            m[i] -= h;
            double fd = (limit.logLikelihood(p) - limit.logLikelihood(m)) / (2 * h);
            assertEquals(fd, g[i], 1e-6 * Math.max(1, Math.abs(fd)), "parameter " + i);
        }
    }
}
