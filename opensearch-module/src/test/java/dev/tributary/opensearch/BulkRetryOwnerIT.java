package dev.tributary.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeType;
import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryRejectedException;
import dev.tributary.opensearch.model.BulkItemResult;
import dev.tributary.opensearch.sync.ChangeEventIndexer;
import dev.tributary.testkit.LocalOpenSearch;
import dev.tributary.testkit.OpenSearchExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One layer owns each {@code _bulk} failure: the front before the real node counts the {@code _bulk} requests
 * that carry one document and the tests hold them to the policy documented on {@link BulkIndexer} and
 * {@link ChangeEventIndexer}, so that retries of different layers never multiply.
 */
@ExtendWith(OpenSearchExtension.class)
class BulkRetryOwnerIT {
    private final BulkFront front;
    private final OpenSearchConnection connection;
    private final SearchIndex<Map> index;

    BulkRetryOwnerIT(LocalOpenSearch node) throws Exception {
        this.front = new BulkFront(node.url());
        // The connection's default Resilience settings (3 attempts) stay on: they must not apply to _bulk.
        this.connection = OpenSearchConnection.builder().url(front.url()).build();
        this.index = SearchIndex.create(connection, IndexSpec.builder("owner-" + System.nanoTime()).shards(1, 0)
                .build(), Map.class);
        index.ensureExists();
    }

    @AfterEach
    void cleanUp() {
        front.mode(BulkFront.Mode.FORWARD);
        index.drop();
        connection.close();
        front.close();
    }

    @Test
    void index_everyBulkAnswered503_sendsTheDocumentMaxItemRetriesPlusOneTimes() throws Exception {
        front.mode(BulkFront.Mode.REQUEST_503);
        CompletableFuture<BulkItemResult> f;
        try (BulkIndexer<Map> bulk = BulkIndexer.<Map>builder(connection, index.name()).maxItemRetries(3)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build()) {
            f = bulk.index("one", Map.of("name", "x"));
        }

        assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.retryable()).isTrue());
        assertThat(front.bulkRequests()).as("_bulk requests for one document").isEqualTo(4);
    }

    @Test
    void close_timeoutWhileEveryBulkAnswered503_failsWaitingWritesWithClosedAndHandsThemToTheFailureHandler() {
        front.mode(BulkFront.Mode.REQUEST_503);
        List<BulkFailure> failures = new CopyOnWriteArrayList<>();
        BulkIndexer<Map> bulk = BulkIndexer.<Map>builder(connection, index.name()).maxItemRetries(1000)
                .backoff(Duration.ofMillis(200), Duration.ofMillis(400)).failureHandler(failures::add).build();
        CompletableFuture<BulkItemResult> f = bulk.index("one", Map.of("name", "x"));
        await().atMost(Duration.ofSeconds(30)).until(() -> front.bulkRequests() >= 2);

        boolean settled = bulk.close(Duration.ofMillis(300));

        assertThat(settled).as("close reports that the timeout ran out").isFalse();
        assertThat(f).isCompletedExceptionally();
        assertThatThrownBy(f::get).cause().isInstanceOfSatisfying(TributaryRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(TributaryRejectedException.Reason.CLOSED));
        assertThat(failures).extracting(BulkFailure::id).containsExactly("one");
        assertThat(bulk.close(Duration.ofMillis(1))).as("a second close is a no-op").isTrue();
        assertThatThrownBy(() -> bulk.index("two", Map.of("name", "y")))
                .isInstanceOfSatisfying(TributaryRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(TributaryRejectedException.Reason.CLOSED));
    }

    @Test
    void index_itemRejectedWith429_sendsTheDocumentMaxItemRetriesPlusOneTimes() {
        front.mode(BulkFront.Mode.ITEMS_429);
        CompletableFuture<BulkItemResult> f;
        try (BulkIndexer<Map> bulk = BulkIndexer.<Map>builder(connection, index.name()).maxItemRetries(2)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).build()) {
            f = bulk.index("one", Map.of("name", "x"));
        }

        assertThat(f).isCompletedExceptionally();
        assertThat(front.bulkRequests()).as("_bulk requests for one document").isEqualTo(3);
    }

    @Test
    void handle_bulkAnswered503AndNoOutageAllowed_sendsTheBatchOnce() {
        front.mode(BulkFront.Mode.REQUEST_503);
        try (ChangeEventIndexer<Map<String, Object>> sync = ChangeEventIndexer.<Map<String, Object>>builder(
                connection, index.name()).maxOutage(Duration.ZERO).maxItemRetries(5).build()) {
            assertThatThrownBy(() -> sync.handle(List.of(insert("a")))).isInstanceOf(TributaryException.class);
        }

        assertThat(front.bulkRequests()).as("_bulk requests for one document").isEqualTo(1);
    }

    @Test
    void handle_itemRejectedWith429_refusesAfterItemRetriesWithoutAnOutageWait() {
        front.mode(BulkFront.Mode.ITEMS_429);
        try (ChangeEventIndexer<Map<String, Object>> sync = ChangeEventIndexer.<Map<String, Object>>builder(
                connection, index.name()).maxItemRetries(2).build()) {
            // The default outage wait is 15 minutes: it must not apply to writes the cluster rejected one by one.
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(
                    () -> sync.handle(List.of(insert("a")))).isInstanceOf(TributaryException.class));
        }

        assertThat(front.bulkRequests()).as("_bulk requests for one document").isEqualTo(3);
    }

    @Test
    void handle_bulkAnswered503ThenBack_waitsOutTheOutageAndWrites() throws Exception {
        front.mode(BulkFront.Mode.REQUEST_503);
        try (ChangeEventIndexer<Map<String, Object>> sync = ChangeEventIndexer.<Map<String, Object>>builder(
                connection, index.name()).maxOutage(Duration.ofMinutes(1)).maxItemRetries(0).build()) {
            CompletableFuture<Void> batch = CompletableFuture.runAsync(() -> sync.handle(List.of(insert("b"))));
            org.awaitility.Awaitility.await("the outage is retried").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(20)).until(() -> front.bulkRequests() >= 3);
            assertThat(batch).isNotDone();
            front.mode(BulkFront.Mode.FORWARD);
            batch.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }

        assertThat(index.exists("b")).isTrue();
    }

    private static long seq;

    private static ChangeEvent<Map<String, Object>> insert(String id) {
        seq++;
        return ChangeEvent.<Map<String, Object>>builder().type(ChangeType.INSERT).key("pk", id).sourceId("arn")
                .partition("shard-1").sequenceNumber(Long.toString(100 + seq))
                .approximateCreationTime(Instant.ofEpochMilli(1_000)).eventId("e" + seq)
                .newImage(Map.of("pk", id, "name", "n")).build();
    }
}
