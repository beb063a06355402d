package dev.tributary.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.core.ClientSettings;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.dynamo.ChangeCapture;
import dev.tributary.dynamo.CheckpointStore;
import dev.tributary.dynamo.DynamoDbCheckpointStore;
import dev.tributary.dynamo.StreamTables;
import dev.tributary.dynamo.TableDefinition;
import dev.tributary.opensearch.IndexSpec;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.SearchIndex;
import dev.tributary.opensearch.sync.ChangeEventIndexer;
import dev.tributary.opensearch.sync.DocumentVersions;
import dev.tributary.testkit.DynamoDbLocalExtension;
import dev.tributary.testkit.LocalDynamoDb;
import dev.tributary.testkit.LocalOpenSearch;
import dev.tributary.testkit.OpenSearchExtension;
import dev.tributary.testkit.TcpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * 20,000 random puts, updates and deletes over 2,000 keys while the capture is killed and restarted twice
 * and OpenSearch is unreachable once: at the end the index equals the table, no ghosts, no resurrections.
 */
@ExtendWith({DynamoDbLocalExtension.class, OpenSearchExtension.class})
class ConvergenceIT {
    private static final int OPS = 20_000;
    private static final int KEYS = 2_000;
    private static final int WRITERS = 4;

    @Test
    void sync_randomWorkloadWithCrashesAndOutage_converges(LocalDynamoDb local, LocalOpenSearch node) throws Exception {
        ClientSettings settings = ClientSettings.local(local.endpoint()).toBuilder().apiCallTimeout(Duration.ofSeconds(20)).build();
        String table = "converge-" + System.nanoTime();
        Map<String, String> expected = new ConcurrentHashMap<>();
        AtomicLong versions = new AtomicLong();
        AtomicInteger done = new AtomicInteger();
        try (DynamoDbClient dynamo = settings.applyTo(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
                DynamoDbStreamsClient streams = settings.applyTo(DynamoDbStreamsClient.builder())
                        .httpClient(UrlConnectionHttpClient.create()).build();
                TcpProxy proxy = TcpProxy.to(node.url());
                OpenSearchConnection direct = OpenSearchConnection.builder().url(node.url()).build();
                OpenSearchConnection os = OpenSearchConnection.builder().url(proxy.url())
                        .resilience(ResilienceSettings.builder().maxAttempts(2).backoff(Duration.ofMillis(50),
                                Duration.ofMillis(200)).build()).build()) {
            String arn = StreamTables.ensureTable(dynamo, TableDefinition.builder().tableName(table)
                    .hashKey("id", ScalarAttributeType.S).build());
            SearchIndex<Map> index = SearchIndex.create(direct, IndexSpec.builder(table).shards(1, 0).text("name")
                    .bool(ChangeEventIndexer.DELETED_FIELD).build(), Map.class);
            index.ensureExists();
            CheckpointStore checkpoints = DynamoDbCheckpointStore.create(dynamo, "cp-" + table);
            try (ChangeEventIndexer<SyncItem> sync = ChangeEventIndexer.<SyncItem>builder(os, table)
                    .versions(DocumentVersions.attribute(SyncItem::getVersion)).tombstones(true)
                    .maxOutage(Duration.ofMinutes(2)).build()) {
                ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    futures.add(writers.submit(() -> {
                        // Each writer owns the keys k with k % WRITERS == writer, so per-key order is its own.
                        Random random = new Random(writer);
                        for (int i = 0; i < OPS / WRITERS; i++) {
                            String id = "k" + (random.nextInt(KEYS / WRITERS) * WRITERS + writer);
                            SyncTables.randomWrite(dynamo, table, id, random, 4, versions, expected);
                            done.incrementAndGet();
                        }
                        return null;
                    }));
                }
                ChangeCapture<SyncItem> capture = start(streams, dynamo, arn, checkpoints, sync);
                awaitOps(done, OPS / 4);
                capture.abort();
                capture = start(streams, dynamo, arn, checkpoints, sync);
                awaitOps(done, OPS / 2);
                proxy.setUp(false);
                // The outage must be hit: the sync tried OpenSearch through the proxy and was cut off.
                int refusedBefore = proxy.refusedWhileDown();
                Awaitility.await("the sync hits the outage").atMost(Duration.ofSeconds(60))
                        .until(() -> proxy.refusedWhileDown() > refusedBefore);
                proxy.setUp(true);
                awaitOps(done, OPS * 3 / 4);
                capture.abort();
                for (Future<?> f : futures) {
                    f.get(5, TimeUnit.MINUTES);
                }
                writers.shutdown();
                try (ChangeCapture<SyncItem> last = start(streams, dynamo, arn, checkpoints, sync)) {
                    Awaitility.await("index equals table").atMost(Duration.ofMinutes(3))
                            .pollInterval(Duration.ofSeconds(1))
                            .untilAsserted(() -> assertThat(SyncTables.names(index)).isEqualTo(new HashMap<>(expected)));
                }
            }
            index.drop();
        }
    }

    private static ChangeCapture<SyncItem> start(DynamoDbStreamsClient streams, DynamoDbClient dynamo, String arn,
            CheckpointStore checkpoints, ChangeEventIndexer<SyncItem> sync) {
        ChangeCapture<SyncItem> c = SyncTables.capture(streams, dynamo, arn, sync).consumerName("search")
                .checkpointStore(checkpoints).build();
        c.start();
        return c;
    }

    /** Waits until the writers made {@code target} changes; a stuck writer fails the test instead of hanging it. */
    private static void awaitOps(AtomicInteger done, int target) {
        Awaitility.await("writers reach " + target + " changes").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(50)).until(() -> done.get() >= target);
    }
}
