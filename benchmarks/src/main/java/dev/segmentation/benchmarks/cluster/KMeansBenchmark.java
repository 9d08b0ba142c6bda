package dev.segmentation.benchmarks.cluster;

import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansBenchmarkAccess;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * K-Means hot loops: one Lloyd iteration from fixed centres (the figure scikit-learn's 21.7 ms per iteration on
 * 1,000,000 x 8, k = 8 is compared with), one greedy k-means++ seeding, and a full fit (nInit = 1) with each
 * engine. Data: {@code k} Gaussian blobs (unit variance, centres uniform in [-10, 10]^d, as scikit-learn's
 * make_blobs), generated in {@code @Setup} from a fixed seed. Threads: all available processors.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class KMeansBenchmark {
    @Param({"1000000"})
    public int n;

    @Param({"8"})
    public int d;

    @Param({"8"})
    public int k;

    @Param({"LLOYD"})
    public KMeans.Algorithm algorithm;

    /** The refinement of the {@link #fit()} benchmark's restart (unused by the others). */
    @Param({"NONE"})
    public KMeans.Refinement refine;

    private DataMatrix x;
    private KMeansBenchmarkAccess access;
    private double[] centres;
    private KMeans kmeans;
    private FitContext context;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom rng = new SplittableRandom(20_240_601L);
        double[] c = new double[k * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = rng.nextDouble() * 20 - 10;
        }
        double[] v = new double[n * d];
        for (int i = 0; i < n; i++) {
            int b = rng.nextInt(k);
            for (int j = 0; j < d; j++) {
                v[i * d + j] = c[b * d + j] + rng.nextGaussian();
            }
        }
        x = DataMatrix.wrap(n, d, v);
        context = FitContext.seeded(7);
        access = new KMeansBenchmarkAccess(x, k, context.threads());
        // fixed centres: k data rows spread over the data (as a fixed init in scikit-learn)
        centres = new double[k * d];
        for (int q = 0; q < k; q++) {
            System.arraycopy(x.row((int) ((long) q * n / k)), 0, centres, q * d, d);
        }
        kmeans = KMeans.builder().k(k).nInit(1).algorithm(algorithm).refinement(refine).build();
        access.lloydIteration(centres); // labels and sums for lloydIterationSteady
    }

    /** One Lloyd iteration: assign all rows to the fixed centres, sum them, new centres. */
    @Benchmark
    public double lloydIteration() {
        return access.lloydIteration(centres);
    }

    /**
     * One Lloyd iteration from the same fixed centres as {@link #lloydIteration()} after a first one: no label
     * changes, so the exact sums are kept as in a fit's last iterations.
     */
    @Benchmark
    public double lloydIterationSteady() {
        return access.lloydIterationSteady(centres);
    }

    /** One greedy k-means++ seeding. */
    @Benchmark
    public double[] kmeansPlusPlus() {
        return access.kmeansPlusPlus(11L);
    }

    /** A full fit: validation, canonical order, one k-means++ restart, iterations to convergence, labels. */
    @Benchmark
    public KMeansModel fit() {
        return kmeans.fit(x, context);
    }
}
