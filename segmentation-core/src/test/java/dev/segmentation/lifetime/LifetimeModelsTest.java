package dev.segmentation.lifetime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.Transactions;
import dev.segmentation.state.Steps;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifetimeModelsTest {
    private static Transactions shop() {
        return Transactions.builder()
                .add("c1", LocalDateTime.parse("2011-01-03T09:00"), "o1", 1, 5.0)
                .add("c1", LocalDateTime.parse("2011-01-03T17:00"), "o2", 1, 2.0)
                .add("c1", LocalDateTime.parse("2011-01-05T10:00"), "o3", 1, 3.0)
                .add("c1", LocalDateTime.parse("2011-01-12T10:00"), "o4", 1, 4.0)
                .add("c2", LocalDateTime.parse("2011-01-20T10:00"), "o5", 1, 9.0)
                .add("c3", LocalDateTime.parse("2011-01-25T10:00"), "o6", 1, 1.0)
                .add("c3", LocalDateTime.parse("2011-01-26T10:00"), "o7", 1, 6.0)
                .build();
    }

    @Test
    void summaryInDaysAndWeeksByHand() {
        CustomerSummary d = CustomerSummary.of(shop(), TimeUnit.DAY, LocalDate.of(2011, 1, 31));
        assertEquals(List.of("c1", "c2", "c3"), d.customerIds());
        assertArrayEquals(new double[] {2, 0, 1}, d.frequency());
        assertArrayEquals(new double[] {9, 0, 1}, d.recency());
        assertArrayEquals(new double[] {28, 11, 6}, d.t());
        assertArrayEquals(new double[] {3.5, 0, 6}, d.monetaryValue());
        // weeks run Monday to Sunday: 3 and 5 January share one, 12 January is the next; 31 January is 4 weeks on
        CustomerSummary w = CustomerSummary.of(shop(), TimeUnit.WEEK, LocalDate.of(2011, 1, 31));
        assertArrayEquals(new double[] {1, 0, 0}, w.frequency());
        assertArrayEquals(new double[] {1, 0, 0}, w.recency());
        assertArrayEquals(new double[] {4, 2, 1}, w.t());
        assertArrayEquals(new double[] {4, 0, 0}, w.monetaryValue());
    }

    @Test
    void calibrationHoldoutByHand() {
        CalibrationHoldout ch = CustomerSummary.calibrationHoldout(shop(), TimeUnit.DAY, LocalDate.of(2011, 1, 10),
                LocalDate.of(2011, 1, 31));
        CustomerSummary cal = ch.calibration();
        assertEquals(List.of("c1"), cal.customerIds());
        assertArrayEquals(new double[] {1}, cal.frequency());
        assertArrayEquals(new double[] {2}, cal.recency());
        assertArrayEquals(new double[] {7}, cal.t());
        assertArrayEquals(new double[] {3}, cal.monetaryValue());
        assertArrayEquals(new double[] {1}, ch.holdoutFrequency());
        assertArrayEquals(new double[] {4}, ch.holdoutMonetaryValue());
        assertEquals(21, ch.holdoutDuration());
        assertEquals(2, ch.customersNewInHoldout());
    }

    @Test
    void fittedModelsSurviveAStateRoundTrip() {
        CustomerSummary s = Simulation.bgNbdWithSpend(3000, 0.8, 40, 0.6, 4, 3, 4, 20, 5);
        BgNbdModel bg = BgNbd.builder().build().fit(s);
        GammaGammaModel gg = GammaGamma.builder().build().fit(s);
        for (Object m : new Object[] {bg, gg, ParetoNbdModel.of(0.8, 40, 0.3, 20, TimeUnit.WEEK),
            ParetoNbdModel.withoutDropout(0.8, 40, TimeUnit.DAY)}) {
            Object back = Steps.restore(Steps.state(m));
            assertEquals(m, back);
            assertEquals(Steps.state(m), Steps.state(back));
        }
        BgNbdModel bg2 = Steps.restore(Steps.state(bg), BgNbdModel.class);
        assertArrayEquals(bg.expectedPurchases(30, s), bg2.expectedPurchases(30, s));
        assertEquals(bg.diagnostics().orElseThrow().logLikelihood(), bg2.diagnostics().orElseThrow().logLikelihood());
        assertArrayEquals(bg.standardErrors().orElseThrow(), bg2.standardErrors().orElseThrow());
        assertTrue(Steps.knownTypes().containsAll(List.of("bgnbd", "pareto-nbd", "gamma-gamma")));
    }

    @Test
    void simulatedParametersAreRecoveredWithinThreeStandardErrors() {
        double[] truth = {0.8, 40, 0.6, 4};
        double[] spend = {3, 4, 20};
        CustomerSummary s = Simulation.bgNbdWithSpend(10_000, truth[0], truth[1], truth[2], truth[3], spend[0],
                spend[1], spend[2], 42);
        BgNbdModel bg = BgNbd.builder().build().fit(s);
        GammaGammaModel gg = GammaGamma.builder().build().fit(s);
        double[] se = bg.standardErrors().orElseThrow();
        double[] sg = gg.standardErrors().orElseThrow();
        for (int k = 0; k < 4; k++) {
            assertTrue(Math.abs(bg.parameters()[k] - truth[k]) <= 3 * se[k],
                    "BG/NBD " + bg.parameterNames().get(k) + ": " + bg.parameters()[k] + " +- " + se[k]);
        }
        for (int k = 0; k < 3; k++) {
            assertTrue(Math.abs(gg.parameters()[k] - spend[k]) <= 3 * sg[k],
                    "Gamma-Gamma " + gg.parameterNames().get(k) + ": " + gg.parameters()[k] + " +- " + sg[k]);
        }
    }

    @Test
    void purchaseCountDistributionSumsToOneWithTheUnconditionalMean() {
        BgNbdModel bg = BgNbdModel.of(0.8, 40, 0.6, 4, TimeUnit.DAY);
        double total = 0;
        double mean = 0;
        for (int n = 0; n < 2000; n++) {
            double p = bg.probabilityOfPurchases(n, 180);
            total += p;
            mean += n * p;
        }
        assertEquals(1, total, 1e-10);
        assertEquals(bg.expectedPurchases(180), mean, 1e-8 * mean);
    }

    @Test
    void clvIsTheDiscountedSumOfMonthlyPurchasesTimesSpend() {
        BgNbdModel bg = BgNbdModel.of(0.8, 40, 0.6, 4, TimeUnit.DAY);
        GammaGammaModel gg = GammaGammaModel.of(3, 4, 20);
        double expected = 0;
        for (int i = 1; i <= 3; i++) {
            expected += (bg.expectedPurchases(30 * i, 4, 50, 100) - bg.expectedPurchases(30 * (i - 1), 4, 50, 100))
                    / Math.pow(1.02, i);
        }
        expected *= gg.expectedAverageValue(4, 25);
        assertEquals(expected, CustomerLifetimeValue.monthly(bg, gg, 4, 50, 100, 25, 3, 0.02), 1e-12 * expected);
    }

    @Test
    void segmentValuesAddUpByHand() {
        CustomerSummary s = CustomerSummary.of(List.of("a", "b", "c", "d"), new double[] {0, 1, 2, 0},
                new double[] {0, 1, 2, 0}, new double[] {3, 4, 5, 6}, new double[] {0, 2, 3, 0}, TimeUnit.DAY);
        SegmentValues v = SegmentValues.of(s, new double[] {1, 2, 3, 4}, List.of("c", "a", "b", "x"),
                new int[] {1, 0, -1, 0});
        assertEquals(3, v.segments().size());
        SegmentValues.Segment noise = v.segments().get(0);
        assertEquals(-1, noise.label());
        assertEquals(1, noise.customers());
        assertEquals(2, noise.total());
        SegmentValues.Segment zero = v.segments().get(1);
        assertEquals(0, zero.label());
        assertEquals(1, zero.customers());
        assertEquals(1, zero.mean());
        assertEquals(0.1, zero.share(), 1e-15);
        assertEquals(3, v.segments().get(2).total());
        assertEquals(1, v.unassignedCustomers());
        assertEquals(4, v.unassignedTotal());
        assertEquals(10, v.total());
    }

    @Test
    void specialFunctionsMatchHighPrecisionValues() {
        // scipy.special.digamma / gammaln and mpmath (40 digits) values
        assertEquals(-0.5772156649015329, Special.digamma(1), 1e-15);
        assertEquals(-294.6892838012741, Special.digamma(0.0034), 1e-13);
        assertEquals(5.295815283219911, Special.digamma(200), 1e-15);
        assertEquals(857.9336698258575, Special.lnGamma(200), 1e-12);
        assertEquals(0.85589889846682046982, Special.lnHyp2f1APlusOneCf(0.83, 0.83, 0.958, 100_000), 1e-14);
        assertEquals(31.159269783625994039, Special.lnHyp2f1APlusOneCf(10.8, 10.8, 0.958, 100_000), 1e-13);
        assertEquals(0.062563860664028500418, Special.lnHyp2f1APlusOneCf(0.05, 0.5, 0.999, 100_000), 1e-12);
        assertEquals(1.4228311078549575502, Special.lnHyp2f1APlusOne(0.5, 1.0, 0.999), 1e-12);
    }

    @Test
    void bgNbdExpectationIsContinuousThroughTheRemovableSingularityAtAEqualsOne() {
        // regression: a = 1 exactly gave NaN (0 times infinity in lifetimes' closed form); found by the property test
        double at = BgNbdModel.of(0.5, 20, 1, 3, TimeUnit.DAY).expectedPurchases(30, 2, 40, 90);
        double below = BgNbdModel.of(0.5, 20, 1 - 1e-4, 3, TimeUnit.DAY).expectedPurchases(30, 2, 40, 90);
        double above = BgNbdModel.of(0.5, 20, 1 + 1e-4, 3, TimeUnit.DAY).expectedPurchases(30, 2, 40, 90);
        assertTrue(Double.isFinite(at) && at > 0, "E at a = 1: " + at);
        assertEquals(0.5 * (below + above), at, 1e-7 * at);
        double u = BgNbdModel.of(0.5, 20, 1, 3, TimeUnit.DAY).expectedPurchases(30);
        assertTrue(Double.isFinite(u) && u > 0, "unconditional E at a = 1: " + u);
    }
}
