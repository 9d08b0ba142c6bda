package dev.segmentation.fit;

/**
 * A flag that asks running fits to stop. Pass it with {@link FitContext#withCancellation(CancellationToken)}; any
 * thread may call {@link #cancel()}, and every fit of this library that received the token throws
 * {@link FitCancelledException} soon after (the steps check the flag between blocks of a few thousand rows, so
 * the delay is that of one block, not of the whole fit) and returns no result.
 *
 * <p>A token cannot be reset: once cancelled it stays cancelled, and a fit started with a cancelled token fails at
 * once. One token may serve several fits, which are then cancelled together.
 *
 * <pre>{@code
 * CancellationToken token = new CancellationToken();
 * Future<KMeansModel> f = executor.submit(() -> kmeans.fit(x, FitContext.seeded(42).withCancellation(token)));
 * token.cancel();          // from any thread; f.get() then throws ExecutionException(FitCancelledException)
 * }</pre>
 *
 * <p>Thread-safe: the flag is volatile; {@link #isCancelled()} is a single volatile read.
 */
public final class CancellationToken {
    /** A token that is never cancelled ({@link #cancel()} on it throws). */
    public static final CancellationToken NONE = new CancellationToken(true);

    private final boolean shared;
    private volatile boolean cancelled;

    /** A new token, not cancelled. */
    public CancellationToken() {
        this(false);
    }

    private CancellationToken(boolean shared) {
        this.shared = shared;
    }

    /**
     * Asks every fit using this token to stop. Idempotent.
     *
     * @throws UnsupportedOperationException on {@link #NONE}, which must never be cancelled
     */
    public void cancel() {
        if (shared) {
            throw new UnsupportedOperationException("CancellationToken.NONE cannot be cancelled; create a token");
        }
        cancelled = true;
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public String toString() {
        return this == NONE ? "CancellationToken.NONE" : "CancellationToken[cancelled=" + cancelled + "]";
    }
}
