package dev.tributary.ses.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.ses.auth.DmarcAlignment.Outcome;
import dev.tributary.ses.auth.internal.DnsSource.Type;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainAuthCheckerTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    static final List<String> TOKENS = List.of("tok1", "tok2", "tok3");

    static FakeDns goodDns(String domain) {
        return new FakeDns()
                .cname("tok1._domainkey." + domain, "tok1.dkim.amazonses.com")
                .cname("tok2._domainkey." + domain, "tok2.dkim.amazonses.com")
                .cname("tok3._domainkey." + domain, "tok3.dkim.amazonses.com")
                .txt("mail." + domain, "v=spf1 include:amazonses.com ~all")
                .mx("mail." + domain, "feedback-smtp.us-east-1.amazonses.com")
                .txt("amazonses.com", "v=spf1 ip4:199.255.192.0/22 -all");
    }

    static SesIdentity identity(String domain) {
        return SesIdentity.builder(domain).dkimTokens(TOKENS).dkimStatus("SUCCESS").mailFromDomain("mail." + domain)
                .region("us-east-1").build();
    }

    static List<String> statuses(DomainAuthReport report) {
        return report.findings().stream().map(f -> f.checkId() + "=" + f.status()).collect(Collectors.toList());
    }

    private static DomainAuthReport check(FakeDns dns, SesIdentity id) {
        return DomainAuthChecker.create(dns, CLOCK).check(id);
    }

    @Test
    void check_completeSetup_passesEveryCheckInOrder() {
        FakeDns dns = goodDns("example.com").txt("_dmarc.example.com", "v=DMARC1; p=reject; rua=mailto:d@example.com");

        DomainAuthReport r = check(dns, identity("example.com"));

        assertThat(statuses(r)).containsExactly("dkim-status=PASS", "dkim=PASS", "mail-from=PASS",
                "mail-from-mx=PASS", "spf=PASS", "spf-ses=PASS", "spf-lookups=PASS", "spf-void-lookups=PASS",
                "spf-all=PASS", "dmarc=PASS", "dmarc-policy=PASS", "dmarc-alignment=PASS");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.checkedAt()).isEqualTo(CLOCK.instant());
        assertThat(r.dmarc()).get().extracting(DmarcRecord::policy).isEqualTo(DmarcRecord.Policy.REJECT);
        assertThat(r.alignment().dkim()).isEqualTo(Outcome.ALIGNED);
        assertThat(r.alignment().spf()).isEqualTo(Outcome.ALIGNED);
        assertThat(r.findings()).allMatch(f -> f.fix().isEmpty());
    }

    @Test
    void check_noCustomMailFrom_warnsAndSkipsSpf() {
        FakeDns dns = goodDns("example.com").txt("_dmarc.example.com", "v=DMARC1; p=reject");
        SesIdentity id = identity("example.com").toBuilder().mailFromDomain(null).build();

        DomainAuthReport r = check(dns, id);

        assertThat(statuses(r)).containsExactly("dkim-status=PASS", "dkim=PASS", "mail-from=WARN", "dmarc=PASS",
                "dmarc-policy=PASS", "dmarc-alignment=PASS");
        assertThat(r.finding(CheckIds.MAIL_FROM).orElseThrow().fix()).extracting(DnsRecord::zoneLine).containsExactly(
                "mail.example.com. 300 IN MX 10 feedback-smtp.us-east-1.amazonses.com.",
                "mail.example.com. 300 IN TXT \"v=spf1 include:amazonses.com ~all\"");
        assertThat(r.alignment().spf()).isEqualTo(Outcome.NOT_ALIGNED);
    }

    @Test
    void check_strictSpfAlignment_neverAlignsSubdomainMailFrom() {
        FakeDns dns = goodDns("example.com").txt("_dmarc.example.com", "v=DMARC1; p=reject; aspf=s");

        DomainAuthReport r = check(dns, identity("example.com"));

        assertThat(r.alignment().spf()).isEqualTo(Outcome.NOT_ALIGNED);
        assertThat(r.alignment().dkim()).isEqualTo(Outcome.ALIGNED);
        assertThat(r.finding(CheckIds.DMARC_ALIGNMENT).orElseThrow().status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void check_missingDkimAndStrictSpf_failsAlignment() {
        FakeDns dns = goodDns("other.com").txt("_dmarc.example.com", "v=DMARC1; p=reject; aspf=s")
                .txt("mail.example.com", "v=spf1 include:amazonses.com -all")
                .mx("mail.example.com", "feedback-smtp.us-east-1.amazonses.com");

        DomainAuthReport r = check(dns, identity("example.com"));

        assertThat(r.finding(CheckIds.DKIM).orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.finding(CheckIds.DKIM).orElseThrow().fix()).hasSize(3);
        assertThat(r.finding(CheckIds.DMARC_ALIGNMENT).orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void check_missingDkimRelaxedSpf_passesAlignmentThroughSpf() {
        FakeDns dns = goodDns("other.com").txt("_dmarc.example.com", "v=DMARC1; p=reject")
                .txt("mail.example.com", "v=spf1 include:amazonses.com -all")
                .mx("mail.example.com", "feedback-smtp.us-east-1.amazonses.com");

        DomainAuthReport r = check(dns, identity("example.com"));

        assertThat(r.alignment().dkim()).isEqualTo(Outcome.NOT_ALIGNED);
        assertThat(r.alignment().spf()).isEqualTo(Outcome.ALIGNED);
        assertThat(r.finding(CheckIds.DMARC_ALIGNMENT).orElseThrow().status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void check_subdomainWithoutDmarc_fallsBackToOrganisationalDomainAndUsesSp() {
        FakeDns dns = goodDns("news.example.co.uk")
                .txt("_dmarc.example.co.uk", "v=DMARC1; p=reject; sp=none");

        DomainAuthReport r = check(dns, identity("news.example.co.uk"));

        Finding dmarc = r.finding(CheckIds.DMARC).orElseThrow();
        assertThat(dmarc.status()).isEqualTo(CheckStatus.PASS);
        assertThat(dmarc.subject()).isEqualTo("_dmarc.example.co.uk");
        Finding policy = r.finding(CheckIds.DMARC_POLICY).orElseThrow();
        assertThat(policy.status()).isEqualTo(CheckStatus.WARN);
        assertThat(policy.fix()).extracting(DnsRecord::value).containsExactly("v=DMARC1; p=reject; sp=quarantine");
        assertThat(dns.log).contains("TXT _dmarc.news.example.co.uk", "TXT _dmarc.example.co.uk");
    }

    @ParameterizedTest
    @CsvSource({
        "mail.example.gov.br, example.gov.br, gov.br",
        "a.b.example.com.au, example.com.au, com.au",
        "news.alice.github.io, alice.github.io, github.io"
    })
    void check_subdomainUnderMultiLabelSuffix_findsDmarcAtTheOrganisationalDomain(String domain, String org,
            String suffix) {
        FakeDns dns = goodDns(domain).txt("_dmarc." + org, "v=DMARC1; p=reject")
                .txt("_dmarc." + suffix, "v=DMARC1; p=none");

        DomainAuthReport r = check(dns, identity(domain));

        assertThat(r.finding(CheckIds.DMARC).orElseThrow().subject()).isEqualTo("_dmarc." + org);
        assertThat(r.dmarc()).hasValueSatisfying(d -> assertThat(d.policy().name()).isEqualTo("REJECT"));
        assertThat(dns.log).doesNotContain("TXT _dmarc." + suffix);
    }

    @Test
    void check_privateSuffixNeighbour_doesNotLendItsDmarcRecord() {
        // github.io is a private public suffix: its owner's record must not stand for alice.github.io.
        FakeDns dns = goodDns("news.alice.github.io").txt("_dmarc.github.io", "v=DMARC1; p=reject");

        DomainAuthReport r = check(dns, identity("news.alice.github.io"));

        assertThat(r.finding(CheckIds.DMARC).orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
        assertThat(dns.log).contains("TXT _dmarc.alice.github.io").doesNotContain("TXT _dmarc.github.io");
    }

    @Test
    void check_hostileSpfRecord_failsLookupsAsPermerrorWithBoundedQueries() {
        StringBuilder hostile = new StringBuilder("v=spf1 include:amazonses.com");
        for (int i = 0; i < 300; i++) {
            hostile.append(" a:h.example.com");
        }
        FakeDns dns = new FakeDns().mx("mail.example.com", "feedback-smtp.us-east-1.amazonses.com")
                .txt("amazonses.com", "v=spf1 ip4:199.255.192.0/22 -all").a("h.example.com", "192.0.2.1")
                .txt("mail.example.com", hostile.append(" -all").toString())
                .txt("_dmarc.example.com", "v=DMARC1; p=reject");
        for (String t : TOKENS) {
            dns.cname(t + "._domainkey.example.com", t + ".dkim.amazonses.com");
        }

        DomainAuthReport r = check(dns, identity("example.com"));

        Finding lookups = r.finding(CheckIds.SPF_LOOKUPS).orElseThrow();
        assertThat(lookups.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(lookups.message()).contains("permerror");
        assertThat(lookups.seen()).containsExactly("at least 301 DNS lookups");
        assertThat(dns.log.stream().filter(q -> q.equals("A h.example.com"))).hasSize(9);
        assertThat(dns.queries.get()).isLessThan(30); // was 300+ before the walk obeyed the limit
    }

    @Test
    void check_wrongCnameTarget_failsWithFixForThatTokenOnly() {
        FakeDns dns = new FakeDns().cname("tok1._domainkey.example.com", "tok1.dkim.amazonses.com")
                .cname("tok2._domainkey.example.com", "tok2.dkim.amazonses.com")
                .cname("tok3._domainkey.example.com", "tok3.example.net");
        SesIdentity id = SesIdentity.builder("example.com").dkimTokens(TOKENS).build();

        Finding dkim = check(dns, id).finding(CheckIds.DKIM).orElseThrow();

        assertThat(dkim.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(dkim.dnsStatus()).contains(DnsStatus.OK);
        assertThat(dkim.seen()).contains("tok3._domainkey.example.com CNAME tok3.example.net");
        assertThat(dkim.fix()).containsExactly(DnsRecord.of("tok3._domainkey.example.com", "CNAME",
                "tok3.dkim.amazonses.com"));
    }

    @Test
    void check_regionalDkimTarget_passes() {
        FakeDns dns = new FakeDns().cname("tok1._domainkey.example.com", "tok1.dkim.af-south-1.amazonses.com");
        SesIdentity id = SesIdentity.builder("example.com").dkimTokens(List.of("tok1")).region("af-south-1").build();

        assertThat(check(dns, id).finding(CheckIds.DKIM).orElseThrow().status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void check_dkimPending_failsStatusAndDkimDoesNotAlign() {
        FakeDns dns = goodDns("example.com").txt("_dmarc.example.com", "v=DMARC1; p=reject");
        SesIdentity id = identity("example.com").toBuilder().dkimStatus("PENDING").build();

        DomainAuthReport r = check(dns, id);

        assertThat(r.finding(CheckIds.DKIM_STATUS).orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.finding(CheckIds.DKIM_STATUS).orElseThrow().message()).contains("PENDING");
        assertThat(r.alignment().dkim()).isEqualTo(Outcome.NOT_ALIGNED);
    }

    @Test
    void check_domainOnly_cannotCheckDkimAndAlignmentIsUnknown() {
        FakeDns dns = new FakeDns().txt("_dmarc.example.com", "v=DMARC1; p=quarantine");

        DomainAuthReport r = DomainAuthChecker.create(dns, CLOCK).check("Sender@Example.COM");

        assertThat(r.domain()).isEqualTo("example.com");
        assertThat(statuses(r)).containsExactly("dkim=WARN", "mail-from=WARN", "dmarc=PASS", "dmarc-policy=PASS",
                "dmarc-alignment=WARN");
        assertThat(r.alignment().dkim()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void check_dmarcTimeout_warnsWithoutFallback() {
        FakeDns dns = goodDns("news.example.com").fail("_dmarc.news.example.com", Type.TXT, DnsStatus.TIMEOUT);

        DomainAuthReport r = check(dns, identity("news.example.com"));

        Finding dmarc = r.finding(CheckIds.DMARC).orElseThrow();
        assertThat(dmarc.status()).isEqualTo(CheckStatus.WARN);
        assertThat(dmarc.dnsStatus()).contains(DnsStatus.TIMEOUT);
        assertThat(r.finding(CheckIds.DMARC_POLICY)).isEmpty();
        assertThat(dns.log).doesNotContain("TXT _dmarc.example.com");
        assertThat(r.hasDnsErrors()).isTrue();
    }

    @Test
    void check_missingDmarc_failsWithRecordToPublish() {
        DomainAuthReport r = check(goodDns("example.com"), identity("example.com"));

        Finding dmarc = r.finding(CheckIds.DMARC).orElseThrow();
        assertThat(dmarc.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(dmarc.dnsStatus()).contains(DnsStatus.NXDOMAIN);
        assertThat(dmarc.fix()).containsExactly(DnsRecord.of("_dmarc.example.com", "TXT",
                "v=DMARC1; p=none; rua=mailto:dmarc-reports@example.com"));
        assertThat(r.finding(CheckIds.DMARC_ALIGNMENT).orElseThrow().status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void check_dmarcPctBelow100_warnsAndFixRemovesPct() {
        FakeDns dns = goodDns("example.com").txt("_dmarc.example.com", "v=DMARC1; p=reject; pct=50; rua=mailto:d@example.com");

        Finding policy = check(dns, identity("example.com")).finding(CheckIds.DMARC_POLICY).orElseThrow();

        assertThat(policy.status()).isEqualTo(CheckStatus.WARN);
        assertThat(policy.fix()).extracting(DnsRecord::value)
                .containsExactly("v=DMARC1; p=reject; rua=mailto:d@example.com");
    }

    @Test
    void check_wrongMxRegion_failsAndSpfDoesNotAlign() {
        FakeDns dns = goodDns("example.com").txt("_dmarc.example.com", "v=DMARC1; p=reject");
        SesIdentity id = identity("example.com").toBuilder().region("eu-west-1").build();

        DomainAuthReport r = check(dns, id);

        Finding mx = r.finding(CheckIds.MAIL_FROM_MX).orElseThrow();
        assertThat(mx.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(mx.fix()).containsExactly(DnsRecord.of("mail.example.com", "MX",
                "10 feedback-smtp.eu-west-1.amazonses.com"));
        assertThat(r.alignment().spf()).isEqualTo(Outcome.NOT_ALIGNED);
    }

    @Test
    void check_mailFromOutsideDomain_fails() {
        FakeDns dns = goodDns("example.com");
        SesIdentity id = identity("example.com").toBuilder().mailFromDomain("mail.example.net").build();

        assertThat(check(dns, id).finding(CheckIds.MAIL_FROM).orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
    }

    @Test
    void check_spfWithoutSesAndPlusAll_failsWithExactRecords() {
        FakeDns dns = goodDns("x.com").txt("mail.example.com", "v=spf1 ip4:192.0.2.1 +all")
                .mx("mail.example.com", "feedback-smtp.us-east-1.amazonses.com");

        DomainAuthReport r = check(dns, identity("example.com"));

        assertThat(r.finding(CheckIds.SPF_SES).orElseThrow().fix()).extracting(DnsRecord::value)
                .containsExactly("v=spf1 include:amazonses.com ip4:192.0.2.1 +all");
        assertThat(r.finding(CheckIds.SPF_ALL).orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.finding(CheckIds.SPF_ALL).orElseThrow().fix()).extracting(DnsRecord::value)
                .containsExactly("v=spf1 ip4:192.0.2.1 ~all");
        assertThat(r.alignment().spf()).isEqualTo(Outcome.NOT_ALIGNED);
    }

    @Test
    void check_byodkimWeakKey_failsKeyLength() {
        FakeDns dns = new FakeDns().txt("s1._domainkey.example.com", "v=DKIM1; k=rsa; p=" + DkimKeyTest.publicKey(512));
        SesIdentity id = SesIdentity.builder("example.com").byodkim("s1").build();

        DomainAuthReport r = check(dns, id);

        assertThat(statuses(r).subList(0, 2)).containsExactly("dkim=PASS", "dkim-key-length=FAIL");
        assertThat(r.finding(CheckIds.DKIM_KEY_LENGTH).orElseThrow().seen()).containsExactly("512 bits");
    }

    @Test
    void check_byodkimRevokedKey_failsWithoutKeyLength() {
        FakeDns dns = new FakeDns().txt("s1._domainkey.example.com", "v=DKIM1; k=rsa; p=");
        SesIdentity id = SesIdentity.builder("example.com").byodkim("s1").build();

        DomainAuthReport r = check(dns, id);

        assertThat(r.finding(CheckIds.DKIM).orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
        assertThat(r.finding(CheckIds.DKIM).orElseThrow().message()).contains("revoked");
        assertThat(r.finding(CheckIds.DKIM_KEY_LENGTH)).isEmpty();
    }
}
