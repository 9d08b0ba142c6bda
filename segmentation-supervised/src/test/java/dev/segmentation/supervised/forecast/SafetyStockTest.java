package dev.segmentation.supervised.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SafetyStockTest {
    @Test
    void groupErrorsByHand() {
        // naive, 1 fold, horizon 2, origin 4; scales (lag 1) a: 1, b: 2 (diffs 2, -2, 2), c: 4
        ForecastPanel p = BacktestTest.panel(new double[][] {{1, 2, 3, 4, 5, 6}, {0, 2, 0, 2, 1, 4}, {0, 4, 0, 4, 4,
            12}});
        BacktestResult r = Backtest.builder().folds(1).horizon(2).build().run(p, List.of(Baseline.naive()));
        assertEquals(2.0, r.scale(0, 1));
        // scaled errors (actual - forecast) / scale: a: 1, 2; b: -0.5, 1; c: 0, 2
        String[] groups = {"g", "g", "h"};
        double[] s = SafetyStock.fromGroupErrors(r, "naive", groups, 0.75);
        // group g, step 1: errors {-0.5, 1}: 75% quantile = -0.5 + 0.75 * 1.5 = 0.625; step 2: {1, 2} -> 1.75
        assertArrayEquals(new double[] {0.625, 1.75, 1.25, 3.5, 0, 8}, s, 1e-15);
        assertEquals("serviceLevel must lie in (0, 1) but was 1.0", assertThrows(IllegalArgumentException.class,
                () -> SafetyStock.fromGroupErrors(r, "naive", groups, 1)).getMessage());
        assertEquals("method ses was not backtested (methods: [naive])", assertThrows(IllegalArgumentException.class,
                () -> SafetyStock.fromGroupErrors(r, "ses", groups, 0.9)).getMessage());
    }

    @Test
    void quantileSpreadByHand() {
        Forecast f = new Forecast("m", 0, 1, 2, new double[] {10, 20}, new double[] {0.5, 0.9},
                new double[][] {{10, 20}, {13, 27}});
        assertArrayEquals(new double[] {3, 7}, SafetyStock.fromQuantiles(f, 0.9));
        assertEquals("m forecasts the quantiles [0.5, 0.9], not the service level 0.95",
                assertThrows(IllegalArgumentException.class, () -> SafetyStock.fromQuantiles(f, 0.95)).getMessage());
    }
}
