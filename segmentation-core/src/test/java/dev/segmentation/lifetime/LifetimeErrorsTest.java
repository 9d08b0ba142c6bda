package dev.segmentation.lifetime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.data.Transactions;
import dev.segmentation.state.StepState;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every error path of the lifetime package, with its message. */
class LifetimeErrorsTest {
    private static void fails(Class<? extends Throwable> type, String message, Executable call) {
        Throwable t = assertThrows(type, call);
        assertEquals(message, t.getMessage());
    }

    private static Transactions rows(Object... idDateAmount) {
        Transactions.Builder b = Transactions.builder();
        for (int i = 0; i < idDateAmount.length; i += 3) {
            b.add((String) idDateAmount[i], LocalDateTime.parse((String) idDateAmount[i + 1] + "T10:00"),
                    "o" + i, 1, (Double) idDateAmount[i + 2]);
        }
        return b.build();
    }

    @Test
    void summaryRejectsPurchaseAfterObservationEnd() {
        Transactions t = rows("c1", "2011-01-01", 5.0, "c1", "2011-02-01", 7.0);
        fails(IllegalArgumentException.class, "customer 'c1': row 1 (order 'o3') is dated 2011-02-01, after the"
                + " observation end 2011-01-31", () -> CustomerSummary.of(t, TimeUnit.DAY, LocalDate.of(2011, 1, 31)));
    }

    @Test
    void summaryRejectsNegativeAmount() {
        Transactions t = rows("c1", "2011-01-01", 5.0, "c2", "2011-01-03", -2.5);
        fails(IllegalArgumentException.class, "customer 'c2': row 1 (order 'o3') has a negative amount -2.5;"
                + " remove returns and cancellations before summarising",
                () -> CustomerSummary.of(t, TimeUnit.DAY, LocalDate.of(2011, 1, 31)));
    }

    @Test
    void summaryRejectsEmptyTable() {
        Transactions t = Transactions.builder().build();
        fails(IllegalArgumentException.class, "transactions: the table has no rows",
                () -> CustomerSummary.of(t, TimeUnit.DAY, LocalDate.of(2011, 1, 31)));
    }

    @Test
    void calibrationHoldoutChecksItsDates() {
        Transactions t = rows("c1", "2011-01-10", 5.0);
        fails(IllegalArgumentException.class, "calibrationEnd 2011-01-31 must fall in a DAY before that of"
                + " observationEnd 2011-01-31", () -> CustomerSummary.calibrationHoldout(t, TimeUnit.DAY,
                        LocalDate.of(2011, 1, 31), LocalDate.of(2011, 1, 31)));
        fails(IllegalArgumentException.class, "calibrationEnd 2011-01-05 must fall in a WEEK before that of"
                + " observationEnd 2011-01-08", () -> CustomerSummary.calibrationHoldout(t, TimeUnit.WEEK,
                        LocalDate.of(2011, 1, 5), LocalDate.of(2011, 1, 8)));
        fails(IllegalArgumentException.class, "no purchase falls on or before calibrationEnd 2011-01-05",
                () -> CustomerSummary.calibrationHoldout(t, TimeUnit.DAY, LocalDate.of(2011, 1, 5),
                        LocalDate.of(2011, 1, 31)));
    }

    @Test
    void summaryFromColumnsValidatesEveryValue() {
        List<String> ids = List.of("a", "b");
        double[] ok = {0, 1};
        double[] t = {5, 5};
        fails(IllegalArgumentException.class, "customerIds: the summary needs at least one customer",
                () -> CustomerSummary.of(List.of(), new double[0], new double[0], new double[0], new double[0],
                        TimeUnit.DAY));
        fails(IllegalArgumentException.class, "column recency has 1 values but customerIds has 2",
                () -> CustomerSummary.of(ids, ok, new double[1], t, ok, TimeUnit.DAY));
        fails(IllegalArgumentException.class, "customer 'b': frequency is 1.5 but must be a whole number >= 0",
                () -> CustomerSummary.of(ids, new double[] {0, 1.5}, new double[] {0, 1}, t, ok, TimeUnit.DAY));
        fails(IllegalArgumentException.class, "customer 'a': frequency is -1.0 but must be a whole number >= 0",
                () -> CustomerSummary.of(ids, new double[] {-1, 1}, new double[] {0, 1}, t, ok, TimeUnit.DAY));
        fails(IllegalArgumentException.class, "customer 'a': T is NaN but must be finite and >= 0",
                () -> CustomerSummary.of(ids, ok, new double[] {0, 1}, new double[] {Double.NaN, 5}, ok,
                        TimeUnit.DAY));
        fails(IllegalArgumentException.class, "customer 'b': recency is 6.0 but must be in [0, T = 5.0]",
                () -> CustomerSummary.of(ids, ok, new double[] {0, 6}, t, ok, TimeUnit.DAY));
        fails(IllegalArgumentException.class, "customer 'a': recency is 2.0 but must be 0 because frequency is 0",
                () -> CustomerSummary.of(ids, ok, new double[] {2, 1}, t, ok, TimeUnit.DAY));
        fails(IllegalArgumentException.class, "customer 'b': monetaryValue is -3.0 but must be finite and >= 0",
                () -> CustomerSummary.of(ids, ok, new double[] {0, 1}, t, new double[] {0, -3}, TimeUnit.DAY));
    }

