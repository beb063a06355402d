package dev.tributary.ses.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code tributary-ses} command line, the main class of {@code tributary-ses-cli.jar}.
 *
 * <pre>{@code
 * java -jar tributary-ses-cli.jar check example.com --region eu-west-1 \
 *     --dkim-tokens t1,t2,t3 --mail-from mail.example.com --json
 * java -jar tributary-ses-cli.jar check example.com --from-ses --region eu-west-1
 * }</pre>
 *
 * <p>Exit codes: 0 every check passed (warnings allowed), 1 a check failed, 2 a usage error or a runtime error
 * (SES or DNS could not be asked). Each run is independent; nothing is kept between runs.
 */
@Command(name = "tributary-ses", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {CheckCommand.class, CommandLine.HelpCommand.class},
        description = "Tools for Amazon SES senders.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed (warnings allowed)", "1:a check failed",
                "2:usage error, or SES/DNS could not be asked"})
public final class SesCli implements Runnable {
    /** Exit code: every check passed. */
    public static final int OK = 0;
    /** Exit code: a check failed. */
    public static final int FINDINGS_FAIL = 1;
    /** Exit code: a usage error, or a runtime error such as an unreachable DNS server or SES endpoint. */
    public static final int ERROR = 2;

    @Spec
    private CommandSpec spec;

    private SesCli() {}

    /**
     * Runs the command line and exits the JVM with its exit code.
     *
     * @param args the arguments, such as {@code check example.com --json}
     */
    public static void main(String[] args) {
        // The jar ships no SLF4J provider; SDK and checker logging are not for a terminal, and SLF4J would
        // otherwise print a "no providers" warning on every run.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        int code = run(writer(System.out), writer(System.err), args);
        System.exit(code);
    }

    /**
     * Runs the command line in this JVM (for embedding and tests).
     *
     * @param out where reports, help and version go
     * @param err where errors and usage hints go
     * @param args the arguments
     * @return the exit code: {@link #OK}, {@link #FINDINGS_FAIL} or {@link #ERROR}
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new SesCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> ERROR);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String message = e instanceof CliException ? e.getMessage()
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            cmd.getErr().println("error: " + message);
            cmd.getErr().flush();
            return ERROR;
        });
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "give a command, such as: check example.com");
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
