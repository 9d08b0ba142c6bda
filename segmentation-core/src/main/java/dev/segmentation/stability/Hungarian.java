package dev.segmentation.stability;

import java.util.Arrays;

/**
 * Minimum-cost one-to-one assignment on a rectangular cost matrix: the Hungarian algorithm (Kuhn 1955, Munkres
 * 1957) in its O(r^2 c) shortest-augmenting-path form with vertex potentials (Jonker-Volgenant style). Ties are
 * broken by the lowest index, so the result is deterministic. Internal.
 */
final class Hungarian {
    private Hungarian() {
    }

    /**
     * For a {@code rows x cols} row-major cost matrix of finite values, the column assigned to each row, or -1 for
     * rows left unassigned (only when {@code rows > cols}). Minimises the total cost over all assignments of
     * {@code min(rows, cols)} pairs.
     */
    static int[] assign(double[] cost, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            int[] none = new int[rows];
            Arrays.fill(none, -1);
            return none;
        }
        if (rows > cols) {
            double[] t = new double[cost.length];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    t[j * rows + i] = cost[i * cols + j];
                }
            }
            int[] colToRow = assign(t, cols, rows);
            int[] out = new int[rows];
            Arrays.fill(out, -1);
            for (int j = 0; j < cols; j++) {
                out[colToRow[j]] = j;
            }
            return out;
        }
        // rows <= cols; 1-based arrays with a virtual column 0
        int n = rows;
        int m = cols;
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] p = new int[m + 1];
        int[] way = new int[m + 1];
        double[] minv = new double[m + 1];
        boolean[] used = new boolean[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = -1;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = cost[(i0 - 1) * m + (j - 1)] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] out = new int[n];
        Arrays.fill(out, -1);
        for (int j = 1; j <= m; j++) {
            if (p[j] != 0) {
                out[p[j] - 1] = j - 1;
            }
        }
        return out;
    }
}
