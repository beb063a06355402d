package dev.tributary.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class OptionsTest {
    @Test
    void parse_noArguments_isDemoWithDefaults() {
        Options o = CommandLine.populateCommand(new Options());

        assertThat(o.command).isEqualTo(Options.Mode.demo);
        assertThat(o.configurationSet).isEqualTo("transactional");
        assertThat(o.sesEndpoint).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"send", "--no-such-flag"})
    void parse_unknownCommandOrFlag_isUsageError(String argument) {
        assertThatThrownBy(() -> CommandLine.populateCommand(new Options(), argument))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void execute_help_printsUsageWithoutRunning() {
        StringWriter help = new StringWriter();

        int code = new CommandLine(new Options()).setOut(new PrintWriter(help)).execute("--help");

        assertThat(code).isZero();
        assertThat(help.toString()).contains("Usage:", "--json");
    }
}
