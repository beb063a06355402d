package dev.tributary.ses.auth;

import java.util.Objects;

/**
 * Whether mail this SES identity sends will have DKIM and/or SPF aligned with the From domain, as DMARC
 * requires one of them to. Immutable.
 *
 * <p>SES signs with {@code d=<identity domain>} (Easy DKIM and BYODKIM), so DKIM aligns in both modes when the
 * DKIM checks pass. SPF checks the MAIL FROM domain, which is {@code amazonses.com} unless a custom MAIL FROM
 * subdomain is set; a subdomain aligns only in relaxed mode ({@code aspf=r}).
 */
public final class DmarcAlignment {
    private final Outcome dkim;
    private final Outcome spf;
    private final DmarcRecord.Mode dkimMode;
    private final DmarcRecord.Mode spfMode;

    /** Whether one identifier aligns. */
    public enum Outcome {
        /** Aligned and passing. */
        ALIGNED,
        /** Not aligned, or the mechanism fails. */
        NOT_ALIGNED,
        /** Not known: a DNS error or missing SES identity data. */
        UNKNOWN
    }

    private DmarcAlignment(Outcome dkim, Outcome spf, DmarcRecord.Mode dkimMode, DmarcRecord.Mode spfMode) {
        this.dkim = dkim;
        this.spf = spf;
        this.dkimMode = dkimMode;
        this.spfMode = spfMode;
    }

    /**
     * Creates an alignment result.
     *
     * @param dkim whether DKIM aligns
     * @param spf whether SPF aligns
     * @param dkimMode the DKIM mode applied (relaxed when there is no DMARC record)
     * @param spfMode the SPF mode applied (relaxed when there is no DMARC record)
     * @return the result
     */
    public static DmarcAlignment of(Outcome dkim, Outcome spf, DmarcRecord.Mode dkimMode, DmarcRecord.Mode spfMode) {
        return new DmarcAlignment(Objects.requireNonNull(dkim, "dkim"), Objects.requireNonNull(spf, "spf"),
                Objects.requireNonNull(dkimMode, "dkimMode"), Objects.requireNonNull(spfMode, "spfMode"));
    }

    /** Returns whether DKIM aligns. */
    public Outcome dkim() {
        return dkim;
    }

    /** Returns whether SPF aligns. */
    public Outcome spf() {
        return spf;
    }

    /** Returns the DKIM alignment mode applied. */
    public DmarcRecord.Mode dkimMode() {
        return dkimMode;
    }

    /** Returns the SPF alignment mode applied. */
    public DmarcRecord.Mode spfMode() {
        return spfMode;
    }

    /** Returns whether DMARC passes: DKIM or SPF is aligned. */
    public boolean passes() {
        return dkim == Outcome.ALIGNED || spf == Outcome.ALIGNED;
    }

    @Override
    public String toString() {
        return "DmarcAlignment[dkim=" + dkim + " (" + dkimMode + "), spf=" + spf + " (" + spfMode + ")]";
    }
}
