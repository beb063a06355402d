package dev.tributary.examples.productsearch;

import dev.tributary.opensearch.SearchIndex;
import dev.tributary.opensearch.SearchQuery;
import dev.tributary.opensearch.model.SearchPage;
import dev.tributary.opensearch.sync.ChangeEventIndexer;
import dev.tributary.opensearch.sync.ReconcileReport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;

/**
 * The whole flow once: load products, sync them (backfill, then the stream until caught up), change some while
 * the capture runs (price updates raise the version, deletes become tombstones), search, and check that the
 * index equals the table. The command line's {@code demo} and {@code ProductSearchIT} both call {@link #run}.
 */
final class Demo {
    /** The sample searches. */
    static final List<String> SEARCHES = List.of("wire mou", "usb-c cab", "ergo keyb");

    /**
     * What a run measured and found.
     *
     * @param products products loaded
     * @param loadSeconds time to load them
     * @param syncSeconds time to backfill and catch up with the stream
     * @param docsPerSecond indexed documents per second of sync
     * @param updates price updates made while capturing
     * @param deletes deletes made while capturing
     * @param changesVisibleMillis from the last change until its batch was indexed
     * @param searchMillis each sample search's round trip
     * @param hits each sample search's total hits
     * @param tableCount items in the table at the end
     * @param indexCount live documents in the index at the end
     * @param reconcile what the reconciler found
     * @param wireMou the hits of "wire mou"
     */
    record Result(int products, double loadSeconds, double syncSeconds, double docsPerSecond, int updates, int deletes,
            long changesVisibleMillis, Map<String, Long> searchMillis, Map<String, Long> hits, long tableCount,
            long indexCount, ReconcileReport reconcile, SearchPage<Product> wireMou) {
        /** Returns what is wrong, or an empty list when the index matches the table and search works. */
        List<String> problems() {
            List<String> out = new ArrayList<>();
            if (indexCount != tableCount) {
                out.add("index holds " + indexCount + " live documents but the table " + tableCount + " items");
            }
            if (tableCount != products - deletes) {
                out.add("table holds " + tableCount + " items, expected " + (products - deletes));
            }
            if (!reconcile.clean()) {
                out.add("reconcile found " + reconcile.missing() + " missing, " + reconcile.outdated() + " outdated, "
                        + reconcile.extra() + " extra documents");
            }
            if (hits.getOrDefault(SEARCHES.get(0), 0L) == 0) {
                out.add("\"" + SEARCHES.get(0) + "\" found nothing");
            }
            return out;
        }
    }

    private Demo() {}

    /**
     * Runs the flow against {@code backends} (whose table and index should be new or empty).
     *
     * @param backends the clients
     * @param products how many products to load
     * @param log progress, metrics and sample hits (stderr), or null for silence
     * @return the measurements and checks
     */
    static Result run(Backends backends, int products, @Nullable PrintStream log) {
        backends.ensureCreated();
        long t0 = System.nanoTime();
        List<String> ids = new Loader(backends.dynamo(), backends.table(), 4).load(products, log);
        double loadSeconds = seconds(t0);

        try (Sync sync = Sync.open(backends, log)) {
            long t1 = System.nanoTime();
            long copied = sync.backfill();
            sync.startCapture(Duration.ofSeconds(2));
            if (!sync.awaitCaughtUp(products, Duration.ofSeconds(90))) {
                throw new IllegalStateException("the capture did not catch up within 90 s");
            }
            double syncSeconds = seconds(t1);

            int updates = Math.max(1, products / 100);
            int deletes = Math.max(1, products / 400);
            long before = sync.metrics().records();
            change(backends, ids, updates, deletes);
            long t2 = System.nanoTime();
            // One stream record per update and per delete.
            if (!sync.awaitCaughtUp(before + updates + deletes, Duration.ofSeconds(30))) {
                throw new IllegalStateException("the capture did not catch up with the changes within 30 s");
            }
            long visibleMillis = Math.max(0, (sync.lastBatchNanos() - t2) / 1_000_000);
            if (log != null) {
                long[] w = sync.writes();
                log.printf("sync: %,d backfilled, %,d stream records, %,d writes acknowledged (%,d stale, ignored)%n",
                        copied, sync.metrics().records(), w[0], w[1]);
            }

            SearchIndex<Product> index = backends.searchIndex();
            index.refresh();
            Map<String, Long> millis = new LinkedHashMap<>();
            Map<String, Long> hits = new LinkedHashMap<>();
            SearchPage<Product> wireMou = null;
            for (String q : SEARCHES) {
                long s = System.nanoTime();
                SearchPage<Product> page = Searcher.search(index, q, 5);
                millis.put(q, Math.round(seconds(s) * 1000));
                hits.put(q, page.total());
                wireMou = wireMou == null ? page : wireMou;
                if (log != null) {
                    log.printf("%nsearch \"%s\"%n%s", q, Searcher.table(page, false));
                }
            }
            long indexCount = index.count(SearchQuery.builder().filter(ChangeEventIndexer.DELETED_FIELD, false).build());
            long tableCount = backends.tableCount();
            ReconcileReport report = Sync.reconcile(backends);
            return new Result(products, loadSeconds, syncSeconds, copied / Math.max(syncSeconds, 1e-3), updates, deletes,
                    visibleMillis, millis, hits, tableCount, indexCount, report, java.util.Objects.requireNonNull(wireMou));
        }
    }

    /** Raises the price of {@code updates} products (version + 1) and deletes {@code deletes} others. */
    private static void change(Backends backends, List<String> ids, int updates, int deletes) {
        DynamoDbTable<Product> table = DynamoDbEnhancedClient.builder().dynamoDbClient(backends.dynamo()).build()
                .table(backends.table(), Backends.SCHEMA);
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new Random(7));
        for (String id : shuffled.subList(0, updates)) {
            Product p = table.getItem(r -> r.key(Key.builder().partitionValue(id).build()).consistentRead(true));
            p.setPrice(Math.round(p.getPrice() * 110) / 100.0);
            table.updateItem(p);   // the version extension checks version == old and writes old + 1
        }
        for (String id : shuffled.subList(updates, updates + deletes)) {
            table.deleteItem(Key.builder().partitionValue(id).build());
        }
    }

    /** Renders the short summary printed at the end of {@code demo}. */
    static String summary(Result r, double totalSeconds) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("product-search demo: %,d products%n", r.products()));
        sb.append(String.format("  load     %6.1f s   BatchWriteItem, 4 threads, %,.0f items/s%n", r.loadSeconds(),
                r.products() / Math.max(r.loadSeconds(), 1e-3)));
        sb.append(String.format("  sync     %6.1f s   backfill + stream caught up, %,.0f docs/s%n", r.syncSeconds(),
                r.docsPerSecond()));
        sb.append(String.format("  changes  %6.1f s   %d price updates + %d deletes indexed after the last write%n",
                r.changesVisibleMillis() / 1000.0, r.updates(), r.deletes()));
        r.searchMillis().forEach((q, ms) -> sb.append(String.format("  search   %6d ms  \"%s\": %,d hits%n", ms, q,
                r.hits().get(q))));
        sb.append(String.format("  check    table %,d items, index %,d live documents, reconcile %s%n", r.tableCount(),
                r.indexCount(), r.reconcile().clean() ? "clean" : "NOT clean: " + r.reconcile()));
        List<String> problems = r.problems();
        sb.append(problems.isEmpty() ? String.format("OK in %.1f s%n", totalSeconds)
                : "FAILED: " + String.join("; ", problems) + "\n");
        return sb.toString();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
