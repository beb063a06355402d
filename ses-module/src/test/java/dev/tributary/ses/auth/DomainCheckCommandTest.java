package dev.tributary.ses.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DomainCheckCommandTest {

    private static String[] args(String line) {
        return line.isEmpty() ? new String[0] : line.split(" ");
    }

    private static int run(String line, ByteArrayOutputStream buffer) {
        return DomainCheckCommand.run(args(line), new PrintStream(buffer, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "--bogus example.com",
        "example.com other.com",
        "--dns",
        "--dkim-tokens a,b,c --selector s1 example.com",
        "--timeout zero example.com",
        "--dns 127.0.0.1:99999 example.com",
        "--dkim-tokens a,b.c,d example.com",
        "not_a_domain"
    })
    void run_usageError_exits2WithUsage(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(run(line, out)).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("error: ").contains("Usage: DomainCheckCommand");
    }

    @Test
    void run_help_exits0WithUsage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(run("--help", out)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--dkim-tokens");
    }
}
