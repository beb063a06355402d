package dev.tributary.examples.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
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

    @Test
    void parse_badNumberOrUnknownCommand_isUsageError() {
        assertThatThrownBy(() -> CommandLine.populateCommand(new Options(), "--payloads", "many"))
                .isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> CommandLine.populateCommand(new Options(), "search"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void execute_badNumber_exitsTwoWithTheUsage() {
        StringWriter err = new StringWriter();

        int code = new CommandLine(new Options()).setErr(new PrintWriter(err)).execute("--payloads", "many");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--payloads", "Usage:");
    }

    @Test
    void execute_help_printsUsageWithoutRunning() {
        StringWriter help = new StringWriter();

        int code = new CommandLine(new Options()).setOut(new PrintWriter(help)).execute("--help");

        assertThat(code).isZero();
        assertThat(help.toString()).contains("Usage:", "--json");
    }
}
