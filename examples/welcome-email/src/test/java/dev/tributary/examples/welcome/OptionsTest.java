package dev.tributary.examples.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

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

    static Stream<Arguments> helpAndUsageErrors() {
        return Stream.of(
                Arguments.of(List.of("--help"), 0, true),
                Arguments.of(List.of("send"), 2, false),
                Arguments.of(List.of("--users", "ten"), 2, false));
    }

    /**
     * {@code --help} prints the usage to stdout and exits 0; an unknown command or a bad number prints the error and
     * the usage to stderr and exits 2. Neither runs the example (it would start local servers).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("helpAndUsageErrors")
    void execute_helpOrUsageError_printsUsageToItsStreamWithoutRunning(List<String> args, int exitCode,
            boolean usageOnStdout) {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();

        int code = new CommandLine(new Options()).setOut(new PrintWriter(stdout)).setErr(new PrintWriter(stderr))
                .execute(args.toArray(String[]::new));

        assertThat(code).isEqualTo(exitCode);
        assertThat((usageOnStdout ? stdout : stderr).toString()).contains("Usage: welcome-email", "--enforce");
        assertThat((usageOnStdout ? stderr : stdout).toString()).isEmpty();
    }
}
