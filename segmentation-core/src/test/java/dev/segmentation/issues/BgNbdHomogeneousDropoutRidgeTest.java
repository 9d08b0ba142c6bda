package dev.segmentation.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.lifetime.BgNbd;
import dev.segmentation.lifetime.BgNbdModel;
import dev.segmentation.lifetime.ConvergenceException;
import dev.segmentation.lifetime.CustomerSummary;
import dev.segmentation.lifetime.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Regression (found in session 4): on customers who all drop out with the same probability p = 0.3 after each
 * purchase (not Beta-distributed), the unpenalised BG/NBD search runs off with a and b growing together and does not
 * converge; the fit then returned the no-drop-out boundary model, whose log-likelihood (-6406.9 here) is far below
 * what the drop-out model reaches (-5052.9 with penalizer 1e-6, a / (a + b) = 0.314), as a converged model. It now
 * throws a ConvergenceException naming both log-likelihoods and the cure.
 */
class BgNbdHomogeneousDropoutRidgeTest {
    /** 600 customers over 20-60 weeks, Gamma(2, 5) purchase rates per week, drop-out 0.3 after every purchase. */
    static CustomerSummary homogeneousDropout(long seed) {
        return simulate(seed, 600, 0.3);
    }

    /**
     * {@code n} customers over 20-60 weeks, Gamma(2, 5) purchase rates per week, each dropping out with probability
     * {@code dropout} after every purchase (0: never, and no draw is made for it), spend 10 per repeat customer.
     */
    static CustomerSummary simulate(long seed, int n, double dropout) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> ids = new ArrayList<>();
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] t = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            ids.add("c" + i);
            double age = 20 + rng.nextInt(41);
            double lambda = (-Math.log(rng.nextDouble()) - Math.log(rng.nextDouble())) / 5.0;
            double time = 0;
            int count = 0;
            double last = 0;
            while (true) {
                time += -Math.log(rng.nextDouble()) / lambda;
                if (time > age) {
                    break;
                }
                count++;
                last = time;
                if (dropout > 0 && rng.nextDouble() < dropout) {
                    break;
                }
            }
            x[i] = count;
            tx[i] = count == 0 ? 0 : last;
            t[i] = age;
            m[i] = count == 0 ? 0 : 10;
        }
        return CustomerSummary.of(ids, x, tx, t, m, TimeUnit.WEEK);
    }

    @Test
    void theRidgeIsAConvergenceErrorNotTheFarWorseBoundaryModel() {
        CustomerSummary s = homogeneousDropout(1);
        ConvergenceException e = assertThrows(ConvergenceException.class, () -> BgNbd.builder().build().fit(s));
        assertTrue(e.getMessage().startsWith("BG/NBD fit did not converge: the likelihood keeps rising as a and b"
                + " grow together"), e.getMessage());
        assertTrue(e.getMessage().contains("the no-drop-out boundary is far worse (log-likelihood -6406.9"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("Fit with a small penalizer, e.g. BgNbd.builder().penalizer(1e-6), for the"
                + " interior answer"), e.getMessage());
        assertEquals(4, e.parameters().length);
        BgNbdModel penalised = BgNbd.builder().penalizer(1e-6).build().fit(s);
        double p = penalised.a() / (penalised.a() + penalised.b());
        assertTrue(Math.abs(p - 0.3) < 0.05, "mean drop-out " + p);
        // the penalised drop-out model is over 1,000 log-likelihood units above the boundary model once returned
        assertTrue(penalised.diagnostics().get().logLikelihood() > -6406.9 + 1000,
                "penalised " + penalised.diagnostics().get().logLikelihood());
        assertTrue(e.diagnostics().logLikelihood() > -6406.9 + 1000, "ridge " + e.diagnostics().logLikelihood());
    }

    @Test
    void betaDistributedDropOutStillFitsWithoutAPenalty() {
        // seeds 10-12 of the same process happened to converge in the interior before the fix, and still do
        BgNbdModel m = BgNbd.builder().build().fit(homogeneousDropout(10));
        assertTrue(m.hasDropout());
        assertTrue(m.diagnostics().get().converged());
    }
}
