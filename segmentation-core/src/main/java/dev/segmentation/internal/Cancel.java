package dev.segmentation.internal;

import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The cancellation check of one fit, usable from any thread: it reads the fit's cancellation flag and the
 * interrupt status of the thread that started the fit (worker threads are never interrupted themselves). Create it
 * on the orchestrating thread, {@code Cancel.of(context.cancellation()::isCancelled, FitCancelledException::new)};
 * call {@link #check()} once per block of rows or per iteration, never per row (two volatile reads). This package
 * sits below {@code fit}, so the flag and the exception are passed in. Internal.
 */
public final class Cancel {
    /** A check that never fires (for callers outside a fit). */
    public static final Cancel NEVER = new Cancel(() -> false, null, IllegalStateException::new);

    private final BooleanSupplier cancelled;
    private final Thread owner;
    private final Function<String, ? extends RuntimeException> exception;
    /**
     * Set when the owner was seen interrupted while waiting for workers: JDK joins clear the status while they wait
     * (and restore it after), so workers could not see it otherwise.
     */
    private volatile boolean interrupted;

    private Cancel(BooleanSupplier cancelled, Thread owner, Function<String, ? extends RuntimeException> exception) {
        this.cancelled = cancelled;
        this.owner = owner;
        this.exception = exception;
    }

    /**
     * The check of a fit run by the current thread: it fires when {@code cancelled} returns true or the current
     * thread is interrupted, throwing {@code exception} of a message that says which.
     */
    public static Cancel of(BooleanSupplier cancelled, Function<String, ? extends RuntimeException> exception) {
        return new Cancel(cancelled, Thread.currentThread(), exception);
    }

    /** Whether the fit should stop. */
    public boolean requested() {
        return cancelled.getAsBoolean() || interrupted || (owner != null && owner.isInterrupted());
    }

    /** Records that the orchestrating thread was interrupted (from then on every {@link #check()} throws). */
    void interruptObserved() {
        interrupted = true;
    }

    /** @throws RuntimeException (the fit's exception) when cancelled or the orchestrating thread is interrupted */
    public void check() {
        if (cancelled.getAsBoolean()) {
            throw exception.apply("fit cancelled: the cancellation token was cancelled");
        }
        if (interrupted || (owner != null && owner.isInterrupted())) {
            throw exception.apply("fit cancelled: thread '" + owner.getName() + "' was interrupted");
        }
    }
}
