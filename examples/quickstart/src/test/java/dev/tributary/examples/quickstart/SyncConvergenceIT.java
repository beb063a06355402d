package dev.tributary.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.ClientSettings;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.dynamo.ChangeCapture;
import dev.tributary.dynamo.CheckpointStore;
import dev.tributary.dynamo.DynamoDbCheckpointStore;
import dev.tributary.dynamo.StreamTables;
import dev.tributary.dynamo.TableBackfill;
import dev.tributary.dynamo.TableDefinition;
import dev.tributary.opensearch.IndexSpec;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.SearchIndex;
import dev.tributary.opensearch.sync.ChangeEventIndexer;
import dev.tributary.opensearch.sync.DocumentVersions;
import dev.tributary.testkit.AwsShapedStreams;
import dev.tributary.testkit.DynamoDbLocalExtension;
import dev.tributary.testkit.LocalDynamoDb;
import dev.tributary.testkit.LocalOpenSearch;
import dev.tributary.testkit.OpenSearchExtension;
import dev.tributary.testkit.TcpProxy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The DynamoDB -> OpenSearch promise on an AWS-shaped stream: random puts, partial updates, deletes,
 * delete-then-re-create and same-second bursts from 4 writers, a backfill that starts while they write, the
 * capture aborted without shutdown twice, an OpenSearch outage, a shard split and throttling, all mid-run. At
 * the end the index equals a full table scan field by field: no ghosts, nothing missing.
 *
 * <p>By default it runs on the test kit's DynamoDB Local and OpenSearch node, with {@link AwsShapedStreams}
 * giving the stream AWS's shape (second-precision times, 21-40 digit sequence numbers with gaps, splits,
 * throttling, expired iterators). With {@code -Dtributary.it.aws.region=eu-west-1} and
 * {@code -Dtributary.it.aws.opensearch=https://...} it targets a real account instead (default credentials; it
 * creates and deletes its own table and index; faults that need the rig or a proxy are skipped there).
 */
@ExtendWith({DynamoDbLocalExtension.class, OpenSearchExtension.class})
class SyncConvergenceIT {
    private static final int OPS = 3_000;
    private static final int KEYS = 300;
    private static final int WRITERS = 4;
    private static final String AWS_REGION = System.getProperty("tributary.it.aws.region");
    private static final String AWS_OPENSEARCH = System.getProperty("tributary.it.aws.opensearch");

