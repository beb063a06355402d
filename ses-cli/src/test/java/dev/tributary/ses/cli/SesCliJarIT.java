package dev.tributary.ses.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.testkit.LocalDnsExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shaded jar as users run it: {@code java -jar target/tributary-ses-cli.jar ...} in its own JVM. */
class SesCliJarIT {
    private static final Path JAR = Path.of("target", "tributary-ses-cli.jar");

    @RegisterExtension
    static LocalDnsExtension dns = LocalDnsExtension.of(Zones.records());

    private record Run(int exit, String out, String err) {}

    private static Run java(String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("the package phase builds the shaded jar").isRegularFile();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("ses-cli", ".out");
        Path err = Files.createTempFile("ses-cli", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("java -jar did not finish within 60 s");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void javaJar_checkPassingDomainJson_exits0WithReport() throws Exception {
        Run r = java("check", "good.test", "--json", "--dns", dns.dns().hostAndPort(), "--timeout", "2",
                "--region", "us-east-1", "--dkim-tokens", "t1,t2,t3", "--mail-from", "mail.good.test");

        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(new ObjectMapper().readTree(r.out()).get("status").asText()).isEqualTo("PASS");
    }

    @Test
    void javaJar_checkFailingDomain_exits1() throws Exception {
        Run r = java("check", "nodkim.test", "--dns", dns.dns().hostAndPort(), "--timeout", "2",
                "--dkim-tokens", "t1,t2,t3", "--mail-from", "mail.nodkim.test");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).startsWith("Sender domain nodkim.test: FAIL");
    }

    @Test
    void javaJar_usageErrorAndVersion_exit2And0() throws Exception {
        Run usage = java("check");
        Run version = java("--version");

        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("Missing required parameter", "Usage: tributary-ses check");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("tributary-ses 0.");
    }
}
