package dev.tributary.opensearch.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeType;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.IndexSpec;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.SearchIndex;
import dev.tributary.opensearch.SearchQuery;
import dev.tributary.testkit.LocalOpenSearch;
import dev.tributary.testkit.OpenSearchExtension;
import dev.tributary.testkit.TcpProxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OpenSearchExtension.class)
class ChangeEventIndexerIT {
    private final LocalOpenSearch node;
    private final OpenSearchConnection connection;
    private final SearchIndex<Map> index;

    ChangeEventIndexerIT(LocalOpenSearch node) {
        this.node = node;
        this.connection = OpenSearchConnection.builder().url(node.url()).build();
        this.index = SearchIndex.create(connection, IndexSpec.builder("sync-" + System.nanoTime()).shards(1, 0)
                .text("name").keyword("secret").build(), Map.class);
        index.ensureExists();
    }

    @AfterEach
    void cleanUp() {
        index.drop();
        connection.close();
    }

    private static long seq;

    private static ChangeEvent<Map<String, Object>> event(ChangeType type, String id, long millis, String name) {
        ChangeEvent.Builder<Map<String, Object>> b = ChangeEvent.<Map<String, Object>>builder().type(type)
                .key("pk", id).sourceId("arn").partition("shard-1").sequenceNumber(Long.toString(100 + seq++))
                .approximateCreationTime(Instant.ofEpochMilli(millis)).eventId("e" + seq);
        Map<String, Object> image = Map.of("pk", id, "name", name, "secret", "s3cr3t");
        if (type == ChangeType.REMOVE) {
            b.oldImage(image);
        } else {
            b.newImage(image);
        }
        return b.build();
    }

    @Test
    void handle_outOfOrderAndReplayedChanges_keepTheNewestVersion() {
        try (ChangeEventIndexer<Map<String, Object>> sync = ChangeEventIndexer.<Map<String, Object>>builder(
                connection, index.name()).excludeFields("secret").build()) {
            var v1 = event(ChangeType.INSERT, "a", 1_000, "first");
            var v2 = event(ChangeType.MODIFY, "a", 2_000, "second");
            sync.handle(List.of(v2));
            sync.handle(List.of(v1));
            sync.handle(List.of(v1, v2));

            index.refresh();
            Map doc = index.get("a").orElseThrow().source();
            assertThat(doc).containsEntry("name", "second").doesNotContainKey("secret");
            // v1 alone is refused (an older second); the batch [v1, v2] writes only v2, its last change, which
            // equals the stored version and is accepted under external_gte.
            assertThat(sync.metrics().staleWrites()).isEqualTo(1);
        }
    }

