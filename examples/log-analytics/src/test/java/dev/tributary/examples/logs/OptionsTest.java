package dev.tributary.examples.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OptionsTest {
    private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void parse_noArguments_isDemoWithDefaults() {
        Options o = Options.parse(out);

        assertThat(o).isNotNull();
        assertThat(o.index).isEqualTo("logs-app");
        assertThat(o.payloads).isEqualTo(40);
        assertThat(o.events).isEqualTo(25);
        assertThat(o.openSearchUrl).isNull();
    }

    @Test
    void parse_badNumberOrUnknownCommand_isUsageError() {
        assertThatThrownBy(() -> Options.parse(out, "--payloads", "many"))
                .isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> Options.parse(out, "search")).isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void parse_help_returnsNull() {
        assertThat(Options.parse(out, "--help")).isNull();
    }
}
