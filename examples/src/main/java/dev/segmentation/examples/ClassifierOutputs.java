package dev.segmentation.examples;

import dev.segmentation.io.ClassifierCharts;
import dev.segmentation.supervised.ClassificationMetrics;
import dev.segmentation.supervised.ConfusionMatrix;
import dev.segmentation.supervised.SegmentMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Files the response examples write: confusion matrix (CSV, PNG), calibration curve (PNG), per-segment CSV. */
final class ClassifierOutputs {
    private ClassifierOutputs() {
    }

    static void confusion(Path dir, String name, ConfusionMatrix m, List<String> classNames) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".csv"), m.toCsv(classNames));
        ClassifierCharts.confusionMatrix(dir.resolve(name + ".png"), m.toArray(), classNames, 600, 500);
    }

    /** The calibration curve of {@code p1} (10 bins); with {@code truth} (known probabilities) as a second series. */
    static ClassificationMetrics.Curve calibration(Path dir, String name, int[] y, double[] p1, double[] trueP,
            String label) throws IOException {
        Files.createDirectories(dir);
        ClassificationMetrics.Curve c = ClassificationMetrics.calibrationCurve(y, p1, 10);
        if (trueP == null) {
            ClassifierCharts.calibrationCurve(dir.resolve(name + ".png"), c.x(), c.y(), label, 700, 550);
        } else {
            ClassifierCharts.calibrationCurve(dir.resolve(name + ".png"), c.x(), c.y(), meanTrueByBin(p1, trueP, 10),
                    label, 700, 550);
        }
        return c;
    }

    /** Mean of {@code trueP} over the non-empty equal-width bins of {@code p1} (the bins of calibrationCurve). */
    static double[] meanTrueByBin(double[] p1, double[] trueP, int bins) {
        double[] sum = new double[bins];
        int[] cnt = new int[bins];
        double step = 1.0 / bins;
        for (int i = 0; i < p1.length; i++) {
            int b = 0;
            while (b < bins - 1 && (b + 1) * step < p1[i]) {
                b++;
            }
            sum[b] += trueP[i];
            cnt[b]++;
        }
        int nonEmpty = 0;
        for (int c : cnt) {
            nonEmpty += c > 0 ? 1 : 0;
        }
        double[] out = new double[nonEmpty];
        int j = 0;
        for (int b = 0; b < bins; b++) {
            if (cnt[b] > 0) {
                out[j++] = sum[b] / cnt[b];
            }
        }
        return out;
    }

    static void segments(Path dir, String name, SegmentMetrics m) throws IOException {
        StringBuilder b = new StringBuilder("segment,rows,positives,training_rows,model_log_loss,majority_log_loss,"
                + "segment_log_loss,model_brier,majority_brier,segment_brier,model_roc_auc,beats_majority,"
                + "beats_segment\n");
        for (SegmentMetrics.Group g : m.segments()) {
            b.append(row(Integer.toString(g.segment()), g));
        }
        b.append(row("all", m.overall()));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".csv"), b);
    }

    private static String row(String id, SegmentMetrics.Group g) {
        long[] c = g.classCounts();
        return String.format(Locale.ROOT, "%s,%d,%d,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%s,%b,%b%n", id, g.rows(),
                c.length > 1 ? c[1] : 0, g.trainingRows(), g.model().logLoss(), g.majority().logLoss(),
                g.segmentRate().logLoss(), g.model().brier().orElse(Double.NaN),
                g.majority().brier().orElse(Double.NaN), g.segmentRate().brier().orElse(Double.NaN),
                g.model().rocAuc().isPresent() ? String.format(Locale.ROOT, "%.6f", g.model().rocAuc().getAsDouble())
                        : "", g.beatsMajority(), g.beatsSegment());
    }
}
