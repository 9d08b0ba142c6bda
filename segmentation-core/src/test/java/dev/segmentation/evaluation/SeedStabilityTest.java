package dev.segmentation.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import dev.segmentation.testing.TinyKMeans;
import org.junit.jupiter.api.Test;

class SeedStabilityTest {

    @Test
    void separatedBlobsAgreeAcrossSeedsAndUniformDataLess() {
        DataMatrix blobs = TinyKMeans.blobs(new double[][] {{0, 0}, {20, 0}}, 200, 1.0, 1);
        SeedStability.Result r = SeedStability.assess(blobs, new TinyKMeans(2), FitContext.seeded(3), 4);
        assertEquals(4, r.runs());
        assertEquals(6, r.pairwiseAri().length);
        assertEquals(1.0, r.meanAri(), 1e-12);
        DataMatrix uniform = TinyKMeans.uniform(300, 2, 2);
        SeedStability.Result u = SeedStability.assess(uniform, new TinyKMeans(6), FitContext.seeded(3), 4);
        assertTrue(u.minAri() < 1.0);
        assertTrue(u.minAri() <= u.meanAri());
        SeedStability.Result again = SeedStability.assess(uniform, new TinyKMeans(6),
                FitContext.seeded(3).withThreads(1), 4);
        assertArrayEquals(u.pairwiseAri(), again.pairwiseAri());
    }

    @Test
    void rejectsBadInput() {
        assertEquals("runs must be >= 2 but was 1", assertThrows(IllegalArgumentException.class,
                () -> SeedStability.assess(TinyKMeans.uniform(5, 1, 1), new TinyKMeans(2), FitContext.seeded(1), 1))
                .getMessage());
    }
}
