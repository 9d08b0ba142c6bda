package dev.segmentation.benchmarks.embedding;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import dev.segmentation.nn.Autoencoder;
import dev.segmentation.nn.FittedAutoencoder;
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
 * The seed-001 autoencoder preset (29 columns: BatchNorm, Dense 14, BatchNorm, Dense 5, LayerNorm, Dense 14,
 * Dense 29; batch 300, validation share 0.35) on heavy-tailed synthetic rows: one epoch, and the whole 30-epoch fit
 * (the target: at most 20 s for 60,000 x 29 on 2 cores), and transforming all rows. The engine runs on
 * ND4J: run with {@code OMP_NUM_THREADS=1} (the setting the tests use; with ops this small, more native threads
 * only add synchronisation), e.g. {@code OMP_NUM_THREADS=1 java -jar benchmarks/target/benchmarks.jar
 * AutoencoderBenchmark -f 1}. The first run in a fresh account also unpacks the native libraries (about 400 MB)
 * into javacpp's cache; JMH's warm-up iterations keep that out of the figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class AutoencoderBenchmark {
    @Param({"60000"})
    public int rows;

    @Param({"29"})
    public int cols;

    private DataMatrix x;
    private Autoencoder oneEpoch;
    private Autoencoder thirtyEpochs;
    private FittedAutoencoder fitted;

    @Setup
    public void setup() {
        SplittableRandom r = new SplittableRandom(20240601L);
        double[] v = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            double level = r.nextGaussian();
            for (int c = 0; c < cols; c++) {
                double g = r.nextGaussian();
                // robust-scaled retail features: mostly near 0, a long right tail
                v[i * cols + c] = 0.5 * level + (g > 1.5 ? Math.exp(g) : g * 0.5);
            }
        }
        x = DataMatrix.wrap(rows, cols, v);
        oneEpoch = Autoencoder.halfWidthPreset().epochs(1).build();
        thirtyEpochs = Autoencoder.halfWidthPreset().noEarlyStopping().build();
        fitted = oneEpoch.fit(x, FitContext.seeded(1));
    }

    @Benchmark
    public FittedAutoencoder oneEpoch() {
        return oneEpoch.fit(x, FitContext.seeded(1));
    }

    @Benchmark
    @Measurement(iterations = 1)
    @Warmup(iterations = 1)
    public FittedAutoencoder thirtyEpochs() {
        return thirtyEpochs.fit(x, FitContext.seeded(1));
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public DataMatrix transform() {
        return fitted.transform(x);
    }
}
