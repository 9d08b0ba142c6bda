package dev.segmentation.quality.internal;

import dev.segmentation.data.DataMatrix;
import java.util.Objects;

/** Argument checks shared by the indices. Internal. */
public final class Checks {
    private Checks() {
    }

    /** Checks non-null, matching lengths and finite values; returns nothing, throws on the first problem. */
    public static void dataAndLabels(DataMatrix x, int[] labels) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(labels, "labels");
        if (labels.length != x.rows()) {
            throw new IllegalArgumentException(
                    "labels has " + labels.length + " entries but x has " + x.rows() + " rows");
        }
        int[] bad = x.firstNonFinite();
        if (bad.length > 0) {
            throw new IllegalArgumentException("x has a non-finite value " + x.get(bad[0], bad[1]) + " at row "
                    + bad[0] + ", column " + bad[1]);
        }
    }

    /** Labels outside {@code -1..} are refused. */
    public static void noiseOrCluster(int[] labels) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < -1) {
                throw new IllegalArgumentException("label of row " + i + " is " + labels[i]
                        + "; labels must be -1 (noise) or >= 0");
            }
        }
    }

    /** The distinct labels >= 0 of {@code labels}, ascending. O(n log n). */
    public static int[] nonNoiseDistinct(int[] labels) {
        int[] s = labels.clone();
        java.util.Arrays.sort(s);
        int m = 0;
        for (int i = 0; i < s.length; i++) {
            if (s[i] >= 0 && (m == 0 || s[i] != s[m - 1])) {
                s[m++] = s[i];
            }
        }
        return java.util.Arrays.copyOf(s, m);
    }
}
