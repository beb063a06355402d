package dev.tributary.examples.orders;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The example's command line, parsed and checked by picocli ({@code --help} prints it), and its entry point. */
@Command(name = "order-confirmation", mixinStandardHelpOptions = true, version = "Tributary order-confirmation example",
        description = "Order confirmation e-mails with SES: a stored template, a receipt attachment, and a bounce that"
                + " puts the address on the suppression list. Without --ses-endpoint it starts the SES emulator.")
final class Options implements Callable<Integer> {
    /** What to do; {@code demo} is the only command. */
    enum Mode { demo }

    @Parameters(index = "0", arity = "0..1", defaultValue = "demo", paramLabel = "COMMAND",
            description = "demo (the default and only command).")
    Mode command = Mode.demo;

    @Option(names = "--ses-endpoint", paramLabel = "URL", description = "SES endpoint (default: the SES emulator).")
    @Nullable String sesEndpoint;

    @Option(names = "--from", paramLabel = "ADDRESS", defaultValue = "Shop <orders@shop.example.test>",
            description = "Sender (default: ${DEFAULT-VALUE}).")
    String from = "Shop <orders@shop.example.test>";

    @Option(names = "--to", paramLabel = "ADDRESS", defaultValue = "ann@example.com",
            description = "Recipient (default: ${DEFAULT-VALUE}).")
    String to = "ann@example.com";

    @Option(names = "--configuration-set", paramLabel = "NAME", defaultValue = "transactional",
            description = "SES configuration set (default: ${DEFAULT-VALUE}).")
    String configurationSet = "transactional";

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
        OrderConfirmation.run(this);
        return 0;
    }
}
