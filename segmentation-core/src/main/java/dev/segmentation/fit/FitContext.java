package dev.segmentation.fit;

import dev.segmentation.internal.Seeds;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What every fitting step receives besides its data: the seed, the number of threads and a progress listener.
 *
 * <p><b>Seeds.</b> Each stage derives its own seed with {@link #stage(String)}, so adding randomness to one stage
 * never shifts another. <b>Threads</b> only change speed: every step of this library gives the same bits for any
 * thread count (ND4J-based steps document their own exception). Immutable and thread-safe.
 */
public final class FitContext {
    private final long seed;
    private final int threads;
    private final ProgressListener listener;
    private final LocalDate asOf;

    private FitContext(long seed, int threads, ProgressListener listener, LocalDate asOf) {
        this.seed = seed;
        this.threads = threads;
        this.listener = listener;
        this.asOf = asOf;
    }

    /** A context with {@code seed}, all available processors and no progress listener. */
    public static FitContext seeded(long seed) {
        return new FitContext(seed, Runtime.getRuntime().availableProcessors(), ProgressListener.NONE, null);
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
        return new FitContext(seed, threads, listener, asOf);
    }

    /** The same context with another listener. */
    public FitContext withListener(ProgressListener listener) {
        return new FitContext(seed, threads, Objects.requireNonNull(listener, "listener"), asOf);
    }

    /** The same context with another seed. */
    public FitContext withSeed(long seed) {
        return new FitContext(seed, threads, listener, asOf);
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
        return new FitContext(seed, threads, listener, Objects.requireNonNull(asOf, "asOf"));
    }

    /** A child context for stage {@code name}, whose seed is a hash of this seed and the name. */
    public FitContext stage(String name) {
        Objects.requireNonNull(name, "name");
        return new FitContext(Seeds.derive(seed, name), threads, listener, asOf);
    }

    @Override
    public String toString() {
        return "FitContext[seed=" + seed + ", threads=" + threads + (asOf != null ? ", asOf=" + asOf : "") + "]";
    }
}
