package dev.tributary.examples.welcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

class OptionsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    @Test
    void parse_noArguments_isDemoWithDefaults() {
        Options o = Options.parse(print);

        assertThat(o).isNotNull();
        assertThat(o.command).isEqualTo(Options.Mode.demo);
        assertThat(o.users).isEqualTo(20);
        assertThat(o.table).isEqualTo("users");
        assertThat(o.enforce).isFalse();
        assertThat(o.dynamoEndpoint).isNull();
    }

    @Test
    void parse_registerWithFlags_setsThem() {
        Options o = Options.parse(print, "register", "--email", "a@example.test", "--name", "A", "--json");

        assertThat(o).isNotNull();
        assertThat(o.command).isEqualTo(Options.Mode.register);
        assertThat(o.email).isEqualTo("a@example.test");
        assertThat(o.json).isTrue();
    }

    @Test
    void parse_unknownCommandOrBadNumber_isUsageError() {
        assertThatThrownBy(() -> Options.parse(print, "send")).isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> Options.parse(print, "--users", "ten"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void parse_help_printsUsageAndReturnsNull() {
        assertThat(Options.parse(print, "--help")).isNull();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--dynamo-endpoint", "--enforce");
    }
}
