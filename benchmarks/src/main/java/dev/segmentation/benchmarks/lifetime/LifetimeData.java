package dev.segmentation.benchmarks.lifetime;

import dev.segmentation.lifetime.CustomerSummary;
import dev.segmentation.lifetime.TimeUnit;
import java.util.AbstractList;
import java.util.List;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Customer summaries drawn from the BG/NBD process at lifetimes' Online Retail fit (r 0.83, alpha 68.9 days, a 0.6,
 * b 4: the Online Retail a is tiny, so a stronger drop-out is used to give the fit an interior optimum), in whole
 * days as summaries of transactions are: age T uniform in 1..373 days, purchases at exponential gaps, drop-out after
 * each; recency rounded down to whole days. Spend for Gamma-Gamma: nu ~ Gamma(3.45, rate 486), purchases
 * Gamma(2.1, rate nu). Fixed seed.
 */
final class LifetimeData {
    private LifetimeData() {
    }

    static CustomerSummary summary(int n, long seed) {
        RandomGenerator rng = new Well19937c(seed);
        GammaDistribution rates = new GammaDistribution(rng, 0.826541912083235, 1 / 68.90512058573017);
        BetaDistribution drops = new BetaDistribution(rng, 0.6, 4);
        GammaDistribution nus = new GammaDistribution(rng, 3.4511789586115507, 1 / 485.88859457600637);
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            double lambda = rates.sample();
            double drop = drops.sample();
            age[i] = 1 + (int) (rng.nextDouble() * 373);
            double t = 0;
            int k = 0;
            while (true) {
                double w = -Math.log(1 - rng.nextDouble()) / lambda;
                if (t + w > age[i]) {
                    break;
                }
                t += w;
                k++;
                if (rng.nextDouble() < drop) {
                    break;
                }
            }
            x[i] = k;
            tx[i] = k == 0 ? 0 : Math.floor(t);
            if (k > 0) {
                // the mean of k Gamma(2.1, nu) purchases is Gamma(2.1 k, k nu)
                double nu = nus.sample();
                m[i] = new GammaDistribution(rng, 2.1033820144182607 * k, 1 / (k * nu)).sample();
            }
        }
        List<String> ids = new AbstractList<>() {
            @Override
            public String get(int index) {
                return "c" + index;
            }

            @Override
            public int size() {
                return n;
            }
        };
        return CustomerSummary.of(ids, x, tx, age, m, TimeUnit.DAY);
    }
}
