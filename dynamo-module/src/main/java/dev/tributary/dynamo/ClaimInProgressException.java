package dev.tributary.dynamo;

import dev.tributary.core.TributaryRejectedException;

/**
 * An {@link IdempotentHandler} refused a batch because another worker holds a live claim on one of its
 * events: the event is being handled elsewhere right now. Always {@linkplain #retryable() retryable}: by the
 * time the batch is delivered again, the event is done (and skipped), released (and claimed) or its claim
 * has gone stale (and is taken over). A {@link TributaryRejectedException} with reason
 * {@link TributaryRejectedException.Reason#IN_PROGRESS}: the batch was refused locally, nothing was handled.
 */
public final class ClaimInProgressException extends TributaryRejectedException {
    private static final long serialVersionUID = 1L;

    private final String eventId;

    private ClaimInProgressException(String eventId) {
        super("Event [eventId=" + eventId + "] is being handled by another worker; deliver the batch again later",
                null, Reason.IN_PROGRESS, true);
        this.eventId = eventId;
    }

    /**
     * Creates the exception.
     *
     * @param eventId the id of the event that is claimed elsewhere (not its idempotency key, which may be
     *     business data)
     * @return the exception
     */
    public static ClaimInProgressException of(String eventId) {
        return new ClaimInProgressException(eventId);
    }

    /** Returns the id of the event that another worker is handling. */
    public String eventId() {
        return eventId;
    }
}
