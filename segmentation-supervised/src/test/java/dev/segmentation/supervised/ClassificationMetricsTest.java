package dev.segmentation.supervised;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.supervised.ClassificationMetrics.Average;
import dev.segmentation.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every metric against scikit-learn 1.2.1 on ../shared/data/reference/classification_metrics_sklearn.json (2,000 rows,
 * tied scores included), to 1e-12; plus hand-computed cases and the error paths.
 */
class ClassificationMetricsTest {
    private static final double TOL = 1e-12;

    private static JsonNode reference() throws IOException {
        Path f = SharedData.require("data/reference/classification_metrics_sklearn.json");
        return new ObjectMapper().readTree(f.toFile());
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    private static long[][] matrix(JsonNode a) {
        long[][] out = new long[a.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new long[a.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = a.get(i).get(j).asLong();
            }
        }
        return out;
    }

    @Test
    void binaryAgreesWithScikitLearn() throws IOException {
        JsonNode b = reference().get("binary");
        int[] y = ints(b.get("y_true"));
        double[] s = doubles(b.get("score"));
        double t = b.get("threshold").asDouble();
        int[] pred = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            pred[i] = s[i] >= t ? 1 : 0;
        }
        assertEquals(b.get("roc_auc").asDouble(), ClassificationMetrics.rocAuc(y, s), TOL);
        assertEquals(b.get("average_precision").asDouble(), ClassificationMetrics.averagePrecision(y, s), TOL);
        assertEquals(b.get("log_loss").asDouble(), ClassificationMetrics.logLoss(y, s), TOL);
        assertEquals(b.get("brier").asDouble(), ClassificationMetrics.brier(y, s), TOL);
        assertEquals(b.get("accuracy").asDouble(), ClassificationMetrics.accuracy(y, pred), TOL);
        assertEquals(b.get("balanced_accuracy").asDouble(), ClassificationMetrics.balancedAccuracy(y, pred), TOL);
        assertEquals(b.get("f1").asDouble(), ClassificationMetrics.f1(y, pred, 1), TOL);
        assertEquals(b.get("precision").asDouble(), ClassificationMetrics.precision(y, pred, 1), TOL);
        assertEquals(b.get("recall").asDouble(), ClassificationMetrics.recall(y, pred, 1), TOL);
        assertArrayEquals(matrix(b.get("confusion_matrix")), ConfusionMatrix.of(y, pred, 2).toArray());
        ClassificationMetrics.Curve roc = ClassificationMetrics.rocCurve(y, s);
        double[] fpr = doubles(b.get("roc_curve").get(0));
        double[] tpr = doubles(b.get("roc_curve").get(1));
        assertEquals(fpr.length, roc.x().length, "points on the ROC curve");
        assertArrayEquals(fpr, roc.x(), TOL);
        assertArrayEquals(tpr, roc.y(), TOL);
    }

