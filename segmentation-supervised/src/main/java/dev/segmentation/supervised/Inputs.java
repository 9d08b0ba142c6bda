package dev.segmentation.supervised;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Converts tables and matrices to XGBoost's row-major floats, checking every value once. */
final class Inputs {
    private Inputs() {
    }

    /** Default names {@code f0, f1, ...} for a matrix without names. */
    static List<String> defaultNames(int cols) {
        List<String> names = new ArrayList<>(cols);
        for (int j = 0; j < cols; j++) {
            names.add("f" + j);
        }
        return names;
    }

    /**
     * The table's columns {@code names} (in that order) as floats. NaN stays NaN (XGBoost's missing value).
     *
     * @throws IllegalArgumentException when a name is missing from the table (listing the missing and the present
     *     ones), or a value is infinite or beyond float range (naming entity, row, column and value)
     */
    static float[] floats(FeatureTable x, List<String> names, String what) {
        Objects.requireNonNull(x, what);
        int[] cols = new int[names.size()];
        List<String> missing = new ArrayList<>();
        for (int j = 0; j < cols.length; j++) {
            cols[j] = x.findColumn(names.get(j)).orElse(-1);
            if (cols[j] < 0) {
                missing.add(names.get(j));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(what + ": the model's features " + missing
                    + " are missing from the table, which has " + x.featureNames());
        }
        int n = x.rows();
        int d = x.cols();
        int m = cols.length;
        double[] v = x.values();
        float[] out = new float[n * m];
        for (int i = 0; i < n; i++) {
            int base = i * d;
            for (int j = 0; j < m; j++) {
                double a = v[base + cols[j]];
                float f = (float) a;
                if (Float.isInfinite(f)) {
                    throw new IllegalArgumentException(what + ": row " + i + " (entity " + x.entityId(i)
                            + "), column '" + names.get(j) + "' is " + a + ", which is not a finite float"
                            + " (NaN is allowed and means missing)");
                }
                out[i * m + j] = f;
            }
        }
        return out;
    }

    /** The matrix as floats; the same checks as {@link #floats(FeatureTable, List, String)}. */
    static float[] floats(DataMatrix x, int expectedCols, String what) {
        Objects.requireNonNull(x, what);
        if (x.cols() != expectedCols) {
            throw new IllegalArgumentException(what + " has " + x.cols() + " columns but the model was trained on "
                    + expectedCols);
        }
        double[] v = x.toArray();
        float[] out = new float[v.length];
        int d = x.cols();
        for (int k = 0; k < v.length; k++) {
            float f = (float) v[k];
            if (Float.isInfinite(f)) {
                throw new IllegalArgumentException(what + ": row " + (k / d) + ", column " + (k % d) + " is " + v[k]
                        + ", which is not a finite float (NaN is allowed and means missing)");
            }
            out[k] = f;
        }
        return out;
    }

    /**
     * Sample weights as floats, or null when {@code w} is null.
     *
     * @throws IllegalArgumentException when the length differs from {@code n} or a weight is negative, not finite,
     *     or all are zero
     */
    static float[] weights(double[] w, int n) {
        if (w == null) {
            return null;
        }
        if (w.length != n) {
            throw new IllegalArgumentException("sampleWeights has " + w.length + " entries but there are " + n
                    + " rows");
        }
        float[] out = new float[n];
        boolean positive = false;
        for (int i = 0; i < n; i++) {
            if (!(w[i] >= 0 && w[i] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("sampleWeights[" + i + "] must be finite and >= 0 but was "
                        + w[i]);
            }
            out[i] = (float) w[i];
            positive |= w[i] > 0;
        }
        if (!positive) {
            throw new IllegalArgumentException("sampleWeights are all zero");
        }
        return out;
    }

    static float[] rows(float[] x, int cols, int[] idx) {
        float[] out = new float[idx.length * cols];
        for (int k = 0; k < idx.length; k++) {
            System.arraycopy(x, idx[k] * cols, out, k * cols, cols);
        }
        return out;
    }

    static float[] pick(float[] a, int[] idx) {
        if (a == null) {
            return null;
        }
        float[] out = new float[idx.length];
        for (int k = 0; k < idx.length; k++) {
            out[k] = a[idx[k]];
        }
        return out;
    }

    /** Packs bytes into big-endian ints (the last int zero-padded), so a model travels in a {@code StepState}. */
    static int[] pack(byte[] b) {
        int[] out = new int[(b.length + 3) / 4];
        for (int k = 0; k < b.length; k++) {
            out[k >> 2] |= (b[k] & 0xff) << (24 - 8 * (k & 3));
        }
        return out;
    }

    /** Inverse of {@link #pack(byte[])}. @throws IllegalArgumentException when {@code length} does not fit */
    static byte[] unpack(int[] a, int length, String what) {
        if (length < 0 || (length + 3) / 4 != a.length) {
            throw new IllegalArgumentException(what + ": " + length + " model bytes do not fit " + a.length
                    + " packed ints");
        }
        byte[] out = new byte[length];
        for (int k = 0; k < length; k++) {
            out[k] = (byte) (a[k >> 2] >>> (24 - 8 * (k & 3)));
        }
        return out;
    }

    /**
     * The training and validation row numbers of an early-stopping holdout ({@code held[i]} true for validation),
     * each ascending.
     *
     * @throws IllegalArgumentException when the validation fold is empty, naming the rows and the fraction
     */
    static int[][] holdoutRows(boolean[] held, double validationFraction) {
        int n = held.length;
        int nv = 0;
        for (boolean h : held) {
            nv += h ? 1 : 0;
        }
        if (nv == 0) {
            throw new IllegalArgumentException("the validation fold for early stopping is empty: "
                    + n + " rows x validationFraction " + validationFraction);
        }
        int[] tr = new int[n - nv];
        int[] va = new int[nv];
        for (int i = 0, a = 0, b = 0; i < n; i++) {
            if (held[i]) {
                va[b++] = i;
            } else {
                tr[a++] = i;
            }
        }
        return new int[][] {tr, va};
    }
}
