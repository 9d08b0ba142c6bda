package dev.segmentation.scaling;

import static dev.segmentation.scaling.ScalingTest.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.FeatureTable;
import org.junit.jupiter.api.Test;

class ZeroRangeFallbackTest {
    private static final double IQR_OF_UNIT_NORMAL = 2 * 0.6744897501960817;

    @Test
    void aZeroInterquartileRangeFallsBackToTheMedianAbsoluteDeviation() {
        // nine 0s, 5 and 100: q25 = q75 = 0 would scale by 1 and leave 100 at 100
        double[] x = {0, 0, 0, 0, 0, 0, 0, 0, 5, 100, 0};
        FeatureTable t = table(new String[] {"x"}, x);
        assertEquals(1.0, Scaling.robust().fit(t).scale()[0]);
        FittedScaler s = Scaling.robust().withZeroRangeFallback().fit(t);
        // median 0; absolute deviations 0 x9, 5, 100: the MAD is 0 too -> standard deviation
        double mean = 105.0 / 11;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        assertEquals(Math.sqrt(ss / 11) * IQR_OF_UNIT_NORMAL, s.scale()[0], 1e-12);
        assertEquals(0.0, s.center()[0]);
    }

    @Test
    void theMadIsUsedWhenItIsNotZero() {
        // with 25-75 a zero range means at least half of the values equal the median, so the MAD is 0 as well;
        // with 40-60 it need not: n = 13, q40 at index 4.8 -> 5, q60 at 7.2 -> 5, median 5,
        // |m - 5| = 4 3 2 1 0 0 0 0 0 1 2 3 4 -> MAD 1
        double[] m = {1, 2, 3, 4, 5, 5, 5, 5, 5, 6, 7, 8, 9};
        FittedScaler s = Scaling.robust(40, 60).withZeroRangeFallback().fit(table(new String[] {"m"}, m));
        double factor = NormalQuantile.ppf(0.6) - NormalQuantile.ppf(0.4);
        assertEquals(1.482602218505602 * factor, s.scale()[0], 1e-15);
        assertEquals(5.0, s.center()[0]);
        // a non-zero range is used as it is
        double[] w = {0, 0, 0, 0, 0, 0, 0, 0, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9};
        assertEquals(9.0, Scaling.robust().withZeroRangeFallback().fit(table(new String[] {"w"}, w)).scale()[0]);
    }

    @Test
    void aConstantFeatureStillScalesByOne() {
        FittedScaler s = Scaling.robust().withZeroRangeFallback().fit(table(new String[] {"c"},
                new double[] {4, 4, 4, 4}));
        assertEquals(1.0, s.scale()[0]);
        assertEquals(4.0, s.center()[0]);
    }

    @Test
    void theFallbackIsPersistedAsAnOrdinaryRobustScaler() {
        FeatureTable t = table(new String[] {"x"}, new double[] {0, 0, 0, 0, 0, 0, 0, 0, 5, 100, 0});
        FittedScaler s = Scaling.robust().withZeroRangeFallback().fit(t);
        FittedScaler back = dev.segmentation.state.Steps.restore(dev.segmentation.state.Steps.state(s),
                FittedScaler.class);
        assertTrue(s.scale()[0] > 1, "fallback scale " + s.scale()[0]);
        assertEquals(s.scale()[0], back.scale()[0], 0.0);
        assertEquals("Scaling.robust(25.0, 75.0).withZeroRangeFallback().log1p(x)",
                Scaling.robust().withZeroRangeFallback().log1p("x").toString());
        assertTrue(Scaling.robust().log1p("x").withZeroRangeFallback().zeroRangeFallback());
        assertFalse(Scaling.robust().zeroRangeFallback());
    }

    @Test
    void theFallbackIsRefusedWhereItHasNoMeaning() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Scaling.standard().withZeroRangeFallback());
        assertEquals("the zero-range fallback applies to robust scaling only, not to Scaling.standard()",
                e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> Scaling.robust(0, 75).withZeroRangeFallback());
        assertEquals("the zero-range fallback needs percentiles strictly inside (0, 100) but they are 0.0 and 75.0",
                e.getMessage());
    }
}
