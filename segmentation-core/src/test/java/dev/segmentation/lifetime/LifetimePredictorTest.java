package dev.segmentation.lifetime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The batch predictor against the per-customer methods of the models (the table path for BG/NBD and the generic
 * path), thread-count independence, and the builder's errors.
 */
class LifetimePredictorTest {
    private static final BgNbdModel BG = BgNbdModel.of(0.826541912083235, 68.90512058573017, 0.003437377900553807,
            6.745116204448827, TimeUnit.DAY);
    private static final GammaGammaModel GG = GammaGammaModel.of(2.1033820144182607, 3.4511789586115507,
            485.88859457600637);

    private static void assertClose(double[] expected, double[] actual, double rel, String what) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - actual[i]);
            assertTrue(d <= rel * Math.abs(expected[i]), what + "[" + i + "]: " + actual[i] + " vs " + expected[i]);
        }
    }

    private static void check(PurchaseModel model, CustomerSummary s, LifetimePredictor p) {
        LifetimeValues v = p.predict(model, GG, s);
        double[] months = p.discounting() == LifetimePredictor.Discounting.MONTHLY
                ? CustomerLifetimeValue.monthly(model, GG, s, p.months(), p.monthlyDiscountRate())
                : CustomerLifetimeValue.continuous(model, GG, s, p.months(), Math.log1p(p.monthlyDiscountRate()));
        assertClose(model.expectedPurchases(p.purchaseHorizon(), s), v.expectedPurchases(), 1e-12, "expected");
        assertClose(model.probabilityAlive(s), v.probabilityAlive(), 1e-12, "P(alive)");
        assertClose(GG.expectedAverageValue(s), v.expectedAverageValue(), 0, "value");
        assertClose(months, v.clv(), 1e-12, "clv");
        assertEquals(s.customerIds(), v.customerIds());
    }

    @Test
    void tablePathAndGenericPathAgreeWithThePerCustomerMethods() {
        CustomerSummary whole = Simulation.bgNbdWithSpend(3000, 0.8, 40, 0.6, 4, 3, 4, 20, 11);
        double[] t = whole.t();
        double[] tx = whole.recency();
        for (int i = 0; i < tx.length; i++) {
            tx[i] = Math.floor(tx[i]);
        }
        CustomerSummary days = CustomerSummary.of(whole.customerIds(), whole.frequency(), tx, t,
                whole.monetaryValue(), TimeUnit.DAY);
        assertTrue(BgNbdKernel.of(BG, days.frequency(), days.t(), LifetimePredictor.builder().build()) != null);
        for (LifetimePredictor.Discounting d : LifetimePredictor.Discounting.values()) {
            LifetimePredictor p = LifetimePredictor.builder().purchaseHorizon(45).months(6).monthlyDiscountRate(0.02)
                    .discounting(d).build();
            check(BG, days, p); // table path
            check(BG, whole, p); // continuous recency: table path too (it depends on x and T only)
            check(ParetoNbdModel.of(0.8, 40, 0.5, 60, TimeUnit.DAY), days, p); // generic path
            check(BgNbdModel.withoutDropout(0.8, 40, TimeUnit.DAY), days, p); // generic path
        }
        double[] fractional = days.t();
        fractional[0] += 0.5;
        assertNull(BgNbdKernel.of(BG, days.frequency(), fractional, LifetimePredictor.builder().build()));
        CustomerSummary frac = CustomerSummary.of(days.customerIds(), days.frequency(), days.recency(), fractional,
                days.monetaryValue(), TimeUnit.DAY);
        check(BG, frac, LifetimePredictor.builder().build()); // generic path for BG/NBD
    }

    @Test
    void anyThreadCountGivesTheSameBits() {
        CustomerSummary s = Simulation.bgNbdWithSpend(20_000, 0.8, 40, 0.6, 4, 3, 4, 20, 12);
        LifetimeValues one = LifetimePredictor.builder().threads(1).build().predict(BG, GG, s);
        for (int threads : new int[] {2, 3, 7}) {
            LifetimeValues many = LifetimePredictor.builder().threads(threads).build().predict(BG, GG, s);
            assertArrayEquals(one.clv(), many.clv(), 0.0);
            assertArrayEquals(one.expectedPurchases(), many.expectedPurchases(), 0.0);
            assertArrayEquals(one.probabilityAlive(), many.probabilityAlive(), 0.0);
        }
    }

    @Test
    void builderRefusesBadValuesNamingThem() {
        assertEquals("purchaseHorizon must be finite and > 0 but was 0.0", assertThrows(
                IllegalArgumentException.class, () -> LifetimePredictor.builder().purchaseHorizon(0)).getMessage());
        assertEquals("months must be in [1, 1200] but was 0", assertThrows(IllegalArgumentException.class,
                () -> LifetimePredictor.builder().months(0)).getMessage());
        assertEquals("monthlyDiscountRate must be finite and >= 0 but was -0.5", assertThrows(
                IllegalArgumentException.class, () -> LifetimePredictor.builder().monthlyDiscountRate(-0.5))
                .getMessage());
        assertEquals("threads must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> LifetimePredictor.builder().threads(0)).getMessage());
        List<String> ids = new ArrayList<>(List.of("a"));
        CustomerSummary weeks = CustomerSummary.of(ids, new double[] {1}, new double[] {1}, new double[] {2},
                new double[] {5}, TimeUnit.WEEK);
        assertEquals("the summary counts time in WEEK but the purchase model was fitted in DAY", assertThrows(
                IllegalArgumentException.class, () -> LifetimePredictor.builder().build().predict(BG, GG, weeks))
                .getMessage());
        assertEquals("q = 0.5 <= 1: the Gamma-Gamma population mean spend is infinite", assertThrows(
                IllegalStateException.class, () -> LifetimePredictor.builder().build().predict(BG,
                        GammaGammaModel.of(1, 0.5, 3), CustomerSummary.of(ids, new double[] {1}, new double[] {1},
                                new double[] {2}, new double[] {5}, TimeUnit.DAY))).getMessage());
    }
}
