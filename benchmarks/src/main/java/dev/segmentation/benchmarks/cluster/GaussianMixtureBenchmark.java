package dev.segmentation.benchmarks.cluster;

import dev.segmentation.cluster.GaussianMixture;
import dev.segmentation.cluster.GaussianMixtureBenchmarkAccess;
import dev.segmentation.data.DataMatrix;
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
 * One EM iteration of {@link GaussianMixture} (E-step, M-step, new precision factors) from fixed parameters on
 * {@code k} Gaussian blobs (unit variance, centres uniform in [-10, 10]^d, as scikit-learn's make_blobs), 1,000,000
 * x 8, k = 8, FULL and DIAG, generated in {@code @Setup} from a fixed seed. Threads: all available processors.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class GaussianMixtureBenchmark {
    @Param({"1000000"})
    public int n;

    @Param({"8"})
    public int d;

    @Param({"8"})
    public int k;

    @Param({"FULL", "DIAG"})
    public GaussianMixture.CovarianceType type;

    private GaussianMixtureBenchmarkAccess access;

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
        DataMatrix x = DataMatrix.wrap(n, d, v);
        // fixed means: k data rows spread over the data
        double[] means = new double[k * d];
        for (int q = 0; q < k; q++) {
            System.arraycopy(x.row((int) ((long) q * n / k)), 0, means, q * d, d);
        }
        access = new GaussianMixtureBenchmarkAccess(x, k, type, means, Runtime.getRuntime().availableProcessors());
    }

    /** One EM iteration. */
    @Benchmark
    public double emIteration() {
        return access.emIteration();
    }
}
