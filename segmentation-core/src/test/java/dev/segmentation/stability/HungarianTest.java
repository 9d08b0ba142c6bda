package dev.segmentation.stability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HungarianTest {

    /** The smallest total over all injective maps of the smaller side into the larger, by enumeration. */
    static double bruteForce(double[] cost, int rows, int cols) {
        if (rows <= cols) {
            return best(cost, rows, cols, 0, new boolean[cols]);
        }
        double[] t = new double[cost.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = cost[i * cols + j];
            }
        }
        return best(t, cols, rows, 0, new boolean[rows]);
    }

    static double best(double[] cost, int rows, int cols, int row, boolean[] used) {
        if (row == rows) {
            return 0;
        }
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
            if (!used[j]) {
                used[j] = true;
                min = Math.min(min, cost[row * cols + j] + best(cost, rows, cols, row + 1, used));
                used[j] = false;
            }
        }
        return min;
    }

    @Test
    void optimalOnRandomRectangularMatrices() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + rnd.nextInt(6);
            int cols = 1 + rnd.nextInt(6);
            double[] cost = new double[rows * cols];
            for (int i = 0; i < cost.length; i++) {
                cost[i] = trial % 2 == 0 ? rnd.nextInt(5) - 2 : rnd.nextDouble() * 10 - 5;
            }
            int[] a = Hungarian.assign(cost, rows, cols);
            double total = 0;
            boolean[] used = new boolean[cols];
            int assigned = 0;
            for (int i = 0; i < rows; i++) {
                if (a[i] >= 0) {
                    assertEquals(false, used[a[i]], "column used twice");
                    used[a[i]] = true;
                    total += cost[i * cols + a[i]];
                    assigned++;
                }
            }
            assertEquals(Math.min(rows, cols), assigned);
            assertEquals(bruteForce(cost, rows, cols), total, 1e-9, "trial " + trial);
        }
    }

    @Test
    void emptyAndPermutationCases() {
        assertArrayEquals(new int[] {-1, -1}, Hungarian.assign(new double[0], 2, 0));
        double[] perm = {0, 0, -5, -7, 0, 0, 0, -3, 0};
        assertArrayEquals(new int[] {2, 0, 1}, Hungarian.assign(perm, 3, 3));
    }
}
