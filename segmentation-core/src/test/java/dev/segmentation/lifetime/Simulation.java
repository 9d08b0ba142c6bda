package dev.segmentation.lifetime;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Test data drawn from the models themselves (lifetimes' generators' logic): BG/NBD customers with ages uniform in
 * [30, 365] days, purchase rate lambda ~ Gamma(r, rate alpha), drop-out after each repeat purchase with
 * p ~ Beta(a, b); Gamma-Gamma spend with nu ~ Gamma(q, rate v) and each purchase ~ Gamma(p, rate nu).
 */
final class Simulation {
    private Simulation() {
    }

    static CustomerSummary bgNbd(int n, double r, double alpha, double a, double b, long seed) {
        return bgNbdWithSpend(n, r, alpha, a, b, 0, 0, 0, seed);
    }

    /** With spend when {@code p > 0}. */
    static CustomerSummary bgNbdWithSpend(int n, double r, double alpha, double a, double b, double p, double q,
            double v, long seed) {
        RandomGenerator rng = new Well19937c(seed);
        GammaDistribution lambdas = new GammaDistribution(rng, r, 1 / alpha);
        BetaDistribution drops = new BetaDistribution(rng, a, b);
        GammaDistribution nus = p > 0 ? new GammaDistribution(rng, q, 1 / v) : null;
        List<String> ids = new ArrayList<>(n);
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            ids.add(String.format("c%06d", i));
            double lambda = lambdas.sample();
            double drop = drops.sample();
            age[i] = 30 + Math.floor(rng.nextDouble() * 336);
            double t = 0;
            int purchases = 0;
            while (true) {
                double w = -Math.log(1 - rng.nextDouble()) / lambda;
                if (t + w > age[i]) {
                    break;
                }
                t += w;
                purchases++;
                if (rng.nextDouble() < drop) {
                    break;
                }
            }
            x[i] = purchases;
            tx[i] = purchases == 0 ? 0 : t;
            if (nus != null && purchases > 0) {
                double nu = nus.sample();
                GammaDistribution spend = new GammaDistribution(rng, p, 1 / nu);
                double sum = 0;
                for (int k = 0; k < purchases; k++) {
                    sum += spend.sample();
                }
                m[i] = sum / purchases;
            }
        }
        return CustomerSummary.of(ids, x, tx, age, m, TimeUnit.DAY);
    }
}
