package dev.segmentation.benchmarks.embedding;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.embedding.Pca;
import dev.segmentation.embedding.PcaModel;
import dev.segmentation.fit.FitContext;
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

/** PCA fit (covariance in fixed row blocks + EJML symmetric eigen decomposition) on 1 and 2 threads. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PcaBenchmark {
    @Param({"60000"})
    public int rows;

    @Param({"29"})
    public int cols;

    @Param({"1", "2"})
    public int threads;

    private DataMatrix x;
    private Pca pca;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(20240601L);
        double[] v = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            for (int c = 0; c < cols; c++) {
                v[i * cols + c] = a * (c + 1) / cols + b * Math.cos(c) + 0.3 * r.nextGaussian();
            }
        }
        x = DataMatrix.wrap(rows, cols, v);
        pca = Pca.components(5);
    }

    @Benchmark
    public PcaModel fit() {
        return pca.fit(x, FitContext.seeded(1).withThreads(threads));
    }
}
