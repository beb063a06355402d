package dev.tributary.examples.logs;

import java.io.PrintStream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The example's command line, parsed and checked by picocli ({@code --help} prints it). */
@Command(name = "log-analytics", mixinStandardHelpOptions = true, version = "Tributary log-analytics example",
        description = "CloudWatch Logs subscription payloads -> OpenSearch daily indices, then typed searches and"
                + " aggregations. Without --opensearch-url it starts an OpenSearch node.")
final class Options {
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
     * Parses {@code args}; prints help and returns {@code null} when the program should stop.
     *
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
}
