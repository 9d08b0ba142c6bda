package dev.segmentation.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.data.DataMatrix;
import dev.segmentation.fit.FitContext;
import dev.segmentation.testing.TinyKMeans;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BootstrapStabilityTest {
    static final double[][] THREE = {{0, 0}, {12, 0}, {0, 12}};

    @Test
    void wellSeparatedSegmentsAreHighlyStable() {
        DataMatrix x = TinyKMeans.blobs(THREE, 300, 1.0, 1);
        StabilityReport r = BootstrapStability.defaults().resamples(20)
                .assess(x, new TinyKMeans(3), FitContext.seeded(5));
        assertEquals(3, r.segments().size());
        for (StabilityReport.SegmentStability s : r.segments()) {
            assertTrue(s.meanJaccard() >= 0.85, s.toString());
            assertEquals(StabilityReport.Reading.HIGHLY_STABLE, s.reading());
            assertEquals(20, s.resamplesPresent());
            assertEquals(0, s.dissolved());
        }
        assertEquals(BootstrapStability.Resampling.BOOTSTRAP, r.resampling());
    }

    @Test
    void anArbitrarySplitOfOneBlobIsLessStable() {
        // one Gaussian blob cut in four by k-means: the cuts move from resample to resample
        DataMatrix x = TinyKMeans.blobs(new double[][] {{0, 0}}, 400, 1.0, 2);
        StabilityReport blob = BootstrapStability.defaults().resamples(20).subsample(0.5)
                .assess(x, new TinyKMeans(4), FitContext.seeded(5));
        DataMatrix sep = TinyKMeans.blobs(THREE, 300, 1.0, 1);
        StabilityReport good = BootstrapStability.defaults().resamples(20).subsample(0.5)
                .assess(sep, new TinyKMeans(3), FitContext.seeded(5));
        assertTrue(blob.minMeanJaccard() < good.minMeanJaccard(), blob + " vs " + good);
        assertEquals(BootstrapStability.Resampling.SUBSAMPLE, blob.resampling());
    }

    @Test
    void identicalForAnyThreadCountAndWorksWithNoise() {
        DataMatrix x = TinyKMeans.blobs(THREE, 240, 2.0, 3);
        TinyKMeans noisy = new TinyKMeans(3, 3.0);
        int[] labels = noisy.fit(x, FitContext.seeded(1)).labels();
        boolean anyNoise = false;
        for (int l : labels) {
            anyNoise |= l == -1;
        }
        assertTrue(anyNoise);
        StabilityReport one = BootstrapStability.defaults().resamples(12)
                .assess(x, labels, noisy, FitContext.seeded(4).withThreads(1));
        StabilityReport two = BootstrapStability.defaults().resamples(12)
                .assess(x, labels, noisy, FitContext.seeded(4).withThreads(2));
        StabilityReport three = BootstrapStability.defaults().resamples(12)
                .assess(x, labels, noisy, FitContext.seeded(4).withThreads(3));
        assertEquals(one, two);
        assertEquals(one, three);
        for (StabilityReport.SegmentStability s : one.segments()) {
            assertTrue(s.meanJaccard() >= 0 && s.meanJaccard() <= 1);
        }
    }

    @Test
    void reportsProgressFromTheCallingThread() {
        DataMatrix x = TinyKMeans.blobs(THREE, 60, 1.0, 1);
        List<Long> done = new ArrayList<>();
        Thread caller = Thread.currentThread();
        BootstrapStability.defaults().resamples(5).assess(x, new TinyKMeans(3),
                FitContext.seeded(1).withThreads(2).withListener((stage, d, t) -> {
                    assertEquals(caller, Thread.currentThread());
                    done.add(d);
                }));
        assertEquals(List.of(2L, 4L, 5L), done);
    }

    @Test
    void readingThresholds() {
        assertEquals(StabilityReport.Reading.HIGHLY_STABLE, StabilityReport.Reading.of(0.85));
        assertEquals(StabilityReport.Reading.STABLE, StabilityReport.Reading.of(0.75));
        assertEquals(StabilityReport.Reading.DOUBTFUL, StabilityReport.Reading.of(0.5000001));
        assertEquals(StabilityReport.Reading.DISSOLVED, StabilityReport.Reading.of(0.5));
    }

    @Test
    void rejectsBadInput() {
        BootstrapStability b = BootstrapStability.defaults();
        assertEquals("resamples must be >= 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> b.resamples(0)).getMessage());
        assertEquals("subsample fraction must be in (0, 1) but was 1.0",
                assertThrows(IllegalArgumentException.class, () -> b.subsample(1.0)).getMessage());
        DataMatrix x = TinyKMeans.uniform(3, 1, 1);
        assertEquals("every row is noise: there is no segment to assess", assertThrows(
                IllegalArgumentException.class,
                () -> b.assess(x, new int[] {-1, -1, -1}, new TinyKMeans(1), FitContext.seeded(1))).getMessage());
        assertEquals("labels has 2 entries but x has 3 rows", assertThrows(IllegalArgumentException.class,
                () -> b.assess(x, new int[2], new TinyKMeans(1), FitContext.seeded(1))).getMessage());
        assertEquals("a subsample of 0.5 x 3 rows has 1 rows; at least 2 are needed",
                assertThrows(IllegalArgumentException.class, () -> b.subsample(0.5)
                        .assess(x, new int[3], new TinyKMeans(1), FitContext.seeded(1))).getMessage());
        assertEquals("sets differ in length: 1 and 2", assertThrows(IllegalArgumentException.class,
                () -> BootstrapStability.jaccard(new boolean[1], new boolean[2])).getMessage());
    }

    @Test
    void onlyTheCallingThreadReportsProgressNeverTheConcurrentResampleFits() {
        DataMatrix x = TinyKMeans.blobs(THREE, 100, 1.0, 1);
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread caller = Thread.currentThread();
        List<Thread> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        dev.segmentation.cluster.Clusterer reporting = new dev.segmentation.cluster.Clusterer() {
            @Override
            public dev.segmentation.cluster.ClusterModel fit(DataMatrix m, FitContext c) {
                c.listener().progress("inner", 1, 1);
                return new TinyKMeans(3).fit(m, c);
            }

            @Override
            public String name() {
                return "reporting";
            }
        };
        BootstrapStability.defaults().resamples(6).assess(x, reporting, FitContext.seeded(2).withThreads(2)
                .withListener((stage, done, total) -> {
                    events.add(stage + " " + done + "/" + total);
                    threads.add(Thread.currentThread());
                }));
        // the original fit reports once from the caller; the six resample fits report nothing
        assertEquals(List.of("inner 1/1", "stability 2/6", "stability 4/6", "stability 6/6"), events);
        for (Thread t : threads) {
            assertEquals(caller, t);
        }
    }
}
