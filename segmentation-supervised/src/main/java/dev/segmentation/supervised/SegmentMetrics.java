package dev.segmentation.supervised;

import dev.segmentation.data.DataMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A classifier's metrics within each segment of a given label vector (e.g. the segments of a
 * {@link dev.segmentation.SegmentationModel}), each beside two baselines learnt from training rows:
 * <ul>
 *   <li><b>majority class</b>: every row gets the training rows' class shares (so it predicts the majority class);</li>
 *   <li><b>segment</b>: every row gets the class shares of the training rows of its own segment (the segment itself
 *       as the predictor: "customers of this segment respond at its rate"); a segment with no training row falls
 *       back to the overall shares and is flagged.</li>
 * </ul>
 * The same comparison is made over all rows. The model <em>beats</em> a baseline when its log loss (a proper scoring
 * rule, so calibration counts) is lower; {@link Group#verdict()} says so plainly, and also when it does not.
 * Accuracy, balanced accuracy, macro F1 and, for two classes, ROC AUC, PR AUC and Brier are in each
 * {@link ClassificationReport}.
 *
 * <p>O(n log n + segments x k^2). Immutable and thread-safe.
 */
public final class SegmentMetrics {
    /**
     * The metrics of one group of rows (a segment, or all rows).
     *
     * @param segment the segment id (any int, -1 for noise included), or {@code Integer.MIN_VALUE} for all rows
     * @param rows the number of evaluated rows in the group
     * @param classCounts the evaluated rows of each class
     * @param trainingRows the training rows of the group (for the segment baseline)
     * @param model the model's report
     * @param majority the majority-class baseline's report
     * @param segmentRate the segment baseline's report
     */
    public record Group(int segment, int rows, long[] classCounts, int trainingRows, ClassificationReport model,
            ClassificationReport majority, ClassificationReport segmentRate) {
        /** A defensive copy. */
        public Group {
            classCounts = classCounts.clone();
        }

        @Override
        public long[] classCounts() {
            return classCounts.clone();
        }

        /** Whether the model's log loss is below the majority-class baseline's. */
        public boolean beatsMajority() {
            return model.logLoss() < majority.logLoss();
        }

        /** Whether the model's log loss is below the segment baseline's. */
        public boolean beatsSegment() {
            return model.logLoss() < segmentRate.logLoss();
        }

        /** One plain line: the group, its counts, the three log losses and accuracies, and whether the model wins. */
        public String verdict() {
            String who = segment == Integer.MIN_VALUE ? "all rows" : "segment " + segment;
            String result;
            if (beatsMajority() && beatsSegment()) {
                result = "the model beats both baselines";
            } else if (beatsMajority()) {
                result = "the model does NOT beat the segment baseline";
            } else if (beatsSegment()) {
                result = "the model does NOT beat the majority class";
            } else {
                result = "the model beats NEITHER baseline";
            }
            return String.format(Locale.ROOT, "%s (%d rows, classes %s, %d training rows): log loss model %.4f,"
                    + " majority %.4f, segment %.4f; accuracy model %.4f, majority %.4f, segment %.4f: %s", who, rows,
                    Arrays.toString(classCounts), trainingRows, model.logLoss(), majority.logLoss(),
                    segmentRate.logLoss(), model.accuracy(), majority.accuracy(), segmentRate.accuracy(), result);
        }
    }

    private final List<Group> groups;
    private final Group overall;
    private final List<Integer> unseenSegments;

    private SegmentMetrics(List<Group> groups, Group overall, List<Integer> unseenSegments) {
        this.groups = List.copyOf(groups);
        this.overall = overall;
        this.unseenSegments = List.copyOf(unseenSegments);
    }

    /**
     * Per-segment metrics of {@code probabilities} against {@code truth}, with baselines from the training rows.
     *
     * @param truth the evaluated rows' classes in {@code 0..k-1}, k = the probabilities' columns
     * @param probabilities the model's probabilities, rows x k
     * @param segments the evaluated rows' segments
     * @param trainingTruth the training rows' classes (for the baselines)
     * @param trainingSegments the training rows' segments
     * @throws IllegalArgumentException when lengths differ, there are no rows, a class is outside {@code 0..k-1}
     *     (naming the array and row), or a probability is not in [0, 1]
     */
    public static SegmentMetrics of(int[] truth, DataMatrix probabilities, int[] segments, int[] trainingTruth,
            int[] trainingSegments) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(probabilities, "probabilities");
        Objects.requireNonNull(segments, "segments");
        Objects.requireNonNull(trainingTruth, "trainingTruth");
        Objects.requireNonNull(trainingSegments, "trainingSegments");
        int n = truth.length;
        int k = probabilities.cols();
        if (probabilities.rows() != n || segments.length != n) {
            throw new IllegalArgumentException("truth has " + n + " rows, probabilities " + probabilities.rows()
                    + " and segments " + segments.length + ": they must be equal");
        }
        if (trainingSegments.length != trainingTruth.length) {
            throw new IllegalArgumentException("trainingTruth has " + trainingTruth.length
                    + " rows but trainingSegments has " + trainingSegments.length);
        }
        if (n == 0 || trainingTruth.length == 0) {
            throw new IllegalArgumentException("no rows to evaluate" + (n == 0 ? "" : ": there are no training rows"));
        }
        for (int i = 0; i < n; i++) {
            ClassificationMetrics.checkLabel("truth", i, truth[i], k);
        }
        double[] overallShare = new double[k];
        TreeMap<Integer, double[]> segShare = new TreeMap<>();
        TreeMap<Integer, Integer> segTrain = new TreeMap<>();
        for (int i = 0; i < trainingTruth.length; i++) {
            ClassificationMetrics.checkLabel("trainingTruth", i, trainingTruth[i], k);
            overallShare[trainingTruth[i]]++;
            segShare.computeIfAbsent(trainingSegments[i], s -> new double[k])[trainingTruth[i]]++;
            segTrain.merge(trainingSegments[i], 1, Integer::sum);
        }
        for (int c = 0; c < k; c++) {
            overallShare[c] /= trainingTruth.length;
        }
        for (var e : segShare.entrySet()) {
            int m = segTrain.get(e.getKey());
            for (int c = 0; c < k; c++) {
                e.getValue()[c] /= m;
            }
        }
        double[] pv = probabilities.toArray();
        double[] maj = new double[n * k];
        double[] seg = new double[n * k];
        TreeMap<Integer, List<Integer>> rowsOf = new TreeMap<>();
        List<Integer> unseen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] s = segShare.get(segments[i]);
            if (s == null) {
                s = overallShare;
                if (!unseen.contains(segments[i])) {
                    unseen.add(segments[i]);
                }
            }
            System.arraycopy(overallShare, 0, maj, i * k, k);
            System.arraycopy(s, 0, seg, i * k, k);
            rowsOf.computeIfAbsent(segments[i], x -> new ArrayList<>()).add(i);
        }
        List<Group> groups = new ArrayList<>();
        for (var e : rowsOf.entrySet()) {
            int[] idx = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            groups.add(group(e.getKey(), idx, truth, pv, maj, seg, k, segTrain.getOrDefault(e.getKey(), 0)));
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        Group overall = group(Integer.MIN_VALUE, all, truth, pv, maj, seg, k, trainingTruth.length);
        java.util.Collections.sort(unseen);
        return new SegmentMetrics(groups, overall, unseen);
    }

    private static Group group(int segment, int[] idx, int[] truth, double[] p, double[] maj, double[] seg, int k,
            int trainingRows) {
        int m = idx.length;
        int[] y = new int[m];
        long[] counts = new long[k];
        double[] a = new double[m * k];
        double[] b = new double[m * k];
        double[] c = new double[m * k];
        for (int r = 0; r < m; r++) {
            int i = idx[r];
            y[r] = truth[i];
            counts[truth[i]]++;
            System.arraycopy(p, i * k, a, r * k, k);
            System.arraycopy(maj, i * k, b, r * k, k);
            System.arraycopy(seg, i * k, c, r * k, k);
        }
        return new Group(segment, m, counts, trainingRows, ClassificationReport.of(y, DataMatrix.wrap(m, k, a)),
                ClassificationReport.of(y, DataMatrix.wrap(m, k, b)), ClassificationReport.of(y, DataMatrix.wrap(m, k,
                        c)));
    }

    /** One group per segment of the evaluated rows, by increasing segment id (unmodifiable). */
    public List<Group> segments() {
        return groups;
    }

    /** All evaluated rows together (segment {@code Integer.MIN_VALUE}). */
    public Group overall() {
        return overall;
    }

    /** Segments of evaluated rows that had no training row (their segment baseline is the overall shares). */
    public List<Integer> segmentsWithoutTrainingRows() {
        return unseenSegments;
    }

    /** The verdict line of every segment, then of all rows, one per line. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Group g : groups) {
            b.append(g.verdict()).append('\n');
        }
        b.append(overall.verdict());
        if (!unseenSegments.isEmpty()) {
            b.append("\nsegments without training rows (segment baseline = overall shares): ").append(unseenSegments);
        }
        return b.toString();
    }
}
