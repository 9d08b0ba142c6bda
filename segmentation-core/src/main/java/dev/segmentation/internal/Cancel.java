package dev.segmentation.internal;

import dev.segmentation.fit.CancellationToken;
import dev.segmentation.fit.FitCancelledException;
import dev.segmentation.fit.FitContext;

/**
 * The cancellation check of one fit, usable from any thread: it reads the fit's {@link CancellationToken} and the
 * interrupt status of the thread that started the fit (worker threads are never interrupted themselves). Create it
 * on the orchestrating thread with {@link #of(FitContext)}; call {@link #check()} once per block of rows or per
 * iteration, never per row (two volatile reads). Internal.
 */
public final class Cancel {
    /** A check that never fires (for callers outside a fit). */
    public static final Cancel NEVER = new Cancel(CancellationToken.NONE, null);

    private final CancellationToken token;
    private final Thread owner;
    /**
     * Set when the owner was seen interrupted while waiting for workers: JDK joins clear the status while they wait
     * (and restore it after), so workers could not see it otherwise.
     */
    private volatile boolean interrupted;

    private Cancel(CancellationToken token, Thread owner) {
        this.token = token;
        this.owner = owner;
    }

    /** The check of a fit run by the current thread with {@code context}'s token. */
    public static Cancel of(FitContext context) {
        return new Cancel(context.cancellation(), Thread.currentThread());
    }

    /** Whether the fit should stop. */
    public boolean requested() {
        return token.isCancelled() || interrupted || (owner != null && owner.isInterrupted());
    }

    /** Records that the orchestrating thread was interrupted (from then on every {@link #check()} throws). */
    void interruptObserved() {
        interrupted = true;
    }

    /** @throws FitCancelledException when the token is cancelled or the orchestrating thread is interrupted */
    public void check() {
        if (token.isCancelled()) {
            throw new FitCancelledException("fit cancelled: the cancellation token was cancelled");
        }
        if (interrupted || (owner != null && owner.isInterrupted())) {
            throw new FitCancelledException("fit cancelled: thread '" + owner.getName() + "' was interrupted");
        }
    }
}
