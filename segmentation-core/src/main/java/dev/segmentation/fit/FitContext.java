package dev.segmentation.fit;

import dev.segmentation.internal.Seeds;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What every fitting step receives besides its data: the seed, the number of threads, a progress listener, a
 * cancellation token and an optional scoring date.
 *
 * <p><b>Seeds.</b> Each stage derives its own seed with {@link #stage(String)}, so adding randomness to one stage
 * never shifts another. <b>Threads</b> only change speed: every step of this library gives the same bits for any
 * thread count (ND4J-based steps document their own exception). <b>Progress</b> is reported only from the thread
 * that called the fit. <b>Cancellation:</b> a fit stops with {@link FitCancelledException} when the
 * {@link #withCancellation(CancellationToken) token} is cancelled or the thread that called the fit is interrupted;
 * every long loop checks between blocks of rows (or iterations), so the delay is about one block. Immutable and
 * thread-safe.
 */
public final class FitContext {
    private final long seed;
    private final int threads;
    private final ProgressListener listener;
    private final LocalDate asOf;
    private final CancellationToken cancellation;

    private FitContext(long seed, int threads, ProgressListener listener, LocalDate asOf,
            CancellationToken cancellation) {
        this.seed = seed;
        this.threads = threads;
        this.listener = listener;
        this.asOf = asOf;
        this.cancellation = cancellation;
    }

    /**
     * A context with {@code seed}, all available processors, no progress listener and
     * {@link CancellationToken#NONE} (still cancelled by interrupting the calling thread).
     */
    public static FitContext seeded(long seed) {
        return new FitContext(seed, Runtime.getRuntime().availableProcessors(), ProgressListener.NONE, null,
                CancellationToken.NONE);
    }

    /** The seed of this stage. */
    public long seed() {
        return seed;
    }

    /** The number of threads a step may use (at least 1). */
    public int threads() {
        return threads;
    }

    /** The progress listener. */
    public ProgressListener listener() {
        return listener;
    }

    /** The same context with another thread count. @throws IllegalArgumentException when {@code threads < 1} */
    public FitContext withThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
        }
        return new FitContext(seed, threads, listener, asOf, cancellation);
    }

    /** The cancellation token ({@link CancellationToken#NONE} unless one was set). */
    public CancellationToken cancellation() {
        return cancellation;
    }

    /**
     * Throws when the fit should stop: the token is cancelled, or the current thread is interrupted (its interrupt
     * status is left set). For orchestrating loops; steps check worker threads through the calling thread's status.
     *
     * @throws FitCancelledException when cancelled or interrupted
     */
    public void checkCancelled() {
        if (cancellation.isCancelled()) {
            throw new FitCancelledException("fit cancelled: the cancellation token was cancelled");
        }
        Thread t = Thread.currentThread();
        if (t.isInterrupted()) {
            throw new FitCancelledException("fit cancelled: thread '" + t.getName() + "' was interrupted");
        }
    }

    /** The same context with another cancellation token. */
    public FitContext withCancellation(CancellationToken token) {
        return new FitContext(seed, threads, listener, asOf, Objects.requireNonNull(token, "token"));
    }

    /** The same context with another listener. */
    public FitContext withListener(ProgressListener listener) {
        return new FitContext(seed, threads, Objects.requireNonNull(listener, "listener"), asOf, cancellation);
    }

    /** The same context with another seed. */
    public FitContext withSeed(long seed) {
        return new FitContext(seed, threads, listener, asOf, cancellation);
    }

    /**
     * The scoring date, when one is set: features measured "as of" a date (recency, tenure) are computed at this
     * date instead of their configured or data-derived one. {@code SegmentationModel.predict} sets it, so a model
     * fitted with a fixed as-of date scores later data.
     */
    public Optional<LocalDate> asOf() {
        return Optional.ofNullable(asOf);
    }

    /** The same context with the scoring date {@code asOf}. */
    public FitContext withAsOf(LocalDate asOf) {
        return new FitContext(seed, threads, listener, Objects.requireNonNull(asOf, "asOf"), cancellation);
    }

    /** A child context for stage {@code name}, whose seed is a hash of this seed and the name. */
    public FitContext stage(String name) {
        Objects.requireNonNull(name, "name");
        return new FitContext(Seeds.derive(seed, name), threads, listener, asOf, cancellation);
    }

    @Override
    public String toString() {
        return "FitContext[seed=" + seed + ", threads=" + threads + (asOf != null ? ", asOf=" + asOf : "") + "]";
    }
}
