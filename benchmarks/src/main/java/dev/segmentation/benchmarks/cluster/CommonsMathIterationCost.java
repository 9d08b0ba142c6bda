package dev.segmentation.benchmarks.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.DistanceMeasure;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.Well19937c;

/**
 * The cost of one Lloyd iteration of Commons Math 3.6.1's {@code KMeansPlusPlusClusterer}, which cannot start from
 * given centres (so the fixed-iteration peer benchmark cannot give it the same work): the same 1,000,000 x 8 blobs
 * (k = 8, seed 20240601) as {@code KMeansPeersBenchmark}, clustered with {@code maxIterations} 1 and 10. A counting
 * distance measure shows how many assignment passes (n k distance calls each) each run made beyond the seeding; the
 * time difference divided by the difference in passes is the cost of one iteration. Prints one line per run.
 * Arguments: repetitions (default 4).
 */
public final class CommonsMathIterationCost {
    private static long calls;

    private CommonsMathIterationCost() {
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int n = 1_000_000;
        int d = 8;
        int k = 8;
        SplittableRandom rng = new SplittableRandom(20_240_601L);
        double[][] c = new double[k][d];
        for (double[] r : c) {
            for (int j = 0; j < d; j++) {
                r[j] = rng.nextDouble() * 20 - 10;
            }
        }
        List<DoublePoint> pts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] centre = c[rng.nextInt(k)];
            double[] p = new double[d];
            for (int j = 0; j < d; j++) {
                p[j] = centre[j] + rng.nextGaussian();
            }
            pts.add(new DoublePoint(p));
        }
        EuclideanDistance euclid = new EuclideanDistance();
        DistanceMeasure counting = (x, y) -> {
            calls++;
            return euclid.compute(x, y);
        };
        for (int rep = 0; rep < reps; rep++) {
            long[] nanos = new long[2];
            long[] passes = new long[2];
            int[] maxIter = {1, 10};
            for (int q = 0; q < 2; q++) {
                calls = 0;
                long t0 = System.nanoTime();
                new KMeansPlusPlusClusterer<DoublePoint>(k, maxIter[q], counting, new Well19937c(1)).cluster(pts);
                nanos[q] = System.nanoTime() - t0;
                passes[q] = calls;
            }
            double extraPasses = (passes[1] - passes[0]) / (double) n / k;
            System.out.printf(Locale.ROOT, "maxIterations 1: %.1f ms, 10: %.1f ms; %.2f more assignment passes; "
                    + "one iteration: %.1f ms%n", nanos[0] / 1e6, nanos[1] / 1e6, extraPasses,
                    (nanos[1] - nanos[0]) / 1e6 / extraPasses);
        }
    }
}
