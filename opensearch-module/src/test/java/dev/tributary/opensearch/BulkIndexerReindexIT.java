package dev.tributary.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.opensearch.model.BulkItemResult;
import dev.tributary.opensearch.model.VersionType;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Writes through {@link BulkIndexer}s (plain and externally versioned, as {@code ChangeEventIndexer} writes)
 * while {@link SearchIndex#reindex} copies the index on a real node: every write reaches the new index.
 */
class BulkIndexerReindexIT {
    private static final int DOCUMENTS = 40_000;
    private static final int WRITERS = 3;

    @RegisterExtension
    final ReindexFixture fixture = new ReindexFixture("bulk-reindex-it");

    /**
     * Writer w owns the ids whose number is w modulo WRITERS and writes an id again only after its previous write
     * settled, so its map is their final truth. Versioned writers use a version that grows per write.
     */
    private Runnable writer(int w, BulkIndexer<Product> bulk, boolean versioned, Map<String, Product> truth,
            ReindexFixture.Workers workers, AtomicLong writes, ConcurrentLinkedQueue<Throwable> errors) {
        return () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Map<String, CompletableFuture<BulkItemResult>> last = new HashMap<>();
            int created = 0;
            long version = 1;
            try {
                while (!workers.stopping()) {
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
        SearchIndex<Product> index = SearchIndex.create(fixture.connection(), fixture.spec(1), Product.class);
        String first = index.ensureExists();
        Map<String, Product> truth = fixture.load(DOCUMENTS);
        AtomicLong writes = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        BulkIndexer.Builder<Product> builder = BulkIndexer.<Product>builder(fixture.connection(), fixture.name())
                .maxActions(200).flushInterval(Duration.ofMillis(50));
        if (versioned) {
            builder.versionType(VersionType.EXTERNAL_GTE);
        }
        try (ReindexFixture.Workers workers = new ReindexFixture.Workers();
                BulkIndexer<Product> bulk = builder.build()) {
            for (int w = 0; w < WRITERS; w++) {
                workers.start(writer(w, bulk, versioned, truth, workers, writes, errors));
            }
            String fresh = fixture.reindexDuringWrites(index, writes, 500);
            Thread.sleep(300); // writes after the swap go on too
            workers.stopAndJoin();
            bulk.flush();
            bulk.close();

            assertThat(errors).isEmpty();
            assertThat(fresh).isNotEqualTo(first);
            assertThat(index.currentPhysical()).isEqualTo(fresh);
            Map<String, Product> indexed = ReindexFixture.indexed(index);
            assertThat(indexed.size()).isEqualTo(truth.size());
            assertThat(indexed).isEqualTo(truth);
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
