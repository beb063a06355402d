package dev.tributary.ses.auth.internal;

/**
 * Answers DNS queries for the checks. Implementations never throw for DNS failures: they return a
 * {@link DnsAnswer} with the matching status. Must be thread-safe.
 */
public interface DnsSource {
    /** The record types the checks ask for. */
    enum Type {
        TXT, CNAME, MX, A, AAAA
    }

    /**
     * Looks up records of one type, following CNAMEs for types other than CNAME.
     *
     * @param name a lower-case domain name without a trailing dot
     * @param type the record type
     * @return the answer; TXT values have their character-strings joined, CNAME and MX values are host names
     *     without a trailing dot
     */
    DnsAnswer query(String name, Type type);
}
