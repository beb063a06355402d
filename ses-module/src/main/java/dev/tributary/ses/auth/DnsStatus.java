package dev.tributary.ses.auth;

/** The result of one DNS query made by a check; kept on each {@link Finding} so outages are not mistaken for missing records. */
public enum DnsStatus {
    /** The name exists and has records of the asked type. */
    OK,
    /** The name does not exist (RCODE 3). */
    NXDOMAIN,
    /** The name exists but has no records of the asked type. */
    NO_DATA,
    /** The resolver answered SERVFAIL: the zone's servers are broken or unreachable. */
    SERVFAIL,
    /** No answer arrived within the configured timeout. */
    TIMEOUT,
    /** Any other failure: REFUSED or another RCODE, a network error, or a name that is not valid. */
    ERROR;

    /** Returns whether the query failed without a definite answer (SERVFAIL, TIMEOUT, ERROR). */
    public boolean isError() {
        return this == SERVFAIL || this == TIMEOUT || this == ERROR;
    }

    /** Returns whether the name has no records of the asked type (NXDOMAIN or NO_DATA). */
    public boolean isEmpty() {
        return this == NXDOMAIN || this == NO_DATA;
    }
}
