package dev.tributary.examples.welcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void parse_noArguments_isDemoWithDefaults() {
        Options o = CommandLine.populateCommand(new Options());

        assertThat(o.command).isEqualTo(Options.Mode.demo);
        assertThat(o.users).isEqualTo(20);
        assertThat(o.table).isEqualTo("users");
        assertThat(o.enforce).isFalse();
        assertThat(o.dynamoEndpoint).isNull();
    }

    @Test
    void parse_registerWithFlags_setsThem() {
        Options o = CommandLine.populateCommand(
                new Options(), "register", "--email", "a@example.test", "--name", "A", "--json");

        assertThat(o.command).isEqualTo(Options.Mode.register);
        assertThat(o.email).isEqualTo("a@example.test");
        assertThat(o.json).isTrue();
    }

    @Test
    void parse_unknownCommandOrBadNumber_isUsageError() {
        assertThatThrownBy(() -> CommandLine.populateCommand(new Options(), "send"))
                .isInstanceOf(CommandLine.ParameterException.class);
        assertThatThrownBy(() -> CommandLine.populateCommand(new Options(), "--users", "ten"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }

    @Test
    void execute_help_printsUsageWithoutRunning() {
        StringWriter help = new StringWriter();

        int code = new CommandLine(new Options()).setOut(new PrintWriter(help)).execute("--help");

        assertThat(code).isZero();
        assertThat(help.toString()).contains("--dynamo-endpoint", "--enforce");
    }
}
