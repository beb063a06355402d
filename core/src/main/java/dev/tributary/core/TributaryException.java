package dev.tributary.core;

import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Root of every exception Tributary throws; unchecked, so the public API declares no checked exceptions.
 *
 * <p>Subtypes say who failed: {@link TributaryClientException} (bad input, configuration or a local I/O
 * problem), {@link TributaryServiceException} (the service answered with an error) and
 * {@link TributaryRejectedException} (Tributary refused the call itself, for example because a circuit is
 * open or a quota is used up). Messages say what to fix and never contain secrets, addresses, bodies or
 * item values; the original exception, when there is one, is kept as the cause.
 */
public class TributaryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final boolean throttled;
    private final int statusCode;
    private final @Nullable String requestId;

    /**
     * For subclasses.
     *
     * @param message what went wrong and how to fix it
     * @param cause the original exception, or null
     * @param retryable whether the same call may succeed when repeated
     * @param throttled whether the failure was caused by a rate or quota limit
     * @param statusCode the HTTP or protocol status code, or -1 when there is none
     * @param requestId the service request id, or null
     */
    protected TributaryException(
            String message,
            @Nullable Throwable cause,
            boolean retryable,
            boolean throttled,
            int statusCode,
            @Nullable String requestId) {
        super(message, cause);
        this.retryable = retryable;
        this.throttled = throttled;
        this.statusCode = statusCode;
        this.requestId = requestId;
    }

    /** Returns whether repeating the same call may succeed (throttling, 5xx, I/O). */
    public boolean retryable() {
        return retryable;
    }

    /** Returns whether the failure came from a rate limit, a throttling answer or a used-up quota. */
    public boolean throttled() {
        return throttled;
    }

    /** Returns the HTTP (or SMTP) status code of the failed call, when there was one. */
    public OptionalInt statusCode() {
        return statusCode < 0 ? OptionalInt.empty() : OptionalInt.of(statusCode);
    }

    /** Returns the service's request id, when the service sent one; quote it to AWS support. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }
}