    @Test
    void handle_writeRefusedPartWayThroughABatch_earlierWritesSettleSoTheNextBatchIsNotHeldUp() {
        try (ChangeEventIndexer<Map<String, Object>> sync = ChangeEventIndexer.<Map<String, Object>>builder(
                connection, index.name()).build()) {
            var queued = event(ChangeType.INSERT, "d", 1_000, "queued first");
            var refused = event(ChangeType.INSERT, "x".repeat(600), 1_000, "id too long");
            // Pipelined, a batch goes out in full requests, so "d" is still in the buffer when "x..." is refused.
            assertThatThrownBy(() -> sync.handleAsync(List.of(queued, refused)))
                    .isInstanceOf(TributaryValidationException.class).hasMessageContaining("id");

            // The next batch writes "d" again and waits for its earlier write: before, that write stayed in the
            // buffer unsent, and this call never returned.
            assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> sync.handle(List.of(event(ChangeType.MODIFY, "d", 2_000, "next batch"))));

            index.refresh();
            assertThat(index.get("d").orElseThrow().source()).containsEntry("name", "next batch");
        }
    }

    @Test
    void handleAsync_sameDocumentInBatchesInFlight_laterBatchWinsWithinOneSecond() throws Exception {
        // One request per document and 8 in flight: without waiting for a document's earlier write, the second
        // batch's write of it races the first, and with equal (second-granularity) versions the older may land last.
        try (ChangeEventIndexer<Map<String, Object>> sync = ChangeEventIndexer.<Map<String, Object>>builder(
                connection, index.name()).bulkRequests(1, 8).build()) {
            List<CompletableFuture<Void>> acks = new java.util.ArrayList<>();
            for (int round = 0; round < 5; round++) {
                List<ChangeEvent<Map<String, Object>>> batch = new java.util.ArrayList<>();
                for (int d = 0; d < 40; d++) {
                    batch.add(event(ChangeType.MODIFY, "doc" + d, 5_000, "round-" + round));
                }
                acks.add(sync.handleAsync(batch));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            index.refresh();
            for (int d = 0; d < 40; d++) {
                assertThat(index.get("doc" + d).orElseThrow().source()).as("doc%d", d)
                        .containsEntry("name", "round-4");
            }
            assertThat(sync.metrics().written()).isEqualTo(200);
        }
    }

    @Test
    void handle_tombstones_removedItemsAreNotResurrectedByLateReplays() {
        try (ChangeEventIndexer<Map<String, Object>> sync = ChangeEventIndexer.<Map<String, Object>>builder(
                connection, index.name()).tombstones(true).build()) {
            var insert = event(ChangeType.INSERT, "b", 1_000, "alive");
            var remove = event(ChangeType.REMOVE, "b", 3_000, "alive");
            sync.handle(List.of(insert, remove));
            sync.handle(List.of(insert));

            index.refresh();
            assertThat(index.get("b").orElseThrow().source()).containsEntry(ChangeEventIndexer.DELETED_FIELD, true);
            assertThat(index.count(SearchQuery.builder().filter(ChangeEventIndexer.DELETED_FIELD, false).build())).isZero();
            assertThat(sync.purgeTombstones(index.name(), Duration.ofHours(24))).isZero();
            assertThat(sync.purgeTombstones(index.name(), Duration.ofMillis(-1000))).isEqualTo(1);
            assertThat(index.exists("b")).isFalse();
        }
    }

    @Test
    void handle_plainDelete_removesDocumentAndCompositeKeysJoinWithBar() {
        try (ChangeEventIndexer<Map<String, Object>> sync = ChangeEventIndexer.<Map<String, Object>>builder(
                connection, index.name()).build()) {
            ChangeEvent<Map<String, Object>> composite = ChangeEvent.<Map<String, Object>>builder()
                    .type(ChangeType.INSERT).key("pk", "u1").key("sk", 5).sourceId("arn").partition("s")
                    .sequenceNumber("7").approximateCreationTime(Instant.ofEpochMilli(5_000)).eventId("c1")
                    .newImage(Map.of("name", "composite")).build();
            sync.handle(List.of(composite, event(ChangeType.INSERT, "c", 1_000, "x")));
            sync.handle(List.of(event(ChangeType.REMOVE, "c", 2_000, "x")));

            assertThat(index.exists("u1|5")).isTrue();
            assertThat(index.exists("c")).isFalse();
        }
    }

    @Test
    void handle_openSearchOutage_pausesThenResumesWithoutLoss() throws Exception {
        try (TcpProxy proxy = TcpProxy.to(node.url());
                OpenSearchConnection viaProxy = OpenSearchConnection.builder().url(proxy.url())
                        .resilience(dev.tributary.core.ResilienceSettings.builder().maxAttempts(2)
                                .backoff(Duration.ofMillis(50), Duration.ofMillis(100)).build())
                        .build();
                ChangeEventIndexer<Map<String, Object>> sync = ChangeEventIndexer.<Map<String, Object>>builder(
                        viaProxy, index.name()).maxOutage(Duration.ofMinutes(1)).build()) {
            proxy.setUp(false);
            CompletableFuture<Void> batch = CompletableFuture.runAsync(() -> sync.handle(List.of(
                    event(ChangeType.INSERT, "o1", 1_000, "during outage"),
                    event(ChangeType.INSERT, "o2", 1_000, "during outage"))));
            // The outage is proven by the proxy refusing connections, not by sleeping.
            org.awaitility.Awaitility.await("connections refused while down").atMost(Duration.ofSeconds(30))
                    .until(() -> proxy.refusedWhileDown() >= 2);
            assertThat(batch).isNotDone();
            proxy.setUp(true);
            batch.get(60, TimeUnit.SECONDS);
        }

        assertThat(index.exists("o1")).isTrue();
        assertThat(index.exists("o2")).isTrue();
    }
}
