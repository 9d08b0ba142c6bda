package dev.segmentation.benchmarks.quality;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.quality.Silhouette;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Exact silhouette (O(n^2 d), blocked, multithreaded) and the sampled estimate on Gaussian blobs: 8 centres in
 * {@code d} dimensions, data generated from a fixed seed. Target: exact on 50,000 x 8 in at most 5 s on 2 cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class SilhouetteBenchmark {
    @Param({"50000"})
    public int n;

    @Param({"8"})
    public int d;

    @Param({"2"})
    public int threads;

    @Param({"10000"})
    public int sampleSize;

    private DataMatrix x;
    private int[] labels;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(42);
        int k = 8;
        double[] centres = new double[k * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = rnd.nextDouble() * 10;
        }
        double[] v = new double[n * d];
        labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rnd.nextInt(k);
            for (int t = 0; t < d; t++) {
                v[i * d + t] = centres[labels[i] * d + t] + gaussian(rnd);
            }
        }
        x = DataMatrix.wrap(n, d, v);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Benchmark
    public double exact() {
        return Silhouette.score(x, labels, threads);
    }

    @Benchmark
    public double sampled() {
        return Silhouette.sampled(x, labels, sampleSize, 7, threads).estimate();
    }
}
