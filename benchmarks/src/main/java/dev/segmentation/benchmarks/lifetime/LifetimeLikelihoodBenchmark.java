package dev.segmentation.benchmarks.lifetime;

import dev.segmentation.lifetime.BgNbdModel;
import dev.segmentation.lifetime.CustomerSummary;
import dev.segmentation.lifetime.ParetoNbdModel;
import dev.segmentation.lifetime.PurchaseModel;
import java.util.ArrayList;
import java.util.List;
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
 * One evaluation of the summed log-likelihood, and of the 90-day conditional expectation for every customer, of
 * BG/NBD and Pareto/NBD on a synthetic summary shaped like Online Retail's (a third one-time buyers, frequencies
 * geometric with mean about 4, ages uniform in [1, 373] days), at the parameters lifetimes fits there. Data from
 * seed 20261206 in {@code @Setup}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LifetimeLikelihoodBenchmark {
    @Param({"10000", "100000"})
    public int customers;

    @Param({"bgnbd", "pareto-nbd"})
    public String model;

    private CustomerSummary summary;
    private PurchaseModel purchases;

    @Setup
    public void setup() {
        SplittableRandom rng = new SplittableRandom(20_261_206L);
        List<String> ids = new ArrayList<>(customers);
        double[] x = new double[customers];
        double[] tx = new double[customers];
        double[] age = new double[customers];
        double[] m = new double[customers];
        for (int i = 0; i < customers; i++) {
            ids.add("c" + i);
            age[i] = 1 + rng.nextInt(373);
            if (rng.nextInt(3) > 0) {
                int f = 1;
                while (rng.nextDouble() < 0.75 && f < 200) {
                    f++;
                }
                x[i] = f;
                tx[i] = Math.floor(rng.nextDouble() * (age[i] + 1));
                m[i] = 100 + 400 * rng.nextDouble();
            }
        }
        summary = CustomerSummary.of(ids, x, tx, age, m, dev.segmentation.lifetime.TimeUnit.DAY);
        purchases = model.equals("bgnbd")
                ? BgNbdModel.of(0.826541912083235, 68.90512058573017, 0.003437377900553807, 6.745116204448827,
                        dev.segmentation.lifetime.TimeUnit.DAY)
                : ParetoNbdModel.of(0.8276075004284951, 69.09798199262886, 6.345850125823602e-09, 1646.000212122758,
                        dev.segmentation.lifetime.TimeUnit.DAY);
    }

    @Benchmark
    public double logLikelihood() {
        return purchases.logLikelihood(summary);
    }

    @Benchmark
    public double[] expectedPurchases90Days() {
        return purchases.expectedPurchases(90, summary);
    }
}
