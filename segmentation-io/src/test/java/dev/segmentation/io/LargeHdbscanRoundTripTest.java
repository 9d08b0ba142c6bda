package dev.segmentation.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segmentation.SegmentationModel;
import dev.segmentation.Segmenter;
import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.scaling.Scaling;
import dev.segmentation.testing.SyntheticRetail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, defect 4: whatever {@code write} accepts, {@code read} loads, at 1,000,000 x 5 (HDBSCAN keeps its training
 * rows for prediction). Outside the fast suite: {@code mvn -pl segmentation-io -am test -Plarge
 * -Dtest=LargeHdbscanRoundTripTest -Dsurefire.failIfNoSpecifiedTests=false}; figures go to
 * {@code target/large-hdbscan-round-trip.txt}.
 */
@Tag("large")
class LargeHdbscanRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void aMillionRowHdbscanModelIsWrittenAndReadBack() throws Exception {
        int n = Integer.getInteger("large.rows", 1_000_000);
        DataMatrix x = SyntheticRetail.blobs(n, 5, 6, 7);
        String[] ids = new String[n];
        for (int i = 0; i < n; i++) {
            ids[i] = "e" + i;
        }
        FeatureTable t = FeatureTable.wrap(ids, new String[] {"a", "b", "c", "d", "e"}, x.toArray());
        long t0 = System.nanoTime();
        SegmentationModel m = Segmenter.builder().scaling(Scaling.none())
                .clusterer(Hdbscan.builder().minClusterSize(500).minSamples(20)).seed(1).build().fit(t);
        long fit = System.nanoTime() - t0;
        Path f = dir.resolve("big.model.json");
        t0 = System.nanoTime();
        SegmentationModels.write(m, f);
        long write = System.nanoTime() - t0;
        t0 = System.nanoTime();
        SegmentationModel back = SegmentationModels.read(f);
        long read = System.nanoTime() - t0;
        int[] probe = new int[10_000];
        for (int i = 0; i < probe.length; i++) {
            probe[i] = (int) ((long) i * n / probe.length);
        }
        FeatureTable sample = t.selectRows(probe);
        assertArrayEquals(m.predict(sample).labels(), back.predict(sample).labels());
        assertEquals(m.segmentCount(), back.segmentCount());
        String line = String.format(Locale.ROOT, "HDBSCAN %,d x 5 (minClusterSize 500, minSamples 20): fit %.1f s,"
                + " %d clusters; model file %,d bytes, written in %.1f s, read in %.1f s; 10,000 sampled rows predict"
                + " the same labels after reading%n", n, fit / 1e9, m.segmentCount(), Files.size(f), write / 1e9,
                read / 1e9);
        Files.writeString(Path.of("target", "large-hdbscan-round-trip.txt"), line);
    }
}
