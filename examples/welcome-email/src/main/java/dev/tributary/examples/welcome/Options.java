package dev.tributary.examples.welcome;

import java.io.PrintStream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The example's command line, parsed and checked by picocli ({@code --help} prints it). */
@Command(name = "welcome-email", mixinStandardHelpOptions = true, version = "Tributary welcome-email example",
        description = "Sends exactly one welcome e-mail per registered user: DynamoDB Streams -> ChangeCapture"
                + " -> IdempotentHandler -> SesMailer. Without endpoints it starts local servers.")
final class Options {
    /** What to do. */
    enum Mode { register, run, demo }

    @Parameters(index = "0", arity = "0..1", defaultValue = "demo", paramLabel = "COMMAND",
            description = "register, run or demo (default: ${DEFAULT-VALUE}).")
    Mode command = Mode.demo;

    @Option(names = "--dynamo-endpoint", paramLabel = "URL", description = "DynamoDB endpoint (default: DynamoDB Local).")
    @Nullable String dynamoEndpoint;

    @Option(names = "--ses-endpoint", paramLabel = "URL", description = "SES endpoint (default: the SES emulator).")
    @Nullable String sesEndpoint;

    @Option(names = "--table", defaultValue = "users", description = "Users table (default: ${DEFAULT-VALUE}).")
    String table = "users";

    @Option(names = "--from", paramLabel = "ADDRESS", description = "Sender, in the checked domain.")
    String from = "Tributary <welcome@" + SenderCheck.DOMAIN + ">";

    @Option(names = "--users", defaultValue = "20", description = "demo: users to register (default: ${DEFAULT-VALUE}).")
    int users = 20;

    @Option(names = "--email", paramLabel = "ADDRESS", description = "register: the user's address.")
    @Nullable String email;

    @Option(names = "--name", description = "register: the user's name.")
    @Nullable String name;

    @Option(names = "--consumer", defaultValue = "welcome-mailer", description = "run: consumer name (default: ${DEFAULT-VALUE}).")
    String consumer = "welcome-mailer";

    @Option(names = "--dns", paramLabel = "HOST:PORT", description = "Resolver for the sender-domain check (default: a local DNS serving a correct example.test zone).")
    @Nullable String dns;

    @Option(names = "--enforce", description = "Refuse to send when the sender domain fails its checks (default: warn).")
    boolean enforce;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    /**
     * Parses {@code args}; prints help or the usage error and returns nothing when the program should stop.
     *
     * @return the options, or {@code null} after {@code --help}/{@code --version}
     * @throws CommandLine.ParameterException on a usage error (after printing it with the usage)
     */
    static @Nullable Options parse(PrintStream out, String... args) {
        Options o = new Options();
        CommandLine cl = new CommandLine(o);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            System.err.println(e.getMessage());
            cl.usage(System.err);
            throw e;
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(out);
            return null;
        }
        if (cl.isVersionHelpRequested()) {
            cl.printVersionHelp(out);
            return null;
        }
        return o;
    }

    /** Returns the option's value or fails naming it, for options a command needs. */
    static String require(@Nullable String value, String option, Mode command) {
        if (value == null) {
            throw new IllegalArgumentException(option + " is required for '" + command + "'");
        }
        return value;
    }
}
