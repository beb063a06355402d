package dev.tributary.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tributary.opensearch.model.BulkItemResult;
import dev.tributary.opensearch.model.BulkMetrics;
import dev.tributary.opensearch.model.Hit;
import dev.tributary.testkit.LocalOpenSearch;
import dev.tributary.testkit.OpenSearchExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OpenSearchExtension.class)
class BulkIndexerIT {
    private final LocalOpenSearch node;
    private final OpenSearchConnection connection;
    private final List<SearchIndex<?>> created = new ArrayList<>();

    BulkIndexerIT(LocalOpenSearch node) {
        this.node = node;
        this.connection = OpenSearchConnection.builder().url(node.url()).build();
    }

    @AfterEach
    void cleanUp() {
        created.forEach(SearchIndex::drop);
        connection.close();
    }

    private <T> SearchIndex<T> index(OpenSearchConnection c, String prefix, int shards, Class<T> type) {
        SearchIndex<T> idx = SearchIndex.create(c, IndexSpec.builder(prefix + "-" + System.nanoTime())
                .shards(shards, 0).text("name").keyword("brand").number("price").build(), type);
        idx.ensureExists();
        created.add(idx);
        return idx;
    }

    @Test
    void index_100kDocsWithOneMalformedInThousand_deadLettersExactlyThoseAndIndexesTheRest() {
        SearchIndex<Map> idx = index(connection, "bulk", 2, Map.class);
        ConcurrentLinkedQueue<BulkFailure> dead = new ConcurrentLinkedQueue<>();
        try (BulkIndexer<Map> bulk = BulkIndexer.<Map>builder(connection, idx.name())
                .concurrentRequests(4).failureHandler(dead::add).build()) {
            for (int i = 0; i < 100_000; i++) {
                Object price = i % 1000 == 999 ? "not-a-number" : (Object) (i * 0.5);
                bulk.index("d" + i, Map.of("name", "Product " + i, "brand", "b" + (i % 7), "price", price));
            }
        }

        assertThat(dead).hasSize(100);
        assertThat(dead).allSatisfy(f -> {
            assertThat(f.errorType()).isEqualTo("mapper_parsing_exception");
            assertThat(f.status()).isEqualTo(400);
            assertThat(f.reason()).doesNotContain("not-a-number");
            assertThat(Integer.parseInt(f.id().substring(1)) % 1000).isEqualTo(999);
        });
        idx.refresh();
        assertThat(idx.count()).isEqualTo(99_900);
    }

