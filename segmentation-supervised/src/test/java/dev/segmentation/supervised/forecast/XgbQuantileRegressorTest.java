package dev.segmentation.supervised.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class XgbQuantileRegressorTest {
    @Test
    void quantilesCoverTheNoiseAndTheModelRoundTripsThroughBytes() {
        int n = 4000;
        int cols = 2;
        Random r = new Random(7);
        float[] x = new float[n * cols];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i * cols] = r.nextInt(10);
            x[i * cols + 1] = r.nextInt(3); // a category that shifts the level
            y[i] = (float) (x[i * cols] + 5 * x[i * cols + 1] + r.nextGaussian());
        }
        boolean[] cat = {false, true};
        QuantileEngine.Fitted f = new XgbQuantileRegressor(60, 4, 0.3, 1, 1, 1)
                .fit(x, n, cols, y, null, cat, new double[] {0.1, 0.5, 0.9});
        float[] p = f.predict(x, n, cols);
        int below10 = 0;
        int below90 = 0;
        for (int i = 0; i < n; i++) {
            assertTrue(p[3 * i] <= p[3 * i + 1] + 1e-3 && p[3 * i + 1] <= p[3 * i + 2] + 1e-3, "row " + i);
            below10 += y[i] < p[3 * i] ? 1 : 0;
            below90 += y[i] < p[3 * i + 2] ? 1 : 0;
        }
        assertEquals(0.1, below10 / (double) n, 0.03);
        assertEquals(0.9, below90 / (double) n, 0.03);
        QuantileEngine.Fitted back = XgbQuantileRegressor.load(f.toBytes(), cat, 3);
        assertArrayEquals(p, back.predict(x, n, cols));
        QuantileEngine.Fitted again = new XgbQuantileRegressor(60, 4, 0.3, 1, 1, 2)
                .fit(x, n, cols, y, null, cat, new double[] {0.1, 0.5, 0.9});
        assertArrayEquals(p, again.predict(x, n, cols), "same bits on 2 threads");
        f.close();
        back.close();
        again.close();
    }
}
