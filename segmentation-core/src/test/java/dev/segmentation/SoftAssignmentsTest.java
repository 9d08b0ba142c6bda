package dev.segmentation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.GaussianMixture;
import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.SoftClusterModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.Transactions;
import dev.segmentation.features.Rfm;
import dev.segmentation.fit.FitContext;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.testing.SyntheticRetail;
import org.junit.jupiter.api.Test;

/** Membership strengths of predicted assignments, from a {@link SoftClusterModel}. */
class SoftAssignmentsTest {
    private static SegmentationModel fit(Segmenter.Builder b, Transactions tx) {
        return b.features(Rfm.builder().cancelledOrderPrefix("C").build()).scaling(Scaling.robust().log1p("monetary"))
                .seed(3).build().fit(tx);
    }

    @Test
    void hdbscanPredictionsCarryTheStrengthsOfTheClusterModel() {
        Transactions tx = SyntheticRetail.transactions(150, 5);
        Transactions next = SyntheticRetail.transactions(60, 6);
        SegmentationModel model = fit(Segmenter.builder().clusterer(Hdbscan.builder().minClusterSize(5)), tx);
        HdbscanModel hdbscan = (HdbscanModel) model.clusterModel();
        SegmentAssignments a = model.predict(next);
        double[] strengths = a.strengths().orElseThrow();
        assertEquals(a.size(), strengths.length);
        DataMatrix x = model.scaler().transform(a.features()).matrix();
        HdbscanModel.Prediction p = hdbscan.predictWithStrength(x);
        assertArrayEquals(p.labels(), a.labels());
        assertArrayEquals(p.strengths(), strengths);
        for (int i = 0; i < strengths.length; i++) {
            assertTrue(strengths[i] >= 0 && strengths[i] <= 1, "strength " + strengths[i]);
            if (a.labels()[i] < 0) {
                assertEquals(0.0, strengths[i], "noise has strength 0");
            }
            String id = a.entityIds().get(i);
            assertEquals(strengths[i], a.strength(id).getAsDouble());
        }
        assertTrue(a.size() > 0);
        // the interface method gives the same as predictWithStrength
        double[] out = new double[x.rows()];
        SoftClusterModel soft = hdbscan;
        assertArrayEquals(p.labels(), soft.predict(x, out));
        assertArrayEquals(p.strengths(), out);
        assertArrayEquals(hdbscan.strengths(), soft.strengths());
        assertArrayEquals(hdbscan.outlierScores(), soft.outlierScores());
        // a copy each time
        a.strengths().orElseThrow()[0] = 42;
        assertArrayEquals(strengths, a.strengths().orElseThrow());
        assertFalse(a.strength("no such entity").isPresent());
        // approximate GLOSH outlier scores of the new rows, for noise rows too
        double[] scores = a.outlierScores().orElseThrow();
        assertArrayEquals(p.outlierScores(), scores);
        assertArrayEquals(hdbscan.outlierScores(x), scores);
        for (int i = 0; i < scores.length; i++) {
            assertTrue(scores[i] >= 0 && scores[i] <= 1, "outlier score " + scores[i]);
            assertEquals(scores[i], a.outlierScore(a.entityIds().get(i)).getAsDouble());
        }
        assertFalse(a.outlierScore("no such entity").isPresent());
        // the training entities scored again get their training GLOSH scores (their feature rows are unique here)
        SegmentAssignments again = model.predict(tx);
        assertArrayEquals(hdbscan.outlierScores(), again.outlierScores().orElseThrow());
    }

    @Test
    void kMeansPredictionsHaveNoStrengths() {
        Transactions tx = SyntheticRetail.transactions(80, 5);
        SegmentationModel model = fit(Segmenter.builder().clusterer(KMeans.builder().k(3)), tx);
        SegmentAssignments a = model.predict(tx);
        assertFalse(a.strengths().isPresent());
        assertFalse(a.strength(a.entityIds().get(0)).isPresent());
        // K-Means defines no outlier score: absent, not zero
        assertFalse(a.outlierScores().isPresent());
        assertFalse(a.outlierScore(a.entityIds().get(0)).isPresent());
    }

    @Test
    void gaussianMixturePredictionsHaveStrengthsButNoOutlierScores() {
        Transactions tx = SyntheticRetail.transactions(80, 5);
        SegmentationModel model = fit(Segmenter.builder().clusterer(GaussianMixture.builder().k(2)), tx);
        SegmentAssignments a = model.predict(tx);
        assertTrue(a.strengths().isPresent());
        assertFalse(a.outlierScores().isPresent());
    }

    @Test
    void strengthsOutMustMatchTheRowCount() {
        DataMatrix x = SyntheticRetail.blobs(60, 2, 2, 1);
        HdbscanModel m = Hdbscan.builder().minClusterSize(5).build().fit(x, FitContext.seeded(1));
        assertEquals("strengthsOut has 3 values but x has 60 rows", assertThrows(IllegalArgumentException.class,
                () -> m.predict(x, new double[3])).getMessage());
        assertThrows(NullPointerException.class, () -> m.predict(x, null));
    }
}
