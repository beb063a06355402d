package dev.tributary.core;

import org.jspecify.annotations.Nullable;

/**
 * A failure on the caller's side of the wire: invalid input or configuration, or an I/O problem reaching the
 * service. Input and configuration errors are never retryable; I/O failures are.
 */
public class TributaryClientException extends TributaryException {
    private static final long serialVersionUID = 1L;

    /**
     * For subclasses.
     *
     * @param message what went wrong and how to fix it
     * @param cause the original exception, or null
     * @param retryable whether the same call may succeed when repeated
     */
    protected TributaryClientException(String message, @Nullable Throwable cause, boolean retryable) {
        super(message, cause, retryable, false, -1, null);
    }

    /**
     * Creates a non-retryable client failure, such as a configuration error.
     *
     * @param message what went wrong and how to fix it
     * @return the exception
     */
    public static TributaryClientException create(String message) {
        return new TributaryClientException(message, null, false);
    }

    /**
     * Creates a non-retryable client failure that keeps its cause.
     *
     * @param message what went wrong and how to fix it
     * @param cause the original exception
     * @return the exception
     */
    public static TributaryClientException create(String message, Throwable cause) {
        return new TributaryClientException(message, cause, false);
    }

    /**
     * Creates a retryable failure to reach a service (connection refused, timeout, reset).
     *
     * @param message what went wrong and how to fix it
     * @param cause the original I/O exception
     * @return the exception
     */
    public static TributaryClientException ioFailure(String message, Throwable cause) {
        return new TributaryClientException(message, cause, true);
    }
}
