package dev.tributary.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.core.ClientSettings;
import dev.tributary.dynamo.ChangeCapture;
import dev.tributary.opensearch.IndexSpec;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.SearchIndex;
import dev.tributary.opensearch.sync.ChangeEventIndexer;
import dev.tributary.testkit.LocalDynamoDb;
import dev.tributary.testkit.LocalOpenSearch;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB -> OpenSearch sync drain rate on a pre-filled stream, against its two limits measured in the same
 * run: the raw GetRecords drain of the same stream (no sink) and the bulk-only limit of the same node (the
 * same documents pre-serialised, 4 parallel connections). A warm-up round first, then 5 alternating rounds
 * (raw, bulk, sync each round); ratio = median(sync) / min(median(raw), median(bulk)).
 */
final class SyncBenchmark {
    static final String NAME = "sync-vs-limit";

    private SyncBenchmark() {}

    static double run(String[] args) {
        int changes = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        try (LocalDynamoDb local = LocalDynamoDb.start(); LocalOpenSearch node = LocalOpenSearch.start()) {
            ClientSettings settings = ClientSettings.local(local.endpoint()).toBuilder().apiCallTimeout(Duration.ofSeconds(30)).build();
            try (DynamoDbClient dynamo = settings.applyTo(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
                    DynamoDbStreamsClient streams = settings.applyTo(DynamoDbStreamsClient.builder())
                            .httpClient(UrlConnectionHttpClient.create()).build();
                    OpenSearchConnection os = OpenSearchConnection.builder().url(node.url()).compression(false).build()) {
                String arn = CaptureBenchmark.createTable(dynamo, "sync");
                long t0 = System.nanoTime();
                CaptureBenchmark.fill(dynamo, "sync", changes);
                System.out.printf("filled %,d changes in %.1f s%n", changes, (System.nanoTime() - t0) / 1e9);

                int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
                double[] raws = new double[rounds];
                double[] bulks = new double[rounds];
                double[] syncs = new double[rounds];
                for (int r = -1; r < rounds; r++) {
                    List<Record> all = new ArrayList<>();
                    double rawDrain = rawDrain(streams, arn, changes, all);
                    double bulkLimit = bulkLimit(node, os, all);
                    double sync = sync(os, dynamo, streams, arn, changes);
                    System.out.printf("%s: raw GetRecords drain %,.0f changes/s; bulk-only limit %,.0f docs/s;"
                            + " sync drain %,.0f changes/s%n", r < 0 ? "warm-up" : "round " + (r + 1), rawDrain,
                            bulkLimit, sync);
                    if (r >= 0) {
                        raws[r] = rawDrain;
                        bulks[r] = bulkLimit;
                        syncs[r] = sync;
                    }
                }
                System.out.printf("median: raw %,.0f, bulk-only %,.0f, sync %,.0f (%d rounds of %,d changes)%n",
                        Harness.median(raws), Harness.median(bulks), Harness.median(syncs), rounds, changes);
                return Harness.median(syncs) / Math.min(Harness.median(raws), Harness.median(bulks));
            }
        }
    }

    private static double rawDrain(DynamoDbStreamsClient streams, String arn, int expected, List<Record> sink) {
        long t0 = System.nanoTime();
        for (Shard shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
            String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (it != null) {
                String current = it;
                GetRecordsResponse r = streams.getRecords(b -> b.shardIterator(current).limit(1000));
                sink.addAll(r.records());
                if (r.records().isEmpty() && sink.size() >= expected) {
                    break;
                }
                it = r.nextShardIterator();
            }
        }
        return sink.size() / ((System.nanoTime() - t0) / 1e9);
    }

    private static double bulkLimit(LocalOpenSearch node, OpenSearchConnection os, List<Record> records) {
        String index = "limit-" + System.nanoTime();
        SearchIndex<Map> idx = SearchIndex.create(os, IndexSpec.builder(index).shards(1, 0).build(), Map.class);
        idx.ensureExists();
        ObjectMapper json = new ObjectMapper();
        List<byte[]> bodies = new ArrayList<>();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int n = 0;
            for (Record r : records) {
                Map<String, AttributeValue> img = r.dynamodb().newImage();
                String id = img.get("id").s();
                out.writeBytes(("{\"index\":{\"_index\":\"" + index + "\",\"_id\":\"" + id + "\"}}\n").getBytes());
                out.writeBytes(json.writeValueAsBytes(Map.of("id", id, "payload", img.get("payload").s(),
                        ChangeEventIndexer.DELETED_FIELD, false)));
                out.write('\n');
                if (++n % 1000 == 0) {
                    bodies.add(out.toByteArray());
                    out.reset();
                }
            }
            if (out.size() > 0) {
                bodies.add(out.toByteArray());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < bodies.size()) {
                        http.send(HttpRequest.newBuilder(node.url().resolve("/_bulk?filter_path=errors"))
                                .header("Content-Type", "application/x-ndjson")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build(),
                                HttpResponse.BodyHandlers.discarding());
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
        double rate = records.size() / ((System.nanoTime() - t0) / 1e9);
        idx.drop();
        return rate;
    }

    private static double sync(OpenSearchConnection os, DynamoDbClient dynamo, DynamoDbStreamsClient streams, String arn,
            int expected) {
        String index = "sync-" + System.nanoTime();
        SearchIndex<Map> idx = SearchIndex.create(os, IndexSpec.builder(index).shards(1, 0).build(), Map.class);
        idx.ensureExists();
        long t0 = System.nanoTime();
        try (ChangeEventIndexer<Map<String, AttributeValue>> sync = ChangeEventIndexer
                        .<Map<String, AttributeValue>>builder(os, index, null)
                        .documents(img -> Map.of("id", img.get("id").s(), "payload", img.get("payload").s()))
                        .build();
                ChangeCapture<Map<String, AttributeValue>> capture = ChangeCapture.raw().streamsClient(streams)
                        .dynamoDbClient(dynamo).streamArn(arn).consumerName("sync-" + System.nanoTime())
                        .handler("search", sync).build()) {
            capture.start();
            while (capture.metrics().records() < expected) {
                sleep(5);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            idx.refresh();
            System.out.printf("sync: %,d changes acknowledged by OpenSearch in %.2f s; %,d documents searchable%n",
                    capture.metrics().records(), seconds, idx.count());
            idx.drop();
            return capture.metrics().records() / seconds;
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
