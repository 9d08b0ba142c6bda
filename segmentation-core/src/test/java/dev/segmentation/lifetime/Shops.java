package dev.segmentation.lifetime;

import dev.segmentation.data.Transactions;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Small synthetic shops for the lifetime step tests, drawn from the BG/NBD process: {@code n} customers over 2011,
 * first purchase uniform in the first 300 days, then purchases at exponential gaps with a rate ~ Gamma(0.8, rate 40
 * per day: mean 0.02 a day), dropping out after each with a probability ~ Beta(0.6, 4); one to three lines per purchase with gamma-like amounts around a customer mean; every tenth customer
 * also returns a line (negative quantity and amount) and some lines are free (amount 0). Fixed seed.
 */
public final class Shops {
    private Shops() {
    }

    /** The shop; its last date is on or before 2011-12-31. */
    public static Transactions shop(int n, long seed) {
        RandomGenerator rng = new Well19937c(seed);
        GammaDistribution rates = new GammaDistribution(rng, 0.8, 1 / 40.0);
        BetaDistribution drops = new BetaDistribution(rng, 0.6, 4);
        Transactions.Builder b = Transactions.builder();
        long start = java.time.LocalDate.of(2011, 1, 1).toEpochDay();
        int order = 0;
        for (int c = 0; c < n; c++) {
            String id = String.format("k%05d", c);
            double rate = rates.sample();
            double drop = drops.sample();
            double mean = 10 + 90 * rng.nextDouble();
            double day = Math.floor(rng.nextDouble() * 300);
            while (day < 365) {
                int lines = 1 + rng.nextInt(3);
                for (int l = 0; l < lines; l++) {
                    double amount = l == 2 && rng.nextInt(5) == 0 ? 0.0
                            : Math.round(mean * (0.5 + rng.nextDouble()) * 100) / 100.0;
                    b.add(id, (start + (long) day) * 86_400L + 3600L * (9 + l), "o" + order, 1 + rng.nextInt(4),
                            amount);
                }
                if (c % 10 == 0 && rng.nextInt(3) == 0) {
                    b.add(id, (start + (long) day) * 86_400L + 3600L * 15, "C" + order, -1, -mean / 2);
                }
                order++;
                if (rng.nextDouble() < drop) {
                    break;
                }
                day += Math.ceil(-Math.log(1 - rng.nextDouble()) / rate);
            }
        }
        return b.build();
    }
}
