package dev.segmentation.fit;

/**
 * Receives progress of long steps (feature extraction, K-Means restarts, epochs...). Library code never prints;
 * examples render these events as a progress bar.
 *
 * <p>Calls come only from the thread that called the fit (the orchestrating thread), never from the worker threads
 * a step runs its blocks on, and so never concurrently for one fit; steps whose work runs in parallel collect the
 * progress of their workers and report it from that thread. Implementations should return quickly; one may cancel
 * the fit through its {@link CancellationToken}.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = (stage, done, total) -> { };

    /**
     * Reports that {@code done} of {@code total} units of {@code stage} are finished ({@code total} is -1 when
     * unknown).
     */
    void progress(String stage, long done, long total);
}
