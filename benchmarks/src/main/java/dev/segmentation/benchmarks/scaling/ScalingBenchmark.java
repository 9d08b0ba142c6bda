package dev.segmentation.benchmarks.scaling;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.scaling.FittedScaler;
import dev.segmentation.scaling.Scaling;
import java.util.ArrayList;
import java.util.List;
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
 * Fit + transform of a scaler on {@code rows} x 8 features (log-normal money-like values, fixed seed). The recipes:
 * robust, robust with log1p on two columns, standard. Threads: all available processors (the scaler API has no
 * context).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScalingBenchmark {
    @Param({"1000000"})
    public int rows;

    @Param({"robust", "robust_log1p", "standard"})
    public String recipe;

    private FeatureTable table;
    private Scaling scaling;

    @Setup
    public void setUp() {
        int d = 8;
        SplittableRandom rnd = new SplittableRandom(42);
        List<String> ids = new ArrayList<>(rows);
        double[] v = new double[rows * d];
        for (int r = 0; r < rows; r++) {
            ids.add("e" + r);
            for (int c = 0; c < d; c++) {
                double g = rnd.nextDouble() + rnd.nextDouble() + rnd.nextDouble() - 1.5;
                v[r * d + c] = Math.exp(2 * g + c);
            }
        }
        List<String> names = List.of("f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7");
        table = FeatureTable.of(ids, names, v);
        switch (recipe) {
            case "robust": scaling = Scaling.robust(); break;
            case "robust_log1p": scaling = Scaling.robust().log1p("f6", "f7"); break;
            default: scaling = Scaling.standard();
        }
    }

    @Benchmark
    public FeatureTable fitTransform() {
        FittedScaler s = scaling.fit(table);
        return s.transform(table);
    }
}
