package dev.segmentation.issues;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.lifetime.BgNbd;
import dev.segmentation.lifetime.BgNbdModel;
import dev.segmentation.lifetime.ConvergenceException;
import dev.segmentation.lifetime.CustomerSummary;
import dev.segmentation.lifetime.FitDiagnostics;
import org.junit.jupiter.api.Test;

/**
 * Regression (found in session 5): on customers who never drop out ({@link BgNbdPenalizedNoDropoutBoundaryTest}'s
 * generator), the unpenalised BG/NBD fit returned the no-drop-out boundary model (the NBD, a = 0, b = infinity) as
 * converged for seeds 1, 2, 3 and 5, while the likelihood rises higher along a second ridge, a and b shrinking to 0
 * together with a / (a + b) = q held (the limit: a fraction q of the customers drop out at their first purchase, the
 * others never). Seed 2: boundary -27,864.28, ridge limit -27,862.91 at q = 0.0041. The penalised fit (1e-6) found
 * that ridge for seeds 2 and 3 but returned the worse boundary for seeds 1 and 5. Now the unpenalised fit throws a
 * ConvergenceException naming both log-likelihoods and the cure, and the penalised fit returns the finite model on
 * the ridge, whose log-likelihood is the limit's.
 */
class BgNbdVanishingDropoutRidgeTest {
    /** Per seed: the boundary's log-likelihood, the ridge limit's, and its a / (a + b), as printed (truncated). */
    private static final String[][] SEEDS = {
        {"1", "-28728.3498", "-28727.7749", "0.002031"},
        {"2", "-27864.2777", "-27862.9123", "0.004052"},
        {"3", "-27530.3769", "-27529.6816", "0.002246"},
        {"5", "-28637.6342", "-28636.4501", "0.002722"},
    };

    @Test
    void theUnpenalisedFitNamesTheRidgeInsteadOfReturningTheWorseBoundaryModel() {
        for (String[] row : SEEDS) {
            CustomerSummary s = BgNbdPenalizedNoDropoutBoundaryTest.noDropout(Long.parseLong(row[0]));
            ConvergenceException e = assertThrows(ConvergenceException.class, () -> BgNbd.builder().build().fit(s),
                    "seed " + row[0]);
            String m = e.getMessage();
            assertTrue(m.startsWith("BG/NBD fit did not converge: the likelihood keeps rising as a and b shrink"
                    + " together towards 0 with a / (a + b) = " + row[3]), m);
            assertTrue(m.contains("(the limit where that fraction of the customers drop out at their first purchase"
                    + " and the others never: r = "), m);
            assertTrue(m.contains(", log-likelihood " + row[2]), m);
            assertTrue(m.contains("the no-drop-out boundary the search ended at is worse (log-likelihood "
                    + row[1]), m);
            assertTrue(m.endsWith("Fit with a small penalizer, e.g. BgNbd.builder().penalizer(1e-6), which stops on"
                    + " this ridge at tiny a and b with the limit's log-likelihood"), m);
            // the parameters are the limit's r and alpha with a = b = 0; the diagnostics are the limit fit's
            double[] p = e.parameters();
            assertEquals(4, p.length);
            assertArrayEquals(new double[] {0, 0}, new double[] {p[2], p[3]});
            FitDiagnostics d = e.diagnostics();
            assertEquals(Double.parseDouble(row[2]), d.logLikelihood(), 1e-4, "seed " + row[0]);
            assertTrue(d.logLikelihood() > Double.parseDouble(row[1]) + 0.5, d.toString());
        }
    }

    @Test
    void thePenalisedFitReturnsTheModelOnTheRidgeWithTheLimitsLikelihood() {
        for (String[] row : SEEDS) {
            CustomerSummary s = BgNbdPenalizedNoDropoutBoundaryTest.noDropout(Long.parseLong(row[0]));
            BgNbdModel m = BgNbd.builder().penalizer(1e-6).build().fit(s);
            FitDiagnostics d = m.diagnostics().orElseThrow();
            assertTrue(d.converged(), d.toString());
            assertTrue(m.hasDropout(), m.toString());
            // a and b are tiny (the search stops where the ridge is flat to the tolerance), their ratio is the limit's
            assertTrue(m.a() + m.b() < 1e-6, m.toString());
            double q = Double.parseDouble(row[3]);
            assertEquals(q, m.a() / (m.a() + m.b()), 0.02 * q, m.toString());
            assertEquals(Double.parseDouble(row[2]), d.logLikelihood(), 1e-4, "seed " + row[0]);
            assertTrue(Math.abs(m.r() - 2) < 0.3 && Math.abs(m.alpha() - 5) < 0.8, m.toString());
        }
    }
}
