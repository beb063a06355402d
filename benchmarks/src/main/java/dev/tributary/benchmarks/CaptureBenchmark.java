package dev.tributary.benchmarks;

import dev.tributary.core.ClientSettings;
import dev.tributary.dynamo.CaptureListener;
import dev.tributary.dynamo.ChangeCapture;
import dev.tributary.testkit.LocalDynamoDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Changes/s delivered from DynamoDB Local to a no-op handler: the embedded {@link ChangeCapture} against a
 * hand-written loop over the raw Streams API (DescribeStream, GetShardIterator TRIM_HORIZON, GetRecords
 * 1000 at a time), same pre-filled stream, alternating rounds. Then lag p50/p99 (write to delivery) under a
 * steady write load. Ratio = embedded / raw loop (medians).
 */
final class CaptureBenchmark {
    static final String NAME = "capture-embedded-vs-raw-loop";

    private CaptureBenchmark() {}

    static double run(String[] args) {
        int changes = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (LocalDynamoDb local = LocalDynamoDb.start()) {
            ClientSettings settings = ClientSettings.local(local.endpoint()).toBuilder()
                    .apiCallTimeout(Duration.ofSeconds(30)).build();
            try (DynamoDbClient dynamo = settings.applyTo(DynamoDbClient.builder())
                            .httpClient(UrlConnectionHttpClient.create()).build();
                    DynamoDbStreamsClient streams = settings.applyTo(DynamoDbStreamsClient.builder())
                            .httpClient(UrlConnectionHttpClient.create()).build()) {
                String arn = createTable(dynamo, "bench");
                long t0 = System.nanoTime();
                fill(dynamo, "bench", changes);
                System.out.printf("filled %,d changes in %.1f s%n", changes, (System.nanoTime() - t0) / 1e9);
                double[] raw = new double[rounds];
                double[] embedded = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    raw[r] = rawLoop(streams, arn, changes);
                    embedded[r] = embedded(dynamo, streams, arn, changes);
                    System.out.printf("round %d: raw loop %,.0f changes/s, embedded %,.0f changes/s%n", r + 1, raw[r], embedded[r]);
                }
                lag(dynamo, streams);
                System.out.printf("median: raw loop %,.0f, embedded %,.0f changes/s (%,d changes, %d rounds)%n",
                        Harness.median(raw), Harness.median(embedded), changes, rounds);
                return Harness.median(embedded) / Harness.median(raw);
            }
        }
    }

    static String createTable(DynamoDbClient dynamo, String name) {
        return dynamo.createTable(b -> b.tableName(name)
                        .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                                .attributeType(ScalarAttributeType.S).build())
                        .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
    }

    static void fill(DynamoDbClient dynamo, String table, int n) {
        // One BatchWriteItem (at most 25 puts) per task.
        Harness.parallel(4, (n + 24) / 25, task -> {
            int from = task * 25;
            List<WriteRequest> batch = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + 25); i++) {
                batch.add(WriteRequest.builder().putRequest(p -> p.item(Map.of(
                        "id", AttributeValue.fromS("k" + Integer.toString(batch.size() + from)),
                        "payload", AttributeValue.fromS("value-" + from)))).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(table, batch);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                pending = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        });
    }

    private static double rawLoop(DynamoDbStreamsClient streams, String arn, int expected) {
        long t0 = System.nanoTime();
        long count = RawStream.read(streams, arn, expected, page -> {});
        return count / ((System.nanoTime() - t0) / 1e9);
    }

    private static double embedded(DynamoDbClient dynamo, DynamoDbStreamsClient streams, String arn, int expected) {
        AtomicLong seen = new AtomicLong();
        long t0 = System.nanoTime();
        try (ChangeCapture<?> capture = ChangeCapture.raw().streamsClient(streams).dynamoDbClient(dynamo).streamArn(arn)
                .consumerName("bench-" + System.nanoTime())
                .handler("noop", batch -> seen.addAndGet(batch.size())).build()) {
            capture.start();
            while (seen.get() < expected) {
                Thread.onSpinWait();
                sleep(1);
            }
            return seen.get() / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static void lag(DynamoDbClient dynamo, DynamoDbStreamsClient streams) {
        String arn = createTable(dynamo, "lag");
        List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        try (ChangeCapture<?> capture = ChangeCapture.raw().streamsClient(streams).dynamoDbClient(dynamo).streamArn(arn)
                .startPosition(dev.tributary.dynamo.StartPosition.TRIM_HORIZON)
                .handler("lag", batch -> batch.forEach(e -> lags.add(System.currentTimeMillis()
                        - Long.parseLong(((Map<?, ?>) e.newImage().orElseThrow()).get("writtenAt").toString()
                                .replaceAll("[^0-9]", "")))))
                .listener(CaptureListener.NONE).build()) {
            capture.start();
            // 100 writes/s for 10 s, each carrying its own write time.
            for (int i = 0; i < 1000; i++) {
                long now = System.currentTimeMillis();
                int n = i;
                dynamo.putItem(b -> b.tableName("lag").item(Map.of("id", AttributeValue.fromS("l" + n),
                        "writtenAt", AttributeValue.fromN(Long.toString(now)))));
                sleep(Math.max(0, 10 - (System.currentTimeMillis() - now)));
            }
            sleep(2000);
        }
        List<Long> sorted = new ArrayList<>(lags);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            System.out.println("lag: no events delivered");
            return;
        }
        System.out.printf("lag under 100 writes/s: p50 %d ms, p99 %d ms (%d events, write to handler)%n",
                sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.99)), sorted.size());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
