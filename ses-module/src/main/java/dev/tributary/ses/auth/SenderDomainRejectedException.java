package dev.tributary.ses.auth;

import dev.tributary.core.TributaryClientException;
import java.util.List;

/**
 * {@link SenderDomainGuard} in {@link SenderDomainGuard.Policy#ENFORCE ENFORCE} mode refused to send because a
 * DKIM or SPF check of the sender domain failed. Nothing was sent. Not retryable until the DNS records are
 * fixed; {@link #report()} has the findings and the records to publish.
 */
public final class SenderDomainRejectedException extends TributaryClientException {
    private static final long serialVersionUID = 1L;

    private final transient DomainAuthReport report;
    private final List<String> failedCheckIds;

    private SenderDomainRejectedException(DomainAuthReport report, List<String> failedCheckIds) {
        super("Sending from domain " + report.domain() + " was refused: sender-domain checks " + failedCheckIds
                + " failed. Publish the DNS records in the report's findings (fix), or set the SenderDomainGuard "
                + "policy to WARN", null, false);
        this.report = report;
        this.failedCheckIds = List.copyOf(failedCheckIds);
    }

    /**
     * Creates the exception.
     *
     * @param report the report that failed
     * @param failedCheckIds the enforced check ids that failed
     * @return the exception
     */
    public static SenderDomainRejectedException of(DomainAuthReport report, List<String> failedCheckIds) {
        return new SenderDomainRejectedException(report, failedCheckIds);
    }

    /** Returns the report whose failures caused the refusal. */
    public DomainAuthReport report() {
        return report;
    }

    /** Returns the enforced check ids that failed. */
    public List<String> failedCheckIds() {
        return failedCheckIds;
    }
}
