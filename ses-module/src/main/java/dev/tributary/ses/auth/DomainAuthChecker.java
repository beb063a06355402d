package dev.tributary.ses.auth;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.auth.internal.AuthCheckEngine;
import dev.tributary.ses.auth.internal.CachingDnsSource;
import dev.tributary.ses.auth.internal.DnsSource;
import dev.tributary.ses.auth.internal.DnsjavaSource;
import java.time.Clock;
import java.util.Objects;

/**
 * Checks that a sender domain is set up for SES: DKIM, the custom MAIL FROM domain and its SPF record, and
 * DMARC with alignment. Returns a {@link DomainAuthReport}; DNS failures (NXDOMAIN, SERVFAIL, timeouts) are
 * findings, never exceptions.
 *
 * <p>Thread-safe; share one instance, which keeps the DNS answer cache. Holds no resources that need closing.
 * A check makes its DNS queries one after another on the calling thread, so it can take several timeouts when
 * the domain's servers do not answer.
 *
 * <p>The organisational domain (for the DMARC fallback lookup and relaxed alignment) comes from the Public
 * Suffix List bundled with Guava, ICANN and private sections: {@code _dmarc.example.co.uk} for
 * {@code mail.example.co.uk}, {@code _dmarc.alice.github.io} for {@code www.alice.github.io}.
 *
 * <p>Limitations: the From domain is taken to be the identity's domain; SPF is walked as written (macros are
 * counted but not expanded, {@code ptr} is counted and flagged); DKIM CNAME targets are compared as text and
 * not resolved.
 *
 * <pre>{@code
 * DomainAuthChecker checker = DomainAuthChecker.create();
 * DomainAuthReport report = checker.check(SesIdentity.fromResponse("example.com", "us-east-1",
 *         sesV2.getEmailIdentity(r -> r.emailIdentity("example.com"))));
 * }</pre>
 */
public final class DomainAuthChecker {
    private final AuthCheckEngine engine;

    private DomainAuthChecker(AuthCheckEngine engine) {
        this.engine = engine;
    }

    /** Returns a checker over the system resolvers with the default {@link DnsOptions}. */
    public static DomainAuthChecker create() {
        return create(DnsOptions.defaults());
    }

    /**
     * Returns a checker with the given DNS options.
     *
     * @param options resolvers, timeout and cache
     * @return the checker
     */
    public static DomainAuthChecker create(DnsOptions options) {
        DnsSource source = new DnsjavaSource(options.resolvers(), options.timeout());
        if (options.cache()) {
            source = new CachingDnsSource(source, options.clock(), options.maxCacheTtl(), options.cacheSize());
        }
        return new DomainAuthChecker(new AuthCheckEngine(source, options.clock()));
    }

    /** For tests: a checker over any DNS source. */
    static DomainAuthChecker create(DnsSource source, Clock clock) {
        return new DomainAuthChecker(new AuthCheckEngine(source, clock));
    }

    /**
     * Checks a domain without SES identity data: DKIM cannot be checked (WARN) and no custom MAIL FROM is
     * assumed. Prefer {@link #check(SesIdentity)}.
     *
     * @param domainOrAddress a domain or a sender address
     * @return the report
     * @throws TributaryValidationException when the input is not a domain name or address
     */
    public DomainAuthReport check(String domainOrAddress) {
        return check(SesIdentity.ofDomain(domainOrAddress));
    }

    /**
     * Checks a domain with what SES knows about it.
     *
     * @param identity the SES identity data
     * @return the report
     */
    public DomainAuthReport check(SesIdentity identity) {
        return engine.check(Objects.requireNonNull(identity, "identity"));
    }
}
