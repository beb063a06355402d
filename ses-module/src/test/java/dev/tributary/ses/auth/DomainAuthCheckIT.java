package dev.tributary.ses.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.testkit.LocalDns;
import dev.tributary.testkit.LocalDnsExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The checks against a real DNS server (dnsmasq) serving one zone per scenario. */
class DomainAuthCheckIT {
    private static final String SES_SPF = "v=spf1 ip4:199.255.192.0/22 ip4:199.127.232.0/22 ip4:54.240.0.0/18 -all";
    private static final String SPF = "v=spf1 include:amazonses.com ~all";
    private static final String FEEDBACK = "feedback-smtp.us-east-1.amazonses.com";
    private static final String BYODKIM_KEY = DkimKeyTest.publicKey(2048);
    /** The twelve checks of an SES domain with DKIM CNAMEs and a custom MAIL FROM, in report order. */
    private static final List<String> SES_DOMAIN_CHECKS = List.of("dkim-status", "dkim", "mail-from", "mail-from-mx",
            "spf", "spf-ses", "spf-lookups", "spf-void-lookups", "spf-all", "dmarc", "dmarc-policy", "dmarc-alignment");

    @RegisterExtension
    static LocalDnsExtension dns = LocalDnsExtension.of(records());

    private static DomainAuthChecker checker;

    private static LocalDns.Builder records() {
        LocalDns.Builder b = LocalDns.builder().zone("amazonses.com").txt("amazonses.com", SES_SPF);
        for (String d : List.of("good.test", "nodkim.test", "twospf.test", "lookups.test", "plusall.test",
                "nodmarc.test", "pnone.test", "bigtxt.test")) {
            b.zone(d);
            if (!d.equals("nodkim.test")) {
                for (String t : List.of("t1", "t2", "t3")) {
                    b.cname(t + "._domainkey." + d, t + ".dkim.amazonses.com");
                }
            }
            b.mx("mail." + d, FEEDBACK, 10);
            if (!d.equals("lookups.test") && !d.equals("plusall.test")) {
                b.txt("mail." + d, SPF);
            }
            if (!d.equals("nodmarc.test")) {
                b.txt("_dmarc." + d, d.equals("pnone.test") ? "v=DMARC1; p=none; rua=mailto:dmarc@" + d
                        : "v=DMARC1; p=reject; rua=mailto:dmarc@" + d);
            }
        }
        b.txt("mail.twospf.test", "v=spf1 -all");
        b.txt("mail.plusall.test", "v=spf1 include:amazonses.com +all");
        // 2 + 5 + 5 = 12 DNS-querying terms, none void.
        b.txt("mail.lookups.test", "v=spf1 include:amazonses.com include:i1.lookups.test -all")
                .txt("i1.lookups.test", "v=spf1 a:h.lookups.test a:h.lookups.test a:h.lookups.test "
                        + "a:h.lookups.test include:i2.lookups.test -all")
                .txt("i2.lookups.test", "v=spf1 a:h.lookups.test mx:lookups.test a:h.lookups.test "
                        + "a:h.lookups.test a:h.lookups.test ~all")
                .a("h.lookups.test", "192.0.2.10").mx("lookups.test", "h.lookups.test", 10);
        // More TXT data than a 1232-byte UDP answer holds: the resolver must retry over TCP.
        for (int i = 0; i < 6; i++) {
            b.txt("mail.bigtxt.test", "verification-" + i + "=" + "x".repeat(240));
        }
        b.zone("byodkim.test").txt("sel1._domainkey.byodkim.test", "v=DKIM1; k=rsa; p=" + BYODKIM_KEY)
                .txt("_dmarc.byodkim.test", "v=DMARC1; p=quarantine");
        b.zone("nx.test");
        b.failing("down.test");
        // Under the multi-label public suffix gov.br, DMARC lives at the organisational domain agency.gov.br;
        // _dmarc.gov.br is a decoy that a fixed "last two labels" rule would find.
        String br = "news.agency.gov.br";
        b.zone("gov.br").mx("mail." + br, FEEDBACK, 10).txt("mail." + br, SPF)
                .txt("_dmarc.agency.gov.br", "v=DMARC1; p=reject").txt("_dmarc.gov.br", "v=DMARC1; p=none");
        for (String t : List.of("t1", "t2", "t3")) {
            b.cname(t + "._domainkey." + br, t + ".dkim.amazonses.com");
        }
        return b;
    }

