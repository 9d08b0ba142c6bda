package dev.segmentation.supervised;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentMetricsTest {
    private static final int[] TRAIN_Y = {0, 0, 1, 1, 1, 1, 1, 0};
    private static final int[] TRAIN_S = {0, 0, 0, 0, 1, 1, 1, 1};

    private static DataMatrix binary(double... p1) {
        double[] v = new double[2 * p1.length];
        for (int i = 0; i < p1.length; i++) {
            v[2 * i] = 1 - p1[i];
            v[2 * i + 1] = p1[i];
        }
        return DataMatrix.wrap(p1.length, 2, v);
    }

    @Test
    void handComputedGroupsAndBaselines() {
        int[] y = {0, 1, 1, 0};
        int[] s = {0, 0, 1, 7};
        SegmentMetrics m = SegmentMetrics.of(y, binary(0.2, 0.9, 0.8, 0.9), s, TRAIN_Y, TRAIN_S);
        assertEquals(3, m.segments().size());
        SegmentMetrics.Group g0 = m.segments().get(0);
        assertEquals(0, g0.segment());
        assertEquals(2, g0.rows());
        assertArrayEquals(new long[] {1, 1}, g0.classCounts());
        assertEquals(4, g0.trainingRows());
        assertEquals(-(Math.log(0.8) + Math.log(0.9)) / 2, g0.model().logLoss(), 1e-15);
        assertEquals(Math.log(2), g0.segmentRate().logLoss(), 1e-15); // segment 0 trains at rate 1/2
        assertEquals(-(Math.log(3.0 / 8) + Math.log(5.0 / 8)) / 2, g0.majority().logLoss(), 1e-15);
        assertTrue(g0.beatsMajority());
        assertTrue(g0.beatsSegment());
        SegmentMetrics.Group g1 = m.segments().get(1);
        assertEquals(-Math.log(0.75), g1.segmentRate().logLoss(), 1e-15); // segment 1 trains at rate 3/4
        assertEquals(-Math.log(0.8), g1.model().logLoss(), 1e-15);
        // segment 7 has no training row: its segment baseline is the overall rate 5/8, and it is listed
        assertEquals(List.of(7), m.segmentsWithoutTrainingRows());
        SegmentMetrics.Group g7 = m.segments().get(2);
        assertEquals(g7.majority().logLoss(), g7.segmentRate().logLoss());
        assertEquals(-Math.log(3.0 / 8), g7.majority().logLoss(), 1e-15);
        assertEquals(-Math.log(1 - 0.9), g7.model().logLoss(), 1e-12);
        assertFalse(g7.beatsMajority(), "0.9 for a 1 when it is a 0");
        assertTrue(g7.verdict().endsWith("the model beats NEITHER baseline"), g7.verdict());
        assertEquals(4, m.overall().rows());
        assertTrue(m.toString().contains("segments without training rows (segment baseline = overall shares): [7]"));
    }

    @Test
    void verdictSaysPlainlyWhenTheSegmentBaselineWins() {
        // the model ignores the segments: rate 5/8 for everyone; the segment rates are better in segment 0
        SegmentMetrics m = SegmentMetrics.of(new int[] {0, 0, 1}, binary(0.625, 0.625, 0.625), new int[] {0, 0, 1},
                TRAIN_Y, TRAIN_S);
        SegmentMetrics.Group g = m.segments().get(0);
        assertEquals("segment 0 (2 rows, classes [2, 0], 4 training rows): log loss model 0.9808, majority 0.9808,"
                + " segment 0.6931; accuracy model 0.0000, majority 0.0000, segment 1.0000: the model beats NEITHER"
                + " baseline", g.verdict());
    }

    @Test
    void errorPaths() {
        assertEquals("truth has 2 rows, probabilities 3 and segments 2: they must be equal",
                assertThrows(IllegalArgumentException.class, () -> SegmentMetrics.of(new int[2], binary(0.1, 0.2, 0.3),
                        new int[2], TRAIN_Y, TRAIN_S)).getMessage());
        assertEquals("trainingTruth has 8 rows but trainingSegments has 1", assertThrows(
                IllegalArgumentException.class, () -> SegmentMetrics.of(new int[1], binary(0.1), new int[1], TRAIN_Y,
                        new int[1])).getMessage());
        assertEquals("truth[0] is 2, not a class in 0..1", assertThrows(IllegalArgumentException.class,
                () -> SegmentMetrics.of(new int[] {2}, binary(0.1), new int[1], TRAIN_Y, TRAIN_S)).getMessage());
        assertEquals("trainingTruth[1] is -1, not a class in 0..1", assertThrows(IllegalArgumentException.class,
                () -> SegmentMetrics.of(new int[1], binary(0.1), new int[1], new int[] {0, -1}, new int[2]))
                        .getMessage());
        assertEquals("no rows to evaluate", assertThrows(IllegalArgumentException.class,
                () -> SegmentMetrics.of(new int[0], binary(), new int[0], TRAIN_Y, TRAIN_S)).getMessage());
    }
}
