package dev.segmentation.quality;

import dev.segmentation.data.DataMatrix;
import java.util.Objects;

/** Argument checks shared by the indices. Internal. */
final class Checks {
    private Checks() {
    }

    /** Checks non-null, matching lengths and finite values; returns nothing, throws on the first problem. */
    static void dataAndLabels(DataMatrix x, int[] labels) {
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
    static void noiseOrCluster(int[] labels) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < -1) {
                throw new IllegalArgumentException("label of row " + i + " is " + labels[i]
                        + "; labels must be -1 (noise) or >= 0");
            }
        }
    }
}
