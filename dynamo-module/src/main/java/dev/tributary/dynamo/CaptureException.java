package dev.tributary.dynamo;

import dev.tributary.core.TributaryServiceException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * DynamoDB or DynamoDB Streams answered in a way that stops a capture, a backfill or {@link StreamTables} from
 * going on; {@link #reason()} says why in capture terms. Other service errors (throttling, 5xx) reach callers as
 * plain {@link TributaryServiceException}s with {@link #retryable()} set as the SDK classified them. Messages name
 * the table and what to fix, never item values.
 */
public final class CaptureException extends TributaryServiceException {
    private static final long serialVersionUID = 1L;

    private final CaptureFailure reason;

    private CaptureException(TributaryServiceException.Builder builder, CaptureFailure reason) {
        super(builder.validated());
        this.reason = reason;
    }

    /**
     * Creates the exception; retryable only for {@link CaptureFailure#TABLE_NOT_READY}.
     *
     * @param reason why the capture cannot go on
     * @param message what happened and what to fix
     * @param cause the service's exception, or null
     * @return the exception
     */
    public static CaptureException of(CaptureFailure reason, String message, @Nullable Throwable cause) {
        Objects.requireNonNull(reason, "reason");
        TributaryServiceException.Builder b = TributaryServiceException.builder().message(message).cause(cause)
                .retryable(reason == CaptureFailure.TABLE_NOT_READY);
        if (cause instanceof TributaryServiceException service) {
            b.statusCode(service.statusCode().orElse(-1)).requestId(service.requestId().orElse(null))
                    .errorCode(service.errorCode().orElse(null));
        }
        return new CaptureException(b, reason);
    }

    /** Returns why the capture cannot go on. */
    public CaptureFailure reason() {
        return reason;
    }
}
