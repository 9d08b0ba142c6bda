package dev.segmentation.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.FeatureTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class ScalingProperties {
    /** Two columns of n integer values in [-1000, 1000], as row-major values. */
    @Provide
    Arbitrary<double[]> integerColumns() {
        return Arbitraries.integers().between(2, 60).flatMap(n -> Arbitraries.integers().between(-1000, 1000)
                .map(Integer::doubleValue).array(double[].class).ofSize(2 * n));
    }

    @Provide
    Arbitrary<double[]> realColumns() {
        return Arbitraries.integers().between(1, 80).flatMap(n -> Arbitraries.doubles().between(-1e3, 1e3)
                .array(double[].class).ofSize(2 * n));
    }

    @Provide
    Arbitrary<Double> nonZeroFactor() {
        return Combinators.combine(Arbitraries.doubles().between(0.01, 100), Arbitraries.of(1.0, -1.0))
                .as((x, s) -> x * s);
    }

    @Provide
    Arbitrary<Scaling> recipe() {
        return Arbitraries.of(Scaling.robust(), Scaling.robust(10, 90), Scaling.standard());
    }

    static FeatureTable table(double[] rowMajor) {
        int n = rowMajor.length / 2;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("e" + i);
        }
        return FeatureTable.of(ids, List.of("x", "y"), rowMajor);
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.MIXIN)
    void scalingIsAffineEquivariant(@ForAll("integerColumns") double[] v, @ForAll("nonZeroFactor") double a,
            @ForAll @DoubleRange(min = -1000, max = 1000) double b, @ForAll("recipe") Scaling recipe) {
        double[] w = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            w[i] = a * v[i] + b;
        }
        double[] z = recipe.fit(table(v)).transform(table(v)).values();
        double[] zw = recipe.fit(table(w)).transform(table(w)).values();
        double sign = Math.signum(a);
        for (int i = 0; i < z.length; i++) {
            assertEquals(sign * z[i], zw[i], 1e-8 * (1 + Math.abs(z[i])), "value " + i + " with a=" + a + " b=" + b);
        }
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.MIXIN)
    void robustScalingOfTrainingDataHasMedianZero(@ForAll("realColumns") double[] v) {
        FittedScaler s = Scaling.robust().fit(table(v));
        FeatureTable z = s.transform(table(v));
        for (int c = 0; c < 2; c++) {
            double[] col = z.column(c);
            Arrays.sort(col);
            double median = Quantiles.median(col, col.length);
            double bound = 1e-12 * (1 + maxAbs(table(v).column(c)) / s.scale()[c]);
            assertTrue(Math.abs(median) <= bound, "median " + median + " of column " + c);
        }
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.MIXIN)
    void standardScalingOfTrainingDataHasMeanZero(@ForAll("realColumns") double[] v) {
        FittedScaler s = Scaling.standard().fit(table(v));
        FeatureTable z = s.transform(table(v));
        for (int c = 0; c < 2; c++) {
            double[] col = z.column(c);
            double sum = 0;
            for (double x : col) {
                sum += x;
            }
            double mean = sum / col.length;
            double bound = 1e-12 * col.length * (1 + maxAbs(table(v).column(c)) / s.scale()[c]);
            assertTrue(Math.abs(mean) <= bound, "mean " + mean + " of column " + c);
        }
    }

    @Property(tries = 100, edgeCases = EdgeCasesMode.MIXIN)
    void transformIsRowWise(@ForAll("realColumns") double[] v, @ForAll @IntRange(min = 0, max = 1000) int pick) {
        FeatureTable t = table(v);
        FittedScaler s = Scaling.robust().log1p().fit(t);
        int row = pick % t.rows();
        FeatureTable one = t.selectRows(new int[] {row});
        assertEquals(Arrays.toString(s.transform(t).row(row)), Arrays.toString(s.transform(one).row(0)));
    }

    private static double maxAbs(double[] x) {
        double m = 0;
        for (double d : x) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }
}
