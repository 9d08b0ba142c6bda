package dev.segmentation.internal;

/** Primitive index sorting without boxing. Internal: not part of the public API. */
public final class IntSorts {
    private IntSorts() {
    }

    /** Compares two indices. */
    @FunctionalInterface
    public interface IndexComparator {
        int compare(int a, int b);
    }

    /**
     * Sorts {@code idx[from, to)} stably by {@code cmp} (merge sort, insertion sort for short runs).
     * {@code tmp} must be at least as long as {@code idx}.
     */
    public static void stableSort(int[] idx, int[] tmp, int from, int to, IndexComparator cmp) {
        stableSort(idx, tmp, from, to, cmp, Cancel.NEVER);
    }

    /**
     * {@link #stableSort(int[], int[], int, int, IndexComparator)} with {@code cancel} checked before every merge of
     * at least 2^15 indices and every 2^12 elements within it (a few hundred checks per million, none per
     * comparison).
     */
    public static void stableSort(int[] idx, int[] tmp, int from, int to, IndexComparator cmp, Cancel cancel) {
        if (to - from < 2) {
            return;
        }
        // fast path: already sorted (common for time-ordered input)
        boolean sorted = true;
        for (int i = from + 1; i < to; i++) {
            if (cmp.compare(idx[i - 1], idx[i]) > 0) {
                sorted = false;
                break;
            }
        }
        if (!sorted) {
            mergeSort(idx, tmp, from, to, cmp, cancel);
        }
    }

    private static void mergeSort(int[] a, int[] tmp, int from, int to, IndexComparator cmp, Cancel cancel) {
        int n = to - from;
        if (n <= 24) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && cmp.compare(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, cmp, cancel);
        mergeSort(a, tmp, mid, to, cmp, cancel);
        if (n >= 1 << 15) {
            cancel.check();
        }
        if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, n);
        int i = from;
        int j = mid;
        int k = from;
        if (n < 1 << 15) {
            while (i < mid && j < to) {
                if (cmp.compare(tmp[j], tmp[i]) < 0) {
                    a[k++] = tmp[j++];
                } else {
                    a[k++] = tmp[i++];
                }
            }
        } else {
            // a long merge: check cancellation every 2^12 output elements
            while (i < mid && j < to) {
                int stop = Math.min(k + (1 << 12), to);
                while (k < stop && i < mid && j < to) {
                    if (cmp.compare(tmp[j], tmp[i]) < 0) {
                        a[k++] = tmp[j++];
                    } else {
                        a[k++] = tmp[i++];
                    }
                }
                cancel.check();
            }
        }
        while (i < mid) {
            a[k++] = tmp[i++];
        }
        while (j < to) {
            a[k++] = tmp[j++];
        }
    }
}
