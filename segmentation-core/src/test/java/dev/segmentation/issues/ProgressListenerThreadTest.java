package dev.segmentation.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.Segmenter;
import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.FeatureTable;
import dev.segmentation.fit.FitContext;
import dev.segmentation.fit.ProgressListener;
import dev.segmentation.scaling.Scaling;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, weak spot "progress listener thread": with several threads, K-Means restarts that run concurrently
 * reported from worker threads ({@code segmentation-2-0 (kmeans)}), contrary to the listener's contract. Every call
 * now comes from the thread that called fit.
 */
class ProgressListenerThreadTest {
    /** Records the thread and stage of every call. */
    private static final class Recorder implements ProgressListener {
        final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void progress(String stage, long done, long total) {
            threads.add(Thread.currentThread());
            calls.add(stage + " " + done + "/" + total);
        }

        void assertOnly(Thread expected) {
            assertFalse(threads.isEmpty());
            for (int i = 0; i < threads.size(); i++) {
                assertEquals(expected, threads.get(i), "call " + calls.get(i) + " came from "
                        + threads.get(i).getName());
            }
        }
    }

    @Test
    void kMeansRestartsReportFromTheCallingThread() {
        // small data (one row block): the 16 restarts run concurrently on 4 threads
        DataMatrix x = IssueData.threeBlobs(200, 3);
        Recorder rec = new Recorder();
        KMeans.builder().k(3).nInit(16).build().fit(x, FitContext.seeded(1).withThreads(4).withListener(rec));
        rec.assertOnly(Thread.currentThread());
        assertTrue(rec.calls.contains("kmeans 16/16"), rec.calls.toString());
        // the counts only increase
        long last = 0;
        for (String c : rec.calls) {
            long done = Long.parseLong(c.substring(c.indexOf(' ') + 1, c.indexOf('/')));
            assertTrue(done > last, rec.calls.toString());
            last = done;
        }
    }

    @Test
    void hdbscanReportsFromTheCallingThread() {
        Recorder rec = new Recorder();
        Hdbscan.builder().minClusterSize(10).mstAlgorithm(Hdbscan.MstAlgorithm.BORUVKA_KDTREE).build()
                .fit(IssueData.threeBlobs(400, 4), FitContext.seeded(1).withThreads(4).withListener(rec));
        rec.assertOnly(Thread.currentThread());
    }

    @Test
    void aSegmenterWithFourThreadsReportsFromTheCallingThread() {
        DataMatrix x = IssueData.threeBlobs(100, 8);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < x.rows(); i++) {
            ids.add("e" + i);
        }
        FeatureTable t = FeatureTable.of(ids, List.of("a", "b"), x.toArray());
        Recorder rec = new Recorder();
        Segmenter.builder().scaling(Scaling.standard()).clusterer(KMeans.builder().k(3).nInit(12)).seed(3)
                .threads(4).listener(rec).build().fit(t);
        rec.assertOnly(Thread.currentThread());
        assertTrue(rec.calls.contains("kmeans 12/12"), rec.calls.toString());
    }
}
