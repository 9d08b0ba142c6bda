package dev.segmentation.cluster;

import dev.segmentation.cluster.series.KShape;
import dev.segmentation.data.DataMatrix;
import java.util.SplittableRandom;

/** {@link KShape} (k = 3) keeps the {@link Clusterer} contract on 5,000 noisy shifted series (2 row blocks). */
class KShapeContractTest extends ClustererContract {
    @Override
    protected Clusterer clusterer() {
        return KShape.builder().k(3).maxIter(15).build();
    }

    @Override
    protected DataMatrix data() {
        return series(5_000, 24, 3L);
    }

    /** Three shapes (a bump, a step, a sine), shifted by up to 3 periods, scaled, offset and noisy. */
    static DataMatrix series(int n, int t, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n * t];
        for (int i = 0; i < n; i++) {
            int s = i % 3;
            int shift = rng.nextInt(7) - 3;
            double scale = 0.5 + rng.nextDouble();
            for (int p = 0; p < t; p++) {
                double u = (double) Math.floorMod(p - shift, t) / t;
                double y = s == 0 ? Math.exp(-Math.pow((u - 0.5) / 0.1, 2)) : s == 1 ? (u < 0.5 ? 0 : 1)
                        : Math.sin(2 * Math.PI * u);
                v[i * t + p] = 3 + scale * y + 0.3 * rng.nextGaussian();
            }
        }
        return DataMatrix.wrap(n, t, v);
    }
}
