package dev.segmentation.scaling;

import static dev.segmentation.scaling.ScalingTest.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.state.StepState;
import dev.segmentation.state.Steps;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class QuantileScalingTest {
    @Test
    void uniformMapsTheTrainingDistributionOntoZeroOne() {
        // five distinct values and 5 quantiles: the map is the rank / 4
        FittedScaler s = QuantileScaling.uniform().quantiles(5).fit(table(new String[] {"x"},
                new double[] {10, 30, 20, 50, 40}));
        FeatureTable z = s.transform(table(new String[] {"x"}, new double[] {10, 20, 25, 50, 5, 99}));
        assertArrayEquals(new double[] {0, 0.25, 0.375, 1, 0, 1}, z.values(), 1e-15);
        assertArrayEquals(new double[] {0}, s.center());
        assertArrayEquals(new double[] {1}, s.scale());
    }

    @Test
    void tiedQuantilesMapToTheMiddleOfTheirRun() {
        // 0 0 0 0 1: quantiles at 0, .25, .5, .75 are 0, the last 1; a 0 is the training minimum (uniform: 0)
        FittedScaler s = QuantileScaling.uniform().quantiles(5).fit(table(new String[] {"x"},
                new double[] {0, 0, 1, 0, 0}));
        assertEquals(0.0, s.transform(table(new String[] {"x"}, new double[] {0})).get(0, 0));
        assertEquals(0.875, s.transform(table(new String[] {"x"}, new double[] {0.5})).get(0, 0), 1e-15);
    }

    @Test
    void normalOutputIsClippedToAboutFivePointTwo() {
        FittedScaler s = QuantileScaling.normal().fit(table(new String[] {"x"}, new double[] {1, 2, 3, 4, 5}));
        FeatureTable z = s.transform(table(new String[] {"x"}, new double[] {-100, 3, 100}));
        assertEquals(NormalQuantile.ppf(QuantileScaler.BOUNDS_THRESHOLD - Math.ulp(1.0)), z.get(0, 0));
        assertEquals(0.0, z.get(1, 0), 1e-15);
        // as scikit-learn: the upper clip is ppf(1 - (1e-7 - 2^-52)), whose 1 - p loses digits, not -ppf(1e-7 - 2^-52)
        assertEquals(NormalQuantile.ppf(1 - (QuantileScaler.BOUNDS_THRESHOLD - Math.ulp(1.0))), z.get(2, 0));
        assertTrue(z.get(2, 0) > 5.19 && z.get(2, 0) < 5.21, "clip " + z.get(2, 0));
    }

    @Test
    void savedAndRestoredTransformGivesTheSameBits() {
        FeatureTable t = table(new String[] {"a", "b"}, new double[] {3, 1, 4, 1, 5, 9, 2, 6},
                new double[] {2, 7, 1, 8, 2, 8, 1, 8});
        FittedScaler s = QuantileScaling.normal().quantiles(4).fit(t);
        StepState state = Steps.state(s);
        assertEquals(QuantileScalerStepFactory.TYPE, state.type());
        FittedScaler back = Steps.restore(state, FittedScaler.class);
        assertArrayEquals(s.transform(t).values(), back.transform(t).values(), 0.0);
        assertEquals(state, Steps.state(back));
    }

    @Test
    void errorsNameTheParameterEntityFeatureAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuantileScaling.uniform().quantiles(0));
        assertEquals("quantiles must be within [1, 1000000] but was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> QuantileScaling.uniform().fit(
                table(new String[] {"x", "y"}, new double[] {1, 2}, new double[] {0, Double.NaN})));
        assertEquals("entity 'e1', feature 'y': value NaN is not finite", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> QuantileScaling.uniform().fit(
                FeatureTable.of(List.of(), List.of("x"), new double[0])));
        assertEquals("cannot fit the quantile transform on an empty table (0 entities)", e.getMessage());
        FittedScaler s = QuantileScaling.uniform().fit(table(new String[] {"x"}, new double[] {1, 2}));
        e = assertThrows(IllegalArgumentException.class, () -> s.transform(table(new String[] {"z"},
                new double[] {1})));
        assertEquals("feature 'x' the quantile transform was fitted on is missing from the table; features are [z]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.transform(table(new String[] {"x"},
                new double[] {1, Double.POSITIVE_INFINITY})));
        assertEquals("entity 'e1', feature 'x': value Infinity is not finite", e.getMessage());
    }

    @Test
    void restoreRefusesDecreasingOrMissizedQuantiles() {
        StepState bad = StepState.builder(QuantileScalerStepFactory.TYPE, 1).put("output", "UNIFORM")
                .putStrings("features", List.of("x")).put("quantileCount", 3).put("quantiles", new double[] {1, 3, 2})
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Steps.restore(bad));
        assertEquals("quantile-scaler state: feature 'x': quantile 2 is 2.0 after 3.0; quantiles must be finite and"
                + " non-decreasing", e.getMessage());
        StepState missized = StepState.builder(QuantileScalerStepFactory.TYPE, 1).put("output", "UNIFORM")
                .putStrings("features", List.of("x", "y")).put("quantileCount", 3)
                .put("quantiles", new double[] {1, 2, 3}).build();
        e = assertThrows(IllegalArgumentException.class, () -> Steps.restore(missized));
        assertEquals("quantile-scaler state: 2 features of 3 quantiles need 6 values but there are 3", e.getMessage());
        StepState output = StepState.builder(QuantileScalerStepFactory.TYPE, 1).put("output", "LOGNORMAL")
                .putStrings("features", List.of("x")).put("quantileCount", 1).put("quantiles", new double[] {1})
                .build();
        e = assertThrows(IllegalArgumentException.class, () -> Steps.restore(output));
        assertEquals("quantile-scaler state: output must be UNIFORM or NORMAL but was 'LOGNORMAL'", e.getMessage());
    }

    @Property(tries = 200)
    void theMapIsNonDecreasingAndWithinItsRange(
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = -5, max = 5) Integer> train,
            @ForAll @Size(min = 2, max = 30) List<@DoubleRange(min = -8, max = 8) Double> probes,
            @ForAll @IntRange(min = 1, max = 80) int quantiles, @ForAll boolean normal) {
        double[] x = train.stream().mapToDouble(Integer::doubleValue).toArray();
        FittedScaler s = (normal ? QuantileScaling.normal() : QuantileScaling.uniform()).quantiles(quantiles)
                .fit(table(new String[] {"x"}, x));
        double[] p = probes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] z = s.transform(table(new String[] {"x"}, p)).values();
        double lo = normal ? NormalQuantile.ppf(QuantileScaler.BOUNDS_THRESHOLD - Math.ulp(1.0)) : 0;
        double hi = normal ? NormalQuantile.ppf(1 - (QuantileScaler.BOUNDS_THRESHOLD - Math.ulp(1.0))) : 1;
        for (int i = 0; i < z.length; i++) {
            assertTrue(z[i] >= lo && z[i] <= hi, "value " + z[i] + " out of range");
            if (i > 0) {
                assertTrue(z[i] >= z[i - 1], "not monotone at " + p[i - 1] + " -> " + p[i] + ": " + z[i - 1] + " > "
                        + z[i]);
            }
        }
    }
}
