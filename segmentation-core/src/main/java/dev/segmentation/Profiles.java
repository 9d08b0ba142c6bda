package dev.segmentation;

import dev.segmentation.data.FeatureTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-segment profiles on raw features. O(n d log n) for the medians.
 *
 * <p><b>Row order.</b> Every sum (means, value shares) runs over the values sorted ascending, with compensated
 * (Neumaier) summation, so the profiles are a function of the multiset of (label, row) pairs: reordering the rows
 * of the feature table changes no bit.
 */
final class Profiles {
    private Profiles() {
    }

    static List<SegmentProfile> compute(FeatureTable raw, int[] labels, String valueFeature, SegmentNamer namer) {
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
        double[][] effects = cliffsDelta(x, n, d, labels, segments);
        List<SegmentProfile> profiles = new ArrayList<>(segments.size());
        int segIndex = 0;
        for (int s : segments) {
            int size = 0;
            for (int i = 0; i < n; i++) {
                if (labels[i] == s) {
                    size++;
                }
            }
            int[] members = new int[size];
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (labels[i] == s) {
                    members[m++] = i;
                }
            }
            double[] means = new double[d];
            double[] medians = new double[d];
            double[] sds = new double[d];
            double[] col = new double[size];
            double valueSum = 0;
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < size; k++) {
                    col[k] = x[members[k] * d + j];
                }
                Arrays.sort(col);
                double sum = sortedSum(col, size);
                means[j] = sum / size;
                medians[j] = (size & 1) == 1 ? col[size / 2] : (col[size / 2 - 1] + col[size / 2]) / 2;
                double ss = 0;
                for (int k = 0; k < size; k++) {
                    double dv = col[k] - means[j];
                    ss += dv * dv;
                }
                sds[j] = size > 1 ? Math.sqrt(ss / (size - 1)) : 0.0;
                if (j == valueCol) {
                    valueSum = sum;
                }
            }
            double valueShare = Double.NaN;
            if (valueCol >= 0 && valueTotal != 0) {
                valueShare = valueSum / valueTotal;
            }
            profiles.add(new SegmentProfile(s, SegmentNamer.DEFAULT.name(s, List.of()), size, size / (double) n,
                    valueShare, names, means, medians, sds, effects[segIndex++]));
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
