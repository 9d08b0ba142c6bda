package dev.segmentation.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class KneedleTest {
    static final double[] X = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    @Test
    void sharpCornerIsTheElbow() {
        double[] y = {100, 55, 20, 10, 8, 6, 4, 2, 0};
        // difference curve (1 - y') - x' peaks at x = 3: 0.8 - 0.25 = 0.55
        assertEquals(OptionalInt.of(2), Kneedle.convexDecreasing(X, y, 1.0));
    }

    @Test
    void hyperbolaElbowAndTheSensitivity() {
        double[] x = new double[10];
        double[] y = new double[10];
        for (int i = 0; i < 10; i++) {
            x[i] = i + 1;
            y[i] = 1.0 / x[i];
        }
        // difference curve 1 - (1/x - 0.1)/0.9 - (x - 1)/9 peaks at x = 3 (0.5185); threshold 0.5185 - 1/9 is
        // first undercut at x = 6 (0.3704)
        assertEquals(OptionalInt.of(2), Kneedle.convexDecreasing(x, y, 1.0));
        // with S = 5 the threshold is negative and never undercut
        assertEquals(OptionalInt.empty(), Kneedle.convexDecreasing(x, y, 5.0));
    }

    @Test
    void noElbowOnAStraightLineOrTooFewPoints() {
        double[] line = {8, 7, 6, 5, 4, 3, 2, 1, 0};
        assertEquals(OptionalInt.empty(), Kneedle.convexDecreasing(X, line, 1.0));
        assertEquals(OptionalInt.empty(), Kneedle.convexDecreasing(new double[] {1, 2}, new double[] {5, 1}, 1));
        assertEquals(OptionalInt.empty(),
                Kneedle.convexDecreasing(new double[] {1, 2, 3}, new double[] {1, 1, 1}, 1));
    }

    @Test
    void rejectsBadInput() {
        assertEquals("x has 2 values but y has 3", assertThrows(IllegalArgumentException.class,
                () -> Kneedle.convexDecreasing(new double[2], new double[3], 1)).getMessage());
        assertEquals("x must be strictly increasing but x[1] = 1.0 follows 1.0",
                assertThrows(IllegalArgumentException.class,
                        () -> Kneedle.convexDecreasing(new double[] {1, 1}, new double[] {1, 0}, 1)).getMessage());
        assertEquals("sensitivity must be finite and >= 0 but was -1.0", assertThrows(IllegalArgumentException.class,
                () -> Kneedle.convexDecreasing(X, X, -1)).getMessage());
        assertEquals("point 0 is not finite: (NaN, 1.0)", assertThrows(IllegalArgumentException.class,
                () -> Kneedle.convexDecreasing(new double[] {Double.NaN}, new double[] {1}, 1)).getMessage());
    }
}