    @BeforeAll
    static void createChecker() {
        checker = DomainAuthChecker.create(DnsOptions.builder().resolver(dns.dns().hostAndPort())
                .timeout(Duration.ofSeconds(1)).build());
    }

    private static SesIdentity easy(String domain) {
        return SesIdentity.builder(domain).dkimTokens(List.of("t1", "t2", "t3")).dkimStatus("SUCCESS")
                .mailFromDomain("mail." + domain).region("us-east-1").build();
    }

    /** Returns every SES-domain check as {@code id=PASS}, but the given {@code id=STATUS} ones. */
    private static List<String> passingExcept(String... changed) {
        Map<String, String> status = new LinkedHashMap<>();
        SES_DOMAIN_CHECKS.forEach(id -> status.put(id, "PASS"));
        for (String c : changed) {
            String[] idAndStatus = c.split("=");
            if (status.replace(idAndStatus[0], idAndStatus[1]) == null) {
                throw new IllegalArgumentException("no such check: " + c);
            }
        }
        List<String> out = new ArrayList<>();
        status.forEach((id, st) -> out.add(id + "=" + st));
        return out;
    }

    private static List<String> statuses(DomainAuthReport report) {
        List<String> out = new ArrayList<>();
        report.findings().forEach(f -> out.add(f.checkId() + "=" + f.status()));
        return out;
    }

    @Test
    void check_correctSesDomain_passesEverything() {
        DomainAuthReport r = checker.check(easy("good.test"));

        assertThat(statuses(r)).isEqualTo(passingExcept());
        assertThat(r.finding(CheckIds.DKIM).orElseThrow().seen())
                .contains("t1._domainkey.good.test CNAME t1.dkim.amazonses.com");
        assertThat(r.dmarc().orElseThrow().rua()).containsExactly("mailto:dmarc@good.test");
        assertThat(r.alignment().passes()).isTrue();
    }

    @Test
    void check_missingDkimCnames_failsDkimWithTheThreeRecords() {
        SesIdentity id = easy("nodkim.test").toBuilder().dkimStatus("FAILED").build();

        DomainAuthReport r = checker.check(id);

        assertThat(statuses(r)).isEqualTo(passingExcept("dkim-status=FAIL", "dkim=FAIL"));
        Finding dkim = r.finding(CheckIds.DKIM).orElseThrow();
        assertThat(dkim.dnsStatus()).contains(DnsStatus.NXDOMAIN);
        assertThat(dkim.fix()).extracting(DnsRecord::zoneLine).containsExactly(
                "t1._domainkey.nodkim.test. 300 IN CNAME t1.dkim.amazonses.com.",
                "t2._domainkey.nodkim.test. 300 IN CNAME t2.dkim.amazonses.com.",
                "t3._domainkey.nodkim.test. 300 IN CNAME t3.dkim.amazonses.com.");
        assertThat(r.alignment().dkim()).isEqualTo(DmarcAlignment.Outcome.NOT_ALIGNED);
    }

    @Test
    void check_twoSpfRecords_failsSpfAndSkipsDependentChecks() {
        DomainAuthReport r = checker.check(easy("twospf.test"));

        assertThat(statuses(r)).containsExactly("dkim-status=PASS", "dkim=PASS", "mail-from=PASS",
                "mail-from-mx=PASS", "spf=FAIL", "dmarc=PASS", "dmarc-policy=PASS", "dmarc-alignment=PASS");
        assertThat(r.finding(CheckIds.SPF).orElseThrow().seen()).hasSize(2);
    }

