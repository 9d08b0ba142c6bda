package dev.segmentation.supervised.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.features.Period;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacktestTest {
    static ForecastPanel panel(double[][] series) {
        ForecastPanel.Builder b = ForecastPanel.builder(Period.WEEK);
        LocalDate d = LocalDate.of(2024, 1, 1);
        for (int e = 0; e < series.length; e++) {
            for (int t = 0; t < series[e].length; t++) {
                b.add("e" + e, d.plusWeeks(t), series[e][t]);
            }
        }
        return b.build();
    }

    /** A method that forecasts given numbers, with quantiles at 0.1 and 0.9 of -1 and +1 around them. */
    private static ForecastMethod fixed(double[] point) {
        return new ForecastMethod() {
            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public int minHistory() {
                return 1;
            }

            @Override
            public Forecast forecast(ForecastPanel p, int origin, int h) {
                double[] lo = point.clone();
                double[] hi = point.clone();
                for (int i = 0; i < lo.length; i++) {
                    lo[i] -= 1;
                    hi[i] += 1;
                }
                return new Forecast(name(), origin, p.entityCount(), h, point.clone(), new double[] {0.1, 0.9},
                        new double[][] {lo, hi});
            }
        };
    }

    @Test
    void metricsOfTheNaiveMethodByHand() {
        ForecastPanel p = panel(new double[][] {{1, 2, 3, 4, 5, 6}, {0, 0, 2, 0, 0, 4}});
        BacktestResult r = Backtest.builder().folds(1).horizon(2).build().run(p, List.of(Baseline.naive()));
        assertArrayEquals(new int[] {4}, r.origins());
        ErrorMetrics m = r.overall().get(0);
        // errors (forecast - actual): a: 4-5, 4-6; b: 0-0, 0-4
        assertEquals(4, m.cells());
        assertEquals(1.75, m.mae(), 1e-15);
        assertEquals(Math.sqrt(5.25), m.rmse(), 1e-15);
        assertEquals(7 / 15.0, m.wape(), 1e-15);
        assertEquals(-7 / 15.0, m.bias(), 1e-15);
        assertEquals(1 - 21 / 20.75, m.r2(), 1e-15);
        assertEquals((200.0 / 9 + 40 + 0 + 200) / 4, m.smape(), 1e-12);
        // scales (lag 1, history before t = 4): a: s1 = 1, s2 = 1; b: s1 = 4/3, s2 = 8/3
        assertEquals(1.5, m.mase(), 1e-15);
        assertEquals((Math.sqrt(2.5) + Math.sqrt(3)) / 2, m.rmsse(), 1e-15);
        assertArrayEquals(new String[] {"smooth", "intermittent"}, r.demandClasses());
        List<ErrorMetrics> byClass = r.byDemandClass();
        assertEquals("intermittent", byClass.get(0).group());
        assertEquals(4 / 4.0, byClass.get(0).wape(), 1e-15);
        assertEquals("smooth", byClass.get(1).group());
        assertEquals(3 / 11.0, byClass.get(1).wape(), 1e-15);
    }

    @Test
    void pinballLossByHand() {
        ForecastPanel p = panel(new double[][] {{1, 2, 3, 4, 5, 6}});
        BacktestResult r = Backtest.builder().folds(1).horizon(2).build().run(p, List.of(fixed(new double[] {5, 5})));
        // q 0.1 forecasts 4, 4 vs 5, 6: d = 1, 2 -> 0.1, 0.2; q 0.9 forecasts 6, 6: d = -1, 0 -> 0.1, 0
        assertArrayEquals(new double[] {0.15, 0.05}, r.overall().get(0).pinball(), 1e-15);
    }

    @Test
    void originsTileTheLastFoldsTimesStepPeriods() {
        assertArrayEquals(new int[] {104, 117, 130}, Backtest.builder().folds(3).horizon(13).build().origins(143));
        assertArrayEquals(new int[] {138, 139, 140}, Backtest.builder().folds(3).horizon(3).step(1).build()
                .origins(143));
    }

    @Test
    void errorsNameTheMethodAndTheOrigin() {
        ForecastPanel p = panel(new double[][] {{1, 2, 3, 4, 5, 6}});
        Backtest bt = Backtest.builder().folds(2).horizon(2).build();
        assertEquals("seasonal_naive_4 needs 4 periods of history but the first origin is 2 (6 periods, 2 folds, "
                + "horizon 2, step 2)", assertThrows(IllegalArgumentException.class,
                        () -> bt.run(p, List.of(Baseline.naive(), Baseline.seasonalNaive(4)))).getMessage());
        assertEquals("two methods are named naive", assertThrows(IllegalArgumentException.class,
                () -> bt.run(p, List.of(Baseline.naive(), Baseline.naive()))).getMessage());
        assertEquals("folds must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> Backtest.builder().folds(0)).getMessage());
    }

    @Test
    void thePlanPicksTheBestMethodPerGroupRoundTripsAndForecastsWithIt() throws IOException {
        // e0 a trend (naive wins), e1 a seasonal cycle of 2 (seasonal naive wins)
        ForecastPanel p = panel(new double[][] {{1, 2, 3, 4, 5, 6, 7, 8}, {1, 9, 1, 9, 1, 9, 1, 9}});
        List<Baseline> methods = List.of(Baseline.naive(), Baseline.seasonalNaive(2), Baseline.croston(0.1));
        BacktestResult r = Backtest.builder().folds(2).horizon(2).build().run(p, methods);
        String[] groups = {"trend", "cycle"};
        StrategyPlan plan = StrategyPlan.select(r.byGroup(groups), StrategyPlan.Criterion.WAPE);
        assertEquals("naive", plan.methodOf("trend"));
        assertEquals("seasonal_naive_2", plan.methodOf("cycle"));
        assertEquals("cycle: seasonal_naive_2 (WAPE seasonal_naive_2 0.0000, naive 0.8000, croston_0.1 0.8000; 1 series)",
                plan.explain().get(0));
        StringWriter w = new StringWriter();
        plan.write(w);
        StrategyPlan back = StrategyPlan.read(new StringReader(w.toString()));
        assertEquals(plan.choices(), back.choices());
        ForecastMethod applied = back.asMethod(methods, panel -> groups);
        Forecast f = applied.forecast(p, 6, 2);
        assertArrayEquals(new double[] {6, 6, 1, 9}, f.points());
        assertEquals("not a strategy plan of a known version: first line is x, expected "
                + "segmentation-strategy-plan v1", assertThrows(IOException.class,
                        () -> StrategyPlan.read(new StringReader("x\n"))).getMessage());
        assertEquals("line 3 must be group<TAB>method but is a b", assertThrows(IOException.class,
                () -> StrategyPlan.read(new StringReader(StrategyPlan.HEADER + "\ncriterion\tWAPE\na b\n")))
                .getMessage());
        assertEquals("the plan chose seasonal_naive_2, which is not among the methods [croston_0.1]",
                assertThrows(IllegalArgumentException.class,
                        () -> back.asMethod(List.of(Baseline.croston(0.1)), panel -> groups)).getMessage());
    }
}
