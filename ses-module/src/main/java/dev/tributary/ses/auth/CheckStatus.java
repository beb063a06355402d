package dev.tributary.ses.auth;

/** The outcome of one check in a {@link DomainAuthReport}, from best to worst. */
public enum CheckStatus {
    /** The records are as SES and receivers need them. */
    PASS,
    /** Mail will probably be delivered, but something is weak, unknown (a DNS error) or not yet set up. */
    WARN,
    /** The records are missing or wrong; authentication of mail from this domain fails or is at risk. */
    FAIL;

    /**
     * Returns the worse of this status and {@code other}.
     *
     * @param other the status to compare with
     * @return {@code FAIL} over {@code WARN} over {@code PASS}
     */
    public CheckStatus worst(CheckStatus other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
