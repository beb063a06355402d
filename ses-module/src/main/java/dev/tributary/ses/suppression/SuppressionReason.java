package dev.tributary.ses.suppression;

/** Why an address is suppressed; the same two reasons as the SES account-level suppression list. */
public enum SuppressionReason {
    /** The address hard-bounced. */
    BOUNCE,
    /** The recipient reported a message as spam. */
    COMPLAINT
}
