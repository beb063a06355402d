package dev.tributary.examples.quickstart;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeHandler;
import dev.tributary.core.ChangeType;
import dev.tributary.core.ClientSettings;
import dev.tributary.core.Resilience;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.dynamo.ChangeCapture;
import dev.tributary.dynamo.StreamTables;
import dev.tributary.dynamo.TableDefinition;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The smallest runnable Tributary example: registers users in a DynamoDB table with a stream, and a
 * {@link ChangeCapture} hands the table's changes to a {@link ChangeHandler} as core {@link ChangeEvent}s; every
 * write is guarded by {@link Resilience}.
 *
 * <p>This class is application code and needs no test kit: give it {@code --dynamo-endpoint URL} or
 * {@code --aws-region REGION}. {@code LocalQuickStart} (in the test sources, which {@code mvn exec:java} runs)
 * starts DynamoDB Local first and passes its endpoint.
 */
public final class QuickStart {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final ClientSettings settings;
    private final String table;
    private final PrintStream out;

    /**
     * Creates the example.
     *
     * @param settings the SDK client settings (region, credentials, endpoint)
     * @param table the users table; created with a stream when missing
     * @param out where the summary goes
     */
    public QuickStart(ClientSettings settings, String table, PrintStream out) {
        this.settings = settings;
        this.table = table;
        this.out = out;
    }

    /**
     * Runs the example from the command line; exits non-zero on a usage error or failure.
     *
     * @param args {@code (--dynamo-endpoint URL | --aws-region REGION) [--table NAME] [--users N]}, or {@code --help}
     */
    public static void main(String[] args) {
        int code = execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command line and returns its exit code: 0 done, 1 failed, 2 usage error. */
    static int execute(String... args) {
        return new CommandLine(new Cli()).execute(args);
    }

    /** The command line: picocli parses and validates the flags and prints {@code --help}. */
    @Command(name = "quickstart", mixinStandardHelpOptions = true, version = "Tributary quick start",
            description = "Registers users in a DynamoDB table and prints the INSERT events a ChangeCapture delivers.")
    static final class Cli implements Callable<Integer> {
        @CommandLine.ArgGroup(multiplicity = "1")
        Target target;

        @Option(names = "--table", defaultValue = "quickstart-users", description = "Users table (default: ${DEFAULT-VALUE}).")
        String table;

        @Option(names = "--users", defaultValue = "5", description = "Users to register (default: ${DEFAULT-VALUE}).")
        int users;

        /** Where DynamoDB is: one of the two. */
        static final class Target {
            @Option(names = "--dynamo-endpoint", required = true, paramLabel = "URL",
                    description = "DynamoDB endpoint, such as DynamoDB Local's http://localhost:8000.")
            URI endpoint;

            @Option(names = "--aws-region", required = true, paramLabel = "REGION",
                    description = "Real AWS in this region (default credentials chain).")
            String region;
        }

        @Override
        public Integer call() throws InterruptedException {
            ClientSettings settings = target.endpoint != null
                    ? localSettings(target.endpoint)
                    : ClientSettings.builder().region(Region.of(target.region)).build();
            new QuickStart(settings, table, System.out).run(users);
            return 0;
        }
    }

    /** Returns settings for a local endpoint such as DynamoDB Local (dummy credentials, 10 s call timeout). */
    public static ClientSettings localSettings(URI endpoint) {
        return ClientSettings.local(endpoint).toBuilder().apiCallTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Registers {@code users} users and waits until the capture delivered an INSERT event for each.
     *
     * @param users how many users to register
     * @return the user ids of the INSERT events delivered, in delivery order
     * @throws IllegalStateException when not every INSERT arrived within 30 s
     * @throws InterruptedException when interrupted while waiting
     */
    public List<String> run(int users) throws InterruptedException {
        long started = System.nanoTime();
        Resilience guard = Resilience.create("dynamodb." + table, ResilienceSettings.defaults());
        List<String> seen = new CopyOnWriteArrayList<>();
        ChangeHandler<Map<String, AttributeValue>> handler = ChangeHandler.forEach(e -> {
            if (e.type() == ChangeType.INSERT) {
                seen.add(String.valueOf(e.keys().get("userId")));
            }
        });
        try (DynamoDbClient dynamo = settings.applyTo(DynamoDbClient.builder())
                        .httpClient(UrlConnectionHttpClient.create()).build();
                DynamoDbStreamsClient streams = settings.applyTo(DynamoDbStreamsClient.builder())
                        .httpClient(UrlConnectionHttpClient.create()).build()) {
            String streamArn = StreamTables.ensureTable(dynamo, TableDefinition.builder().tableName(table)
                    .hashKey("userId", ScalarAttributeType.S).build());
            // In-memory checkpoints (the default) and the stream from its start: enough for one run. Give it a
            // DynamoDbCheckpointStore to resume where the last run stopped.
            try (ChangeCapture<Map<String, AttributeValue>> capture = ChangeCapture.raw()
                    .dynamoDbClient(dynamo)
                    .streamsClient(streams)
                    .streamArn(streamArn)
                    .consumerName("quickstart")
                    .polling(Duration.ofMillis(50), Duration.ofMillis(500))
                    .handler("registrations", handler)
                    .build()) {
                capture.start();
                for (int i = 1; i <= users; i++) {
                    String id = "user-" + i;
                    guard.execute("dynamodb.PutItem", () -> dynamo.putItem(b -> b.tableName(table).item(Map.of(
                            "userId", AttributeValue.fromS(id),
                            "name", AttributeValue.fromS("User " + id)))));
                }
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                while (seen.size() < users && System.nanoTime() < deadline) {
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            }
        }
        out.printf("Registered %d users; the capture delivered %d INSERT events: %s%n", users, seen.size(), seen);
        out.printf("Done in %d ms%n", Duration.ofNanos(System.nanoTime() - started).toMillis());
        if (seen.size() != users) {
            throw new IllegalStateException("expected " + users + " INSERT events within " + DEADLINE.toSeconds()
                    + " s, saw " + seen.size());
        }
        return List.copyOf(seen);
    }
}