    @Test
    void buildersValidateEachSetting() {
        fails(IllegalArgumentException.class, "penalizer must be finite and >= 0 but was -0.1",
                () -> BgNbd.builder().penalizer(-0.1));
        fails(IllegalArgumentException.class, "penalizer must be finite and >= 0 but was NaN",
                () -> ParetoNbd.builder().penalizer(Double.NaN));
        fails(IllegalArgumentException.class, "tolerance must be in (0, 1) but was 0.0",
                () -> GammaGamma.builder().tolerance(0));
        fails(IllegalArgumentException.class, "tolerance must be in (0, 1) but was 1.0",
                () -> BgNbd.builder().tolerance(1));
        fails(IllegalArgumentException.class, "maxIterations must be >= 1 but was 0",
                () -> ParetoNbd.builder().maxIterations(0));
    }

    @Test
    void fitsRefuseDataThatCannotIdentifyTheModel() {
        CustomerSummary none = CustomerSummary.of(List.of("a", "b"), new double[] {0, 0}, new double[] {0, 0},
                new double[] {3, 4}, new double[] {0, 0}, TimeUnit.DAY);
        fails(IllegalArgumentException.class, "BG/NBD needs at least one customer with frequency > 0 but all 2 have"
                + " none", () -> BgNbd.builder().build().fit(none));
        fails(IllegalArgumentException.class, "Pareto/NBD needs at least one customer with frequency > 0 but all 2"
                + " have none", () -> ParetoNbd.builder().build().fit(none));
        fails(IllegalArgumentException.class, "Gamma-Gamma needs at least 2 customers with frequency > 0 and"
                + " monetary value > 0 but CustomerSummary[2 customers, unit DAY] has 0",
                () -> GammaGamma.builder().build().fit(none));
        CustomerSummary ageless = CustomerSummary.of(List.of("a"), new double[] {1}, new double[] {0},
                new double[] {0}, new double[] {2}, TimeUnit.DAY);
        fails(IllegalArgumentException.class, "BG/NBD needs a customer with T > 0 but every T is 0",
                () -> BgNbd.builder().build().fit(ageless));
        fails(IllegalArgumentException.class, "Pareto/NBD needs a customer with T > 0 but every T is 0",
                () -> ParetoNbd.builder().build().fit(ageless));
    }

    @Test
    void fitThatCannotConvergeThrowsWithItsDiagnostics() {
        CustomerSummary s = Simulation.bgNbdWithSpend(500, 0.8, 60, 0.5, 5, 3, 4, 20, 11);
        ConvergenceException e = assertThrows(ConvergenceException.class,
                () -> GammaGamma.builder().maxIterations(1).tolerance(1e-17).build().fit(s));
        assertEquals(3, e.parameters().length);
        assertEquals(false, e.diagnostics().converged());
        assertEquals(true, e.getMessage().startsWith("Gamma-Gamma fit did not converge: relative gradient norm "),
                e.getMessage());
        assertEquals(true, e.getMessage().endsWith("; try a larger penalizer or maxIterations"), e.getMessage());
    }

    @Test
    void givenModelsValidateParameters() {
        fails(IllegalArgumentException.class, "alpha must be finite and > 0 but was 0.0",
                () -> BgNbdModel.of(1, 0, 1, 1, TimeUnit.DAY));
        fails(IllegalArgumentException.class, "s must be finite and > 0 but was -1.0",
                () -> ParetoNbdModel.of(1, 1, -1, 1, TimeUnit.DAY));
        fails(IllegalArgumentException.class, "v must be finite and > 0 but was Infinity",
                () -> GammaGammaModel.of(1, 2, Double.POSITIVE_INFINITY));
        fails(IllegalArgumentException.class, "r must be finite and > 0 but was NaN",
                () -> ParetoNbdModel.withoutDropout(Double.NaN, 1, TimeUnit.DAY));
    }

