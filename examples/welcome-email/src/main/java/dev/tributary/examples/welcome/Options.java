package dev.tributary.examples.welcome;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The example's command line, parsed and checked by picocli ({@code --help} prints it), and its entry point. */
@Command(name = "welcome-email", mixinStandardHelpOptions = true, version = "Tributary welcome-email example",
        description = "Sends exactly one welcome e-mail per registered user: DynamoDB Streams -> ChangeCapture"
                + " -> IdempotentHandler -> SesMailer. Without endpoints it starts local servers.")
final class Options implements Callable<Integer> {
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
     * Runs the example with these options. picocli calls it once the arguments parsed, after answering
     * {@code --help} and {@code --version} itself and reporting usage errors with the usage.
     *
     * @return 0
     * @throws Exception when the example fails
     */
    @Override
    public Integer call() throws Exception {
        WelcomeEmail.run(this);
        return 0;
    }

    /** Returns the option's value or fails naming it, for options a command needs. */
    static String require(@Nullable String value, String option, Mode command) {
        if (value == null) {
            throw new IllegalArgumentException(option + " is required for '" + command + "'");
        }
        return value;
    }
}
