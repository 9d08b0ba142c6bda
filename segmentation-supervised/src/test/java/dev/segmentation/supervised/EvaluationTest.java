package dev.segmentation.supervised;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.FeatureTable;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    @Property(tries = 50)
    void stratifiedFoldsKeepClassSharesWithinOneRow(@ForAll @IntRange(min = 2, max = 7) int k,
            @ForAll @IntRange(min = 20, max = 300) int n, @ForAll long seed) {
        int[] y = new int[n];
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(4);
        }
        int[] folds = StratifiedKFold.folds(y, k, seed);
        int[] size = new int[k];
        int[][] perClass = new int[4][k];
        int[] count = new int[4];
        for (int i = 0; i < n; i++) {
            size[folds[i]]++;
            perClass[y[i]][folds[i]]++;
            count[y[i]]++;
        }
        for (int f = 0; f < k; f++) {
            assertTrue(Math.abs(size[f] - (double) n / k) <= 1, "fold sizes " + java.util.Arrays.toString(size));
            for (int c = 0; c < 4; c++) {
                assertTrue(Math.abs(perClass[c][f] - (double) count[c] / k) <= 1, "class " + c + " in fold " + f);
            }
        }
        assertArrayEquals(folds, StratifiedKFold.folds(y, k, seed));
    }

    @Test
    void crossValidationBeatsTheMajorityBaseline() {
        FeatureTable x = Fixtures.table(1200, 21);
        int[] y = Fixtures.labels(x, 3, 22);
        CrossValidation.Result r = CrossValidation.stratifiedKFold(
                Classifier.gradientBoosting().nRounds(30).seed(1).build(), x, y, 5, 9);
        assertEquals(5, r.foldReports().size());
        assertTrue(r.report().accuracy() > 0.8, r.report().toString());
        assertTrue(r.baseline().accuracy() < 0.4, r.baseline().toString());
        assertTrue(r.report().logLoss() < r.baseline().logLoss());
        assertEquals(1200, r.report().confusion().total());
    }

    @Test
    void permutationImportanceFindsTheInformativeFeatures() {
        FeatureTable train = Fixtures.table(1500, 31);
        int[] y = Fixtures.labels(train, 3, 32);
        FeatureTable test = Fixtures.table(600, 33);
        int[] yt = Fixtures.labels(test, 3, 34);
        ClassifierModel m = Classifier.gradientBoosting().nRounds(30).seed(1).build().fit(train, y);
        List<PermutationImportance.Importance> imp = PermutationImportance.of(m, test, yt,
                PermutationImportance.Score.ACCURACY, 3, 5);
        Map<String, Double> mean = PermutationImportance.means(imp);
        assertTrue(mean.get("x0") > 0.1 && mean.get("x1") > 0.1, mean.toString());
        assertTrue(Math.abs(mean.get("noise0")) < 0.03 && Math.abs(mean.get("noise1")) < 0.03, mean.toString());
        assertEquals(imp, imp);
        assertArrayEquals(imp.get(0).drops(), PermutationImportance.of(m, test, yt,
                PermutationImportance.Score.ACCURACY, 3, 5).get(0).drops());
    }

    @Test
    void shapContributionsAddUpToTheMargin() {
        FeatureTable train = Fixtures.table(800, 41);
        for (int k : new int[] {2, 3}) {
            int[] y = Fixtures.labels(train, k, 42);
            ClassifierModel m = Classifier.gradientBoosting().nRounds(20).seed(1).build().fit(train, y);
            double[] c = m.contributions(train).toArray();
            double[] margin = m.margins(train).toArray();
            int groups = k == 2 ? 1 : k;
            int w = train.cols() + 1;
            for (int i = 0; i < train.rows(); i++) {
                for (int g = 0; g < groups; g++) {
                    double s = 0;
                    for (int j = 0; j < w; j++) {
                        s += c[i * groups * w + g * w + j];
                    }
                    assertEquals(margin[i * groups + g], s, 1e-4, "row " + i + ", class " + g);
                }
            }
        }
    }
}
