package dev.tributary.examples.welcome;

import dev.tributary.ses.auth.DnsOptions;
import dev.tributary.ses.auth.DomainAuthChecker;
import dev.tributary.ses.auth.SenderDomainGuard;
import dev.tributary.ses.auth.SesIdentity;
import dev.tributary.testkit.LocalDns;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The sender-domain check run before every send: a {@link SenderDomainGuard} with policy WARN, or ENFORCE with
 * {@code --enforce}, resolving through {@code --dns host:port} or, by default, through a {@link LocalDns} that
 * serves a correctly set-up zone for {@link #DOMAIN}: three SES DKIM CNAMEs, a custom MAIL FROM domain with
 * the SES feedback MX and an SPF record, a DMARC {@code p=reject} record, and SES's own SPF record.
 */
public final class SenderCheck implements AutoCloseable {
    /** The sender domain of the example. */
    public static final String DOMAIN = "example.test";
    private static final List<String> TOKENS = List.of("tok1", "tok2", "tok3");

    private final SenderDomainGuard guard;
    private final @Nullable LocalDns dns;

    private SenderCheck(SenderDomainGuard guard, @Nullable LocalDns dns) {
        this.guard = guard;
        this.dns = dns;
    }

    /**
     * Builds the guard from {@code --dns} and {@code --enforce}, starting the local DNS when no resolver is given.
     *
     * @param flags the command line
     * @return the check; close it to stop the local DNS
     */
    public static SenderCheck create(Options flags) {
        LocalDns dns = null;
        String resolver;
        if (flags.dns != null) {
            resolver = flags.dns;
        } else {
            dns = zone().start();
            resolver = dns.hostAndPort();
        }
        SenderDomainGuard guard = SenderDomainGuard.builder()
                .policy(flags.enforce ? SenderDomainGuard.Policy.ENFORCE : SenderDomainGuard.Policy.WARN)
                .checker(DomainAuthChecker.create(DnsOptions.builder().resolver(resolver)
                        .timeout(Duration.ofSeconds(2)).build()))
                .identitySource(SenderCheck::identity)
                .build();
        return new SenderCheck(guard, dns);
    }

    /** Returns the zone a correctly set-up SES sender domain publishes. */
    static LocalDns.Builder zone() {
        LocalDns.Builder b = LocalDns.builder().zone(DOMAIN);
        TOKENS.forEach(t -> b.cname(t + "._domainkey." + DOMAIN, t + ".dkim.amazonses.com"));
        return b.mx("mail." + DOMAIN, "feedback-smtp.us-east-1.amazonses.com", 10)
                .txt("mail." + DOMAIN, "v=spf1 include:amazonses.com ~all")
                .txt("_dmarc." + DOMAIN, "v=DMARC1; p=reject")
                // SES's own SPF record, so that include:amazonses.com resolves without the internet.
                .zone("amazonses.com")
                .txt("amazonses.com", "v=spf1 ip4:199.255.192.0/22 ip4:199.127.232.0/22 ip4:54.240.0.0/18"
                        + " ip4:69.169.224.0/20 ip4:23.249.208.0/20 ip4:23.251.224.0/19 ip4:76.223.176.0/20 -all");
    }

    /** What SES would report for the domain: Easy DKIM tokens, custom MAIL FROM, us-east-1. */
    private static SesIdentity identity(String domain) {
        return SesIdentity.builder(domain).dkimTokens(TOKENS).dkimStatus("SUCCESS")
                .mailFromDomain("mail." + domain).region("us-east-1").build();
    }

    /** Returns the guard to put into {@code SesOptions}. */
    public SenderDomainGuard guard() {
        return guard;
    }

    /** Stops the local DNS if one was started. */
    @Override
    public void close() {
        if (dns != null) {
            dns.close();
        }
    }
}
