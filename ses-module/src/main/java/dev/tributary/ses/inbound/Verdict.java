package dev.tributary.ses.inbound;

/** The outcome of one of SES's checks on received mail (SPF, DKIM, DMARC, spam, virus). */
public enum Verdict {
    /** The check passed. */
    PASS,
    /** The check failed. */
    FAIL,
    /** SES could not decide (for spam and virus: suspicious). */
    GRAY,
    /** SES could not run the check. */
    PROCESSING_FAILED,
    /** The check is turned off for the receipt rule (spam and virus scanning). */
    DISABLED,
    /** The notification carried no verdict for this check (older notifications have no DMARC verdict). */
    ABSENT
}
