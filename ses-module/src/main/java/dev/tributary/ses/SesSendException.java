package dev.tributary.ses;

import dev.tributary.core.TributaryServiceException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * SES, over the API or SMTP, refused a call, or the call's outcome is unknown
 * ({@link SesFailure#UNKNOWN_OUTCOME}); {@link #reason()} says why in SES terms. Never carries a raw SDK or
 * Jakarta Mail exception except as its cause. Messages name what to fix and mask addresses.
 */
public final class SesSendException extends TributaryServiceException {
    private static final long serialVersionUID = 1L;

    private final SesFailure reason;
    private final @Nullable SesOperation operation;

    private SesSendException(TributaryServiceException.Builder builder, SesFailure reason,
            @Nullable SesOperation operation) {
        super(builder.validated());
        this.reason = reason;
        this.operation = operation;
    }

    /**
     * Creates the exception.
     *
     * @param builder the common service-exception fields
     * @param reason why SES refused
     * @return the exception
     */
    public static SesSendException of(TributaryServiceException.Builder builder, SesFailure reason) {
        return new SesSendException(builder, reason, null);
    }

    /**
     * Creates the exception for a known operation.
     *
     * @param builder the common service-exception fields
     * @param reason why SES refused
     * @param operation the operation that failed
     * @return the exception
     */
    public static SesSendException of(TributaryServiceException.Builder builder, SesFailure reason,
            SesOperation operation) {
        return new SesSendException(builder, reason, operation);
    }

    /** Returns the operation that failed, when the mailer knew it. */
    public Optional<SesOperation> operation() {
        return Optional.ofNullable(operation);
    }

    /** Returns whether the mail may have been delivered although the call failed ({@link SesFailure#UNKNOWN_OUTCOME}). */
    public boolean mayHaveBeenSent() {
        return reason == SesFailure.UNKNOWN_OUTCOME;
    }

    /** Returns why SES refused the call. */
    public SesFailure reason() {
        return reason;
    }
}
