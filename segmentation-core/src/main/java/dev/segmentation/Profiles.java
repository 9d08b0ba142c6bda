package dev.segmentation;

import dev.segmentation.data.FeatureTable;
import dev.segmentation.internal.Parallel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-segment profiles on raw features. O(n d log n): one sort of each segment's values per feature serves the
 * mean, median, standard deviation and Cliff's delta (merged with the sorted values of all segmented rows).
 *
 * <p><b>Row order.</b> Every sum (means, value shares) runs over the values sorted ascending, with compensated
 * (Neumaier) summation, so the profiles are a function of the multiset of (label, row) pairs: reordering the rows
 * of the feature table changes no bit.
 */
final class Profiles {
    private Profiles() {
    }

    static List<SegmentProfile> compute(FeatureTable raw, int[] labels, String valueFeature, SegmentNamer namer) {
        return compute(raw, labels, valueFeature, namer, 1);
    }

    /**
     * The profiles, features spread over up to {@code threads} threads (each feature's figures are computed by one
     * task, so the bits do not depend on the thread count).
     */
    static List<SegmentProfile> compute(FeatureTable raw, int[] labels, String valueFeature, SegmentNamer namer,
            int threads) {
        int n = raw.rows();
        int d = raw.cols();
        double[] x = raw.values();
        int[] sortedLabels = labels.clone();
        Arrays.sort(sortedLabels);
        List<Integer> segments = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i == 0 || sortedLabels[i] != sortedLabels[i - 1]) {
                segments.add(sortedLabels[i]);
            }
        }
        int valueCol = valueFeature == null ? -1 : raw.columnIndex(valueFeature);
        double valueTotal = 0;
        if (valueCol >= 0) {
            double[] all = new double[n];
            for (int i = 0; i < n; i++) {
                all[i] = x[i * d + valueCol];
            }
            Arrays.sort(all);
            valueTotal = sortedSum(all, n);
        }
        List<String> names = raw.featureNames();
        int k = segments.size();
        // members of each segment in row order (segments ascending, so a label's index is found by binary search)
        int[] segmentLabels = new int[k];
        for (int si = 0; si < k; si++) {
            segmentLabels[si] = segments.get(si);
        }
        int[] sizes = new int[k];
        int[] segmentOf = new int[n];
        int segmented = 0;
        for (int i = 0; i < n; i++) {
            int si = Arrays.binarySearch(segmentLabels, labels[i]);
            segmentOf[i] = si;
            sizes[si]++;
            if (labels[i] >= 0) {
                segmented++;
            }
        }
        int[][] members = new int[k][];
        int largest = 0;
        for (int si = 0; si < k; si++) {
            members[si] = new int[sizes[si]];
            largest = Math.max(largest, sizes[si]);
        }
        int[] fill = new int[k];
        for (int i = 0; i < n; i++) {
            int si = segmentOf[i];
            members[si][fill[si]++] = i;
        }
        segmentOf = null;
        double[][] means = new double[k][d];
        double[][] medians = new double[k][d];
        double[][] sds = new double[k][d];
        double[][] effects = new double[k][d];
        double[] valueSums = new double[k];
        // Cliff's delta by merging each segment's sorted values with the sorted compared values (exact: every term
        // is a multiple of 1/2 below n and every partial sum below n^2 < 2^52, so the order of the sum is free);
        // beyond 2^26 rows the row-order version below keeps the former bits
        final boolean merge = n <= (1 << 26);
        final boolean hasNoise = segmented < n;
        final int segmentedRows = segmented;
        final int largestSegment = largest;
        // features in contiguous blocks, one per thread, each with its own buffers (a feature's figures do not
        // depend on the block it falls in)
        final int nBlocks = Math.max(1, Math.min(threads, d));
        Parallel.forEachBlock(nBlocks, nBlocks, b -> {
            double[] segSorted = merge ? new double[segmentedRows] : null;
            double[] allSorted = merge && hasNoise ? new double[n] : null;
            double[] col = new double[largestSegment];
            for (int j = (int) ((long) b * d / nBlocks); j < (int) ((long) (b + 1) * d / nBlocks); j++) {
                if (merge) {
                    int c = 0;
                    for (int i = 0; i < n; i++) {
                        double v = x[i * d + j];
                        if (labels[i] >= 0) {
                            segSorted[c++] = v;
                        }
                        if (hasNoise) {
                            allSorted[i] = v;
                        }
                    }
                    Arrays.sort(segSorted);
                    if (hasNoise) {
                        Arrays.sort(allSorted);
                    }
                }
                for (int si = 0; si < k; si++) {
                    int size = sizes[si];
                    int[] mem = members[si];
                    for (int m = 0; m < size; m++) {
                        col[m] = x[mem[m] * d + j];
                    }
                    Arrays.sort(col, 0, size);
                    double sum = sortedSum(col, size);
                    means[si][j] = sum / size;
                    medians[si][j] = (size & 1) == 1 ? col[size / 2] : (col[size / 2 - 1] + col[size / 2]) / 2;
                    double ss = 0;
                    for (int m = 0; m < size; m++) {
                        double dv = col[m] - means[si][j];
                        ss += dv * dv;
                    }
                    sds[si][j] = size > 1 ? Math.sqrt(ss / (size - 1)) : 0.0;
                    if (j == valueCol) {
                        valueSums[si] = sum;
                    }
                    if (merge) {
                        double[] compared = segmentLabels[si] < 0 ? allSorted : segSorted;
                        effects[si][j] = mergedDelta(col, size, compared);
                    }
                }
            }
        });
        if (!merge) {
            double[][] rowOrder = cliffsDelta(x, n, d, labels, segments);
            for (int si = 0; si < k; si++) {
                effects[si] = rowOrder[si];
            }
        }
        List<SegmentProfile> profiles = new ArrayList<>(k);
        for (int si = 0; si < k; si++) {
            int s = segmentLabels[si];
            int size = sizes[si];
            double valueShare = Double.NaN;
            if (valueCol >= 0 && valueTotal != 0) {
                valueShare = valueSums[si] / valueTotal;
            }
            profiles.add(new SegmentProfile(s, SegmentNamer.DEFAULT.name(s, List.of()), size, size / (double) n,
                    valueShare, names, means[si], medians[si], sds[si], effects[si]));
        }
        List<SegmentProfile> named = new ArrayList<>(profiles.size());
        for (SegmentProfile p : profiles) {
            String name = namer.name(p.segment(), java.util.Collections.unmodifiableList(profiles));
            named.add(new SegmentProfile(p.segment(), name == null ? SegmentNamer.DEFAULT.name(p.segment(), profiles)
                    : name, p.size(), p.share(), p.valueShare().orElse(Double.NaN), names, p.means(), p.medians(),
                    p.standardDeviations(), p.effectSizes()));
        }
        return List.copyOf(named);
    }

    /**
     * Cliff's delta of every segment against the rest, per feature ({@code [segment index][feature]}). With C the
     * rows compared (the segmented rows; for noise, all rows) and below(v) = #(c in C: c &lt; v) + #(c = v) / 2,
     * the Mann-Whitney U of segment s against C minus s is sum over members of below(v) - n_s^2 / 2 (the pairs
     * inside s add exactly n_s^2 / 2), and delta = 2 U / (n_s n_rest) - 1. O(d n log n).
     */
    static double[][] cliffsDelta(double[] x, int n, int d, int[] labels, List<Integer> segments) {
        int k = segments.size();
        double[][] out = new double[k][d];
        int segmented = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] >= 0) {
                segmented++;
            }
        }
        double[] segSorted = new double[segmented];
        double[] allSorted = new double[n];
        boolean hasNoise = segmented < n;
        for (int j = 0; j < d; j++) {
            int c = 0;
            for (int i = 0; i < n; i++) {
                if (labels[i] >= 0) {
                    segSorted[c++] = x[i * d + j];
                }
                allSorted[i] = x[i * d + j];
            }
            Arrays.sort(segSorted);
            if (hasNoise) {
                Arrays.sort(allSorted);
            }
            for (int si = 0; si < k; si++) {
                int s = segments.get(si);
                double[] compared = s < 0 ? allSorted : segSorted;
                double below = 0;
                long size = 0;
                for (int i = 0; i < n; i++) {
                    if (labels[i] == s) {
                        double v = x[i * d + j];
                        int lo = lowerBound(compared, v);
                        below += lo + (upperBound(compared, v) - lo) / 2.0;
                        size++;
                    }
                }
                long rest = compared.length - size;
                if (rest == 0 || size == 0) {
                    out[si][j] = Double.NaN;
                    continue;
                }
                double u = below - size * (double) size / 2.0;
                out[si][j] = Math.max(-1, Math.min(1, 2 * u / ((double) size * rest) - 1));
            }
        }
        return out;
    }

    /**
     * Cliff's delta of one segment (its values {@code sorted[0..size)} ascending) against the rest of
     * {@code compared} (sorted, containing the segment's values): the same below(v) as {@link #cliffsDelta}, found
     * by two pointers that only move forward instead of two binary searches per member. O(size + compared).
     */
    static double mergedDelta(double[] sorted, int size, double[] compared) {
        int m = compared.length;
        int lo = 0;
        int hi = 0;
        double below = 0;
        for (int i = 0; i < size; i++) {
            double v = sorted[i];
            while (lo < m && compared[lo] < v) {
                lo++;
            }
            if (hi < lo) {
                hi = lo;
            }
            while (hi < m && compared[hi] <= v) {
                hi++;
            }
            below += lo + (hi - lo) / 2.0;
        }
        long rest = m - (long) size;
        if (rest == 0 || size == 0) {
            return Double.NaN;
        }
        double u = below - size * (double) size / 2.0;
        return Math.max(-1, Math.min(1, 2 * u / ((double) size * rest) - 1));
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Neumaier-compensated sum of {@code v[0..n)} in index order (callers pass sorted values). */
    private static double sortedSum(double[] v, int n) {
        double sum = 0;
        double comp = 0;
        for (int i = 0; i < n; i++) {
            double a = v[i];
            double t = sum + a;
            comp += Math.abs(sum) >= Math.abs(a) ? (sum - t) + a : (a - t) + sum;
            sum = t;
        }
        return sum + comp;
    }
}
