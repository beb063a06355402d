package dev.tributary.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.opensearch.model.BulkItemResult;
import dev.tributary.opensearch.model.Hit;
import dev.tributary.opensearch.model.VersionType;
import dev.tributary.testkit.LocalOpenSearch;
import dev.tributary.testkit.OpenSearchExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Writes through {@link BulkIndexer}s (plain and externally versioned, as {@code ChangeEventIndexer} writes)
 * while {@link SearchIndex#reindex} copies the index on a real node: every write reaches the new index.
 */
@ExtendWith(OpenSearchExtension.class)
class BulkIndexerReindexIT {
    private static final int DOCUMENTS = 40_000;
    private static final int WRITERS = 3;

    private final OpenSearchConnection connection;
    private final String name = "bulk-reindex-it" + System.nanoTime();
    private final ReindexFixture fixture;

    BulkIndexerReindexIT(LocalOpenSearch node) {
        this.connection = OpenSearchConnection.builder().url(node.url()).build();
        this.fixture = new ReindexFixture(connection, name);
    }

    @AfterEach
    void cleanUp() {
        fixture.cleanUp();
    }

    /**
     * Writer w owns the ids whose number is w modulo WRITERS and writes an id again only after its previous write
     * settled, so its map is their final truth. Versioned writers use a version that grows per write.
     */
    private Runnable writer(int w, BulkIndexer<Product> bulk, boolean versioned, Map<String, Product> truth,
            AtomicBoolean stop, AtomicLong writes, ConcurrentLinkedQueue<Throwable> errors) {
        return () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Map<String, CompletableFuture<BulkItemResult>> last = new HashMap<>();
            int created = 0;
            long version = 1;
            try {
                while (!stop.get()) {
                    int op = random.nextInt(4);
                    String id = op == 0 ? "new-" + w + "-" + created++
                            : "p" + (random.nextInt(DOCUMENTS / WRITERS) * WRITERS + w);
                    CompletableFuture<BulkItemResult> previous = last.get(id);
                    if (previous != null) {
                        previous.get(30, TimeUnit.SECONDS);
                    }
                    version++;
                    CompletableFuture<BulkItemResult> f;
                    if (op == 1) {
                        f = versioned ? bulk.delete(id, version) : bulk.delete(id);
                        truth.remove(id);
                    } else {
                        Product p = ReindexFixture.product(id, random.nextInt(1_000_000));
                        f = versioned ? bulk.index(id, p, version) : bulk.index(id, p);
                        truth.put(id, p);
                    }
                    f.whenComplete((r, e) -> {
                        if (e != null) {
                            errors.add(e);
                        }
                    });
                    last.put(id, f);
                    writes.incrementAndGet();
                }
            } catch (Exception e) {
                errors.add(e);
            }
        };
    }

    private void reindexWhileWriting(boolean versioned) throws Exception {
        SearchIndex<Product> index = SearchIndex.create(connection, fixture.spec(1), Product.class);
        String first = index.ensureExists();
        Map<String, Product> truth = fixture.load(DOCUMENTS);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        AtomicLong writesAtFirstProgress = new AtomicLong(-1);
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> running = new ArrayList<>();
        BulkIndexer.Builder<Product> builder = BulkIndexer.<Product>builder(connection, name)
                .maxActions(200).flushInterval(java.time.Duration.ofMillis(50));
        if (versioned) {
            builder.versionType(VersionType.EXTERNAL_GTE);
        }
        try (BulkIndexer<Product> bulk = builder.build()) {
            for (int w = 0; w < WRITERS; w++) {
                running.add(pool.submit(writer(w, bulk, versioned, truth, stop, writes, errors)));
            }
            String fresh = index.reindex(fixture.spec(2), copied -> writesAtFirstProgress.compareAndSet(-1, writes.get()),
                    true);
            long writesAtEnd = writes.get();
            System.out.printf("reindex of %d documents: %d bulk writes during the copy, %d in all%n", DOCUMENTS,
                    writesAtEnd - writesAtFirstProgress.get(), writesAtEnd);
            Thread.sleep(300); // writes after the swap go on too
            stop.set(true);
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
            bulk.flush();
            bulk.close();

            assertThat(errors).isEmpty();
            // The copy ran while the writers wrote: otherwise this test proves nothing.
            assertThat(writesAtFirstProgress.get()).isNotNegative();
            assertThat(writesAtEnd - writesAtFirstProgress.get()).isGreaterThan(500);
            assertThat(fresh).isNotEqualTo(first);
            assertThat(index.currentPhysical()).isEqualTo(fresh);
            Map<String, Product> indexed = ReindexFixture.indexed(index);
            assertThat(indexed.size()).isEqualTo(truth.size());
            assertThat(indexed).isEqualTo(truth);
        } finally {
            stop.set(true);
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void reindex_concurrentBulkWriters_newIndexEqualsWritersState() throws Exception {
        reindexWhileWriting(false);
    }

    @Test
    void reindex_concurrentExternallyVersionedBulkWritersAndDeletes_newIndexEqualsWritersState() throws Exception {
        reindexWhileWriting(true);
    }
}
