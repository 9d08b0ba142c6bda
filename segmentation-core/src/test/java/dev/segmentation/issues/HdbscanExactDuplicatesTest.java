package dev.segmentation.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, weak spot "HDBSCAN exact duplicates": a training row inside a cluster of exact duplicates got strength
 * 1.0 from the fit (it left the condensed tree at lambda infinite) but 0.0 when predicted again (the largest double
 * over an infinite largest lambda). Prediction now takes lambda infinite at mutual reachability distance 0, so both
 * give 1 (documented on {@link HdbscanModel}).
 */
class HdbscanExactDuplicatesTest {
    /** 25 copies of (0, 0) and of (10, 10), each inside 20 scattered rows, plus 3 outliers. */
    private static DataMatrix duplicateClusters() {
        SplittableRandom r = new SplittableRandom(3);
        double[][] rows = new double[93][];
        int i = 0;
        for (int c = 0; c < 2; c++) {
            double at = 10 * c;
            for (int k = 0; k < 25; k++) {
                rows[i++] = new double[] {at, at};
            }
            for (int k = 0; k < 20; k++) {
                rows[i++] = new double[] {at + IssueData.gauss(r) * 0.4, at + IssueData.gauss(r) * 0.4};
            }
        }
        rows[i++] = new double[] {5, -6};
        rows[i++] = new double[] {-7, 12};
        rows[i] = new double[] {18, -3};
        return DataMatrix.ofRows(rows);
    }

    @Test
    void aDuplicateTrainingRowPredictsTheStrengthTheFitGaveIt() {
        DataMatrix x = duplicateClusters();
        HdbscanModel m = Hdbscan.builder().minClusterSize(8).build().fit(x, FitContext.seeded(1).withThreads(2));
        assertEquals(2, m.clusterCount());
        int[] labels = m.labels();
        double[] strengths = m.strengths();
        HdbscanModel.Prediction p = m.predictWithStrength(x, 2);
        int duplicates = 0;
        for (int i = 0; i < x.rows(); i++) {
            boolean duplicate = i % 45 < 25 && i < 90;
            if (!duplicate) {
                continue;
            }
            duplicates++;
            assertEquals(1.0, strengths[i], "fit strength of duplicate row " + i);
            assertEquals(labels[i], p.label(i), "label of duplicate row " + i);
            assertEquals(strengths[i], p.strength(i), "predicted strength of duplicate row " + i);
            assertEquals(1.0, m.predictWithStrength(x.row(i)).strength(0), "single-row prediction of row " + i);
        }
        assertEquals(50, duplicates);
    }

    @Test
    void aNewRowNearButNotOnTheDuplicatesKeepsTheRatioRule() {
        HdbscanModel m = Hdbscan.builder().minClusterSize(8).build()
                .fit(duplicateClusters(), FitContext.seeded(1).withThreads(1));
        // the cluster's largest lambda is infinite: a row at a positive mutual reachability distance has a finite
        // lambda and strength finite / infinite = 0, as the fit gives its own rows of finite lambda
        HdbscanModel.Prediction p = m.predictWithStrength(new double[] {0.05, -0.05});
        assertTrue(p.label(0) >= 0);
        assertEquals(0.0, p.strength(0));
    }
}
