package dev.segmentation.quality;

import dev.segmentation.testing.TinyKMeans;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import org.junit.jupiter.api.Test;

class InternalIndicesTest {

    @Test
    void handComputedExample() {
        // clusters {0, 2} and {10, 12} on a line: means 1 and 11, overall 6
        DataMatrix x = DataMatrix.of(4, 1, new double[] {0, 2, 10, 12});
        int[] y = {0, 0, 1, 1};
        // extra = 2*25 + 2*25 = 100, intra = 4 * 1 = 4, (n - k) / (k - 1) = 2
        assertEquals(50.0, InternalIndices.calinskiHarabasz(x, y), 1e-12);
        // S = 1 for both, centroid distance 10: (1 + 1) / 10
        assertEquals(0.2, InternalIndices.daviesBouldin(x, y), 1e-12);
        assertEquals(4.0, InternalIndices.inertia(x, y), 1e-12);
    }

    @Test
    void degenerateCasesFollowScikitLearn() {
        DataMatrix x = DataMatrix.of(4, 1, new double[] {1, 1, 5, 5});
        int[] y = {0, 0, 1, 1};
        assertEquals(1.0, InternalIndices.calinskiHarabasz(x, y));
        assertEquals(0.0, InternalIndices.daviesBouldin(x, y));
    }

    @Test
    void noiseIsAClusterForChAndDbButLeftOutOfInertia() {
        DataMatrix x = DataMatrix.of(5, 1, new double[] {0, 2, 10, 12, 100});
        int[] y = {0, 0, 1, 1, -1};
        assertEquals(4.0, InternalIndices.inertia(x, y), 1e-12);
        int[] shifted = {1, 1, 2, 2, 0};
        assertEquals(InternalIndices.calinskiHarabasz(x, shifted), InternalIndices.calinskiHarabasz(x, y));
        assertEquals(InternalIndices.daviesBouldin(x, shifted), InternalIndices.daviesBouldin(x, y));
        assertEquals(0.0, InternalIndices.inertia(x, new int[] {-1, -1, -1, -1, -1}));
    }

    @Test
    void betterSeparationScoresBetter() {
        double[][] near = {{0, 0}, {1, 0}};
        double[][] far = {{0, 0}, {8, 0}};
        int[] y = new int[400];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 2;
        }
        DataMatrix a = TinyKMeans.blobs(near, 400, 0.5, 1);
        DataMatrix b = TinyKMeans.blobs(far, 400, 0.5, 1);
        assertTrue(InternalIndices.calinskiHarabasz(b, y) > InternalIndices.calinskiHarabasz(a, y));
        assertTrue(InternalIndices.daviesBouldin(b, y) < InternalIndices.daviesBouldin(a, y));
    }

    @Test
    void rejectsBadInput() {
        DataMatrix x = DataMatrix.of(3, 1, new double[] {0, 1, 2});
        assertEquals("Calinski-Harabasz needs between 2 and n - 1 = 2 distinct labels but got 1",
                assertThrows(IllegalArgumentException.class,
                        () -> InternalIndices.calinskiHarabasz(x, new int[3])).getMessage());
        assertEquals("Davies-Bouldin needs between 2 and n - 1 = 2 distinct labels but got 3",
                assertThrows(IllegalArgumentException.class,
                        () -> InternalIndices.daviesBouldin(x, new int[] {0, 1, 2})).getMessage());
        assertEquals("label of row 1 is -2; labels must be -1 (noise) or >= 0",
                assertThrows(IllegalArgumentException.class,
                        () -> InternalIndices.inertia(x, new int[] {0, -2, 1})).getMessage());
        DataMatrix inf = DataMatrix.of(3, 1, new double[] {0, 1, Double.POSITIVE_INFINITY});
        assertEquals("x has a non-finite value Infinity at row 2, column 0",
                assertThrows(IllegalArgumentException.class,
                        () -> InternalIndices.inertia(inf, new int[] {0, 1, 1})).getMessage());
    }
}
