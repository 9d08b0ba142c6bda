package dev.segmentation.benchmarks.cluster;

import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * HDBSCAN* fit on Gaussian blobs (10 centres in 5 dimensions, fixed seed) with minClusterSize 50 on 2 threads,
 * and approximate prediction of 100,000 new points drawn from the same blobs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class HdbscanBenchmark {
    @Param({"100000"})
    public int n;

    @Param({"2"})
    public int threads;

    DataMatrix data;
    DataMatrix queries;
    HdbscanModel model;

    /**
     * Blobs like scikit-learn's make_blobs: centres uniform in [-10, 10]^d, unit standard deviation.
     */
    public static DataMatrix blobs(int n, int d, int centres, long seed) {
        return blobs(n, d, centres, seed, seed);
    }

    /**
     * Blobs whose centres are drawn from {@code centreSeed} and the points from {@code seed}: with the training
     * data's centre seed and another point seed, new points from the same distribution.
     */
    public static DataMatrix blobs(int n, int d, int centres, long centreSeed, long seed) {
        SplittableRandom r = new SplittableRandom(centreSeed);
        double[] c = new double[centres * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = -10 + 20 * r.nextDouble();
        }
        if (seed != centreSeed) {
            r = new SplittableRandom(seed);
        }
        double[] v = new double[n * d];
        for (int i = 0; i < n; i++) {
            int k = i % centres;
            for (int j = 0; j < d; j++) {
                v[i * d + j] = c[k * d + j] + gaussian(r);
            }
        }
        return DataMatrix.wrap(n, d, v);
    }

    static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double w = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
    }

    @Setup(Level.Trial)
    public void setUp() {
        data = blobs(n, 5, 10, 42);
        queries = blobs(100_000, 5, 10, 42, 43); // new points from the training distribution
        model = Hdbscan.builder().minClusterSize(50).build().fit(data, FitContext.seeded(0).withThreads(threads));
    }

    @Benchmark
    public HdbscanModel fit() {
        return Hdbscan.builder().minClusterSize(50).build().fit(data, FitContext.seeded(0).withThreads(threads));
    }

    @Benchmark
    public int[] predict100k() {
        return model.predictWithStrength(queries, threads).labels();
    }
}
