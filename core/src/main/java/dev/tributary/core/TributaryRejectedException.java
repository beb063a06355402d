package dev.tributary.core;

import org.jspecify.annotations.Nullable;

/**
 * Tributary refused the call before it reached the service: a rate limiter had no permit in time, a
 * circuit breaker is open, a quota is used up, the facade is closed, or another consumer holds the work.
 * Nothing was sent.
 */
public class TributaryRejectedException extends TributaryException {
    private static final long serialVersionUID = 1L;

    /** Why a call was refused. */
    public enum Reason {
        /** The backend's rate limiter had no permit within its timeout. */
        RATE_LIMITED,
        /** The backend's circuit breaker is open after repeated failures. */
        CIRCUIT_OPEN,
        /** A service quota (such as SES's 24-hour sending quota) is used up. */
        QUOTA_EXHAUSTED,
        /** A pre-flight check refused the call (for example an unauthenticated sender domain). */
        POLICY,
        /** The facade was closed; build a new one. Never retryable. */
        CLOSED,
        /** Another consumer holds the work (for example an idempotency claim); retry later. */
        IN_PROGRESS
    }

    private final Reason reason;

    protected TributaryRejectedException(String message, @Nullable Throwable cause, Reason reason, boolean retryable) {
        super(message, cause, retryable, reason == Reason.RATE_LIMITED || reason == Reason.QUOTA_EXHAUSTED, -1, null);
        this.reason = reason;
    }

    /**
     * Creates a rejection.
     *
     * @param reason why the call was refused
     * @param message what happened and what to do about it
     * @param cause the Resilience4j exception or other cause, or null
     * @return the exception; retryable for {@link Reason#RATE_LIMITED}, {@link Reason#CIRCUIT_OPEN} and
     *     {@link Reason#IN_PROGRESS}
     */
    public static TributaryRejectedException of(Reason reason, String message, @Nullable Throwable cause) {
        boolean retryable = reason == Reason.RATE_LIMITED || reason == Reason.CIRCUIT_OPEN
                || reason == Reason.IN_PROGRESS;
        return new TributaryRejectedException(message, cause, reason, retryable);
    }

    /** Returns why the call was refused. */
    public Reason reason() {
        return reason;
    }
}
