package dev.segmentation.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Selection against the sort-based definition on many random shapes (fixed seed). */
class QuantilesTest {
    @Test
    void selectionEqualsSortingOnRandomShapes() {
        SplittableRandom rnd = new SplittableRandom(5);
        double[][] pcts = {{25, 75}, {0, 100}, {10, 90}, {1, 2}, {33.3, 66.7}, {0, 0.5}, {99.5, 100}};
        for (int trial = 0; trial < 3000; trial++) {
            int n = 1 + (trial < 200 ? trial % 40 : rnd.nextInt(3000));
            int distinct = 1 + rnd.nextInt(trial % 3 == 0 ? 4 : 1_000_000);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rnd.nextInt(distinct) * (rnd.nextBoolean() ? 1.5 : -0.25);
            }
            if (trial % 7 == 0) {
                Arrays.sort(x); // sorted input
            }
            if (trial % 11 == 0) {
                for (int i = 0; i < n / 2; i++) { // reversed input
                    double t = x[i];
                    x[i] = x[n - 1 - i];
                    x[n - 1 - i] = t;
                }
            }
            double[] p = pcts[trial % pcts.length];
            double[] sorted = x.clone();
            Arrays.sort(sorted);
            double[] got = Quantiles.medianAndPercentiles(x.clone(), p[0], p[1]);
            String where = "trial " + trial + " n=" + n;
            assertEquals(Quantiles.median(sorted, n), got[0], 0.0, where);
            assertEquals(Quantiles.percentile(sorted, n, p[0]), got[1], 0.0, where);
            assertEquals(Quantiles.percentile(sorted, n, p[1]), got[2], 0.0, where);
        }
    }

    @Test
    void selectPlacesTheKthValue() {
        SplittableRandom rnd = new SplittableRandom(9);
        for (int trial = 0; trial < 500; trial++) {
            int n = 1 + rnd.nextInt(500);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rnd.nextInt(1 + trial % 50);
            }
            double[] sorted = x.clone();
            Arrays.sort(sorted);
            int k = rnd.nextInt(n);
            Quantiles.select(x, 0, n, k);
            assertEquals(sorted[k], x[k]);
            for (int i = 0; i < n; i++) {
                if (i < k) {
                    assertEquals(true, x[i] <= x[k]);
                } else if (i > k) {
                    assertEquals(true, x[i] >= x[k]);
                }
            }
        }
    }
}
