package dev.segmentation.benchmarks.lifetime;

import dev.segmentation.lifetime.BgNbd;
import dev.segmentation.lifetime.BgNbdModel;
import dev.segmentation.lifetime.CustomerSummary;
import dev.segmentation.lifetime.GammaGammaModel;
import dev.segmentation.lifetime.LifetimePredictor;
import dev.segmentation.lifetime.LifetimeValues;
import dev.segmentation.lifetime.TimeUnit;
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
 * Issue 15's targets: a BG/NBD fit on a 1M-customer summary ({@link #fitBgNbd}, on {@code threads}, target 2 s) and the
 * predictions of {@link LifetimePredictor} (90-day expected purchases, P(alive), Gamma-Gamma value and 12-month CLV
 * at 1% a month) for 10M customers ({@link #predict}, target 10M customers/s on 2 cores). Data from
 * {@link LifetimeData} with seed 15 in {@code @Setup}; the prediction uses lifetimes' Online Retail parameters.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class LifetimeBenchmark {
    @Param({"1000000"})
    public int fitCustomers;

    @Param({"10000000"})
    public int predictCustomers;

    @Param({"2"})
    public int threads;

    private CustomerSummary fitSummary;
    private CustomerSummary predictSummary;
    private BgNbdModel bg;
    private GammaGammaModel gg;
    private LifetimePredictor predictor;

    @Setup
    public void setup() {
        fitSummary = LifetimeData.summary(fitCustomers, 15);
        predictSummary = LifetimeData.summary(predictCustomers, 16);
        bg = BgNbdModel.of(0.826541912083235, 68.90512058573017, 0.003437377900553807, 6.745116204448827,
                TimeUnit.DAY);
        gg = GammaGammaModel.of(2.1033820144182607, 3.4511789586115507, 485.88859457600637);
        predictor = LifetimePredictor.builder().threads(threads).build();
    }

    @Benchmark
    public BgNbdModel fitBgNbd() {
        return BgNbd.builder().threads(threads).build().fit(fitSummary);
    }

    @Benchmark
    public LifetimeValues predict() {
        return predictor.predict(bg, gg, predictSummary);
    }
}
