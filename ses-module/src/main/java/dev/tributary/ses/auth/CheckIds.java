package dev.tributary.ses.auth;

import java.util.List;

/**
 * The stable ids of the checks in a {@link DomainAuthReport}, in report order. Ids never change meaning
 * between releases; new checks get new ids. A report leaves out a check that cannot apply (for example the
 * SPF checks when no custom MAIL FROM domain is set, or the checks that read an SPF record that is missing).
 */
public final class CheckIds {
    /** SES reports the identity's DKIM status as SUCCESS (only when the status is known). */
    public static final String DKIM_STATUS = "dkim-status";
    /**
     * The DKIM records: for Easy DKIM the three {@code <token>._domainkey.<domain>} CNAMEs point to
     * {@code <token>.dkim.amazonses.com}; for BYODKIM {@code <selector>._domainkey.<domain>} has one parseable,
     * not revoked {@code v=DKIM1; k=rsa; p=...} TXT record.
     */
    public static final String DKIM = "dkim";
    /** BYODKIM only: the published RSA key has at least 1024 bits. */
    public static final String DKIM_KEY_LENGTH = "dkim-key-length";
    /** A custom MAIL FROM domain under the sender domain is set, so SPF can align (WARN when not). */
    public static final String MAIL_FROM = "mail-from";
    /** The custom MAIL FROM domain has the MX record {@code feedback-smtp.<region>.amazonses.com}. */
    public static final String MAIL_FROM_MX = "mail-from-mx";
    /** The MAIL FROM domain has exactly one syntactically valid {@code v=spf1} record whose includes resolve. */
    public static final String SPF = "spf";
    /** The SPF record authorises SES ({@code include:amazonses.com}, directly or through includes). */
    public static final String SPF_SES = "spf-ses";
    /** The SPF record needs at most 10 DNS lookups, counted through include and redirect. */
    public static final String SPF_LOOKUPS = "spf-lookups";
    /** The SPF record causes at most 2 void lookups (NXDOMAIN or empty answers). */
    public static final String SPF_VOID_LOOKUPS = "spf-void-lookups";
    /** The SPF record does not end in {@code +all} (FAIL) and ends in {@code ~all} or {@code -all} (else WARN). */
    public static final String SPF_ALL = "spf-all";
    /** {@code _dmarc.<domain>} (or the organisational domain's) has exactly one valid DMARC record. */
    public static final String DMARC = "dmarc";
    /** The DMARC policy is quarantine or reject for 100% of mail (WARN for none or a lower pct). */
    public static final String DMARC_POLICY = "dmarc-policy";
    /** DKIM or SPF will be aligned with the From domain for mail this SES identity sends. */
    public static final String DMARC_ALIGNMENT = "dmarc-alignment";

    /** Every id, in the order findings appear in a report. */
    public static final List<String> ALL = List.of(DKIM_STATUS, DKIM, DKIM_KEY_LENGTH, MAIL_FROM, MAIL_FROM_MX,
            SPF, SPF_SES, SPF_LOOKUPS, SPF_VOID_LOOKUPS, SPF_ALL, DMARC, DMARC_POLICY, DMARC_ALIGNMENT);

    private CheckIds() {}
}
