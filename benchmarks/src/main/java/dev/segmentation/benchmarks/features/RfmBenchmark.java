package dev.segmentation.benchmarks.features;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Rfm;
import dev.segmentation.features.ReturnsPolicy;
import dev.segmentation.fit.FitContext;
import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * RFM extraction on a generated transactions table: {@code rows} lines over {@code rows / 20} customers, about 4
 * lines per order, 2% of orders cancelled ("C" prefix) and 2% return lines, over two years. Data from a fixed seed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RfmBenchmark {
    @Param({"1000000"})
    public int rows;

    @Param({"1", "2"})
    public int threads;

    @Param({"EXCLUDE", "NET"})
    public ReturnsPolicy policy;

    private Transactions transactions;
    private Rfm rfm;
    private FitContext context;

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        int customers = Math.max(1, rows / 20);
        long t0 = LocalDate.of(2022, 1, 1).toEpochDay() * 86_400L;
        String[] entity = new String[rows];
        long[] time = new long[rows];
        String[] order = new String[rows];
        double[] quantity = new double[rows];
        double[] amount = new double[rows];
        int i = 0;
        int orderNo = 0;
        while (i < rows) {
            int c = rnd.nextInt(customers);
            long t = t0 + rnd.nextLong(730L * 86_400L);
            String id = (rnd.nextInt(50) == 0 ? "C" : "") + (orderNo++);
            int lines = 1 + rnd.nextInt(7);
            for (int l = 0; l < lines && i < rows; l++, i++) {
                entity[i] = "cust" + c;
                time[i] = t;
                order[i] = id;
                double q = rnd.nextInt(50) == 0 ? -1 - rnd.nextInt(3) : 1 + rnd.nextInt(12);
                quantity[i] = q;
                amount[i] = q * (0.5 + rnd.nextInt(2000) / 100.0);
            }
        }
        transactions = Transactions.ofColumns(entity, time, order, quantity, amount, null, null);
        rfm = Rfm.builder().cancelledOrders(id -> id.startsWith("C")).returnsPolicy(policy).build();
        context = FitContext.seeded(1).withThreads(threads);
    }

    @Benchmark
    public FeatureTable extract() {
        return rfm.compute(transactions, context).table();
    }
}
