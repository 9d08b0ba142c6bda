package dev.segmentation.fit;

/**
 * Receives progress of long steps (feature extraction, K-Means restarts, epochs...). Library code never prints;
 * examples render these events as a progress bar.
 *
 * <p>Calls may come from any thread that runs the step, but never concurrently for the same listener from one
 * fit: steps report from the thread that orchestrates them. Implementations should return quickly.
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
