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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB -> OpenSearch sync drain rate on a pre-filled stream, against the same job done with the raw clients,
 * measured in the same run. Contenders: the raw GetRecords drain of the stream alone (no sink), the bulk-only
 * limit of the node alone (the same documents pre-serialised, 4 parallel connections), the hand-pipelined raw
 * clients (a GetRecords reader thread feeding batches to Jackson and 4 parallel {@code _bulk} requests of 1,000,
 * no checkpoints or versions: what a user would write without Tributary), and the sync. A warm-up round first,
 * then alternating rounds; ratio = median(sync) / median(hand-pipelined raw clients). Both servers and the client
 * share the machine's cores, so the two single-stage rates are not reachable together; the CPU seconds printed
 * for each contender show it, and the ratio against the smaller single-stage rate is printed too.
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
                double[] pipes = new double[rounds];
                for (int r = -1; r < rounds; r++) {
                    List<Record> all = new ArrayList<>();
                    double c0 = cpuSeconds();
                    double rawDrain = rawDrain(streams, arn, changes, all);
                    double c1 = cpuSeconds();
                    double bulkLimit = bulkLimit(node, os, all);
                    double c2 = cpuSeconds();
                    SyncVsLimitProbe probe = new SyncVsLimitProbe(node.url());
                    probe.start();
                    double pipe = rawPipeline(node, os, streams, arn, changes);
                    System.out.println("hand-pipelined raw clients: " + probe.stop());
                    double c3 = cpuSeconds();
                    probe.start();
                    double sync = sync(os, dynamo, streams, arn, changes);
                    System.out.println("sync: " + probe.stop());
                    double c4 = cpuSeconds();
                    System.out.printf("cpu seconds (this JVM + DynamoDB Local + OpenSearch): raw drain %.2f, bulk-only %.2f,"
                            + " hand-pipelined raw clients %.2f, sync %.2f%n", c1 - c0, c2 - c1, c3 - c2, c4 - c3);
                    System.out.printf("%s: raw GetRecords drain %,.0f changes/s; bulk-only limit %,.0f docs/s;"
                            + " hand-pipelined raw clients %,.0f changes/s; sync drain %,.0f changes/s%n",
                            r < 0 ? "warm-up" : "round " + (r + 1), rawDrain, bulkLimit, pipe, sync);
                    if (r >= 0) {
                        raws[r] = rawDrain;
                        bulks[r] = bulkLimit;
                        syncs[r] = sync;
                        pipes[r] = pipe;
                    }
                }
                System.out.printf("median: raw %,.0f, bulk-only %,.0f, hand-pipelined raw clients %,.0f, sync %,.0f"
                        + " (%d rounds of %,d changes)%n", Harness.median(raws), Harness.median(bulks),
                        Harness.median(pipes), Harness.median(syncs), rounds, changes);
                System.out.printf("sync vs the smaller single-stage rate (not reachable together on shared cores): %.3f%n",
                        Harness.median(syncs) / Math.min(Harness.median(raws), Harness.median(bulks)));
                return Harness.median(syncs) / Harness.median(pipes);
            }
        }
    }

    private static double rawDrain(DynamoDbStreamsClient streams, String arn, int expected, List<Record> sink) {
        long t0 = System.nanoTime();
        RawStream.read(streams, arn, expected, sink::addAll);
        return sink.size() / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * The same job with the raw clients, pipelined by hand: a reader thread drains the stream into a queue of
     * batches (up to 4 ahead), this thread turns each into one {@code _bulk} body and sends up to 4 at once.
     */
    private static double rawPipeline(LocalOpenSearch node, OpenSearchConnection os, DynamoDbStreamsClient streams,
            String arn, int expected) {
        String index = "pipe-" + System.nanoTime();
        SearchIndex<Map> idx = SearchIndex.create(os, IndexSpec.builder(index).shards(1, 0).build(), Map.class);
        idx.ensureExists();
        BlockingQueue<List<Record>> queue = new ArrayBlockingQueue<>(4);
        List<Record> end = List.of();
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        Semaphore slots = new Semaphore(4);
        AtomicInteger failures = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong firstAck = new java.util.concurrent.atomic.AtomicLong();
        long t0 = System.nanoTime();
        int sent = 0;
        try {
            Future<?> reading = reader.submit(() -> {
                RawStream.read(streams, arn, expected, queue::put);
                queue.put(end);
                return null;
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (List<Record> batch = queue.take(); batch != end; batch = queue.take()) {
                out.reset();
                for (Record r : batch) {
                    appendBulkItem(out, json, index, r);
                }
                slots.acquire();
                http.sendAsync(HttpRequest.newBuilder(node.url().resolve("/_bulk?filter_path=errors"))
                                .header("Content-Type", "application/x-ndjson")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build(),
                        HttpResponse.BodyHandlers.ofString())
                        .whenComplete((resp, e) -> {
                            if (e != null || resp.statusCode() >= 300 || resp.body().contains("true")) {
                                failures.incrementAndGet();
                            }
                            firstAck.compareAndSet(0, System.nanoTime());
                            slots.release();
                        });
                sent += batch.size();
            }
            reading.get();
            slots.acquire(4);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            reader.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double rate = sent / seconds;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " bulk requests of the hand-pipelined contender failed");
        }
        // As the sync contender does, after the clock: make the documents searchable and count them, so both
        // contenders' CPU seconds include the same refresh work (without it this one dropped its index unflushed).
        idx.refresh();
        System.out.printf("hand-pipelined raw clients: first bulk acknowledged after %.2f s; %,d changes in %.2f s;"
                + " %,d documents searchable%n", (firstAck.get() - t0) / 1e9, sent, seconds, idx.count());
        idx.drop();
        return rate;
    }

    /** Appends one record's bulk index action and document, the same for both raw contenders. */
    private static void appendBulkItem(ByteArrayOutputStream out, ObjectMapper json, String index, Record r)
            throws java.io.IOException {
        Map<String, AttributeValue> img = r.dynamodb().newImage();
        String id = img.get("id").s();
        out.writeBytes(("{\"index\":{\"_index\":\"" + index + "\",\"_id\":\"" + id + "\"}}\n").getBytes());
        out.writeBytes(json.writeValueAsBytes(Map.of("id", id, "payload", img.get("payload").s(),
                ChangeEventIndexer.DELETED_FIELD, false)));
        out.write('\n');
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
                appendBulkItem(out, json, index, r);
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
        long t0 = System.nanoTime();
        RawBulk.post(node.url(), bodies, 4);
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
        ChangeEventIndexer.Builder<Map<String, AttributeValue>> indexer = ChangeEventIndexer
                .<Map<String, AttributeValue>>builder(os, index)
                .documents(img -> Map.of("id", img.get("id").s(), "payload", img.get("payload").s()));
        if (Integer.getInteger("sync.actions") != null) {
            // Tuning experiments only; the benchmark measures the defaults.
            indexer.bulkRequests(Integer.getInteger("sync.actions"), Integer.getInteger("sync.requests", 4));
        }
        try (ChangeEventIndexer<Map<String, AttributeValue>> sync = indexer.build();
                ChangeCapture<Map<String, AttributeValue>> capture = ChangeCapture.raw().streamsClient(streams)
                        .dynamoDbClient(dynamo).streamArn(arn).consumerName("sync-" + System.nanoTime())
                        .handler("search", sync).build()) {
            capture.start();
            long first = 0;
            while (capture.metrics().records() < expected) {
                if (first == 0 && capture.metrics().records() > 0) {
                    first = System.nanoTime();
                }
                sleep(5);
            }
            if (first != 0) {
                System.out.printf("sync: first batch acknowledged after %.2f s%n", (first - t0) / 1e9);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            idx.refresh();
            System.out.printf("sync: %,d changes acknowledged by OpenSearch in %.2f s; %,d documents searchable%n",
                    capture.metrics().records(), seconds, idx.count());
            idx.drop();
            return capture.metrics().records() / seconds;
        }
    }

    /** CPU time used so far by this JVM and the servers it started (all on the same cores). */
    static double cpuSeconds() {
        ProcessHandle self = ProcessHandle.current();
        double total = self.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
        for (ProcessHandle p : (Iterable<ProcessHandle>) self.descendants()::iterator) {
            total += p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
        }
        return total;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
