package dev.tributary.ses;

/** Why SES (or its SMTP interface) refused a message; carried by {@link SesSendException#reason()}. */
public enum SesFailure {
    /** SES rejected the message content, for example a virus or an invalid header. Not retryable. */
    MESSAGE_REJECTED,
    /** The sender identity, or in the sandbox a recipient, is not verified. Verify it in SES. */
    IDENTITY_NOT_VERIFIED,
    /** The custom MAIL FROM domain is not verified (its MX/SPF records are missing). */
    MAIL_FROM_NOT_VERIFIED,
    /** Sending is paused for the account or the configuration set, or the account is suspended. */
    ACCOUNT_PAUSED,
    /** SES throttled the call (maximum sending rate). Retryable. */
    THROTTLED,
    /** The 24-hour sending quota or another account limit is exceeded. */
    LIMIT_EXCEEDED,
    /** A named resource, such as a template or configuration set, does not exist. */
    NOT_FOUND,
    /** SES refused the request as malformed. */
    BAD_REQUEST,
    /** SMTP authentication failed: check the SMTP user name and password (not the IAM secret key). */
    SMTP_AUTHENTICATION,
    /** SES failed on its side (5xx), or the connection failed before the request was sent. Retryable. */
    SERVICE_ERROR,
    /**
     * The request may have reached SES but no answer came back (a read timeout or a connection dropped after
     * the request, or after SMTP's end of DATA): the mail may have gone. Not retried unless
     * {@link SesOptions.Builder#retryUnknownOutcome(boolean)} is on, because a retry can deliver it twice.
     */
    UNKNOWN_OUTCOME
}
