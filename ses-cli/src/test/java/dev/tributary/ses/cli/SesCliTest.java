package dev.tributary.ses.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Usage handling, which needs no DNS and no SES: every case here exits before a query is made. */
class SesCliTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "check",
        "bogus example.com",
        "check --bogus example.com",
        "check example.com other.com",
        "check --dns",
        "check --dkim-tokens a,b,c --selector s1 example.com",
        "check --timeout zero example.com",
        "check --timeout 0 example.com",
        "check --dns 127.0.0.1:99999 example.com",
        "check --dkim-tokens a,b.c,d example.com",
        "check not_a_domain",
        "check --from-ses --dkim-tokens a,b,c example.com",
        "check --from-ses --mail-from mail.example.com example.com",
        "check --endpoint-url http://127.0.0.1:1 example.com",
        "check --from-ses --endpoint-url not-a-url example.com",
        "check --from-ses not_a_domain"
    })
    void run_usageError_exits2WithMessageAndUsageHint(String line) {
        Cli r = Cli.run(line.isEmpty() ? new String[0] : line.split(" "));

        assertThat(r.exit()).isEqualTo(SesCli.ERROR);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isNotBlank().contains("Usage:");
    }

    @Test
    void run_checkHelp_exits0WithEveryFlag() {
        Cli r = Cli.run("check", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--json", "--dns", "--timeout", "--region", "--dkim-tokens", "--selector",
                "--dkim-status", "--mail-from", "--from-ses", "--endpoint-url", "Exit codes:");
    }

    @Test
    void run_help_listsCheckCommand() {
        Cli r = Cli.run("--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: tributary-ses", "check");
    }

    @Test
    void run_version_printsProjectVersion() {
        Cli r = Cli.run("--version");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("tributary-ses ").doesNotContain("unknown").doesNotContain("${");
    }
}
