package dev.segmentation.supervised.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.testing.SharedData;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Baselines and the global model on 50 real Walmart series (every 60th Store_Dept), 3 origins x 13 weeks. The
 * full run is the example program WalmartForecast.
 */
class WalmartBacktestTest {
    @Test
    void demandClassesMatchTheReferenceOnTheWholeSpan() {
        Path train = WalmartFixture.train();
        Path ref = SharedData.require("data/reference/walmart_sku_features.csv");
        Set<String> ids = WalmartFixture.sample(train, 60, 50);
        ForecastPanel p = WalmartFixture.panel(train, ids);
        assertEquals(143, p.periodCount());
        Map<String, String> expected = new HashMap<>();
        List<String> lines = SharedData.lines(ref);
        List<String> header = List.of(lines.get(0).split(","));
        int cls = header.indexOf("demand_class");
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",");
            expected.put(c[0], c[cls]);
        }
        double[] y = p.valueArray();
        for (int e = 0; e < p.entityCount(); e++) {
            assertEquals(expected.get(p.entityId(e)), DemandClasses.of(y, e * 143, 143).label(), p.entityId(e));
        }
    }

    @Test
    void seasonalNaiveMetricsAgreeWithADirectComputationAndTheGlobalModelBeatsNaive() {
        Path train = WalmartFixture.train();
        ForecastPanel p = WalmartFixture.panel(train, WalmartFixture.sample(train, 60, 50));
        GradientBoostedForecaster gbm = GradientBoostedForecaster.builder().maxHorizon(13).trainingOrigins(26)
                .originStride(2).rounds(60).eta(0.15).maxDepth(5).threads(2).build();
        BacktestResult r = Backtest.builder().folds(3).horizon(13).build()
                .run(p, List.of(Baseline.naive(), Baseline.seasonalNaive(52), Baseline.holtWinters(52),
                        Baseline.sba(0.1), gbm));
        List<ErrorMetrics> overall = r.overall();
        // seasonal naive over the last 39 weeks is y[t - 52]: WAPE straight from the panel
        double abs = 0;
        double absY = 0;
        for (int e = 0; e < p.entityCount(); e++) {
            for (int t = 143 - 39; t < 143; t++) {
                abs += Math.abs(p.value(e, t) - p.value(e, t - 52));
                absY += Math.abs(p.value(e, t));
            }
        }
        assertEquals(abs / absY, overall.get(1).wape(), 1e-12);
        for (ErrorMetrics m : overall) {
            assertTrue(Double.isFinite(m.wape()) && Double.isFinite(m.r2()) && Double.isFinite(m.mase()), m.toString());
        }
        ErrorMetrics naive = overall.get(0);
        ErrorMetrics g = overall.get(4);
        assertTrue(g.wape() < naive.wape(), g + " vs " + naive);
        assertEquals(3, g.pinball().length);
        // the P10-P90 band holds about 80% of the actuals
        int inside = 0;
        int cells = 0;
        for (int f = 0; f < 3; f++) {
            Forecast fc = r.forecast(4, f);
            double[] lo = fc.quantiles(0);
            double[] hi = fc.quantiles(2);
            for (int e = 0; e < p.entityCount(); e++) {
                for (int k = 1; k <= 13; k++) {
                    double a = r.actual(f, e, k);
                    inside += a >= lo[e * 13 + k - 1] && a <= hi[e * 13 + k - 1] ? 1 : 0;
                    cells++;
                }
            }
        }
        double coverage = inside / (double) cells;
        assertTrue(coverage > 0.6 && coverage < 0.95, "P10-P90 coverage " + coverage);
    }
}
