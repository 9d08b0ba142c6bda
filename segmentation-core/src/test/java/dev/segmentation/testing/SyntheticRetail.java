package dev.segmentation.testing;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.Transactions;
import java.time.LocalDate;
import java.util.SplittableRandom;

/** Small synthetic inputs from a fixed seed for persistence tests (core and io). */
public final class SyntheticRetail {
    private static final long DAY = 86_400L;
    private static final long START = LocalDate.of(2011, 1, 1).toEpochDay() * DAY;

    private SyntheticRetail() {
    }

    /**
     * Transactions of {@code customers} customers in three behaviour groups (frequent big spenders, occasional
     * buyers, lapsed one-off buyers), with some cancelled orders (id prefix "C") and returns.
     */
    public static Transactions transactions(int customers, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Transactions.Builder b = Transactions.builder();
        int order = 0;
        for (int c = 0; c < customers; c++) {
            int group = c % 3;
            int orders = group == 0 ? 20 + rnd.nextInt(5) : group == 1 ? 4 + rnd.nextInt(2) : 1;
            for (int o = 0; o < orders; o++) {
                long day = group == 2 ? rnd.nextInt(30) : 300 - rnd.nextInt(group == 0 ? 60 : 200);
                double amount = group == 0 ? 500 + rnd.nextInt(100) + rnd.nextDouble() : group == 1
                        ? 60 + rnd.nextInt(20) + rnd.nextDouble() : 20;
                String id = (rnd.nextInt(20) == 0 ? "C" : "") + (order++);
                double q = 1 + rnd.nextInt(3);
                b.add("c" + c, START + day * DAY + rnd.nextInt(80_000), id, q, amount);
            }
        }
        return b.build();
    }

    /** {@code n} rows around {@code centres} Gaussian blobs in {@code d} dimensions (centres 10 apart). */
    public static DataMatrix blobs(int n, int d, int centres, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] c = new double[centres * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = rnd.nextDouble(-10 * centres, 10 * centres);
        }
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(centres);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = c[k * d + j] + gaussian(rnd);
            }
        }
        return DataMatrix.of(n, d, x);
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