    @Test
    void multiclassAgreesWithScikitLearn() throws IOException {
        JsonNode m = reference().get("multiclass");
        int[] y = ints(m.get("y_true"));
        JsonNode p = m.get("prob");
        int k = p.get(0).size();
        double[] v = new double[y.length * k];
        int[] pred = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            for (int c = 0; c < k; c++) {
                v[i * k + c] = p.get(i).get(c).asDouble();
                if (v[i * k + c] > v[i * k + pred[i]]) {
                    pred[i] = c;
                }
            }
        }
        DataMatrix prob = DataMatrix.of(y.length, k, v);
        assertEquals(m.get("log_loss").asDouble(), ClassificationMetrics.logLoss(y, prob), TOL);
        assertEquals(m.get("accuracy").asDouble(), ClassificationMetrics.accuracy(y, pred), TOL);
        assertEquals(m.get("balanced_accuracy").asDouble(), ClassificationMetrics.balancedAccuracy(y, pred), TOL);
        assertEquals(m.get("f1_macro").asDouble(), ClassificationMetrics.f1(y, pred, Average.MACRO), TOL);
        assertEquals(m.get("f1_weighted").asDouble(), ClassificationMetrics.f1(y, pred, Average.WEIGHTED), TOL);
        assertEquals(m.get("roc_auc_ovr_macro").asDouble(), ClassificationMetrics.rocAucOvr(y, prob), TOL);
        assertArrayEquals(matrix(m.get("confusion_matrix")), ConfusionMatrix.of(y, pred, k).toArray());
    }

    @Test
    void handComputedSmallCases() {
        // scores 0.9 (pos), 0.8 (neg), 0.8 (pos), 0.1 (neg): pairs pos>neg: (0.9>0.8, 0.9>0.1, 0.8=0.8 half, 0.8>0.1) = 3.5/4
        int[] y = {1, 0, 1, 0};
        double[] s = {0.9, 0.8, 0.8, 0.1};
        assertEquals(0.875, ClassificationMetrics.rocAuc(y, s), 1e-15);
        // AP: threshold 0.9: R=0.5, P=1; threshold 0.8: R=1, P=2/3 -> 0.5*1 + 0.5*2/3
        assertEquals(0.5 + 1.0 / 3, ClassificationMetrics.averagePrecision(y, s), 1e-15);
        // macro F1 over classes {0,1,2}: class 2 never true nor predicted is skipped
        int[] t = {0, 0, 1, 1};
        int[] p = {0, 1, 1, 1};
        // class 0: P=1, R=0.5, F1=2/3; class 1: P=2/3, R=1, F1=0.8
        assertEquals((2.0 / 3 + 0.8) / 2, ClassificationMetrics.f1(t, p, Average.MACRO), 1e-15);
        assertEquals(0.75, ClassificationMetrics.balancedAccuracy(t, p), 1e-15);
    }

    @Test
    void gainsByDecileOfAPerfectRanking() {
        int[] y = new int[100];
        double[] s = new double[100];
        for (int i = 0; i < 100; i++) {
            y[i] = i < 20 ? 1 : 0;
            s[i] = 1 - i / 100.0;
        }
        List<ClassificationMetrics.GainsBin> g = ClassificationMetrics.gains(y, s, 10);
        assertEquals(10, g.size());
        assertEquals(5.0, g.get(0).lift(), 1e-12);
        assertEquals(1.0, g.get(1).cumulativeGain(), 1e-12);
        assertEquals(1.0, g.get(9).cumulativeLift(), 1e-12);
        assertEquals(0.0, g.get(2).responseRate(), 0);
    }

    @Test
    void calibrationCurveOfUniformBins() {
        int[] y = {0, 1, 1, 1};
        double[] p = {0.05, 0.15, 0.95, 0.92};
        ClassificationMetrics.Curve c = ClassificationMetrics.calibrationCurve(y, p, 10);
        assertArrayEquals(new double[] {0.05, 0.15, 0.935}, c.x(), 1e-15);
        assertArrayEquals(new double[] {0, 1, 1}, c.y(), 0);
    }

    @Test
    void errorsNameTheRowAndValue() {
        assertEquals("truth[1] is 2 but a binary metric needs 0 or 1",
                assertThrows(IllegalArgumentException.class,
                        () -> ClassificationMetrics.rocAuc(new int[] {0, 2}, new double[] {0.1, 0.2})).getMessage());
        assertEquals("the ROC curve needs both classes in truth but only class 0 occurs",
                assertThrows(IllegalArgumentException.class,
                        () -> ClassificationMetrics.rocAuc(new int[] {0, 0}, new double[] {0.1, 0.2})).getMessage());
        assertEquals("score[0] is NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> ClassificationMetrics.brier(new int[] {0, 1}, new double[] {Double.NaN, 0.2}))
                        .getMessage());
        assertEquals("truth[1] is class 3 but the probabilities have columns for classes 0..2 only",
                assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.logLoss(new int[] {0, 3},
                        DataMatrix.of(2, 3, new double[] {0.2, 0.3, 0.5, 0.2, 0.3, 0.5}))).getMessage());
        assertEquals("probability at row 0, class 1 is 1.5, not in [0, 1]",
                assertThrows(IllegalArgumentException.class,
                        () -> ClassificationMetrics.logLoss(new int[] {0, 1}, new double[] {1.5, 0.2})).getMessage());
        assertEquals("truth has 2 rows but predicted has 3",
                assertThrows(IllegalArgumentException.class,
                        () -> ClassificationMetrics.accuracy(new int[] {0, 1}, new int[] {0, 1, 1})).getMessage());
    }
}
