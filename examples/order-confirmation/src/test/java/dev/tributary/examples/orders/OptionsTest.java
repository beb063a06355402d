package dev.tributary.examples.orders;

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
        assertThat(o.command).isEqualTo(Options.Mode.demo);
        assertThat(o.configurationSet).isEqualTo("transactional");
        assertThat(o.sesEndpoint).isNull();
    }

    @Test
    void parse_unknownCommandOrFlag_isUsageError() {
        assertThatThrownBy(() -> Options.parse(out, "send")).isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> Options.parse(out, "--no-such-flag"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void parse_help_returnsNull() {
        assertThat(Options.parse(out, "--help")).isNull();
    }
}
