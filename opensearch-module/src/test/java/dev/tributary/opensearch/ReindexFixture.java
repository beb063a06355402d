package dev.tributary.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.opensearch.model.Hit;
import dev.tributary.testkit.LocalOpenSearch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The index, documents and read-back shared by the zero-downtime reindex tests, on the test kit's shared node.
 * Register as an instance field with {@code @RegisterExtension}: each test gets a fresh index name, and the index
 * and connection are dropped after it.
 */
final class ReindexFixture implements AfterEachCallback {
    private final OpenSearchConnection connection;
    private final String name;

    ReindexFixture(String namePrefix) {
        this.connection = OpenSearchConnection.builder().url(LocalOpenSearch.shared().url()).build();
        this.name = namePrefix + System.nanoTime();
    }

    OpenSearchConnection connection() {
        return connection;
    }

    /** The alias (logical index name) of this test. */
    String name() {
        return name;
    }

    /** Version 1 of the index, or version 2 with one more field (what the reindex moves to). */
    IndexSpec spec(int version) {
        IndexSpec.Builder b = IndexSpec.builder(name).shards(1, 0).text("name").keyword("brand").number("price");
        return version == 1 ? b.build() : b.text("description").build();
    }

    static Product product(String id, int n) {
        return new Product(id, "Wireless Mouse " + n, "model " + n, n % 2 == 0 ? "Contoso" : "Fabrikam", n % 1000);
    }

    /** Loads {@code count} documents through a bulk indexer; returns them as the source of truth. */
    Map<String, Product> load(int count) {
        Map<String, Product> truth = new ConcurrentHashMap<>();
        try (BulkIndexer<Product> bulk = BulkIndexer.<Product>builder(connection, name).build()) {
            for (int i = 0; i < count; i++) {
                Product p = product("p" + i, i);
                bulk.index(p.id(), p);
                truth.put(p.id(), p);
            }
        }
        return truth;
    }

    /**
     * Reindexes to {@link #spec(int) version 2} while tasks write, counting in {@code writes}, and checks that
     * more than {@code minWritesDuringCopy} of them landed during the copy (otherwise the test proves nothing).
     *
     * @return the new physical index
     */
    String reindexDuringWrites(SearchIndex<Product> index, AtomicLong writes, long minWritesDuringCopy) {
        AtomicLong writesAtFirstProgress = new AtomicLong(-1);
        String fresh = index.reindex(spec(2), copied -> writesAtFirstProgress.compareAndSet(-1, writes.get()), true);
        long writesAtEnd = writes.get();
        System.out.printf("reindex of %s: %d writes during the copy, %d in all%n", name,
                writesAtEnd - writesAtFirstProgress.get(), writesAtEnd);
        assertThat(writesAtFirstProgress.get()).as("the copy reported progress").isNotNegative();
        assertThat(writesAtEnd - writesAtFirstProgress.get()).as("writes during the copy")
                .isGreaterThan(minWritesDuringCopy);
        return fresh;
    }

    /** Returns what the index holds now, by id. */
    static Map<String, Product> indexed(SearchIndex<Product> index) {
        index.refresh();
        Map<String, Product> out = new HashMap<>();
        try (Stream<Hit<Product>> hits = index.stream(SearchQuery.all(), 5_000)) {
            hits.forEach(h -> out.put(h.id(), h.source()));
        }
        return out;
    }

    /** Drops the index and the connection. */
    @Override
    public void afterEach(ExtensionContext context) {
        SearchIndex.create(connection, spec(1), Product.class).drop();
        connection.close();
    }

    /** Tasks on their own threads that loop until {@link #stopAndJoin()}; closing stops any that still run. */
    static final class Workers implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final ExecutorService pool = Executors.newCachedThreadPool();
        private final List<Future<?>> running = new ArrayList<>();

        /** Whether the tasks should stop; each task's loop checks it. */
        boolean stopping() {
            return stop.get();
        }

        void start(Runnable task) {
            running.add(pool.submit(task));
        }

        /** Stops the tasks and waits (with a deadline) until each has returned. */
        void stopAndJoin() throws Exception {
            stop.set(true);
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
