package dev.segmentation.evaluation;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The Kneedle knee/elbow detector (Satopaa, Albrecht, Irwin and Raghavan, "Finding a 'Kneedle' in a Haystack",
 * ICDCS workshops 2011) for a convex decreasing curve such as inertia against k, in the offline form of the
 * {@code kneed} package ({@code KneeLocator(x, y, S, curve="convex", direction="decreasing")} with linear
 * interpolation, which evaluates the curve at the given points).
 *
 * <p>Steps: scale x and y to [0, 1]; flip y ({@code 1 - y}); take the difference curve {@code y' - x'}; find its
 * local maxima and minima (comparing each point with both neighbours, the ends with themselves); walk from the
 * first maximum: each maximum sets the threshold {@code diff(max) - S * mean step of x'}, each minimum resets it
 * to 0, and the first point after which the difference drops below the threshold gives the knee (the last
 * maximum seen).
 *
 * <p>Complexity O(n). Deterministic; stateless and thread-safe.
 */
public final class Kneedle {
    private Kneedle() {
    }

    /**
     * The index of the elbow of the convex decreasing curve {@code (x, y)}, or empty when there is none (fewer
     * than 3 points, a flat curve, or no drop below the threshold).
     *
     * @param x strictly increasing, finite
     * @param y finite, same length as {@code x}
     * @param sensitivity Kneedle's {@code S} (kneed's default is 1), finite and {@code >= 0}
     * @throws NullPointerException when an array is null
     * @throws IllegalArgumentException when the lengths differ, a value is not finite, x is not strictly
     *     increasing or the sensitivity is negative
     */
    public static OptionalInt convexDecreasing(double[] x, double[] y, double sensitivity) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values but y has " + y.length);
        }
        if (!(sensitivity >= 0) || Double.isInfinite(sensitivity)) {
            throw new IllegalArgumentException("sensitivity must be finite and >= 0 but was " + sensitivity);
        }
        int n = x.length;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("point " + i + " is not finite: (" + x[i] + ", " + y[i] + ")");
            }
            if (i > 0 && !(x[i] > x[i - 1])) {
                throw new IllegalArgumentException("x must be strictly increasing but x[" + i + "] = " + x[i]
                        + " follows " + x[i - 1]);
            }
        }
        if (n < 3) {
            return OptionalInt.empty();
        }
        double[] xn = normalize(x);
        double[] yn = normalize(y);
        if (xn == null || yn == null) {
            return OptionalInt.empty();
        }
        double ymax = Double.NEGATIVE_INFINITY;
        for (double v : yn) {
            ymax = Math.max(ymax, v);
        }
        double[] diff = new double[n];
        for (int i = 0; i < n; i++) {
            diff[i] = (ymax - yn[i]) - xn[i];
        }
        boolean[] isMax = new boolean[n];
        boolean[] isMin = new boolean[n];
        int firstMax = -1;
        int maxCount = 0;
        for (int i = 0; i < n; i++) {
            double prev = diff[Math.max(0, i - 1)];
            double next = diff[Math.min(n - 1, i + 1)];
            isMax[i] = diff[i] >= prev && diff[i] >= next;
            isMin[i] = diff[i] <= prev && diff[i] <= next;
            if (isMax[i]) {
                maxCount++;
                if (firstMax < 0) {
                    firstMax = i;
                }
            }
        }
        if (maxCount == 0) {
            return OptionalInt.empty();
        }
        double stepSum = 0;
        for (int i = 1; i < n; i++) {
            stepSum += xn[i] - xn[i - 1];
        }
        double shift = sensitivity * Math.abs(stepSum / (n - 1));
        double threshold = 0;
        int thresholdIndex = -1;
        for (int i = firstMax; i < n - 1; i++) {
            if (isMax[i]) {
                threshold = diff[i] - shift;
                thresholdIndex = i;
            }
            if (isMin[i]) {
                threshold = 0.0;
            }
            if (diff[i + 1] < threshold) {
                return OptionalInt.of(thresholdIndex);
            }
        }
        return OptionalInt.empty();
    }

    private static double[] normalize(double[] a) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (!(max > min)) {
            return null;
        }
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (a[i] - min) / (max - min);
        }
        return out;
    }
}
