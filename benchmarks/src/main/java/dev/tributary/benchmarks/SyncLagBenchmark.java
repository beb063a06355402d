package dev.tributary.benchmarks;

import dev.tributary.core.ClientSettings;
import dev.tributary.dynamo.ChangeCapture;
import dev.tributary.opensearch.IndexSpec;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.SearchIndex;
import dev.tributary.opensearch.sync.ChangeEventIndexer;
import dev.tributary.testkit.LocalDynamoDb;
import dev.tributary.testkit.LocalOpenSearch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Write-to-searchable lag of the DynamoDB -> OpenSearch sync with default settings: a steady 200 writes/s
 * (PutItem from 4 threads, each write a new item carrying its write time) for 60 s while the capture runs;
 * a searcher polls the index every 25 ms and takes, for each document the first time it is found, now minus its
 * write time. Prints p50 and p99 last; the ratio is goal / p99 (goal 1500 ms, >= 1 meets it).
 */
final class SyncLagBenchmark {
    static final String NAME = "sync-lag";
    static final double GOAL_P99_MS = 1500;
    /** Lines BenchmarkMain prints after the ratio. */
    static final List<String> TRAILER = new ArrayList<>();

    private SyncLagBenchmark() {}

    static double run(String[] args) {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        try (LocalDynamoDb local = LocalDynamoDb.start(); LocalOpenSearch node = LocalOpenSearch.start()) {
            ClientSettings settings = ClientSettings.local(local.endpoint()).toBuilder()
                    .apiCallTimeout(Duration.ofSeconds(30)).build();
            try (DynamoDbClient dynamo = settings.applyTo(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
                    DynamoDbStreamsClient streams = settings.applyTo(DynamoDbStreamsClient.builder())
                            .httpClient(UrlConnectionHttpClient.create()).build();
                    OpenSearchConnection os = OpenSearchConnection.builder().url(node.url()).build()) {
                String arn = CaptureBenchmark.createTable(dynamo, "lag");
                String index = "lag-" + System.nanoTime();
                SearchIndex<Map> idx = SearchIndex.create(os, IndexSpec.builder(index).shards(1, 0).keyword("id")
                        .number("writtenAt").build(), Map.class);
                idx.ensureExists();
                try (ChangeEventIndexer<Map<String, AttributeValue>> sync = ChangeEventIndexer
                                .<Map<String, AttributeValue>>builder(os, index)
                                .documents(img -> Map.of("id", img.get("id").s(),
                                        "writtenAt", Long.parseLong(img.get("writtenAt").n())))
                                .build();
                        ChangeCapture<Map<String, AttributeValue>> capture = ChangeCapture.raw().streamsClient(streams)
                                .dynamoDbClient(dynamo).streamArn(arn).consumerName("lag").handler("search", sync).build()) {
                    capture.start();
                    warmUp(dynamo, os, index);
                    long[] lags = measure(dynamo, os, index, rate, seconds);
                    Arrays.sort(lags);
                    long p50 = lags[lags.length / 2];
                    long p99 = lags[(int) Math.min(lags.length - 1, Math.ceil(lags.length * 0.99) - 1)];
                    System.out.printf("%,d writes at %d/s for %d s; lag ms: p50 %d, p90 %d, p99 %d, max %d%n",
                            lags.length, rate, seconds, p50, lags[(int) (lags.length * 0.9)], p99, lags[lags.length - 1]);
                    TRAILER.add("p50 sync-lag ms: " + p50);
                    TRAILER.add("p99 sync-lag ms: " + p99);
                    return GOAL_P99_MS / Math.max(1, p99);
                }
            }
        }
    }

    private static void warmUp(DynamoDbClient dynamo, OpenSearchConnection os, String index) {
        // The first writes pay for JIT and connection set-up on every path; they are not measured.
        long[] ignored = measure(dynamo, os, index, 100, 5);
        System.out.printf("warm-up: %,d writes%n", ignored.length);
    }

    private static long[] measure(DynamoDbClient dynamo, OpenSearchConnection os, String index, int rate, int seconds) {
        int total = rate * seconds;
        String run = Long.toString(System.nanoTime(), 36);
        long[] lags = new long[total];
        Arrays.fill(lags, -1);
        AtomicInteger next = new AtomicInteger();
        ScheduledExecutorService writers = Executors.newScheduledThreadPool(4);
        long periodMicros = 1_000_000L / rate;
        long start = System.currentTimeMillis();
        writers.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= total) {
                return;
            }
            dynamo.putItem(b -> b.tableName("lag").item(Map.of("id", AttributeValue.fromS(run + "-" + i),
                    "writtenAt", AttributeValue.fromN(Long.toString(System.currentTimeMillis())))));
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        Set<String> seen = new HashSet<>();
        long deadline = start + seconds * 1000L + 30_000;
        int found = 0;
        while (found < total && System.currentTimeMillis() < deadline) {
            SearchResponse<Map> r = search(os, index, run, start);
            long now = System.currentTimeMillis();
            for (Hit<Map> h : r.hits().hits()) {
                if (h.source() != null && String.valueOf(h.source().get("id")).startsWith(run + "-") && seen.add(h.id())) {
                    int i = Integer.parseInt(h.id().substring(run.length() + 1));
                    lags[i] = now - ((Number) h.source().get("writtenAt")).longValue();
                    found++;
                }
            }
            sleep(25);
        }
        writers.shutdownNow();
        if (found < total) {
            throw new IllegalStateException(found + " of " + total + " writes became searchable within 30 s after the run");
        }
        return lags;
    }

    private static SearchResponse<Map> search(OpenSearchConnection os, String index, String run, long start) {
        try {
            return os.client().search(s -> s.index(index).size(2000)
                    .query(q -> q.bool(b -> b.filter(f -> f.prefix(p -> p.field("id").value(run + "-")))
                            .filter(f -> f.range(g -> g.field("writtenAt")
                                    .gte(org.opensearch.client.json.JsonData.of(start))))))
                    .sort(o -> o.field(f -> f.field("writtenAt").order(SortOrder.Desc))), Map.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
