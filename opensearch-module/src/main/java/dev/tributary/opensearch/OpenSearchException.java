package dev.tributary.opensearch;

import dev.tributary.core.TributaryServiceException;
import org.jspecify.annotations.Nullable;

/**
 * OpenSearch answered a call with an error; {@link #reason()} says why in OpenSearch terms, and the status code
 * and OpenSearch error type ({@link #errorCode()}) are kept. Retryable for {@link OpenSearchFailure#TOO_MANY_REQUESTS}
 * and {@link OpenSearchFailure#SERVICE_ERROR}. Messages name what to fix and never quote document values.
 */
public final class OpenSearchException extends TributaryServiceException {
    private static final long serialVersionUID = 1L;

    private final OpenSearchFailure reason;

    private OpenSearchException(TributaryServiceException.Builder builder, OpenSearchFailure reason) {
        super(builder.validated());
        this.reason = reason;
    }

    /**
     * Creates the exception.
     *
     * @param builder the common service-exception fields (message required)
     * @param reason why OpenSearch refused
     * @return the exception
     */
    public static OpenSearchException of(TributaryServiceException.Builder builder, OpenSearchFailure reason) {
        return new OpenSearchException(builder, reason);
    }

    /**
     * Creates the exception for an HTTP status and OpenSearch error type, classifying the reason.
     *
     * @param builder the common service-exception fields (message required)
     * @param status the HTTP status
     * @param type OpenSearch's error type, or null
     * @return the exception
     */
    public static OpenSearchException of(TributaryServiceException.Builder builder, int status,
            @Nullable String type) {
        return new OpenSearchException(builder, OpenSearchFailure.of(status, type));
    }

    /** Returns why OpenSearch refused the call. */
    public OpenSearchFailure reason() {
        return reason;
    }
}
