package dev.segmentation.benchmarks.cluster;

import dev.segmentation.cluster.hdbscan.HdbscanBenchmarkAccess;
import dev.segmentation.data.DataMatrix;
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
 * Each HDBSCAN* stage on its own, on the previous stage's real output: KD-tree build, core distances, Borůvka
 * MST, hierarchy plus condensed tree, cluster selection, approximate prediction of new points from the same
 * distribution, and the whole fit for reference. Data: Gaussian blobs (10 centres in 5 dimensions, fixed seed,
 * {@link HdbscanBenchmark#blobs}), minClusterSize 50 (minSamples likewise), 2 threads. Kept short (2 warm-up and 3
 * measured iterations of about 2 s each).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar HdbscanStagesBenchmark -rf json -rff out.json}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class HdbscanStagesBenchmark {
    @Param({"100000"})
    public int n;

    @Param({"2"})
    public int threads;

    /** New points predicted per operation of {@link #predict()}. */
    @Param({"20000"})
    public int queries;

    HdbscanBenchmarkAccess access;
    double[] queryRows;
    int[] labels;
    double[] strengths;

    @Setup
    public void setup() {
        DataMatrix x = HdbscanBenchmark.blobs(n, 5, 10, 42);
        access = new HdbscanBenchmarkAccess(x.toArray(), n, 5, 50, 0, threads);
        queryRows = HdbscanBenchmark.blobs(queries, 5, 10, 42, 43).toArray();
        labels = new int[queries];
        strengths = new double[queries];
    }

    @Benchmark
    public int kdTree() {
        return access.kdTree();
    }

    @Benchmark
    public double[] coreDistances() {
        return access.coreDistances();
    }

    @Benchmark
    public double mst() {
        return access.mst();
    }

    @Benchmark
    public int condensedTree() {
        return access.condensedTree();
    }

    @Benchmark
    public int selection() {
        return access.selection();
    }

    @Benchmark
    public int[] predict() {
        access.predict(queryRows, queries, labels, strengths);
        return labels;
    }

    @Benchmark
    public int fit() {
        return access.fit();
    }
}
