package dev.tributary.ses;

import dev.tributary.ses.auth.DnsOptions;
import dev.tributary.ses.auth.DomainAuthChecker;
import dev.tributary.ses.auth.SenderDomainGuard;
import dev.tributary.ses.auth.SesIdentity;
import dev.tributary.testkit.LocalDns;
import java.time.Duration;
import java.util.List;

/**
 * The sender domains of the mailer policy ITs: {@code good.test} is set up as SES asks (three DKIM CNAMEs, a
 * MAIL FROM with the feedback MX and SPF, DMARC reject); {@code bad.test} exists with no records.
 */
final class GuardedZones {
    private GuardedZones() {}

    /** Returns the two zones, for a {@code LocalDnsExtension}. */
    static LocalDns.Builder zones() {
        return LocalDns.builder()
                .zone("good.test").zone("bad.test")
                .cname("tok1._domainkey.good.test", "tok1.dkim.amazonses.com")
                .cname("tok2._domainkey.good.test", "tok2.dkim.amazonses.com")
                .cname("tok3._domainkey.good.test", "tok3.dkim.amazonses.com")
                .mx("mail.good.test", "feedback-smtp.us-east-1.amazonses.com", 10)
                .txt("mail.good.test", "v=spf1 include:amazonses.com ~all")
                .txt("_dmarc.good.test", "v=DMARC1; p=reject");
    }

    /** Returns an enforcing guard that reads {@code server} and takes each domain's SES identity as verified. */
    static SenderDomainGuard enforcing(LocalDns server) {
        return SenderDomainGuard.builder()
                .policy(SenderDomainGuard.Policy.ENFORCE)
                .checker(DomainAuthChecker.create(DnsOptions.builder().resolver(server.hostAndPort())
                        .timeout(Duration.ofSeconds(2)).build()))
                .identitySource(GuardedZones::identity)
                .build();
    }

    private static SesIdentity identity(String domain) {
        return SesIdentity.builder(domain).dkimTokens(List.of("tok1", "tok2", "tok3")).dkimStatus("SUCCESS")
                .mailFromDomain("mail." + domain).region("us-east-1").build();
    }
}
