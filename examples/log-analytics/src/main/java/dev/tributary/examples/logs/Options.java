package dev.tributary.examples.logs;

import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The example's command line, parsed and checked by picocli ({@code --help} prints it), and its entry point. */
@Command(name = "log-analytics", mixinStandardHelpOptions = true, version = "Tributary log-analytics example",
        description = "CloudWatch Logs subscription payloads -> OpenSearch daily indices, then typed searches and"
                + " aggregations. Without --opensearch-url it starts an OpenSearch node.")
final class Options implements Callable<Integer> {
    /** What to do; {@code demo} is the only command. */
    enum Mode { demo }

    @Parameters(index = "0", arity = "0..1", defaultValue = "demo", paramLabel = "COMMAND",
            description = "demo (the default and only command).")
    Mode command = Mode.demo;

    @Option(names = "--opensearch-url", paramLabel = "URL", description = "OpenSearch URL (default: a local node).")
    @Nullable String openSearchUrl;

    @Option(names = "--aws-region", paramLabel = "REGION",
            description = "Sign requests with SigV4 for Amazon OpenSearch Service in this region.")
    @Nullable String awsRegion;

    @Option(names = "--index", paramLabel = "PREFIX", defaultValue = "logs-app",
            description = "Daily index prefix (default: ${DEFAULT-VALUE}).")
    String index = "logs-app";

    @Option(names = "--payloads", defaultValue = "40", description = "Subscription payloads (default: ${DEFAULT-VALUE}).")
    int payloads = 40;

    @Option(names = "--events", defaultValue = "25", description = "Log events per payload (default: ${DEFAULT-VALUE}).")
    int events = 25;

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
        LogAnalytics.run(this);
        return 0;
    }
}