    @ParameterizedTest
    @ValueSource(strings = {"streamOrder", "attribute"})
    @SuppressWarnings("deprecation")
    void sync_awsShapedStreamWithCrashesOutageSplitAndThrottling_indexEqualsTable(String mode, LocalDynamoDb local,
            LocalOpenSearch node) throws Exception {
        ToLongFunction<dev.tributary.core.ChangeEvent<SyncItem>> versions = "attribute".equals(mode)
                ? DocumentVersions.attribute(SyncItem::getVersion) : DocumentVersions.streamOrder();
        boolean aws = AWS_REGION != null && AWS_OPENSEARCH != null;
        ClientSettings settings = aws
                ? ClientSettings.builder().region(software.amazon.awssdk.regions.Region.of(AWS_REGION))
                        .apiCallTimeout(Duration.ofSeconds(20)).build()
                : ClientSettings.local(local.endpoint()).toBuilder().apiCallTimeout(Duration.ofSeconds(20)).build();
        String table = "converge-" + mode.toLowerCase(java.util.Locale.ROOT) + "-" + System.nanoTime();
        URI searchUrl = aws ? URI.create(AWS_OPENSEARCH) : node.url();
        try (DynamoDbClient dynamo = settings.applyTo(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
                DynamoDbStreamsClient real = settings.applyTo(DynamoDbStreamsClient.builder())
                        .httpClient(UrlConnectionHttpClient.create()).build();
                TcpProxy proxy = TcpProxy.to(searchUrl);
                OpenSearchConnection direct = connection(searchUrl, aws, null);
                OpenSearchConnection os = connection(aws ? searchUrl : proxy.url(), aws, ResilienceSettings.builder()
                        .maxAttempts(2).backoff(Duration.ofMillis(50), Duration.ofMillis(200)).build())) {
            String arn = StreamTables.ensureTable(dynamo, TableDefinition.builder().tableName(table)
                    .hashKey("id", ScalarAttributeType.S).build());
            AwsShapedStreams rig = AwsShapedStreams.builder().delegate(real).seed(mode.hashCode())
                    .throttleRate(0.03).expiredIteratorRate(0.02).build();
            DynamoDbStreamsClient streams = aws ? real : rig;
            SearchIndex<Map> index = SearchIndex.create(direct, IndexSpec.builder(table).shards(1, 0).text("name")
                    .bool(ChangeEventIndexer.DELETED_FIELD).build(), Map.class);
            index.ensureExists();
            CheckpointStore checkpoints = DynamoDbCheckpointStore.create(dynamo, "cp-" + table);
            try (ChangeEventIndexer<SyncItem> sync = ChangeEventIndexer.<SyncItem>builder(os, table)
                    .versions(versions).tombstones(true).maxOutage(Duration.ofMinutes(2)).build()) {
                AtomicInteger done = new AtomicInteger();
                ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    writers.add(pool.submit(() -> write(dynamo, table, writer, done)));
                }
                ChangeCapture<SyncItem> capture = start(streams, dynamo, arn, checkpoints, sync);
                await(() -> done.get() >= OPS / 10, "writers reach 10%");
                // The scan starts while writes land in the same second: its copies must never win over them.
                Future<Long> backfill = pool.submit(() -> TableBackfill.builder(dynamo, table, SyncTables.SCHEMA).segments(2)
                        .build().run(sync));
                await(() -> done.get() >= OPS / 4, "writers reach 25%");
                ChangeCapture<SyncItem> first = capture;
                await(() -> first.metrics().records() > 0, "the first capture delivers");
                capture.abort();
                capture = start(streams, dynamo, arn, checkpoints, sync);
                await(() -> done.get() >= OPS * 2 / 5, "writers reach 40%");
                if (!aws) {
                    rig.split();
                }
                await(() -> done.get() >= OPS / 2, "writers reach 50%");
                if (!aws) {
                    proxy.setUp(false);
                    // The outage is real for the path the sync writes through.
                    assertThatThrownBy(() -> os.client().info()).isNotNull();
                    // ...and the sync hits it too: it tried OpenSearch through the proxy and was cut off.
                    int refusedBefore = proxy.refusedWhileDown();
                    Awaitility.await("the sync hits the outage").atMost(Duration.ofSeconds(60))
                            .until(() -> proxy.refusedWhileDown() > refusedBefore);
                    proxy.setUp(true);
                }
                await(() -> done.get() >= OPS * 3 / 4, "writers reach 75%");
                ChangeCapture<SyncItem> second = capture;
                await(() -> second.metrics().records() > 0, "the second capture delivers");
                capture.abort();
                for (Future<?> f : writers) {
                    f.get(5, TimeUnit.MINUTES);
                }
                assertThat(backfill.get(5, TimeUnit.MINUTES)).isPositive();
                pool.shutdown();
                try (ChangeCapture<SyncItem> last = start(streams, dynamo, arn, checkpoints, sync)) {
                    Map<String, Map<String, Object>> table0 = scan(dynamo, table);
                    Awaitility.await("index equals table").atMost(Duration.ofMinutes(3))
                            .pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                            .until(() -> indexed(index).equals(table0));
                    Map<String, Map<String, Object>> indexed = indexed(index);
                    Set<String> ghosts = new HashSet<>(indexed.keySet());
                    ghosts.removeAll(table0.keySet());
                    Set<String> missing = new HashSet<>(table0.keySet());
                    missing.removeAll(indexed.keySet());
                    assertThat(ghosts).as("ghosts").isEmpty();
                    assertThat(missing).as("missing").isEmpty();
                    assertThat(indexed).as("index == table, field by field").isEqualTo(table0);
                    assertThat(last.metrics().stoppedShards()).isZero();
                }
                if (!aws) {
                    // Every fault really happened.
                    assertThat(rig.splits()).isEqualTo(1);
                    assertThat(rig.throttles()).isPositive();
                    assertThat(rig.expiredIterators()).isPositive();
                    assertThat(sync.metrics().staleWrites()).as("replayed or backfilled writes refused as stale").isPositive();
                }
            } finally {
                index.drop();
                dynamo.deleteTable(b -> b.tableName(table));
            }
        }
    }

