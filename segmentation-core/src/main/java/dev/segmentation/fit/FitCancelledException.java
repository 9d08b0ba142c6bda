package dev.segmentation.fit;

import java.util.concurrent.CancellationException;

/**
 * Thrown by a fit (or a feature extraction) that stopped because its {@link CancellationToken} was cancelled or
 * the thread that called it was interrupted. The fit returns no result and leaves no partial state behind; the
 * interrupt status of an interrupted caller is left set. A {@link CancellationException}, so code that already
 * handles cancelled futures handles this too.
 */
public final class FitCancelledException extends CancellationException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}. */
    public FitCancelledException(String message) {
        super(message);
    }
}