    @Test
    void index_tinyWriteQueue_retries429sAndLosesNothing() {
        try (LocalOpenSearch busy = LocalOpenSearch.start(
                        Map.of("thread_pool.write.size", "1", "thread_pool.write.queue_size", "1"));
                OpenSearchConnection c = OpenSearchConnection.builder().url(busy.url()).build()) {
            SearchIndex<Map> idx = SearchIndex.create(c, IndexSpec.builder("pressure").shards(3, 0).build(), Map.class);
            idx.ensureExists();
            AtomicInteger failures = new AtomicInteger();
            BulkMetrics stats;
            try (BulkIndexer<Map> bulk = BulkIndexer.<Map>builder(c, "pressure")
                    .maxActions(200).concurrentRequests(8).backoff(Duration.ofMillis(20), Duration.ofSeconds(2))
                    .maxItemRetries(50).failureHandler(f -> failures.incrementAndGet()).build()) {
                for (int i = 0; i < 20_000; i++) {
                    bulk.index("p" + i, Map.of("n", i));
                }
                bulk.close();
                stats = bulk.metrics();
            }

            assertThat(stats.retried()).as("the tiny queue must have rejected some items").isPositive();
            assertThat(failures).hasValue(0);
            assertThat(stats.succeeded()).isEqualTo(20_000);
            idx.refresh();
            Set<String> present = new HashSet<>();
            try (Stream<Hit<Map>> all = idx.stream(SearchQuery.all(), 5000)) {
                all.forEach(h -> present.add(h.id()));
            }
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                if (!present.contains("p" + i)) {
                    missing.add("p" + i);
                }
            }
            assertThat(missing).isEmpty();
            assertThat(idx.count()).isEqualTo(20_000);
        }
    }

    @Test
    void index_externalVersions_olderWriteIsStaleSuccessAndNewerWins() throws Exception {
        SearchIndex<Map> idx = index(connection, "versions", 1, Map.class);
        CompletableFuture<BulkItemResult> newer;
        CompletableFuture<BulkItemResult> older;
        try (BulkIndexer<Map> bulk = BulkIndexer.<Map>builder(connection, idx.name()).build()) {
            newer = bulk.index("x", Map.of("name", "v5"), 5);
            bulk.flush();
            newer.get();
            older = bulk.index("x", Map.of("name", "v3"), 3);
        }

        assertThat(newer.get().stale()).isFalse();
        assertThat(older.get().stale()).isTrue();
        assertThat(older.get().status()).isEqualTo(409);
        assertThat(idx.get("x").orElseThrow().source()).containsEntry("name", "v5");
    }

    @Test
    void index_blockingBudget_neverHoldsMoreThanTheBudget() {
        SearchIndex<Map> idx = index(connection, "budget", 1, Map.class);
        long budget = 256 * 1024;
        AtomicLong maxHeld = new AtomicLong();
        try (BulkIndexer<Map> bulk = BulkIndexer.<Map>builder(connection, idx.name())
                .maxBytes(64 * 1024).maxBufferedBytes(budget).concurrentRequests(2).build()) {
            String payload = "x".repeat(900);
            for (int i = 0; i < 5_000; i++) {
                bulk.index("b" + i, Map.of("name", payload));
                maxHeld.accumulateAndGet(bulk.metrics().bufferedBytes(), Math::max);
            }
        }

        assertThat(maxHeld.get()).isPositive().isLessThanOrEqualTo(budget);
        idx.refresh();
        assertThat(idx.count()).isEqualTo(5_000);
    }

    @Test
    void index_noIntervalFlushAndBudgetEqualToMaxBytes_sendsEverythingWithoutDeadlock() {
        SearchIndex<Map> idx = index(connection, "tight", 1, Map.class);
        // Small documents: a budget counted in whole KiB per operation ran out at 64 documents, long before a
        // batch reached 64 KiB, and with no interval flusher nothing was sent again.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (BulkIndexer<Map> bulk = BulkIndexer.<Map>builder(connection, idx.name()).flushInterval(null)
                    .maxBytes(64 * 1024).maxBufferedBytes(64 * 1024).build()) {
                for (int i = 0; i < 3_000; i++) {
                    bulk.index("t" + i, Map.of("name", "n" + i));
                }
            }
        });

        idx.refresh();
        assertThat(idx.count()).isEqualTo(3_000);
    }

    @Test
    void close_whileAnAddWaitsForTheBudget_completesThatAddsFuture() throws Exception {
        SearchIndex<Map> idx = index(connection, "race", 1, Map.class);
        try (BulkFront front = new BulkFront(node.url());
                OpenSearchConnection c = OpenSearchConnection.builder().url(front.url()).build()) {
            // Slow answers keep the small document in flight while close() runs.
            front.delayBulk(Duration.ofMillis(200));
            for (int round = 0; round < 5; round++) {
                closeRacingABlockedAdd(c, idx.name(), round);
            }
        }
    }

    private void closeRacingABlockedAdd(OpenSearchConnection c, String index, int round) throws Exception {
        BulkIndexer<Map> bulk = BulkIndexer.<Map>builder(c, index).flushInterval(null)
                .maxBytes(64 * 1024).maxBufferedBytes(64 * 1024).build();
        CompletableFuture<BulkItemResult> small = bulk.index("small" + round, Map.of("name", "s"));
        AtomicReference<Object> big = new AtomicReference<>();
        Thread adder = new Thread(() -> {
            try {
                // Fits the budget alone, not next to the small one: this add waits for the small one's bytes.
                big.set(bulk.index("big" + round, Map.of("name", "b".repeat(65_480))));
            } catch (RuntimeException e) {
                big.set(e);
            }
        });
        adder.start();
        org.awaitility.Awaitility.await("the add waits for the budget").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> adder.getState() == Thread.State.WAITING || adder.getState() == Thread.State.TIMED_WAITING);
        Thread.sleep(50);
        // Busy cores delay the waiting adder's wake-up: the window in which its bytes were granted before it
        // counted as outstanding, so close() could return and leave its operation queued for ever.
        AtomicBoolean spin = new AtomicBoolean(true);
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                while (spin.get()) {
                    Thread.onSpinWait();
                }
            });
            t.start();
            spinners.add(t);
        }
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> bulk.close());
        } finally {
            spin.set(false);
        }
        adder.join(10_000);
        for (Thread t : spinners) {
            t.join(10_000);
        }

        assertThat(small).succeedsWithin(Duration.ofSeconds(10));
        assertThat(big.get()).as("the waiting add either refused or was written").isNotNull();
        if (big.get() instanceof CompletableFuture<?> f) {
            assertThat(f).as("round %d: the waiting add's future", round).succeedsWithin(Duration.ofSeconds(5));
        } else {
            assertThat(big.get()).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void stream_10kDocsWithPointInTime_visitsEveryDocumentOnce() {
        SearchIndex<Product> idx = index(connection, "pit", 2, Product.class);
        try (BulkIndexer<Product> bulk = BulkIndexer.<Product>builder(connection, idx.name()).build()) {
            for (int i = 0; i < 10_000; i++) {
                bulk.index("p" + i, new Product("p" + i, "Item " + i, "", "b", i));
            }
        }
        idx.refresh();

        Set<String> seen = new HashSet<>();
        long visited;
        try (Stream<Hit<Product>> hits = idx.stream(SearchQuery.all(), 1000)) {
            visited = hits.peek(h -> seen.add(h.id())).count();
        }

        assertThat(visited).isEqualTo(10_000);
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void reindex_underConcurrentReads_swapsAliasWithoutErrors() throws Exception {
        SearchIndex<Product> idx = index(connection, "swap", 1, Product.class);
        try (BulkIndexer<Product> bulk = BulkIndexer.<Product>builder(connection, idx.name()).build()) {
            for (int i = 0; i < 3_000; i++) {
                bulk.index("p" + i, new Product("p" + i, "Wireless item " + i, "", "b", i));
            }
        }
        idx.refresh();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> counts = new ConcurrentLinkedQueue<>();
        ExecutorService readers = Executors.newFixedThreadPool(3);
        List<Future<?>> futures = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            futures.add(readers.submit(() -> {
                while (!done.get()) {
                    try {
                        counts.add(idx.search(SearchQuery.text("wire")).total());
                        reads.incrementAndGet();
                    } catch (Throwable t) {
                        errors.add(t);
                    }
                }
            }));
        }
        IndexSpec v2 = IndexSpec.builder(idx.name()).shards(1, 0).text("name").infix("name").keyword("brand")
                .number("price").build();
        List<Long> progress = new ArrayList<>();
        String fresh = idx.reindex(v2, progress::add, true);
        Thread.sleep(300);
        done.set(true);
        for (Future<?> f : futures) {
            f.get();
        }
        readers.shutdown();

        assertThat(errors).isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(counts).containsOnly(3_000L);
        assertThat(fresh).endsWith("-000002");
        assertThat(idx.currentPhysical()).isEqualTo(fresh);
        assertThat(progress).isNotEmpty().last().isEqualTo(3_000L);
        assertThat(SearchIndex.create(connection, v2, Product.class).search(SearchQuery.text("less")).total())
                .isEqualTo(3_000);
    }
}