    @Test
    void predictionsValidateTheirInputs() {
        BgNbdModel bg = BgNbdModel.of(1, 10, 1, 2, TimeUnit.DAY);
        fails(IllegalArgumentException.class, "t must be finite and >= 0 but was -1.0",
                () -> bg.expectedPurchases(-1, 1, 1, 2));
        fails(IllegalArgumentException.class, "frequency must be a whole number >= 0 but was 0.5",
                () -> bg.probabilityAlive(0.5, 1, 2));
        fails(IllegalArgumentException.class, "recency must be in [0, T = 2.0] but was 3.0",
                () -> bg.logLikelihood(1, 3, 2));
        fails(IllegalArgumentException.class, "T must be finite and >= 0 but was -2.0",
                () -> ParetoNbdModel.of(1, 1, 1, 1, TimeUnit.DAY).probabilityAlive(0, 0, -2));
        fails(IllegalArgumentException.class, "n must be >= 0 but was -1", () -> bg.probabilityOfPurchases(-1, 5));
        GammaGammaModel heavy = GammaGammaModel.of(1, 0.5, 10);
        fails(IllegalStateException.class, "q = 0.5 <= 1: the Gamma-Gamma population mean spend is infinite",
                () -> heavy.expectedAverageValue(1, 10));
        GammaGammaModel gg = GammaGammaModel.of(1, 3, 10);
        fails(IllegalArgumentException.class, "monetary value must be finite and >= 0 but was -1.0",
                () -> gg.expectedAverageValue(1, -1));
        fails(IllegalArgumentException.class, "frequency must be a whole number > 0 but was 0.0",
                () -> gg.logLikelihood(0, 1));
    }

    @Test
    void clvValidatesHorizonRateAndUnits() {
        BgNbdModel bg = BgNbdModel.of(1, 10, 1, 2, TimeUnit.DAY);
        GammaGammaModel gg = GammaGammaModel.of(1, 3, 10);
        CustomerSummary weeks = CustomerSummary.of(List.of("a"), new double[] {1}, new double[] {1},
                new double[] {2}, new double[] {5}, TimeUnit.WEEK);
        fails(IllegalArgumentException.class, "months must be >= 1 but was 0",
                () -> CustomerLifetimeValue.monthly(bg, gg, 1, 1, 2, 5, 0, 0.01));
        fails(IllegalArgumentException.class, "monthlyDiscountRate must be finite and > -1 but was -1.0",
                () -> CustomerLifetimeValue.monthly(bg, gg, 1, 1, 2, 5, 12, -1));
        fails(IllegalArgumentException.class, "the summary counts time in WEEK but the purchase model was fitted in"
                + " DAY", () -> CustomerLifetimeValue.monthly(bg, gg, weeks, 12, 0.01));
    }

    @Test
    void segmentValuesValidateTheirInputs() {
        CustomerSummary s = CustomerSummary.of(List.of("a", "b"), new double[] {0, 1}, new double[] {0, 1},
                new double[] {3, 4}, new double[] {0, 2}, TimeUnit.DAY);
        fails(IllegalArgumentException.class, "values has 1 entries but the summary has 2 customers",
                () -> SegmentValues.of(s, new double[1], List.of("a"), new int[] {0}));
        fails(IllegalArgumentException.class, "labels has 1 entries but entityIds has 2",
                () -> SegmentValues.of(s, new double[2], List.of("a", "b"), new int[] {0}));
        fails(IllegalArgumentException.class, "entity 'a' appears twice in entityIds",
                () -> SegmentValues.of(s, new double[2], List.of("a", "a"), new int[] {0, 1}));
        fails(IllegalArgumentException.class, "customer 'b': value NaN is not finite",
                () -> SegmentValues.of(s, new double[] {1, Double.NaN}, List.of("a"), new int[] {0}));
    }

    @Test
    void factoriesRefuseBadStates() {
        BgNbdStepFactory f = new BgNbdStepFactory();
        fails(IllegalArgumentException.class, "expected a 'bgnbd' state but got 'gamma-gamma'",
                () -> f.restore(GammaGammaModel.of(1, 2, 3).state()));
        fails(IllegalArgumentException.class, "'bgnbd' state version 2 is newer than this library reads (up to 1)",
                () -> f.restore(StepState.builder("bgnbd", 2).build()));
        fails(IllegalArgumentException.class, "bgnbd state: unknown timeUnit 'FORTNIGHT'",
                () -> f.restore(StepState.builder("bgnbd", 1).put("r", 1.0).put("alpha", 1.0).put("a", 1.0)
                        .put("b", 1.0).put("timeUnit", "FORTNIGHT").build()));
        fails(IllegalArgumentException.class, "b must be finite and > 0 but was -1.0",
                () -> f.restore(StepState.builder("bgnbd", 1).put("r", 1.0).put("alpha", 1.0).put("a", 1.0)
                        .put("b", -1.0).put("timeUnit", "DAY").build()));
        fails(IllegalArgumentException.class, "gamma-gamma state: parameter 'v' is missing",
                () -> new GammaGammaStepFactory().restore(StepState.builder("gamma-gamma", 1).put("p", 1.0)
                        .put("q", 2.0).build()));
    }
}
