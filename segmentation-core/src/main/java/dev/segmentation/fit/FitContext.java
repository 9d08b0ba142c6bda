package dev.segmentation.fit;

import dev.segmentation.internal.Seeds;
import java.util.Objects;

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

    private FitContext(long seed, int threads, ProgressListener listener) {
        this.seed = seed;
        this.threads = threads;
        this.listener = listener;
    }

    /** A context with {@code seed}, all available processors and no progress listener. */
    public static FitContext seeded(long seed) {
        return new FitContext(seed, Runtime.getRuntime().availableProcessors(), ProgressListener.NONE);
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
        return new FitContext(seed, threads, listener);
    }

    /** The same context with another listener. */
    public FitContext withListener(ProgressListener listener) {
        return new FitContext(seed, threads, Objects.requireNonNull(listener, "listener"));
    }

    /** The same context with another seed. */
    public FitContext withSeed(long seed) {
        return new FitContext(seed, threads, listener);
    }

    /** A child context for stage {@code name}, whose seed is a hash of this seed and the name. */
    public FitContext stage(String name) {
        Objects.requireNonNull(name, "name");
        return new FitContext(Seeds.derive(seed, name), threads, listener);
    }

    @Override
    public String toString() {
        return "FitContext[seed=" + seed + ", threads=" + threads + "]";
    }
}
