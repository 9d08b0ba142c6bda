package dev.segmentation.benchmarks.cluster;

import dev.segmentation.benchmarks.cluster.KMeansPeersLibraries.Library;
import dev.segmentation.benchmarks.cluster.KMeansPeersLibraries.Peer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * K-Means side by side with the peer libraries on the same data, the same k, the same initial centres and a fixed
 * number of Lloyd iterations, so that only speed differs (where a peer cannot take initial centres, see
 * {@link KMeansPeersLibraries} and benchmarks/README.md for what it runs instead). One operation is a whole run
 * of {@code iterations} iterations, data conversion into the library's structures excluded (done in
 * {@code @Setup}). Data: {@code k} Gaussian blobs from a fixed seed, as {@code KMeansBenchmark}. Threads: all
 * available processors for the libraries that use threads (ours, Smile's parallel streams, Tribuo).
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar KMeansPeersBenchmark -p n=100000 -rf json -rff results/kmeans-peers-jmh.json
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx8g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class KMeansPeersBenchmark {
    @Param({"100000", "1000000"})
    public int n;

    @Param({"8"})
    public int d;

    @Param({"8"})
    public int k;

    @Param({"10"})
    public int iterations;

    @Param({"OURS_LLOYD", "OURS_HAMERLY", "OURS_LLOYD_PREPARED", "OURS_HAMERLY_PREPARED", "COMMONS_MATH", "SMILE_BBD", "SMILE_LLOYD", "TRIBUO", "ELKI_LLOYD",
        "ELKI_HAMERLY"})
    public Library library;

    private Peer peer;
    private double[][] init;

    @Setup(Level.Trial)
    public void setup() {
        double[][] rows = KMeansPeersLibraries.blobs(n, d, k, 20_240_601L);
        init = KMeansPeersLibraries.spreadRows(rows, k);
        peer = KMeansPeersLibraries.create(library, Runtime.getRuntime().availableProcessors());
        peer.prepare(rows);
    }

    /** {@code iterations} Lloyd iterations from the fixed initial centres. */
    @Benchmark
    public double[][] fixedIterations() {
        return peer.fixedIterations(init, iterations);
    }
}
