package dev.tributary.ses.auth.internal;

import dev.tributary.ses.auth.DnsStatus;
import java.util.List;

/**
 * The answer to one query.
 *
 * @param status what happened
 * @param values record data: TXT text (strings joined), CNAME target or MX host (lower case, no trailing dot),
 *     or the address; empty unless {@code status} is OK
 * @param ttlSeconds how long the answer may be cached; 0 for errors
 * @param detail a short description for errors (the RCODE or exception), empty otherwise
 */
public record DnsAnswer(DnsStatus status, List<String> values, long ttlSeconds, String detail) {
    /** Copies the values. */
    public DnsAnswer {
        values = List.copyOf(values);
    }

    /** Returns an OK answer. */
    public static DnsAnswer ok(List<String> values, long ttlSeconds) {
        return new DnsAnswer(values.isEmpty() ? DnsStatus.NO_DATA : DnsStatus.OK, values, ttlSeconds, "");
    }

    /** Returns an answer without data. */
    public static DnsAnswer of(DnsStatus status, long ttlSeconds, String detail) {
        return new DnsAnswer(status, List.of(), ttlSeconds, detail);
    }

    /** Returns the status name, with the detail for errors, for a finding's seen list. */
    public String describe() {
        return detail.isEmpty() || detail.equals(status.name()) ? status.name() : status.name() + ": " + detail;
    }
}
