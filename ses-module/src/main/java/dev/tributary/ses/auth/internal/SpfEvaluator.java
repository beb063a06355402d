package dev.tributary.ses.auth.internal;

import dev.tributary.ses.auth.DnsStatus;
import dev.tributary.ses.auth.internal.DnsSource.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a domain's SPF record and walks it the way a receiver would in the worst case (every term reached),
 * counting DNS-querying terms (include, a, mx, ptr, exists, redirect) and void lookups (RFC 7208 section 4.6.4)
 * through include and redirect, and whether SES ({@code include:amazonses.com}) is authorised. Domain-specs
 * with macros are counted but not looked up.
 *
 * <p>The walk obeys the limits receivers apply, so a hostile record cannot make it query without end: once a
 * term beyond the 10th DNS-querying term or a lookup beyond the 2nd void one is reached (where a receiver
 * returns permerror), it makes no further queries and only counts the terms of the records it already has
 * ({@link Result#stopped()}); {@link #MAX_QUERIES} caps the queries of one evaluation whatever happens. An
 * {@code mx} term with more than 10 hosts is a permerror too. Thread-safe.
 */
public final class SpfEvaluator {
    /** The RFC 7208 limit on DNS-querying terms. */
    public static final int MAX_LOOKUPS = 10;
    /** The RFC 7208 recommended limit on void lookups. */
    public static final int MAX_VOID_LOOKUPS = 2;
    /** The domain SES asks to include. */
    public static final String SES_SPF_DOMAIN = "amazonses.com";
    /** The RFC 7208 limit on MX hosts one {@code mx} term may name. */
    public static final int MAX_MX_HOSTS = 10;
    /**
     * The most DNS queries one evaluation makes: the record, then at most 2 (A, then AAAA) for each of the 10
     * DNS-querying terms a receiver evaluates; never reached when the limits above work, kept as a backstop.
     */
    public static final int MAX_QUERIES = 1 + 2 * MAX_LOOKUPS;

    private final DnsSource dns;

    /** Creates an evaluator over the given DNS source. */
    public SpfEvaluator(DnsSource dns) {
        this.dns = dns;
    }

    /**
     * The outcome for one domain.
     *
     * @param answer the TXT answer for the domain
     * @param spfRecords the {@code v=spf1} records seen there
     * @param record the parsed record when there was exactly one and it was valid, else null
     * @param syntaxError why the only record is not valid, else null
     * @param lookups DNS-querying terms counted through include and redirect
     * @param voidLookups lookups that found nothing (NXDOMAIN or no records)
     * @param authorizesSes whether {@code include:amazonses.com} is reached
     * @param allQualifier the qualifier of the effective {@code all} (through redirect), or null when none
     * @param errors problems that make receivers return permerror, such as an include without SPF record
     * @param warnings problems that do not: DNS errors (temperror), {@code ptr}, unexpanded macros
     * @param stopped whether the walk stopped querying at a limit, so {@code lookups} is a lower bound
     * @param queries the DNS queries this evaluation made (at most {@link #MAX_QUERIES})
     */
    public record Result(DnsAnswer answer, List<String> spfRecords, @Nullable SpfRecord record,
            @Nullable String syntaxError, int lookups, int voidLookups, boolean authorizesSes,
            @Nullable Character allQualifier, List<String> errors, List<String> warnings, boolean stopped,
            int queries) {}

    /**
     * Evaluates the SPF record of a domain.
     *
     * @param domain a normalised domain
     * @return the result; never throws for DNS or syntax problems
     */
    public Result evaluate(String domain) {
        DnsAnswer answer = dns.query(domain, Type.TXT);
        List<String> spf = spfRecords(answer);
        if (spf.size() != 1) {
            return new Result(answer, spf, null, null, 0, 0, false, null, List.of(), List.of(), false, 1);
        }
        SpfRecord record;
        try {
            record = SpfRecord.parse(spf.get(0));
        } catch (IllegalArgumentException e) {
            return new Result(answer, spf, null, e.getMessage(), 0, 0, false, null, List.of(), List.of(), false,
                    1);
        }
        Walk walk = new Walk();
        walk.path.push(domain);
        Character all = walk.record(domain, record);
        return new Result(answer, spf, record, null, walk.lookups, walk.voids, walk.ses, all,
                List.copyOf(walk.errors), List.copyOf(walk.warnings), walk.stopped, walk.queries);
    }

    /** Returns the {@code v=spf1} records among a TXT answer's values. */
    public static List<String> spfRecords(DnsAnswer answer) {
        List<String> out = new ArrayList<>();
        for (String v : answer.values()) {
            if (SpfRecord.isSpf(v)) {
                out.add(v.trim());
            }
        }
        return out;
    }

    /** The mutable state of one evaluation. */
    private final class Walk {
        final Deque<String> path = new ArrayDeque<>();
        final List<String> errors = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        int lookups;
        int voids;
        int queries = 1; // the record itself
        boolean ses;
        boolean stopped;

        /** Walks one record; returns the qualifier of its effective all. */
        @Nullable Character record(String domain, SpfRecord record) {
            for (SpfRecord.Directive d : record.directives()) {
                directive(domain, d);
            }
            if (record.all().isPresent()) {
                return record.all().get().qualifier();
            }
            if (record.redirect().isEmpty()) {
                return null;
            }
            lookups++;
            String target = record.redirect().get();
            if (SpfRecord.hasMacro(target)) {
                warnings.add("redirect=" + target + " uses macros and was not followed");
                return null;
            }
            if (!mayQuery()) {
                return null;
            }
            SpfRecord next = follow("redirect=", target, true);
            return next == null ? null : recordAll(target, next);
        }

        private @Nullable Character recordAll(String target, SpfRecord next) {
            path.push(target);
            try {
                return record(target, next);
            } finally {
                path.pop();
            }
        }

        private void directive(String domain, SpfRecord.Directive d) {
            if (!d.mechanism().isLookup()) {
                return;
            }
            lookups++;
            String target = d.domain() == null ? domain : d.domain();
            if (d.mechanism() == SpfRecord.Mechanism.INCLUDE && d.qualifier() == '+'
                    && target.equals(SES_SPF_DOMAIN)) {
                ses = true;
            }
            if (d.mechanism() == SpfRecord.Mechanism.PTR) {
                warnings.add("'" + d.text() + "' is deprecated (RFC 7208 section 5.5); use ip4, ip6 or a");
            }
            if (SpfRecord.hasMacro(target)) {
                warnings.add("'" + d.text() + "' uses macros; counted but not looked up");
                return;
            }
            if (!mayQuery()) {
                return;
            }
            switch (d.mechanism()) {
                case INCLUDE:
                    SpfRecord included = follow("include:", target, d.qualifier() == '+');
                    if (included != null) {
                        recordAll(target, included);
                    }
                    break;
                case A:
                    DnsAnswer a = query(target, Type.A);
                    if (a != null && a.status() == DnsStatus.NO_DATA) {
                        a = query(target, Type.AAAA);
                    }
                    outcome(d.text(), a);
                    break;
                case MX:
                    DnsAnswer mx = query(target, Type.MX);
                    outcome(d.text(), mx);
                    if (mx != null && mx.values().size() > MAX_MX_HOSTS) {
                        errors.add("'" + d.text() + "' finds more than " + MAX_MX_HOSTS + " MX hosts; receivers "
                                + "return permerror (RFC 7208 section 4.6.4)");
                    }
                    break;
                case EXISTS:
                    outcome(d.text(), query(target, Type.A));
                    break;
                default:
                    break; // ptr needs the sender's IP: counted, never queried
            }
        }

        /** Returns whether the term just counted may still be looked up: a receiver stops at the limits. */
        private boolean mayQuery() {
            if (stopped) {
                return false;
            }
            if (lookups > MAX_LOOKUPS || voids > MAX_VOID_LOOKUPS || path.size() > MAX_LOOKUPS) {
                stopped = true;
                return false;
            }
            return true;
        }

        private @Nullable DnsAnswer query(String name, Type type) {
            if (queries >= MAX_QUERIES) {
                stopped = true;
                return null;
            }
            queries++;
            return dns.query(name, type);
        }

        private void outcome(String term, @Nullable DnsAnswer answer) {
            if (answer == null) {
                return;
            }
            if (answer.status().isEmpty()) {
                voids++;
            } else if (answer.status().isError()) {
                warnings.add("'" + term + "' could not be resolved: " + answer.describe());
            }
        }

        /** Reads the SPF record an include or redirect points to; null when it cannot be walked. */
        private @Nullable SpfRecord follow(String kind, String target, boolean authorizing) {
            String term = kind + target;
            if (authorizing && target.equals(SES_SPF_DOMAIN)) {
                ses = true;
            }
            if (path.contains(target)) {
                errors.add("'" + term + "' loops back to a record already being evaluated");
                return null;
            }
            DnsAnswer answer = query(target, Type.TXT);
            if (answer == null) {
                return null;
            }
            if (answer.status().isEmpty()) {
                voids++;
                errors.add("'" + term + "' has no SPF record (" + answer.status() + "); receivers return permerror");
                return null;
            }
            if (answer.status().isError()) {
                warnings.add("'" + term + "' could not be resolved: " + answer.describe());
                return null;
            }
            List<String> spf = spfRecords(answer);
            if (spf.size() != 1) {
                errors.add("'" + term + "' has " + (spf.isEmpty() ? "no" : spf.size()) + " SPF records; "
                        + "receivers return permerror");
                return null;
            }
            try {
                return SpfRecord.parse(spf.get(0));
            } catch (IllegalArgumentException e) {
                errors.add("'" + term + "' has an invalid SPF record: " + e.getMessage());
                return null;
            }
        }
    }
}
