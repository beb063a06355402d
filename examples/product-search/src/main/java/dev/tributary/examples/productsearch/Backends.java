package dev.tributary.examples.productsearch;

import dev.tributary.core.ClientSettings;
import dev.tributary.dynamo.StreamTables;
import dev.tributary.dynamo.TableDefinition;
import dev.tributary.opensearch.IndexSpec;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.SearchIndex;
import dev.tributary.opensearch.sync.ChangeEventIndexer;
import dev.tributary.testkit.LocalDynamoDb;
import dev.tributary.testkit.LocalOpenSearch;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The clients of one run: DynamoDB, its Streams API and OpenSearch, against the endpoints given on the
 * command line or, without them, against local servers started from the test kit for this run only
 * ("embedded default": their data is gone when the run ends). Closing stops what it started and closes the
 * clients it built. Thread-safe after construction.
 */
final class Backends implements AutoCloseable {
    /** The product schema, shared by the loader, the capture and the backfill. */
    static final TableSchema<Product> SCHEMA = TableSchema.fromBean(Product.class);

    private final List<AutoCloseable> owned = new ArrayList<>();
    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final OpenSearchConnection search;
    private final String table;
    private final String index;
    private final boolean embedded;
    private boolean localSearch;

    private Backends(Options options, PrintStream log) {
        this.table = options.value("table", "products");
        this.index = options.value("index", "products");
        @Nullable Region region = options.value("aws-region").map(Region::of).orElse(null);
        try {
            ClientSettings settings = dynamoSettings(options, region, log);
            this.dynamo = settings.applyTo(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
            owned.add(dynamo);
            this.streams = settings.applyTo(DynamoDbStreamsClient.builder())
                    .httpClient(UrlConnectionHttpClient.create()).build();
            owned.add(streams);
            this.search = connection(options, region, log);
            owned.add(search);
            this.embedded = options.value("dynamo-endpoint").isEmpty() && options.value("opensearch-url").isEmpty()
                    && region == null;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Connects to the backends the options name, starting local servers for those they do not.
     *
     * @param options the command line
     * @param log where to say what was started (stderr)
     * @return the backends; close them
     */
    static Backends open(Options options, PrintStream log) {
        return new Backends(options, log);
    }

    private ClientSettings dynamoSettings(Options options, @Nullable Region region, PrintStream log) {
        Duration timeout = Duration.ofSeconds(20);
        if (options.value("dynamo-endpoint").isPresent()) {
            URI endpoint = URI.create(options.value("dynamo-endpoint").get());
            if (region == null && isLoopback(endpoint)) {
                // A local DynamoDB (yours, not ours): dummy credentials are all it needs.
                return ClientSettings.local(endpoint).toBuilder().apiCallTimeout(timeout).build();
            }
            return ClientSettings.builder().region(region).endpointOverride(endpoint).apiCallTimeout(timeout).build();
        }
        if (region != null) {
            // Real AWS: the default credential chain, the given region.
            return ClientSettings.builder().region(region).apiCallTimeout(timeout).build();
        }
        log.println("Starting DynamoDB Local (embedded default; its data is gone when this run ends) ...");
        LocalDynamoDb local = LocalDynamoDb.start();
        owned.add(local);
        return ClientSettings.local(local.endpoint()).toBuilder().apiCallTimeout(timeout).build();
    }

    private OpenSearchConnection connection(Options options, @Nullable Region region, PrintStream log) {
        if (options.value("opensearch-url").isPresent()) {
            OpenSearchConnection.Builder b = OpenSearchConnection.builder().url(options.value("opensearch-url").get());
            if (region != null) {
                b.aws(region, OpenSearchConnection.AwsService.ES);
            }
            return b.build();
        }
        if (region != null) {
            throw new IllegalArgumentException("--aws-region needs --opensearch-url (your domain's endpoint)");
        }
        log.println("Starting OpenSearch (embedded default; its data is gone when this run ends) ...");
        LocalOpenSearch local = LocalOpenSearch.start();
        owned.add(local);
        localSearch = true;
        return OpenSearchConnection.builder().url(local.url()).build();
    }

    private static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }

    /** Returns the index spec: partial matching on name (weighted 3x, with infix) and description. */
    static IndexSpec spec(String index, boolean singleNode) {
        IndexSpec.Builder b = IndexSpec.builder(index)
                .text("name", 3).infix("name")
                .text("description")
                .keyword("brand")
                .number("price")
                .integer("version")
                .bool(ChangeEventIndexer.DELETED_FIELD);
        return (singleNode ? b.shards(1, 0) : b).build();
    }

    /** Creates the table (with a stream) and the index when missing; returns the stream ARN. */
    String ensureCreated() {
        String arn = StreamTables.ensureTable(dynamo, TableDefinition.builder().tableName(table)
                .hashKey("id", ScalarAttributeType.S).build());
        searchIndex().ensureExists();
        return arn;
    }

    /** Returns the typed index facade. */
    SearchIndex<Product> searchIndex() {
        return SearchIndex.create(search, spec(index, localSearch), Product.class);
    }

    /** Returns the number of items in the table (a COUNT scan, exact). */
    long tableCount() {
        long total = 0;
        java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> start = null;
        do {
            var from = start;
            var page = dynamo.scan(b -> b.tableName(table).select(Select.COUNT).exclusiveStartKey(from));
            total += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return total;
    }

    DynamoDbClient dynamo() {
        return dynamo;
    }

    DynamoDbStreamsClient streams() {
        return streams;
    }

    OpenSearchConnection search() {
        return search;
    }

    String table() {
        return table;
    }

    String index() {
        return index;
    }

    /** Returns whether every backend is a local server started for this run. */
    boolean embedded() {
        return embedded;
    }

    @Override
    public void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                // Best effort: a server that will not stop dies with the JVM.
            }
        }
        owned.clear();
    }
}
