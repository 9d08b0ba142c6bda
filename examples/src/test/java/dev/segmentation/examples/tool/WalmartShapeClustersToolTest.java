package dev.segmentation.examples.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The tool reaches the WalmartShapeClusters example; a missing input exits 2. The full run on ../shared (1-2 minutes
 * on a loaded machine) is a program, not a test: its figures are in the issue 19 report.
 */
class WalmartShapeClustersToolTest {
    @Test
    void theToolListsAndRunsTheExample() {
        SegmentationToolTest.Run h = SegmentationToolTest.run("example", "--help");
        assertTrue(h.out().contains("WalmartShapeClusters"), h.out());
        SegmentationToolTest.Run r = SegmentationToolTest.run("example", "WalmartShapeClusters", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Usage: walmart-shape-clusters"), r.out());
        SegmentationToolTest.Run m = SegmentationToolTest.run("example", "WalmartShapeClusters", "--input",
                "no/such/train.csv.gz");
        assertEquals(2, m.code());
    }
}
