package dev.tributary.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.core.ClientSettings;
import dev.tributary.dynamo.ChangeCapture;
import dev.tributary.dynamo.DynamoDbCheckpointStore;
import dev.tributary.dynamo.StreamTables;
import dev.tributary.dynamo.TableBackfill;
import dev.tributary.dynamo.TableDefinition;
import dev.tributary.opensearch.IndexSpec;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.SearchIndex;
import dev.tributary.opensearch.sync.ChangeEventIndexer;
import dev.tributary.opensearch.sync.DocumentVersions;
import dev.tributary.opensearch.sync.ExpectedDocument;
import dev.tributary.opensearch.sync.IndexReconciler;
import dev.tributary.opensearch.sync.ReconcileReport;
import dev.tributary.testkit.DynamoDbLocalExtension;
import dev.tributary.testkit.LocalDynamoDb;
import dev.tributary.testkit.LocalOpenSearch;
import dev.tributary.testkit.OpenSearchExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** DynamoDB -> Streams -> OpenSearch through Tributary's modules: backfill, crash, replay, convergence. */
@ExtendWith({DynamoDbLocalExtension.class, OpenSearchExtension.class})
class PipelineIT {
    private final AtomicLong versions = new AtomicLong(1);

    private void write(DynamoDbClient dynamo, String table, Random random, Map<String, String> expected, int ops) {
        for (int i = 0; i < ops; i++) {
            SyncTables.randomWrite(dynamo, table, "p" + random.nextInt(150), random, 5, versions, expected);
        }
    }

    private static void awaitConverged(SearchIndex<Map> index, Map<String, String> expected) {
        Awaitility.await("index equals table").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(SyncTables.names(index)).isEqualTo(expected));
    }

    @Test
    void sync_backfillCrashAndReplay_indexEqualsTable(LocalDynamoDb local, LocalOpenSearch node) throws Exception {
        ClientSettings settings = ClientSettings.local(local.endpoint()).toBuilder().apiCallTimeout(Duration.ofSeconds(10)).build();
        String table = "products-" + System.nanoTime();
        Random random = new Random(42);
        Map<String, String> expected = new HashMap<>();
        try (DynamoDbClient dynamo = settings.applyTo(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
                DynamoDbStreamsClient streams = settings.applyTo(DynamoDbStreamsClient.builder())
                        .httpClient(UrlConnectionHttpClient.create()).build();
                OpenSearchConnection os = OpenSearchConnection.builder().url(node.url()).build()) {
            String arn = StreamTables.ensureTable(dynamo, TableDefinition.builder().tableName(table)
                    .hashKey("id", ScalarAttributeType.S).build());
            SearchIndex<Map> index = SearchIndex.create(os, IndexSpec.builder(table).shards(1, 0).text("name")
                    .bool(ChangeEventIndexer.DELETED_FIELD).build(), Map.class);
            index.ensureExists();
            write(dynamo, table, random, expected, 400);
            var checkpoints = DynamoDbCheckpointStore.create(dynamo, "cp-" + table);

            try (ChangeEventIndexer<SyncItem> sync = ChangeEventIndexer.<SyncItem>builder(os, table)
                    .versions(DocumentVersions.attribute(SyncItem::getVersion)).tombstones(true).build()) {
                // Backfill while writes continue, then the stream from TRIM_HORIZON: the newest version wins.
                Thread writer = new Thread(() -> write(dynamo, table, new Random(7), expected, 200));
                writer.start();
                TableBackfill.builder(dynamo, table, SyncTables.SCHEMA).segments(2).pageSize(50).build().run(sync);
                writer.join();

                ChangeCapture<SyncItem> first = SyncTables.capture(streams, dynamo, arn, sync).consumerName("search")
                        .checkpointStore(checkpoints).batchSize(40).build();
                first.start();
                write(dynamo, table, random, expected, 300);
                // Crash mid-stream: only once the first capture has delivered something.
                Awaitility.await("the first capture delivers").atMost(Duration.ofSeconds(60))
                        .until(() -> first.metrics().records() > 0);
                first.abort();

                try (ChangeCapture<SyncItem> second = SyncTables.capture(streams, dynamo, arn, sync)
                        .consumerName("search").checkpointStore(checkpoints).build()) {
                    second.start();
                    write(dynamo, table, random, expected, 300);
                    awaitConverged(index, expected);
                }

                // Replay everything from the start with a new consumer: nothing changes.
                long writtenBefore = sync.metrics().written();
                try (ChangeCapture<SyncItem> replay = SyncTables.capture(streams, dynamo, arn, sync)
                        .consumerName("replay").build()) {
                    replay.start();
                    // Wait until the replay has drained the stream: its count stops growing.
                    AtomicLong last = new AtomicLong(-1);
                    Awaitility.await("replay drains the stream").atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(1500)).until(() -> {
                                long now = replay.metrics().records();
                                return now > 0 && now == last.getAndSet(now);
                            });
                    // Every write made a stream record except deletes of absent keys: most of the 1,000 writes.
                    assertThat(replay.metrics().records()).isGreaterThan(700);
                }
                // Each replayed change was either refused as stale (an older second) or re-applied in stream order.
                assertThat(sync.metrics().written()).isGreaterThan(writtenBefore);
                assertThat(SyncTables.names(index)).isEqualTo(expected);

                // Reconcile: a clean index reports nothing to fix; damage is found and repaired.
                // No capture runs from here on, so even documents written a moment ago may be repaired.
                IndexReconciler reconciler = IndexReconciler.create(os, table, true)
                        .withSettleTime(Duration.ZERO, java.time.Clock.systemUTC());
                assertThat(reconciler.reconcile(tableSnapshot(dynamo, table, sync).stream()).clean()).isTrue();
                // Changes the index never saw (no capture running), and a ghost document.
                SyncTables.put(dynamo, table, "late", "late-name", versions.incrementAndGet());
                expected.put("late", "late-name");
                String changed = expected.keySet().stream().filter(k -> !k.equals("late")).findFirst().orElseThrow();
                SyncTables.put(dynamo, table, changed, "changed-name", versions.incrementAndGet());
                expected.put(changed, "changed-name");
                index.put("ghost", Map.of("name", "ghost"), dev.tributary.opensearch.model.WriteOptions.builder()
                        .externalVersion(1).build());
                ReconcileReport report = reconciler.reconcile(tableSnapshot(dynamo, table, sync).stream());
                assertThat(report.missing()).isEqualTo(1);
                assertThat(report.outdated()).isEqualTo(1);
                assertThat(report.extra()).isEqualTo(1);
                assertThat(SyncTables.names(index)).isEqualTo(expected);
            }
            index.drop();
        }
    }

    private static java.util.List<ExpectedDocument> tableSnapshot(DynamoDbClient dynamo, String table,
            ChangeEventIndexer<SyncItem> sync) {
        java.util.List<ExpectedDocument> out = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        TableBackfill.builder(dynamo, table, SyncTables.SCHEMA).build().run(batch -> batch.forEach(e -> out.add(sync.expected(e))));
        return out;
    }
}