    @Test
    void check_nestedIncludesOverTenLookups_failsLookupLimit() {
        DomainAuthReport r = checker.check(easy("lookups.test"));

        assertThat(statuses(r)).isEqualTo(passingExcept("spf-lookups=FAIL"));
        // the walk stops querying at the 11th term, as receivers do, and counts the rest of the records it has
        assertThat(r.finding(CheckIds.SPF_LOOKUPS).orElseThrow().seen())
                .containsExactly("at least 12 DNS lookups");
        assertThat(r.finding(CheckIds.SPF_LOOKUPS).orElseThrow().fix()).extracting(DnsRecord::value)
                .containsExactly(SPF);
        assertThat(r.alignment().spf()).isEqualTo(DmarcAlignment.Outcome.NOT_ALIGNED);
    }

    @Test
    void check_plusAll_failsSpfAll() {
        DomainAuthReport r = checker.check(easy("plusall.test"));

        assertThat(statuses(r)).isEqualTo(passingExcept("spf-all=FAIL"));
        assertThat(r.finding(CheckIds.SPF_ALL).orElseThrow().fix()).extracting(DnsRecord::value)
                .containsExactly(SPF);
    }

    @Test
    void check_missingDmarc_failsDmarc() {
        DomainAuthReport r = checker.check(easy("nodmarc.test"));

        assertThat(statuses(r)).containsExactly("dkim-status=PASS", "dkim=PASS", "mail-from=PASS",
                "mail-from-mx=PASS", "spf=PASS", "spf-ses=PASS", "spf-lookups=PASS", "spf-void-lookups=PASS",
                "spf-all=PASS", "dmarc=FAIL", "dmarc-alignment=PASS");
        assertThat(r.finding(CheckIds.DMARC).orElseThrow().dnsStatus()).contains(DnsStatus.NXDOMAIN);
        assertThat(r.dmarc()).isEmpty();
    }

    @Test
    void check_subdomainUnderMultiLabelPublicSuffix_findsDmarcAtTheOrganisationalDomain() {
        DomainAuthReport r = checker.check(easy("news.agency.gov.br"));

        assertThat(statuses(r)).isEqualTo(passingExcept());
        assertThat(r.finding(CheckIds.DMARC).orElseThrow().subject()).isEqualTo("_dmarc.agency.gov.br");
        assertThat(r.dmarc().orElseThrow().policy()).isEqualTo(DmarcRecord.Policy.REJECT);
    }

    @Test
    void check_dmarcPolicyNone_warnsPolicy() {
        DomainAuthReport r = checker.check(easy("pnone.test"));

        assertThat(statuses(r)).isEqualTo(passingExcept("dmarc-policy=WARN"));
        assertThat(r.dmarc().orElseThrow().policy()).isEqualTo(DmarcRecord.Policy.NONE);
    }

    @Test
    void check_byodkimWithSplitKey_joinsStringsAndReadsKeyLength() {
        SesIdentity id = SesIdentity.builder("byodkim.test").byodkim("sel1").dkimStatus("SUCCESS").build();

        DomainAuthReport r = checker.check(id);

        assertThat(statuses(r)).containsExactly("dkim-status=PASS", "dkim=PASS", "dkim-key-length=PASS",
                "mail-from=WARN", "dmarc=PASS", "dmarc-policy=PASS", "dmarc-alignment=PASS");
        assertThat(r.finding(CheckIds.DKIM_KEY_LENGTH).orElseThrow().seen()).containsExactly("2048 bits");
    }

    @Test
    void check_largeTxtAnswer_isReadOverTcp() {
        DomainAuthReport r = checker.check(easy("bigtxt.test"));

        Finding spf = r.finding(CheckIds.SPF).orElseThrow();
        assertThat(spf.status()).isEqualTo(CheckStatus.PASS);
        assertThat(spf.seen()).hasSize(7);
    }

