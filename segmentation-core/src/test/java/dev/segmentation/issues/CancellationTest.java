package dev.segmentation.issues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segmentation.cluster.Hdbscan;
import dev.segmentation.cluster.HdbscanModel;
import dev.segmentation.cluster.KMeans;
import dev.segmentation.cluster.KMeansModel;
import dev.segmentation.data.DataMatrix;
import dev.segmentation.data.Transactions;
import dev.segmentation.embedding.Pca;
import dev.segmentation.features.Features;
import dev.segmentation.fit.CancellationToken;
import dev.segmentation.fit.FitCancelledException;
import dev.segmentation.fit.FitContext;
import dev.segmentation.evaluation.KSelection;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, weak spot "no cancellation": interrupting a 200k-row HDBSCAN fit 0.5 s in still returned normally 5.5 s
 * later. A {@link CancellationToken} in {@link FitContext}, and an interrupt of the thread that called fit, now stop
 * every fit with {@link FitCancelledException}, checked once per block of rows or per iteration. The tests are
 * deterministic: the token is cancelled before the fit or by the progress listener at a given call, or the fit
 * cannot finish unless cancelled (the cancel-to-exception latency is measured by {@code CancellationLatency} in
 * the benchmarks module, never asserted here).
 */
class CancellationTest {
    private static final DataMatrix BLOBS = IssueData.threeBlobs(3000, 21);

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private static FitContext cancelled() {
        CancellationToken t = new CancellationToken();
        t.cancel();
        return FitContext.seeded(1).withThreads(2).withCancellation(t);
    }

    @Test
    void aCancelledTokenStopsEveryFitBeforeItStarts() {
        FitContext ctx = cancelled();
        String expected = "fit cancelled: the cancellation token was cancelled";
        assertEquals(expected, assertThrows(FitCancelledException.class,
                () -> KMeans.builder().k(3).build().fit(BLOBS, ctx)).getMessage());
        assertEquals(expected, assertThrows(FitCancelledException.class,
                () -> Hdbscan.builder().minClusterSize(10).build().fit(BLOBS, ctx)).getMessage());
        assertEquals(expected, assertThrows(FitCancelledException.class,
                () -> Pca.builder().components(1).build().fit(BLOBS, ctx)).getMessage());
        assertEquals(expected, assertThrows(FitCancelledException.class,
                () -> KSelection.range(2, 4).sweep(KMeans.builder().build()).fit(BLOBS, ctx)).getMessage());
        Transactions tx = Transactions.builder().add("a", 1_300_000_000L, "o1", 1, 2)
                .add("b", 1_300_000_000L, "o2", 1, 3).build();
        assertEquals(expected, assertThrows(FitCancelledException.class,
                () -> Features.rfm().extract(tx, ctx)).getMessage());
        // a CancellationException, for code that handles cancelled futures
        assertInstanceOf(CancellationException.class, new FitCancelledException("x"));
    }

    @Test
    void theTokenTravelsWithEveryDerivedContext() {
        CancellationToken t = new CancellationToken();
        FitContext ctx = FitContext.seeded(1).withCancellation(t).stage("cluster").withThreads(3).withSeed(5)
                .withListener((s, d, n) -> { });
        assertEquals(t, ctx.cancellation());
        ctx.checkCancelled();
        t.cancel();
        assertThrows(FitCancelledException.class, ctx::checkCancelled);
        assertThrows(UnsupportedOperationException.class, CancellationToken.NONE::cancel);
    }

    @Test
    void kMeansStopsAtTheNextIterationAfterTheListenerCancels() {
        for (int threads : new int[] {1, 4}) {
            CancellationToken t = new CancellationToken();
            int[] calls = {0};
            FitContext ctx = FitContext.seeded(1).withThreads(threads).withCancellation(t).withListener((s, d, n) -> {
                calls[0]++;
                if (d >= 2) { // concurrent restarts may report several at once
                    t.cancel();
                }
            });
            KMeansModel[] result = {null};
            assertThrows(FitCancelledException.class,
                    () -> result[0] = KMeans.builder().k(3).nInit(50).build().fit(BLOBS, ctx));
            assertNull(result[0]);
            assertTrue(calls[0] < 50, "threads " + threads + ": " + calls[0] + " progress calls");
        }
    }

