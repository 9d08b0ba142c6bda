package dev.segmentation.issues;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, defect 6: {@code predict([1e160, 0])} threw ArrayIndexOutOfBoundsException (index -1) because every
 * squared distance overflowed to infinity and no nearest neighbour was chosen. Such a row is noise with strength 0.
 */
class Defect6HdbscanFarRowTest {
    private static final HdbscanModel MODEL = Hdbscan.builder().minClusterSize(10).build()
            .fit(IssueData.threeBlobs(60, 7), FitContext.seeded(1).withThreads(2));

    @Test
    void aRowBeyondOverflowIsNoiseWithStrengthZero() {
        assertEquals(3, MODEL.clusterCount());
        for (double[] row : new double[][] {{1e160, 0}, {0, -1e160}, {-1.7e308, 1.7e308}, {1e155, 1e155}}) {
            HdbscanModel.Prediction p = MODEL.predictWithStrength(row);
            assertEquals(-1, p.label(0), "row " + row[0] + ", " + row[1]);
            assertEquals(0.0, p.strength(0));
        }
    }

    @Test
    void aFarRowWhoseSquaredDistancesStillFitIsNoiseToo() {
        // about 1e150 away: squared distances near 1e300 are finite; lambda is tiny, below every cluster's birth
        HdbscanModel.Prediction p = MODEL.predictWithStrength(new double[] {1e150, 0});
        assertEquals(-1, p.label(0));
        assertEquals(0.0, p.strength(0));
    }

    @Test
    void farRowsInABatchLeaveTheOtherRowsUnchanged() {
        double[][] rows = {{0.1, 0.2}, {1e160, 0}, {10.2, -0.1}, {-1e200, -1e200}, {0.3, 9.8}};
        DataMatrix x = DataMatrix.ofRows(rows);
        for (int threads : new int[] {1, 3}) {
            HdbscanModel.Prediction p = MODEL.predictWithStrength(x, threads);
            int[] expected = new int[rows.length];
            for (int i = 0; i < rows.length; i++) {
                expected[i] = MODEL.predict(rows[i]);
            }
            assertArrayEquals(expected, p.labels());
            assertEquals(-1, p.label(1));
            assertEquals(-1, p.label(3));
            assertTrue(p.label(0) >= 0 && p.label(2) >= 0 && p.label(4) >= 0, java.util.Arrays.toString(p.labels()));
            assertEquals(0.0, p.strength(1));
            assertEquals(0.0, p.strength(3));
        }
    }
}