    @Test
    void check_nonexistentDomain_failsWithNxdomain() {
        SesIdentity id = SesIdentity.builder("gone.nx.test").dkimTokens(List.of("t1", "t2", "t3"))
                .mailFromDomain("mail.gone.nx.test").region("us-east-1").build();

        DomainAuthReport r = checker.check(id);

        assertThat(statuses(r)).containsExactly("dkim=FAIL", "mail-from=PASS", "mail-from-mx=FAIL", "spf=FAIL",
                "dmarc=FAIL", "dmarc-alignment=FAIL");
        assertThat(r.findings()).filteredOn(f -> f.dnsStatus().isPresent())
                .allSatisfy(f -> assertThat(f.dnsStatus()).contains(DnsStatus.NXDOMAIN));
        assertThat(r.finding(CheckIds.DMARC).orElseThrow().subject()).isEqualTo("_dmarc.nx.test");
    }

    @Test
    void check_serversNotAnswering_warnsWithDnsErrorsInsteadOfFailing() {
        SesIdentity id = SesIdentity.builder("down.test").byodkim("s1").mailFromDomain("mail.down.test")
                .region("us-east-1").build();

        DomainAuthReport r = checker.check(id);

        assertThat(statuses(r)).containsExactly("dkim=WARN", "mail-from=PASS", "mail-from-mx=WARN", "spf=WARN",
                "dmarc=WARN", "dmarc-alignment=WARN");
        assertThat(r.findings()).filteredOn(f -> f.dnsStatus().isPresent())
                .allSatisfy(f -> assertThat(f.dnsStatus().orElseThrow()).isIn(DnsStatus.TIMEOUT, DnsStatus.SERVFAIL));
        assertThat(r.hasDnsErrors()).isTrue();
    }

    @Test
    void run_json_printsFindingsWithIdsAndStatuses() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int exit = DomainCheckCommand.run(new String[] {"--json", "--dns", dns.dns().hostAndPort(), "--timeout", "2",
            "--region", "us-east-1", "--dkim-tokens", "t1,t2,t3", "--dkim-status", "SUCCESS", "--mail-from",
            "mail.pnone.test", "pnone.test"}, new PrintStream(buffer, true, StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        JsonNode json = new ObjectMapper().readTree(buffer.toString(StandardCharsets.UTF_8));
        assertThat(json.get("domain").asText()).isEqualTo("pnone.test");
        assertThat(json.get("status").asText()).isEqualTo("WARN");
        List<String> findings = new ArrayList<>();
        json.get("findings").forEach(f -> findings.add(f.get("id").asText() + "=" + f.get("status").asText()));
        assertThat(findings).isEqualTo(passingExcept("dmarc-policy=WARN"));
        JsonNode policy = json.get("findings").get(10);
        assertThat(policy.get("fix").get(0).get("value").asText())
                .isEqualTo("v=DMARC1; p=quarantine; rua=mailto:dmarc@pnone.test");
        assertThat(json.get("dmarc").get("policy").asText()).isEqualTo("NONE");
        assertThat(json.get("dmarc").get("pct").asInt()).isEqualTo(100);
    }

    @Test
    void run_table_exits1AndPrintsRecordToPublish() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int exit = DomainCheckCommand.run(new String[] {"--dns", dns.dns().hostAndPort(), "--timeout", "2",
            "--dkim-tokens", "t1,t2,t3", "--mail-from", "mail.nodmarc.test", "--region", "us-east-1",
            "sender@nodmarc.test"}, new PrintStream(buffer, true, StandardCharsets.UTF_8));

        String out = buffer.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(1);
        assertThat(out).contains("Sender domain nodmarc.test: FAIL")
                .contains("FAIL   dmarc")
                .contains("publish:  _dmarc.nodmarc.test. 300 IN TXT \"v=DMARC1; p=none; "
                        + "rua=mailto:dmarc-reports@nodmarc.test\"");
    }
}
