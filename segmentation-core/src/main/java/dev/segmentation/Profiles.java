package dev.segmentation;

import dev.segmentation.data.FeatureTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Per-segment profiles on raw features. O(n d log n) for the medians. */
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
            for (int i = 0; i < n; i++) {
                valueTotal += x[i * d + valueCol];
            }
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
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int k = 0; k < size; k++) {
                    col[k] = x[members[k] * d + j];
                    sum += col[k];
                }
                means[j] = sum / size;
                Arrays.sort(col);
                medians[j] = (size & 1) == 1 ? col[size / 2] : (col[size / 2 - 1] + col[size / 2]) / 2;
            }
            double valueShare = Double.NaN;
            if (valueCol >= 0 && valueTotal != 0) {
                double v = 0;
                for (int k = 0; k < size; k++) {
                    v += x[members[k] * d + valueCol];
                }
                valueShare = v / valueTotal;
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
}
