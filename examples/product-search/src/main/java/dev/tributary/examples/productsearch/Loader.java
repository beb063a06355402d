package dev.tributary.examples.productsearch;

import dev.tributary.core.Resilience;
import dev.tributary.core.ResilienceSettings;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes generated products with BatchWriteItem (25 items a call) from a few threads, re-sending unprocessed
 * items with backoff, and draws a text progress bar.
 *
 * <p>New products get version 1 here: BatchWriteItem takes no conditions, so the Enhanced Client's version
 * extension cannot run; ids are new, so 1 is what it would have written. Later writes go through the Enhanced
 * Client and raise the version.
 */
final class Loader {
    private static final int BATCH = 25;

    private final DynamoDbClient dynamo;
    private final String table;
    private final int threads;
    private final Resilience guard;

    Loader(DynamoDbClient dynamo, String table, int threads) {
        this.dynamo = dynamo;
        this.table = table;
        this.threads = threads;
        this.guard = Resilience.create("dynamodb." + table, ResilienceSettings.defaults());
    }

    /**
     * Generates and writes {@code count} products.
     *
     * @param count how many
     * @param progress where the bar goes (stderr), or null for none
     * @return the ids written, in no particular order
     */
    List<String> load(int count, @Nullable PrintStream progress) {
        String run = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);
        AtomicInteger nextBatch = new AtomicInteger();
        AtomicLong written = new AtomicLong();
        int batches = (count + BATCH - 1) / BATCH;
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>(count));
        ProgressBar bar = ProgressBar.start(progress, "load", count, written::get);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    // One generator per thread; the prefix keeps ids unique across threads and runs.
                    Catalogue catalogue = Catalogue.create(ThreadLocalRandom.current().nextLong(), run + thread);
                    for (int b = nextBatch.getAndIncrement(); b < batches; b = nextBatch.getAndIncrement()) {
                        int size = Math.min(BATCH, count - b * BATCH);
                        List<WriteRequest> requests = new ArrayList<>(size);
                        for (int i = 0; i < size; i++) {
                            Product p = catalogue.next();
                            p.setVersion(1L);
                            ids.add(p.getId());
                            requests.add(WriteRequest.builder().putRequest(PutRequest.builder()
                                    .item(Backends.SCHEMA.itemToMap(p, true)).build()).build());
                        }
                        writeAll(requests);
                        written.addAndGet(size);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading", e);
        } finally {
            pool.shutdownNow();
            bar.finish();
        }
        return ids;
    }

    private void writeAll(List<WriteRequest> requests) {
        Map<String, List<WriteRequest>> pending = Map.of(table, requests);
        long backoff = 50;
        while (!pending.isEmpty()) {
            Map<String, List<WriteRequest>> send = pending;
            BatchWriteItemResponse r = guard.execute("dynamodb.BatchWriteItem",
                    () -> dynamo.batchWriteItem(b -> b.requestItems(send)));
            pending = r.hasUnprocessedItems() ? r.unprocessedItems() : Map.of();
            pending = pending.values().stream().allMatch(List::isEmpty) ? Map.of() : pending;
            if (!pending.isEmpty()) {
                sleep(backoff);
                backoff = Math.min(backoff * 2, 2000);
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