    /** One writer's share: it owns the keys k with k % WRITERS == writer, so each key's order is its own. */
    private static Void write(DynamoDbClient dynamo, String table, int writer, AtomicInteger done) {
        Random random = new Random(writer * 31L + 7);
        Map<String, Long> versions = new HashMap<>();
        for (int i = 0; i < OPS / WRITERS; i++) {
            String id = "k" + (random.nextInt(KEYS / WRITERS) * WRITERS + writer);
            int op = random.nextInt(10);
            if (op <= 3 || !versions.containsKey(id)) {
                SyncTables.put(dynamo, table, id, "n" + random.nextInt(1_000_000), versions.merge(id, 1L, Long::sum));
            } else if (op <= 5) {
                SyncTables.update(dynamo, table, id, "u" + random.nextInt(1_000_000), versions.merge(id, 1L, Long::sum));
            } else if (op == 6) {
                SyncTables.delete(dynamo, table, id);
                versions.remove(id);
            } else if (op == 7) {
                // Delete, then create again at once: the version attribute restarts at 1.
                SyncTables.delete(dynamo, table, id);
                versions.put(id, 1L);
                SyncTables.put(dynamo, table, id, "r" + random.nextInt(1_000_000), 1L);
            } else {
                // A burst of changes to one item, well within one second.
                for (int b = 0; b < 5; b++) {
                    SyncTables.update(dynamo, table, id, "b" + b + "-" + random.nextInt(1_000_000), versions.merge(id, 1L, Long::sum));
                }
            }
            done.incrementAndGet();
        }
        return null;
    }

    private static OpenSearchConnection connection(URI url, boolean aws, ResilienceSettings resilience) {
        OpenSearchConnection.Builder b = OpenSearchConnection.builder().url(url.toString());
        if (aws) {
            b.aws(software.amazon.awssdk.regions.Region.of(AWS_REGION), OpenSearchConnection.AwsService.ES);
        }
        if (resilience != null) {
            b.resilience(resilience);
        }
        return b.build();
    }

    private static ChangeCapture<SyncItem> start(DynamoDbStreamsClient streams, DynamoDbClient dynamo, String arn,
            CheckpointStore checkpoints, ChangeEventIndexer<SyncItem> sync) {
        ChangeCapture<SyncItem> c = SyncTables.capture(streams, dynamo, arn, sync).consumerName("search")
                .checkpointStore(checkpoints).batchSize(200).shardSyncInterval(Duration.ofSeconds(1)).build();
        c.start();
        return c;
    }

    /** The whole table as id -> the indexed fields, read with a consistent scan. */
    private static Map<String, Map<String, Object>> scan(DynamoDbClient dynamo, String table) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(item -> out.put(
                item.get("id").s(), Map.of("name", item.get("name").s(), "n", Long.parseLong(item.get("n").n()),
                        "version", Long.parseLong(item.get("version").n()))));
        return out;
    }

    /** The live documents of the index as id -> the fields {@link #scan} reads. */
    private static Map<String, Map<String, Object>> indexed(SearchIndex<Map> index) {
        return SyncTables.indexed(index, source -> Map.of("name", String.valueOf(source.get("name")),
                "n", ((Number) source.get("n")).longValue(), "version", ((Number) source.get("version")).longValue()));
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }
}
