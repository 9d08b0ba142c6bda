package dev.segmentation.scaling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.data.FeatureTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingTest {
    /** A table with one column per array, entities e0, e1, ... */
    static FeatureTable table(String[] names, double[]... columns) {
        int n = columns[0].length;
        int d = columns.length;
        List<String> ids = new ArrayList<>();
        double[] v = new double[n * d];
        for (int r = 0; r < n; r++) {
            ids.add("e" + r);
            for (int c = 0; c < d; c++) {
                v[r * d + c] = columns[c][r];
            }
        }
        return FeatureTable.of(ids, List.of(names), v);
    }

    @Test
    void robustUsesMedianAndLinearInterquartileRange() {
        FeatureTable t = table(new String[] {"odd", "even"}, new double[] {100, 1, 3, 2, 4},
                new double[] {4, 1, 3, 2, 2.5});
        FittedScaler s = Scaling.robust().fit(t);
        assertEquals(List.of("odd", "even"), s.featureNames());
        // odd: sorted 1 2 3 4 100; median 3; q25 at index 1 -> 2; q75 at index 3 -> 4
        // even column has 5 values too: 1 2 2.5 3 4; median 2.5; q25 2; q75 3
        assertArrayEquals(new double[] {3, 2.5}, s.center());
        assertArrayEquals(new double[] {2, 1}, s.scale());
        FeatureTable z = s.transform(t);
        assertEquals((100 - 3) / 2.0, z.get(0, 0));
        assertEquals((4 - 2.5) / 1.0, z.get(0, 1));
    }

    @Test
    void robustInterpolatesBetweenOrderStatisticsOnEvenCounts() {
        FittedScaler s = Scaling.robust().fit(table(new String[] {"x"}, new double[] {4, 3, 2, 1}));
        // n = 4: median (2 + 3) / 2; q25 at virtual index 0.75 -> 1.75; q75 at 2.25 -> 3.25
        assertEquals(2.5, s.center()[0]);
        assertEquals(1.5, s.scale()[0]);
    }

    @Test
    void robustWithOtherPercentiles() {
        double[] x = new double[11];
        for (int i = 0; i < x.length; i++) {
            x[i] = 10 - i;
        }
        FittedScaler s = Scaling.robust(10, 90).fit(table(new String[] {"x"}, x));
        assertEquals(5, s.center()[0]);
        assertEquals(8, s.scale()[0]);
        assertEquals(10, Scaling.robust(0, 100).fit(table(new String[] {"x"}, x)).scale()[0]);
    }

    @Test
    void zeroRangeScalesByOne() {
        FittedScaler s = Scaling.robust().fit(table(new String[] {"x"}, new double[] {1, 5, 5, 5, 9}));
        assertEquals(5, s.center()[0]);
        assertEquals(1, s.scale()[0]);
        FittedScaler c = Scaling.robust().fit(table(new String[] {"x"}, new double[] {7, 7, 7}));
        assertEquals(1, c.scale()[0]);
        assertEquals(0, c.transform(table(new String[] {"x"}, new double[] {7})).get(0, 0));
    }

    @Test
    void standardUsesMeanAndPopulationStd() {
        FittedScaler s = Scaling.standard().fit(table(new String[] {"x"}, new double[] {1, 2, 3, 4}));
        assertEquals(2.5, s.center()[0]);
        assertEquals(Math.sqrt(1.25), s.scale()[0], 1e-15);
    }

    @Test
    void standardConstantFeatureIsCentredOnItsValueAndScaledByOne() {
        FeatureTable t = table(new String[] {"x"}, new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1});
        FittedScaler s = Scaling.standard().fit(t);
        assertEquals(0.1, s.center()[0]);
        assertEquals(1, s.scale()[0]);
        assertArrayEquals(new double[7], s.transform(t).values());
    }

    @Test
    void noneKeepsValuesAndAppliesLog1p() {
        FeatureTable t = table(new String[] {"a", "b"}, new double[] {3, -2}, new double[] {0, Math.E - 1});
        FittedScaler plain = Scaling.none().fit(t);
        assertArrayEquals(new double[] {0, 0}, plain.center());
        assertArrayEquals(new double[] {1, 1}, plain.scale());
        assertEquals(t, plain.transform(t));
        FeatureTable z = Scaling.none().log1p("b").fit(t).transform(t);
        assertArrayEquals(new double[] {3, 0, -2, Math.log1p(Math.E - 1)}, z.values());
    }

    @Test
    void log1pIsAppliedBeforeFittingAndAtTransform() {
        double e = Math.E;
        FeatureTable t = table(new String[] {"m"}, new double[] {0, e - 1, e * e - 1});
        FittedScaler s = Scaling.robust().log1p("m").fit(t);
        assertEquals(Math.log1p(e - 1), s.center()[0], 0.0);
        // log1p values 0, 1, 2: median 1, q25 0.5, q75 1.5
        assertEquals(1.0, s.scale()[0], 1e-15);
        FeatureTable next = table(new String[] {"m"}, new double[] {e * e * e - 1});
        assertEquals((3 - 1) / 1.0, s.transform(next).get(0, 0), 1e-14);
        assertEquals(List.of("m"), Scaling.robust().log1p("m").log1pFeatures());
    }

    @Test
    void fittedScalerAppliesTrainingStatisticsToNewDataInFittedOrder() {
        FeatureTable train = table(new String[] {"a", "b"}, new double[] {1, 2, 3}, new double[] {10, 20, 40});
        FittedScaler s = Scaling.robust().fit(train);
        FeatureTable next = FeatureTable.of(List.of("x", "y"), List.of("extra", "b", "a"),
                new double[] {99, 20, 2, 99, 60, 5});
        FeatureTable z = s.transform(next);
        assertEquals(List.of("a", "b"), z.featureNames());
        assertEquals(List.of("x", "y"), z.entityIds());
        // a: median 2, iqr 2.5 - 1.5 = 1; b: median 20, iqr 30 - 15 = 15
        assertArrayEquals(new double[] {0, 0, 3, 40 / 15.0}, z.values(), 1e-15);
    }

    @Test
    void accessorsReturnCopies() {
        FittedScaler s = Scaling.robust().fit(table(new String[] {"x"}, new double[] {1, 2, 3}));
        assertNotSame(s.center(), s.center());
        s.center()[0] = 42;
        s.scale()[0] = 42;
        assertEquals(2, s.center()[0]);
        assertEquals(1, s.scale()[0]);
    }

    @Test
    void emptyTableIsRefused() {
        FeatureTable empty = FeatureTable.of(List.of(), List.of("x"), new double[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scaling.robust().fit(empty));
        assertEquals("cannot fit robust scaling on an empty table (0 entities)", e.getMessage());
        FeatureTable noCols = FeatureTable.of(List.of("a"), List.of(), new double[0]);
        e = assertThrows(IllegalArgumentException.class, () -> Scaling.standard().fit(noCols));
        assertEquals("cannot fit standard scaling on a table with no feature", e.getMessage());
    }

    @Test
    void nonFiniteValuesAreRefusedNamingEntityAndFeature() {
        FeatureTable t = table(new String[] {"a", "b"}, new double[] {1, 2, 3}, new double[] {1, Double.NaN, 3});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scaling.robust().fit(t));
        assertEquals("entity 'e1', feature 'b': value NaN is not finite", e.getMessage());
        FittedScaler s = Scaling.standard().fit(t.select("a"));
        FeatureTable bad = table(new String[] {"a"}, new double[] {1, Double.POSITIVE_INFINITY});
        e = assertThrows(IllegalArgumentException.class, () -> s.transform(bad));
        assertEquals("entity 'e1', feature 'a': value Infinity is not finite", e.getMessage());
    }

    @Test
    void firstBadCellInRowOrderIsNamed() {
        FeatureTable t = table(new String[] {"a", "b"}, new double[] {1, 2, 3, 4, 5, Double.NaN},
                new double[] {1, 2, -7, 4, 5, 6});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scaling.robust().log1p("b").fit(t));
        assertEquals("entity 'e2', feature 'b': log1p needs a value > -1 but got -7.0", e.getMessage());
        FittedScaler s = Scaling.standard().log1p("b").fit(t.selectRows(new int[] {0, 1}));
        e = assertThrows(IllegalArgumentException.class, () -> s.transform(t));
        assertEquals("entity 'e2', feature 'b': log1p needs a value > -1 but got -7.0", e.getMessage());
    }

    @Test
    void log1pOfValueAtMostMinusOneIsRefused() {
        FeatureTable t = table(new String[] {"a", "m"}, new double[] {1, 2, 3}, new double[] {0, 5, -1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scaling.robust().log1p("m").fit(t));
        assertEquals("entity 'e2', feature 'm': log1p needs a value > -1 but got -1.0", e.getMessage());
        FittedScaler s = Scaling.robust().log1p("m").fit(t.selectRows(new int[] {0, 1}));
        FeatureTable next = table(new String[] {"a", "m"}, new double[] {1}, new double[] {-3.5});
        e = assertThrows(IllegalArgumentException.class, () -> s.transform(next));
        assertEquals("entity 'e0', feature 'm': log1p needs a value > -1 but got -3.5", e.getMessage());
    }

    @Test
    void log1pFeatureMissingAtFitIsRefused() {
        FeatureTable t = table(new String[] {"a"}, new double[] {1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scaling.robust().log1p("monetary").fit(t));
        assertEquals("log1p feature 'monetary' is not in the table; features are [a]", e.getMessage());
    }

    @Test
    void featureMissingAtTransformIsRefused() {
        FittedScaler s = Scaling.robust().fit(table(new String[] {"a", "b"}, new double[] {1, 2},
                new double[] {3, 4}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.transform(table(new String[] {"a"}, new double[] {1})));
        assertEquals("feature 'b' the scaler was fitted on is missing from the table; features are [a]",
                e.getMessage());
    }

    @Test
    void badPercentilesAreRefusedNamingParameterAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scaling.robust(-1, 75));
        assertEquals("lowerPercentile must be within [0, 100] but was -1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Scaling.robust(25, 100.5));
        assertEquals("upperPercentile must be within [0, 100] but was 100.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Scaling.robust(Double.NaN, 75));
        assertEquals("lowerPercentile must be within [0, 100] but was NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Scaling.robust(75, 25));
        assertEquals("lowerPercentile (75.0) must be below upperPercentile (25.0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Scaling.robust(50, 50));
        assertEquals("lowerPercentile (50.0) must be below upperPercentile (50.0)", e.getMessage());
    }

    @Test
    void badLog1pNamesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scaling.robust().log1p("a", " "));
        assertEquals("log1p feature 1 is null or blank: ' '", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Scaling.robust().log1p("a").log1p("a"));
        assertEquals("log1p feature 'a' is named twice", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Scaling.robust().log1p((String) null));
        assertEquals("log1p feature 0 is null or blank: null", e.getMessage());
        assertThrows(NullPointerException.class, () -> Scaling.robust().log1p((String[]) null));
        assertThrows(NullPointerException.class, () -> Scaling.robust().fit(null));
    }

    @Test
    void manyRowsAcrossBlocksGiveTheSameValuesAsPerRowArithmetic() {
        int n = 3 * dev.segmentation.internal.Parallel.ROWS_PER_BLOCK + 17;
        double[] a = new double[n];
        double[] b = new double[n];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextDouble() * 100;
            b[i] = rnd.nextDouble() * 1e6;
        }
        FeatureTable t = table(new String[] {"a", "b"}, a, b);
        FittedScaler s = Scaling.robust().log1p("b").fit(t);
        FeatureTable z = s.transform(t);
        double[] c = s.center();
        double[] sc = s.scale();
        for (int i = 0; i < n; i++) {
            assertEquals((a[i] - c[0]) / sc[0], z.get(i, 0), 0.0);
            assertEquals((Math.log1p(b[i]) - c[1]) / sc[1], z.get(i, 1), 0.0);
        }
    }
}
