package dev.segmentation.quality;

import dev.segmentation.quality.internal.Checks;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Describes each segment by its most distinctive features against the whole population: for each feature, the
 * standardised difference {@code (segment mean - population mean) / population standard deviation} (population
 * standard deviation with divisor n; a constant feature has difference 0), its direction, and the segments'
 * features ranked by the absolute difference (ties by column order). Noise ({@code -1}), when present, is
 * described like a segment; the population is every row.
 *
 * <p>Complexity O(n d + k d log d). Deterministic; stateless and thread-safe.
 */
public final class SegmentDescriptions {
    private SegmentDescriptions() {
    }

    /** Whether a segment's mean lies above or below the population's. */
    public enum Direction {
        /** Above the population mean. */
        HIGHER,
        /** Below the population mean. */
        LOWER,
        /** Equal to it. */
        SAME
    }

    /**
     * One feature of a segment.
     *
     * @param feature the feature name
     * @param segmentMean the segment's mean
     * @param populationMean the mean over all rows
     * @param effect the standardised difference, in population standard deviations
     * @param direction the sign of the difference
     */
    public record FeatureDifference(String feature, double segmentMean, double populationMean, double effect,
            Direction direction) {
    }

    /**
     * One segment's description.
     *
     * @param segment the label
     * @param size number of rows
     * @param share share of all rows
     * @param features the most distinctive features, by decreasing absolute effect
     */
    public record SegmentDescription(int segment, int size, double share, List<FeatureDifference> features) {
        /** Copies the list. */
        public SegmentDescription {
            features = List.copyOf(features);
        }

        /** A short name from the first {@code n} features, e.g. {@code "higher monetary, lower recency_days"}. */
        public String name(int n) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < Math.min(n, features.size()); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                FeatureDifference f = features.get(i);
                sb.append(f.direction().name().toLowerCase(Locale.ROOT)).append(' ').append(f.feature());
            }
            return sb.toString();
        }
    }

    /**
     * Describes the segments of {@code labels} over the features of {@code table}, keeping the {@code top} most
     * distinctive features of each.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException as {@link #describe(DataMatrix, List, int[], int)}
     */
    public static List<SegmentDescription> describe(FeatureTable table, int[] labels, int top) {
        Objects.requireNonNull(table, "table");
        double[] v = new double[Math.multiplyExact(table.rows(), table.cols())];
        for (int i = 0; i < table.rows(); i++) {
            System.arraycopy(table.row(i), 0, v, i * table.cols(), table.cols());
        }
        return describe(DataMatrix.wrap(table.rows(), table.cols(), v), table.featureNames(), labels, top);
    }

    /**
     * Describes the segments of {@code labels} over the columns of {@code x} named {@code featureNames}.
     *
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the lengths differ, a value is not finite, a label is below -1,
     *     {@code x} has no rows, or {@code top < 1}
     */
    public static List<SegmentDescription> describe(DataMatrix x, List<String> featureNames, int[] labels,
            int top) {
        Checks.dataAndLabels(x, labels);
        Checks.noiseOrCluster(labels);
        Objects.requireNonNull(featureNames, "featureNames");
        if (featureNames.size() != x.cols()) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + x.cols() + " columns");
        }
        if (top < 1) {
            throw new IllegalArgumentException("top must be >= 1 but was " + top);
        }
        int n = x.rows();
        if (n == 0) {
            throw new IllegalArgumentException("x has no rows");
        }
        int d = x.cols();
        double[] v = x.toArray();
        LabelCodes lc = LabelCodes.of(labels);
        int k = lc.k();
        double[] means = InternalIndices.means(v, n, d, lc.codes, lc.sizes, k);
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < d; t++) {
                mean[t] += v[i * d + t];
            }
        }
        for (int t = 0; t < d; t++) {
            mean[t] /= n;
        }
        double[] sd = new double[d];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < d; t++) {
                double df = v[i * d + t] - mean[t];
                sd[t] += df * df;
            }
        }
        for (int t = 0; t < d; t++) {
            sd[t] = Math.sqrt(sd[t] / n);
        }
        List<SegmentDescription> out = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            Integer[] order = new Integer[d];
            double[] effect = new double[d];
            for (int t = 0; t < d; t++) {
                order[t] = t;
                effect[t] = sd[t] == 0 ? 0.0 : (means[c * d + t] - mean[t]) / sd[t];
            }
            Arrays.sort(order, (p, q) -> {
                int cmp = Double.compare(Math.abs(effect[q]), Math.abs(effect[p]));
                return cmp != 0 ? cmp : Integer.compare(p, q);
            });
            List<FeatureDifference> fs = new ArrayList<>();
            for (int r = 0; r < Math.min(top, d); r++) {
                int t = order[r];
                Direction dir = effect[t] > 0 ? Direction.HIGHER : effect[t] < 0 ? Direction.LOWER : Direction.SAME;
                fs.add(new FeatureDifference(featureNames.get(t), means[c * d + t], mean[t], effect[t], dir));
            }
            out.add(new SegmentDescription(lc.values[c], lc.sizes[c], lc.sizes[c] / (double) n, fs));
        }
        return List.copyOf(out);
    }
}
