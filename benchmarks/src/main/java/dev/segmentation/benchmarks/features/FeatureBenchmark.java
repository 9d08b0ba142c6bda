package dev.segmentation.benchmarks.features;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Entropy;
import dev.segmentation.features.Features;
import dev.segmentation.features.Panel;
import dev.segmentation.features.PanelFeatureExtractor;
import dev.segmentation.features.PanelSpec;
import dev.segmentation.features.Period;
import dev.segmentation.sim.RetailSimulator;
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
 * Feature extraction on simulated retail data (fixed seed): building a weekly panel from transactions, and demand
 * stats, period entropy and STL strengths on that panel, on 1 thread and on {@code threads} threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FeatureBenchmark {
    @Param({"10000", "100000"})
    public int entities;

    @Param({"1", "2"})
    public int threads;

    private Transactions transactions;
    private Panel weekly;
    private PanelFeatureExtractor demandStats;
    private PanelFeatureExtractor entropy;
    private PanelFeatureExtractor stl;

    @Setup
    public void setup() {
        transactions = RetailSimulator.builder().seed(42).entities(entities).weeks(104).activityScale(0.1).build().simulate()
                .transactions();
        PanelSpec spec = PanelSpec.of(Period.WEEK);
        weekly = Panel.of(transactions, spec);
        demandStats = Features.demandStats(spec);
        entropy = Features.entropy(Entropy.Over.PERIOD, spec);
        stl = Features.stlStrengths(spec);
    }

    @Benchmark
    public Panel panelWeekly() {
        return Panel.of(transactions, PanelSpec.of(Period.WEEK),
                dev.segmentation.fit.FitContext.seeded(0).withThreads(threads));
    }

    @Benchmark
    public FeatureTable demandStats() {
        return demandStats.compute(weekly, threads);
    }

    @Benchmark
    public FeatureTable entropyPeriod() {
        return entropy.compute(weekly, threads);
    }

    @Benchmark
    public FeatureTable stlStrengths() {
        return stl.compute(weekly, threads);
    }
}
