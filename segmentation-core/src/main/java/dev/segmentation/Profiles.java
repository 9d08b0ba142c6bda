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
        List<SegmentProfile> profiles = new ArrayList<>(segments.size());
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
                if (j == valueCol) {
                    valueSum = sum;
                }
            }
            double valueShare = Double.NaN;
            if (valueCol >= 0 && valueTotal != 0) {
                valueShare = valueSum / valueTotal;
            }
            profiles.add(new SegmentProfile(s, SegmentNamer.DEFAULT.name(s, List.of()), size, size / (double) n,
                    valueShare, names, means, medians));
        }
        List<SegmentProfile> named = new ArrayList<>(profiles.size());
        for (SegmentProfile p : profiles) {
            String name = namer.name(p.segment(), java.util.Collections.unmodifiableList(profiles));
            named.add(new SegmentProfile(p.segment(), name == null ? SegmentNamer.DEFAULT.name(p.segment(), profiles)
                    : name, p.size(), p.share(), p.valueShare().orElse(Double.NaN), names, p.means(), p.medians()));
        }
        return List.copyOf(named);
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
