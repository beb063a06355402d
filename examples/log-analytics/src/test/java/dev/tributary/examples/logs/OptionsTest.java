package dev.tributary.examples.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class OptionsTest {
    @Test
    void parse_noArguments_isDemoWithDefaults() {
        Options o = CommandLine.populateCommand(new Options());

        assertThat(o.index).isEqualTo("logs-app");
        assertThat(o.payloads).isEqualTo(40);
        assertThat(o.events).isEqualTo(25);
        assertThat(o.openSearchUrl).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--payloads=many", "search"})
    void parse_badNumberOrUnknownCommand_isUsageError(String argument) {
        assertThatThrownBy(() -> CommandLine.populateCommand(new Options(), argument))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    /** {@code --help} prints the usage to stdout and exits 0; a usage error prints it to stderr and exits 2. */
    @ParameterizedTest
    @CsvSource({"--help, 0, --json", "--payloads=many, 2, --payloads"})
    void execute_helpOrBadNumber_printsUsageWithoutRunning(String argument, int exitCode, String mentioned) {
        StringWriter out = new StringWriter();

        int code = new CommandLine(new Options()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out))
                .execute(argument);

        assertThat(code).isEqualTo(exitCode);
        assertThat(out.toString()).contains("Usage:", mentioned);
    }
}
