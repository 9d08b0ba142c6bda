package dev.segmentation.quality;

/** Labels mapped to codes 0..k-1 in ascending order of their values, with the cluster sizes. Internal. */
final class LabelCodes {
    final int[] values;
    final int[] codes;
    final int[] sizes;

    private LabelCodes(int[] values, int[] codes, int[] sizes) {
        this.values = values;
        this.codes = codes;
        this.sizes = sizes;
    }

    static LabelCodes of(int[] labels) {
        int[] values = Contingency.distinct(labels);
        int[] codes = Contingency.codes(labels, values);
        int[] sizes = new int[values.length];
        for (int c : codes) {
            sizes[c]++;
        }
        return new LabelCodes(values, codes, sizes);
    }

    int k() {
        return values.length;
    }

    /** Throws unless 2 <= k <= n - 1, as scikit-learn's internal indices require. */
    void requireValidCount(String index) {
        int n = codes.length;
        if (values.length < 2 || values.length > n - 1) {
            throw new IllegalArgumentException(index + " needs between 2 and n - 1 = " + (n - 1)
                    + " distinct labels but got " + values.length);
        }
    }
}
