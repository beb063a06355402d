package dev.tributary.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.opensearch.internal.DualWrites;
import dev.tributary.opensearch.internal.ReindexState;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Zero-downtime reindex on a real node: writers creating, updating and deleting through the facade and readers
 * searching through the alias while 100k documents are copied; and a reindex abandoned mid-way, finished by a
 * new facade.
 */
class SearchIndexReindexIT {
    private static final int DOCUMENTS = 100_000;
    private static final int WRITERS = 4;

    @RegisterExtension
    final ReindexFixture fixture = new ReindexFixture("reindex-it");
    private final OpenSearchConnection connection = fixture.connection();
    private final String name = fixture.name();

    /** Writer w owns the ids whose number is w modulo WRITERS, so its in-memory map is their final truth. */
    private Runnable writer(int w, SearchIndex<Product> index, Map<String, Product> truth,
            ReindexFixture.Workers workers, AtomicLong writes, ConcurrentLinkedQueue<Throwable> errors) {
        return () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int created = 0;
            while (!workers.stopping()) {
                try {
                    int op = random.nextInt(4);
                    if (op == 0) {
                        String id = "new-" + w + "-" + created++;
                        Product p = ReindexFixture.product(id, random.nextInt(1_000_000));
                        index.put(id, p);
                        truth.put(id, p);
                    } else {
                        String id = "p" + (random.nextInt(DOCUMENTS / WRITERS) * WRITERS + w);
                        if (op == 1) {
                            index.delete(id);
                            truth.remove(id);
                        } else {
                            Product p = ReindexFixture.product(id, random.nextInt(1_000_000));
                            index.put(id, p);
                            truth.put(id, p);
                        }
                    }
                    writes.incrementAndGet();
                } catch (RuntimeException e) {
                    errors.add(e);
                    return;
                }
            }
        };
    }

    private Runnable reader(SearchIndex<Product> index, ReindexFixture.Workers workers, AtomicLong reads,
            ConcurrentLinkedQueue<Throwable> errors) {
        return () -> {
            while (!workers.stopping()) {
                try {
                    index.search(SearchQuery.builder().text("wire mou").filter("brand", "Contoso").size(5).build());
                    index.get("p" + ThreadLocalRandom.current().nextInt(DOCUMENTS));
                    index.count();
                    reads.incrementAndGet();
                } catch (RuntimeException e) {
                    errors.add(e);
                    return;
                }
            }
        };
    }

    @Test
    void reindex_concurrentWritersAndReaders_newIndexEqualsWritersStateAndNoReaderFails() throws Exception {
        SearchIndex<Product> index = SearchIndex.create(connection, fixture.spec(1), Product.class);
        String first = index.ensureExists();
        Map<String, Product> truth = fixture.load(DOCUMENTS);
        AtomicLong writes = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        ConcurrentLinkedQueue<Throwable> writeErrors = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> readErrors = new ConcurrentLinkedQueue<>();
        try (ReindexFixture.Workers workers = new ReindexFixture.Workers()) {
            for (int w = 0; w < WRITERS; w++) {
                workers.start(writer(w, index, truth, workers, writes, writeErrors));
            }
            for (int r = 0; r < 2; r++) {
                workers.start(reader(index, workers, reads, readErrors));
            }
            String fresh = fixture.reindexDuringWrites(index, writes, 100);
            long writesAtEnd = writes.get();
            // Writes after the swap go on too.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> writes.get() >= writesAtEnd + 50 || !writeErrors.isEmpty());
            workers.stopAndJoin();

            assertThat(writeErrors).isEmpty();
            assertThat(readErrors).isEmpty();
            assertThat(reads.get()).isPositive();
            assertThat(fresh).isNotEqualTo(first);
            assertThat(index.currentPhysical()).isEqualTo(fresh);
            assertThat(connection.client().indices().exists(e -> e.index(first)).value()).isFalse();
            Map<String, Product> indexed = ReindexFixture.indexed(index);
            assertThat(indexed.size()).as("missing %s, extra %s",
                    truth.keySet().stream().filter(k -> !indexed.containsKey(k)).limit(10).toList(),
                    indexed.keySet().stream().filter(k -> !truth.containsKey(k)).limit(10).toList())
                    .isEqualTo(truth.size());
            assertThat(indexed).isEqualTo(truth);
        }
    }

    @Test
    void resumeReindex_processAbandonedAfterTaskStarted_newFacadeFinishesWithEveryWrite() throws Exception {
        SearchIndex<Product> index = SearchIndex.create(connection, fixture.spec(1), Product.class);
        String first = index.ensureExists();
        Map<String, Product> truth = fixture.load(20_000);

        // The "crashed" process: its progress callback throws once the copy task runs, leaving the state behind.
        RuntimeException crash = new IllegalStateException("process died");
        try {
            index.reindex(fixture.spec(2), copied -> {
                throw crash;
            }, true);
        } catch (IllegalStateException e) {
            assertThat(e).isSameAs(crash);
        }
        Optional<ReindexState> left = ReindexState.load(connection.client(), name);
        assertThat(left).isPresent();
        assertThat(left.get().phase()).isEqualTo(ReindexState.Phase.COPYING);
        assertThat(index.currentPhysical()).isEqualTo(first);

        // Meanwhile another process keeps writing: dual writes stay on until the reindex is finished.
        SearchIndex<Product> other = SearchIndex.create(connection, fixture.spec(1), Product.class);
        other.put("p1", ReindexFixture.product("p1", 424242));
        truth.put("p1", ReindexFixture.product("p1", 424242));
        other.delete("p2");
        truth.remove("p2");
        other.put("late", ReindexFixture.product("late", 7));
        truth.put("late", ReindexFixture.product("late", 7));

        SearchIndex<Product> resumer = SearchIndex.create(connection, fixture.spec(2), Product.class);
        Optional<String> fresh = resumer.resumeReindex(n -> { });

        assertThat(fresh).contains(left.get().target());
        assertThat(resumer.currentPhysical()).isEqualTo(left.get().target());
        assertThat(ReindexState.load(connection.client(), name)).isEmpty();
        assertThat(connection.client().indices().exists(e -> e.index(first)).value()).isFalse();
        assertThat(ReindexFixture.indexed(resumer)).isEqualTo(truth);
        assertThat(resumer.resumeReindex(n -> { })).isEmpty();
    }

    @Test
    void abortReindex_beforeSwap_targetDeletedAliasUnchangedWritesStay() throws Exception {
        SearchIndex<Product> index = SearchIndex.create(connection, fixture.spec(1), Product.class);
        String first = index.ensureExists();
        Map<String, Product> truth = fixture.load(5_000);
        try {
            index.reindex(fixture.spec(2), copied -> {
                throw new IllegalStateException("stop");
            }, false);
        } catch (IllegalStateException expected) {
            // abandoned mid-way
        }
        String target = ReindexState.load(connection.client(), name).orElseThrow().target();
        index.put("p3", ReindexFixture.product("p3", 99));
        truth.put("p3", ReindexFixture.product("p3", 99));

        assertThat(SearchIndex.create(connection, fixture.spec(1), Product.class).abortReindex()).isTrue();

        assertThat(index.currentPhysical()).isEqualTo(first);
        assertThat(connection.client().indices().exists(e -> e.index(target)).value()).isFalse();
        assertThat(ReindexState.load(connection.client(), name)).isEmpty();
        assertThat(ReindexFixture.indexed(index)).isEqualTo(truth);
        // A new reindex can start after the rollback.
        assertThat(index.reindex(fixture.spec(2), n -> { }, true)).isEqualTo(target);
        assertThat(ReindexFixture.indexed(index)).isEqualTo(truth);
    }

    @Test
    void reindex_whileAnotherReindexRuns_refusedWith409() {
        SearchIndex<Product> index = SearchIndex.create(connection, fixture.spec(1), Product.class);
        index.ensureExists();
        fixture.load(2_000);
        try {
            index.reindex(fixture.spec(2), copied -> {
                throw new IllegalStateException("stop");
            }, false);
        } catch (IllegalStateException expected) {
            // left in progress
        }

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> index.reindex(fixture.spec(2), n -> { }, false))
                .isInstanceOfSatisfying(OpenSearchException.class,
                        e -> assertThat(e.reason()).isEqualTo(OpenSearchFailure.CONFLICT))
                .hasMessageContaining("another process")
                .satisfies(e -> assertThat(((dev.tributary.core.TributaryServiceException) e).statusCode())
                        .hasValue(409));
        assertThat(index.abortReindex()).isTrue();
    }

    @Test
    void reindex_writesBypassSearchIndexDuringCopy_aliasNotSwitchedAndResumeCopiesThem() throws Exception {
        SearchIndex<Product> index = SearchIndex.create(connection, fixture.spec(1), Product.class);
        String first = index.ensureExists();
        Map<String, Product> truth = fixture.load(2_000);
        AtomicBoolean bypassed = new AtomicBoolean();

        // Once the copy has passed every document, another client writes the physical index directly: two new
        // documents (counts differ by 2, within the old count tolerance) and an update (counts unchanged).
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> index.reindex(fixture.spec(2), copied -> {
            if (copied >= 2_000 && bypassed.compareAndSet(false, true)) {
                bypass(first, "bypass-1", ReindexFixture.product("bypass-1", 1), truth);
                bypass(first, "bypass-2", ReindexFixture.product("bypass-2", 2), truth);
                bypass(first, "p7", ReindexFixture.product("p7", 777), truth);
            }
        }, true))
                .isInstanceOfSatisfying(OpenSearchException.class, e -> {
                    assertThat(e.reason()).isEqualTo(OpenSearchFailure.REINDEX_INCOMPLETE);
                    assertThat(e.errorCode()).contains("reindex_documents_differ");
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessageContaining("3 documents differ");
        assertThat(bypassed).isTrue();
        assertThat(index.currentPhysical()).isEqualTo(first);

        // The state went back to DUAL_WRITE: resuming copies again, the versions decide, and the check passes.
        Optional<String> fresh = index.resumeReindex(n -> { });
        assertThat(fresh).isPresent();
        assertThat(index.currentPhysical()).isEqualTo(fresh.get());
        assertThat(ReindexFixture.indexed(index)).isEqualTo(truth);
    }

    @Test
    void put_sentUnderAReindexThatEndedBeforeItCompleted_copiedToThatReindexsTarget() throws Exception {
        SearchIndex<Product> index = SearchIndex.create(connection, fixture.spec(1), Product.class);
        String source = index.ensureExists();
        String target = source + "-late";
        connection.client().indices().create(c -> c.index(target));
        try {
            new ReindexState(name, source, target, ReindexState.Phase.SWAPPING, null, "{}", false, -1, -1)
                    .save(connection.client(), connection.json());
            index.put("before", ReindexFixture.product("before", 1)); // this writer has now seen dual writes on
            assertThat(connection.client().get(g -> g.index(target).id("before"), Product.class).found()).isTrue();

            // The reindex ends (state gone) while this writer still remembers it, and its next write resolves the
            // alias to the old index, as a write sent just before the swap does.
            ReindexState.load(connection.client(), name).orElseThrow().delete(connection.client());
            Thread.sleep(DualWrites.STALENESS.toMillis() + 200); // the cached state is now too old to trust
            index.put("late", ReindexFixture.product("late", 2));

            assertThat(connection.client().get(g -> g.index(target).id("late"), Product.class).found())
                    .as("a write that landed in the source after the state ended reaches the target").isTrue();
        } finally {
            connection.client().indices().delete(d -> d.index(target).ignoreUnavailable(true));
        }
    }

    private void bypass(String physical, String id, Product p, Map<String, Product> truth) {
        try {
            connection.client().index(i -> i.index(physical).id(id).document(p)
                    .refresh(org.opensearch.client.opensearch._types.Refresh.True));
            truth.put(id, p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