    @Test
    void hdbscanStopsInTheStageAfterTheListenerCancels() {
        for (String stage : new String[] {"hdbscan/core-distances", "hdbscan/mst", "hdbscan/condensed-tree"}) {
            CancellationToken t = new CancellationToken();
            FitContext ctx = FitContext.seeded(1).withThreads(2).withCancellation(t).withListener((s, d, n) -> {
                if (s.equals(stage)) {
                    t.cancel();
                }
            });
            HdbscanModel[] result = {null};
            assertThrows(FitCancelledException.class, () -> result[0] = Hdbscan.builder().minClusterSize(10)
                    .mstAlgorithm(Hdbscan.MstAlgorithm.BORUVKA_KDTREE).build().fit(BLOBS, ctx), stage);
            assertNull(result[0]);
        }
    }

    @Test
    void anInterruptedCallerStopsTheFitAndKeepsItsStatus() {
        Thread.currentThread().interrupt();
        FitCancelledException e = assertThrows(FitCancelledException.class,
                () -> KMeans.builder().k(3).build().fit(BLOBS, FitContext.seeded(1).withThreads(2)));
        assertEquals("fit cancelled: thread '" + Thread.currentThread().getName() + "' was interrupted",
                e.getMessage());
        assertTrue(Thread.interrupted(), "the interrupt status is left set");
    }

    /** Runs {@code fit} on another thread; {@code started} opens at its first progress call. */
    private static Throwable cancelFromAnotherThread(boolean interrupt, boolean hdbscan) throws Exception {
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            CancellationToken token = new CancellationToken();
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<Thread> worker = new AtomicReference<>();
            FitContext ctx = FitContext.seeded(1).withThreads(2).withCancellation(token)
                    .withListener((s, d, n) -> started.countDown());
            Future<Object> f = ex.submit(() -> {
                worker.set(Thread.currentThread());
                if (hdbscan) {
                    // restarts of the same fit, forever unless cancelled
                    while (true) {
                        Hdbscan.builder().minClusterSize(10).build().fit(BLOBS, ctx);
                    }
                }
                // a million restarts of up to 10,000 iterations, tol 0: it would not finish for hours
                return KMeans.builder().k(20).nInit(1_000_000).maxIter(10_000).tol(0).build().fit(BLOBS, ctx);
            });
            assertTrue(started.await(60, TimeUnit.SECONDS), "the fit never reported progress");
            if (interrupt) {
                worker.get().interrupt();
            } else {
                token.cancel();
            }
            ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(60, TimeUnit.SECONDS));
            return e.getCause();
        } finally {
            ex.shutdownNow();
            assertTrue(ex.awaitTermination(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void aTokenCancelledFromAnotherThreadStopsKMeansAndHdbscan() throws Exception {
        assertInstanceOf(FitCancelledException.class, cancelFromAnotherThread(false, false));
        assertInstanceOf(FitCancelledException.class, cancelFromAnotherThread(false, true));
    }

    @Test
    void interruptingTheFittingThreadStopsKMeansAndHdbscan() throws Exception {
        Throwable k = cancelFromAnotherThread(true, false);
        assertInstanceOf(FitCancelledException.class, k);
        assertTrue(k.getMessage().endsWith("was interrupted"), k.getMessage());
        assertInstanceOf(FitCancelledException.class, cancelFromAnotherThread(true, true));
    }

    @Test
    void aFitThatWasNotCancelledIsUnchangedByAToken() {
        KMeansModel plain = KMeans.builder().k(3).nInit(3).build().fit(BLOBS, FitContext.seeded(4).withThreads(2));
        KMeansModel withToken = KMeans.builder().k(3).nInit(3).build()
                .fit(BLOBS, FitContext.seeded(4).withThreads(2).withCancellation(new CancellationToken()));
        assertEquals(plain.inertia(), withToken.inertia());
    }
}
