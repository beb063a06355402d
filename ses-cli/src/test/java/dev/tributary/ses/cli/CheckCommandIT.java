package dev.tributary.ses.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.testkit.LocalDnsExtension;
import dev.tributary.testkit.LocalSes;
import dev.tributary.testkit.SesEmulatorExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code check} in-process against dnsmasq, and {@code --from-ses} against the SES emulator and SES's answers. */
@ExtendWith(SesEmulatorExtension.class)
class CheckCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static LocalDnsExtension dns = LocalDnsExtension.of(Zones.records());

    private static GetEmailIdentityServer ses;

    @BeforeAll
    static void start() throws Exception {
        // The default credentials chain reads these; not key-shaped, and cleared afterwards.
        System.setProperty("aws.accessKeyId", "test-access");
        System.setProperty("aws.secretAccessKey", "test-secret");
        ses = new GetEmailIdentityServer(Map.of(
                "good.test", GetEmailIdentityServer.easyDkim("mail.good.test", "t1", "t2", "t3"),
                "nodkim.test", GetEmailIdentityServer.easyDkim("mail.nodkim.test", "t1", "t2", "t3"),
                "byodkim.test", GetEmailIdentityServer.byodkim("sel1")));
    }

    @AfterAll
    static void stop() {
        ses.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private static String[] check(String domain, String... more) {
        List<String> args = new ArrayList<>(List.of("check", domain, "--dns", dns.dns().hostAndPort(),
                "--timeout", "2"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void check_passingDomainFromFlags_exits0WithTable() {
        Cli r = Cli.run(check("good.test", "--region", "us-east-1", "--dkim-tokens", "t1,t2,t3",
                "--dkim-status", "SUCCESS", "--mail-from", "mail.good.test"));

        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isEqualTo(SesCli.OK);
        assertThat(r.out()).startsWith("Sender domain good.test: PASS").contains("dkim", "dmarc");
    }

    @Test
    void check_missingDkimJson_exits1WithFindings() throws Exception {
        Cli r = Cli.run(check("ann@nodkim.test", "--json", "--region", "us-east-1", "--dkim-tokens", "t1,t2,t3",
                "--mail-from", "mail.nodkim.test"));

        assertThat(r.exit()).isEqualTo(SesCli.FINDINGS_FAIL);
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("domain").asText()).isEqualTo("nodkim.test");
        assertThat(json.get("status").asText()).isEqualTo("FAIL");
        assertThat(json.get("identity").get("region").asText()).isEqualTo("us-east-1");
        List<String> failed = new ArrayList<>();
        json.get("findings").forEach(f -> {
            assertThat(f.has("id") && f.has("status") && f.has("message") && f.has("expected")).isTrue();
            if (f.get("status").asText().equals("FAIL")) {
                failed.add(f.get("id").asText());
            }
        });
        assertThat(failed).isNotEmpty().allMatch(id -> id.startsWith("dkim"));
    }

    @Test
    void check_zoneThatServfails_exits2ReportIncomplete() {
        Cli r = Cli.run(check("down.test", "--selector", "s1", "--mail-from", "mail.down.test"));

        assertThat(r.exit()).isEqualTo(SesCli.ERROR);
        assertThat(r.out()).startsWith("Sender domain down.test:");
        assertThat(r.err()).startsWith("error: DNS queries went unanswered");
    }

    @Test
    void check_dnsServerUnreachable_exits2() {
        Cli r = Cli.run("check", "good.test", "--dns", "127.0.0.1:9", "--timeout", "0.5", "--dkim-tokens",
                "t1,t2,t3", "--mail-from", "mail.good.test");

        assertThat(r.exit()).isEqualTo(SesCli.ERROR);
        assertThat(r.err()).contains("unanswered");
    }

    @Test
    void check_fromSesEasyDkim_readsTokensMailFromAndRegion() throws Exception {
        Cli r = Cli.run(check("good.test", "--json", "--from-ses", "--region", "us-east-1", "--endpoint-url",
                ses.endpoint().toString()));

        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isEqualTo(SesCli.OK);
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("identity").get("signingMode").asText()).isEqualTo("EASY");
        assertThat(json.get("identity").get("mailFromDomain").asText()).isEqualTo("mail.good.test");
        assertThat(json.get("identity").get("region").asText()).isEqualTo("us-east-1");
        assertThat(ses.authorizations()).last().asString().contains("/us-east-1/ses/aws4_request");
    }

    @Test
    void check_fromSesOtherRegion_expectsThatRegionsFeedbackMx() throws Exception {
        // The zone publishes the us-east-1 feedback MX; the identity lives in eu-west-1, so MAIL FROM fails.
        Cli r = Cli.run(check("good.test", "--json", "--from-ses", "--region", "eu-west-1", "--endpoint-url",
                ses.endpoint().toString()));

        assertThat(r.exit()).isEqualTo(SesCli.FINDINGS_FAIL);
        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("identity").get("region").asText()).isEqualTo("eu-west-1");
        assertThat(ses.authorizations()).last().asString().contains("/eu-west-1/ses/aws4_request");
    }

    @Test
    void check_fromSesByodkim_checksTheSelector() throws Exception {
        Cli r = Cli.run(check("byodkim.test", "--json", "--from-ses", "--region", "us-east-1", "--endpoint-url",
                ses.endpoint().toString()));

        JsonNode json = JSON.readTree(r.out());
        assertThat(json.get("identity").get("signingMode").asText()).isEqualTo("BYODKIM");
        List<String> subjects = new ArrayList<>();
        json.get("findings").forEach(f -> subjects.add(f.get("subject").asText()));
        assertThat(subjects).contains("sel1._domainkey.byodkim.test");
    }

    @Test
    void check_fromSesUnknownIdentity_exits2NamingTheFix() {
        Cli r = Cli.run(check("unknown.test", "--from-ses", "--region", "us-east-1", "--endpoint-url",
                ses.endpoint().toString()));

        assertThat(r.exit()).isEqualTo(SesCli.ERROR);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: SES has no identity unknown.test").contains("--region")
                .doesNotContain("test-secret");
    }

    @Test
    void check_fromSesAgainstEmulator_exits2BeforeAnyDnsQuery(LocalSes emulator) {
        // The emulator has no identity operations: a real SES endpoint that cannot answer GetEmailIdentity.
        Cli r = Cli.run(check("good.test", "--from-ses", "--region", "us-east-1", "--endpoint-url",
                emulator.endpoint().toString()));

        assertThat(r.exit()).isEqualTo(SesCli.ERROR);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: SES").doesNotContain("test-secret");
    }

    @Test
    void check_fromSesEndpointDown_exits2() {
        Cli r = Cli.run(check("good.test", "--from-ses", "--region", "us-east-1", "--endpoint-url",
                "http://127.0.0.1:9"));

        assertThat(r.exit()).isEqualTo(SesCli.ERROR);
        assertThat(r.err()).startsWith("error: Could not ask SES (GetEmailIdentity)");
    }
}
