package dev.segmentation.supervised;

import dev.segmentation.data.FeatureTable;
import java.util.SplittableRandom;

/** Synthetic labelled data with a known mechanism, from a fixed seed. */
final class Fixtures {
    private Fixtures() {
    }

    /** n rows x 4 features; class = which of k sectors of (x0, x1) the row falls in, with 10% label noise. */
    static FeatureTable table(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] ids = new String[n];
        double[] v = new double[n * 4];
        for (int i = 0; i < n; i++) {
            ids[i] = "c" + i;
            for (int j = 0; j < 4; j++) {
                v[i * 4 + j] = r.nextGaussian();
            }
        }
        return FeatureTable.wrap(ids, new String[] {"x0", "x1", "noise0", "noise1"}, v);
    }

    static int[] labels(FeatureTable t, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] y = new int[t.rows()];
        for (int i = 0; i < y.length; i++) {
            double angle = Math.atan2(t.get(i, 1), t.get(i, 0)) + Math.PI;
            int c = Math.min(k - 1, (int) (angle / (2 * Math.PI) * k));
            y[i] = r.nextDouble() < 0.1 ? r.nextInt(k) : c;
        }
        return y;
    }

    static double[] targets(FeatureTable t, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[t.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = 3 * t.get(i, 0) + Math.sin(2 * t.get(i, 1)) + 0.3 * r.nextGaussian();
        }
        return y;
    }
}
