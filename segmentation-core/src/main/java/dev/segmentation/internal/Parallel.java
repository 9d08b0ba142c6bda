package dev.segmentation.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Deterministic block parallelism. Work is cut into blocks whose boundaries depend only on the problem size
 * ({@link #blocks}), never on the thread count; callers write per-block partial results into per-block slots and
 * combine them in block order afterwards, so any thread count gives the same bits. Internal.
 */
public final class Parallel {
    /** Default rows per block for row-wise kernels. */
    public static final int ROWS_PER_BLOCK = 4096;

    private static final ConcurrentHashMap<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();

    private Parallel() {
    }

    /** Number of blocks of {@code blockSize} covering {@code n} items. */
    public static int blocks(int n, int blockSize) {
        return (int) ((n + (long) blockSize - 1) / blockSize);
    }

    /**
     * Runs {@code body.accept(b)} for every block {@code b} in {@code [0, nBlocks)} on up to {@code threads}
     * threads; returns when all are done. Exceptions from the body propagate.
     */
    public static void forEachBlock(int nBlocks, int threads, IntConsumer body) {
        if (threads <= 1 || nBlocks <= 1) {
            for (int b = 0; b < nBlocks; b++) {
                body.accept(b);
            }
            return;
        }
        ForkJoinPool pool = POOLS.computeIfAbsent(threads, Parallel::newPool);
        try {
            pool.submit(() -> IntStream.range(0, nBlocks).parallel().forEach(body)).join();
        } catch (RuntimeException e) {
            // each join() on the way (the stream's, then the pool's) may rethrow a worker's exception wrapped in a
            // copy of itself, depending on which thread ran the failing block: give callers the original
            throw unwrap(e);
        }
    }

    /**
     * {@link #forEachBlock(int, int, IntConsumer)} with {@code cancel} checked before every block (in the thread
     * that runs it), so a cancelled fit stops within one block per thread.
     *
     * @throws dev.segmentation.fit.FitCancelledException when cancelled
     */
    public static void forEachBlock(int nBlocks, int threads, Cancel cancel, IntConsumer body) {
        cancel.check();
        if (threads <= 1 || nBlocks <= 1) {
            for (int b = 0; b < nBlocks; b++) {
                cancel.check();
                body.accept(b);
            }
            return;
        }
        ForkJoinPool pool = POOLS.computeIfAbsent(threads, Parallel::newPool);
        ForkJoinTask<?> task = pool.submit(() -> IntStream.range(0, nBlocks).parallel().forEach(b -> {
            cancel.check();
            body.accept(b);
        }));
        boolean interrupted = false;
        while (!task.isDone()) {
            try {
                task.get();
            } catch (InterruptedException e) {
                // the workers stop at their next check; keep waiting for them, then restore the status
                interrupted = true;
                cancel.interruptObserved();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            task.join();
        } catch (RuntimeException e) {
            throw unwrap(e);
        }
    }

    /**
     * Runs the blocks as {@link #forEachBlock(int, int, Cancel, IntConsumer)} and calls {@code progress} with the
     * number of finished blocks, always from the calling thread (never from a worker), at least once at the end:
     * progress listeners are only ever called from the thread that orchestrates a fit.
     *
     * @throws dev.segmentation.fit.FitCancelledException when cancelled
     */
    public static void forEachBlockReporting(int nBlocks, int threads, Cancel cancel, IntConsumer body,
            IntConsumer progress) {
        cancel.check();
        if (threads <= 1 || nBlocks <= 1) {
            for (int b = 0; b < nBlocks; b++) {
                cancel.check();
                body.accept(b);
                progress.accept(b + 1);
            }
            return;
        }
        Semaphore finished = new Semaphore(0);
        ForkJoinPool pool = POOLS.computeIfAbsent(threads, Parallel::newPool);
        ForkJoinTask<?> task = pool.submit(() -> IntStream.range(0, nBlocks).parallel().forEach(b -> {
            try {
                cancel.check();
                body.accept(b);
            } finally {
                finished.release();
            }
        }));
        int reported = 0;
        boolean interrupted = false;
        while (reported < nBlocks) {
            try {
                // wait for the next finished block; on failure not every block releases, so poll the task too
                if (finished.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    int more = 1 + finished.drainPermits();
                    if (task.isCompletedAbnormally()) {
                        break;
                    }
                    reported += more;
                    progress.accept(reported);
                } else if (task.isDone()) {
                    break;
                }
            } catch (InterruptedException e) {
                // the workers stop at their next check; keep waiting for them, then restore the status
                interrupted = true;
                cancel.interruptObserved();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            task.join();
        } catch (RuntimeException e) {
            throw unwrap(e);
        }
        if (reported < nBlocks) {
            progress.accept(nBlocks);
        }
    }

    private static RuntimeException unwrap(RuntimeException e) {
        RuntimeException original = e;
        while (original.getCause() instanceof RuntimeException
                && original.getCause().getClass() == original.getClass()) {
            original = (RuntimeException) original.getCause();
        }
        return original;
    }

    private static ForkJoinPool newPool(int threads) {
        java.util.concurrent.atomic.AtomicInteger counter = new java.util.concurrent.atomic.AtomicInteger();
        return new ForkJoinPool(threads, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setDaemon(true);
            // the pool index is assigned only when the thread registers, so number the threads here
            t.setName("segmentation-" + threads + "-" + counter.getAndIncrement());
            return t;
        }, null, false);
    }
}
