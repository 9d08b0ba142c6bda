package dev.segmentation.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentDescriptionsTest {

    @Test
    void ranksFeaturesByStandardisedDifference() {
        // spend separates the segments strongly, visits weakly, constant never
        FeatureTable t = FeatureTable.of(List.of("a", "b", "c", "d"), List.of("visits", "spend", "constant"),
                new double[] {1, 10, 5, 2, 12, 5, 2, 100, 5, 3, 110, 5});
        List<SegmentDescriptions.SegmentDescription> d = SegmentDescriptions.describe(t, new int[] {0, 0, 1, 1}, 2);
        assertEquals(2, d.size());
        SegmentDescriptions.SegmentDescription low = d.get(0);
        assertEquals(0, low.segment());
        assertEquals(2, low.size());
        assertEquals(0.5, low.share());
        assertEquals("spend", low.features().get(0).feature());
        assertEquals(SegmentDescriptions.Direction.LOWER, low.features().get(0).direction());
        // spend: mean 58, population sd sqrt(((48)^2 + 46^2 + 42^2 + 52^2) / 4); segment mean 11
        double sd = Math.sqrt((48.0 * 48 + 46 * 46 + 42 * 42 + 52 * 52) / 4);
        assertEquals((11 - 58) / sd, low.features().get(0).effect(), 1e-12);
        assertEquals(58.0, low.features().get(0).populationMean(), 1e-12);
        assertEquals("lower spend, lower visits", low.name(2));
        assertEquals("higher spend", d.get(1).name(1));
    }

    @Test
    void constantFeatureHasNoDifferenceAndNoiseIsDescribed() {
        DataMatrix x = DataMatrix.of(3, 1, new double[] {4, 4, 4});
        List<SegmentDescriptions.SegmentDescription> d =
                SegmentDescriptions.describe(x, List.of("c"), new int[] {-1, 0, 0}, 3);
        assertEquals(-1, d.get(0).segment());
        assertEquals(0.0, d.get(1).features().get(0).effect());
        assertEquals(SegmentDescriptions.Direction.SAME, d.get(1).features().get(0).direction());
    }

    @Test
    void rejectsBadInput() {
        DataMatrix x = DataMatrix.of(2, 1, new double[] {1, 2});
        assertEquals("top must be >= 1 but was 0", assertThrows(IllegalArgumentException.class,
                () -> SegmentDescriptions.describe(x, List.of("a"), new int[] {0, 1}, 0)).getMessage());
        assertEquals("2 feature names for 1 columns", assertThrows(IllegalArgumentException.class,
                () -> SegmentDescriptions.describe(x, List.of("a", "b"), new int[] {0, 1}, 1)).getMessage());
        assertEquals("x has no rows", assertThrows(IllegalArgumentException.class,
                () -> SegmentDescriptions.describe(DataMatrix.of(0, 1, new double[0]), List.of("a"), new int[0], 1))
                .getMessage());
    }
}
