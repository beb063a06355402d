package dev.tributary.ses;

import dev.tributary.core.TributaryServiceException;

/**
 * SES, over the API or SMTP, refused a call; {@link #reason()} says why in SES terms. Never carries a raw SDK
 * or Jakarta Mail exception except as its cause. Messages name what to fix and mask addresses.
 */
public final class SesSendException extends TributaryServiceException {
    private static final long serialVersionUID = 1L;

    private final SesFailure reason;

    private SesSendException(TributaryServiceException.Builder builder, SesFailure reason) {
        super(builder.validated());
        this.reason = reason;
    }

    /**
     * Creates the exception.
     *
     * @param builder the common service-exception fields
     * @param reason why SES refused
     * @return the exception
     */
    public static SesSendException of(TributaryServiceException.Builder builder, SesFailure reason) {
        return new SesSendException(builder, reason);
    }

    /** Returns why SES refused the call. */
    public SesFailure reason() {
        return reason;
    }
}
