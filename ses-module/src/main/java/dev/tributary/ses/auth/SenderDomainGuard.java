package dev.tributary.ses.auth;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.auth.internal.Domains;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pre-send check of the sender domain: {@link Policy#OFF OFF} does nothing, {@link Policy#WARN WARN} logs a WARN
 * line naming the failed check ids, {@link Policy#ENFORCE ENFORCE} refuses to send when an
 * {@linkplain Builder#enforcedChecks enforced check} (by default every DKIM and SPF check) fails.
 *
 * <p>Reports are cached per domain for {@link Builder#reportTtl} (1 hour by default), or {@link Builder#errorTtl}
 * (1 minute) when a DNS query failed, so only the first send after expiry waits for DNS. The WARN line is logged
 * when a report is made, not on every send. Thread-safe; one check per domain runs at a time.
 *
 * <pre>{@code
 * SenderDomainGuard guard = SenderDomainGuard.builder()
 *         .policy(SenderDomainGuard.Policy.ENFORCE)
 *         .identitySource(IdentitySource.sesV2(sesV2Client))
 *         .build();
 * guard.check("example.com"); // throws SenderDomainRejectedException when DKIM or SPF fails
 * }</pre>
 */
public final class SenderDomainGuard {
    private static final Logger LOG = LoggerFactory.getLogger(SenderDomainGuard.class);

    /** What the guard does with a failing report. */
    public enum Policy {
        /** Do not check. */
        OFF,
        /** Check and log failures at WARN; always send. */
        WARN,
        /** Check and refuse to send when an enforced check fails. */
        ENFORCE
    }

    /** The checks ENFORCE acts on by default: every DKIM and SPF check. */
    public static final Set<String> DEFAULT_ENFORCED_CHECKS = Set.of(CheckIds.DKIM_STATUS, CheckIds.DKIM,
            CheckIds.DKIM_KEY_LENGTH, CheckIds.SPF, CheckIds.SPF_SES, CheckIds.SPF_LOOKUPS, CheckIds.SPF_VOID_LOOKUPS,
            CheckIds.SPF_ALL);

    private final Policy policy;
    private final DomainAuthChecker checker;
    private final IdentitySource identities;
    private final Duration reportTtl;
    private final Duration errorTtl;
    private final Set<String> enforced;
    private final Clock clock;
    private final ConcurrentMap<String, Cached> reports = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

    private SenderDomainGuard(Builder b) {
        this.policy = b.policy;
        this.checker = b.checker != null ? b.checker : DomainAuthChecker.create();
        this.identities = b.identities;
        this.reportTtl = b.reportTtl;
        this.errorTtl = b.errorTtl;
        this.enforced = Set.copyOf(b.enforced);
        this.clock = b.clock;
    }

    /** Returns a guard that never checks. */
    public static SenderDomainGuard off() {
        return builder().build();
    }

    /** Returns a builder: policy OFF, system DNS, domain-only identities, 1 hour report TTL. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the policy. */
    public Policy policy() {
        return policy;
    }

    /**
     * Checks the sender domain before a send, using the cached report when it is fresh.
     *
     * @param senderDomain the From domain, or the From address (only its domain is used)
     * @throws SenderDomainRejectedException in ENFORCE mode when an enforced check fails
     * @throws TributaryValidationException when the argument is not a domain or address
     */
    public void check(String senderDomain) {
        if (policy == Policy.OFF) {
            return;
        }
        DomainAuthReport report = report(senderDomain);
        if (policy == Policy.ENFORCE) {
            List<String> failed = enforcedFailures(report);
            if (!failed.isEmpty()) {
                throw SenderDomainRejectedException.of(report, failed);
            }
        }
    }

    /**
     * Returns the report for a domain: the cached one when fresh, otherwise a new check (whatever the policy).
     *
     * @param senderDomain the domain or an address
     * @return the report
     * @throws TributaryValidationException when the argument is not a domain or address
     */
    public DomainAuthReport report(String senderDomain) {
        String domain = Domains.normalize(Objects.requireNonNull(senderDomain, "senderDomain"), "senderDomain");
        Cached cached = reports.get(domain);
        if (cached != null && clock.instant().isBefore(cached.expires)) {
            return cached.report;
        }
        synchronized (locks.computeIfAbsent(domain, k -> new Object())) {
            cached = reports.get(domain);
            Instant now = clock.instant();
            if (cached != null && now.isBefore(cached.expires)) {
                return cached.report;
            }
            DomainAuthReport report = checker.check(identities.identity(domain));
            reports.put(domain, new Cached(report, now.plus(report.hasDnsErrors() ? errorTtl : reportTtl)));
            logFailures(report);
            return report;
        }
    }

    /** Drops every cached report, so the next check of each domain reads DNS again. */
    public void clear() {
        reports.clear();
    }

    private List<String> enforcedFailures(DomainAuthReport report) {
        return report.failedCheckIds().stream().filter(enforced::contains).collect(Collectors.toList());
    }

    private void logFailures(DomainAuthReport report) {
        List<String> failed = report.failedCheckIds();
        if (policy == Policy.ENFORCE) {
            // Enforced failures surface as the exception; only the others are logged.
            failed = failed.stream().filter(id -> !enforced.contains(id)).collect(Collectors.toList());
        }
        if (!failed.isEmpty()) {
            LOG.warn("Sender domain checks failed; run DomainCheckCommand for the records to publish "
                    + "[op=sender-domain-check, domain={}, policy={}, failed={}]", report.domain(), policy,
                    String.join(",", failed));
        } else {
            LOG.debug("Sender domain checked [op=sender-domain-check, domain={}, status={}]", report.domain(),
                    report.status());
        }
    }

    private static final class Cached {
        final DomainAuthReport report;
        final Instant expires;

        Cached(DomainAuthReport report, Instant expires) {
            this.report = report;
            this.expires = expires;
        }
    }

    /** Builds a {@link SenderDomainGuard}; validates at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private Policy policy = Policy.OFF;
        private @Nullable DomainAuthChecker checker;
        private IdentitySource identities = IdentitySource.domainOnly();
        private Duration reportTtl = Duration.ofHours(1);
        private Duration errorTtl = Duration.ofMinutes(1);
        private Set<String> enforced = DEFAULT_ENFORCED_CHECKS;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Sets the policy; default {@link Policy#OFF}. */
        public Builder policy(Policy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Sets the checker; default {@link DomainAuthChecker#create()} (system resolvers). */
        public Builder checker(DomainAuthChecker checker) {
            this.checker = Objects.requireNonNull(checker, "checker");
            return this;
        }

        /** Sets where SES identity data comes from; default {@link IdentitySource#domainOnly()}. */
        public Builder identitySource(IdentitySource identities) {
            this.identities = Objects.requireNonNull(identities, "identities");
            return this;
        }

        /** Sets how long a report is reused; default 1 hour. */
        public Builder reportTtl(Duration ttl) {
            this.reportTtl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /** Sets how long a report with DNS errors is reused; default 1 minute. */
        public Builder errorTtl(Duration ttl) {
            this.errorTtl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /** Sets the check ids whose FAIL makes ENFORCE refuse; default {@link #DEFAULT_ENFORCED_CHECKS}. */
        public Builder enforcedChecks(Collection<String> checkIds) {
            this.enforced = Set.copyOf(checkIds);
            return this;
        }

        /** Sets the clock report TTLs are measured with. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Returns the guard.
         *
         * @throws TributaryValidationException when a TTL is negative or an enforced check id is unknown
         */
        public SenderDomainGuard build() {
            if (reportTtl.isNegative() || errorTtl.isNegative()) {
                throw TributaryValidationException.of("reportTtl", "TTLs must not be negative");
            }
            for (String id : enforced) {
                if (!CheckIds.ALL.contains(id)) {
                    throw TributaryValidationException.of("enforcedChecks", "unknown check id; use ids from "
                            + "CheckIds.ALL");
                }
            }
            return new SenderDomainGuard(this);
        }
    }
}
