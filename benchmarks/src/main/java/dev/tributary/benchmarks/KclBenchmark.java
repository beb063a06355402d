package dev.tributary.benchmarks;

import dev.tributary.core.ClientSettings;
import dev.tributary.dynamo.ChangeCapture;
import dev.tributary.dynamo.kcl.KclChangeCapture;
import dev.tributary.testkit.DdbLocalArnStreamsClient;
import dev.tributary.testkit.LocalDynamoDb;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Changes/s drained from one pre-filled DynamoDB Local stream to a no-op handler: embedded {@link ChangeCapture}
 * vs {@link KclChangeCapture} (KCL 3 through the streams adapter). KCL needs about two minutes on DynamoDB
 * Local before its first lease is assigned, so its rate is timed from the first delivered change (steady
 * state); its time to first change is printed too. Ratio = embedded / KCL.
 */
final class KclBenchmark {
    static final String NAME = "capture-embedded-vs-kcl";

    private KclBenchmark() {}

    static double run(String[] args) {
        int changes = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        try (LocalDynamoDb local = LocalDynamoDb.start()) {
            ClientSettings settings = ClientSettings.local(local.endpoint()).toBuilder().apiCallTimeout(Duration.ofSeconds(30)).build();
            try (DynamoDbClient dynamo = settings.applyTo(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
                    DynamoDbAsyncClient leases = settings.applyTo(DynamoDbAsyncClient.builder()).build();
                    DynamoDbStreamsClient streams = settings.applyTo(DynamoDbStreamsClient.builder())
                            .httpClient(UrlConnectionHttpClient.create()).build()) {
                String arn = CaptureBenchmark.createTable(dynamo, "kclbench");
                CaptureBenchmark.fill(dynamo, "kclbench", changes);

                AtomicLong embeddedSeen = new AtomicLong();
                long t0 = System.nanoTime();
                try (ChangeCapture<?> capture = ChangeCapture.raw().streamsClient(streams).dynamoDbClient(dynamo)
                        .streamArn(arn).handler("noop", b -> embeddedSeen.addAndGet(b.size())).build()) {
                    capture.start();
                    waitFor(embeddedSeen, changes);
                }
                double embedded = changes / ((System.nanoTime() - t0) / 1e9);

                AtomicLong kclSeen = new AtomicLong();
                AtomicLong firstNanos = new AtomicLong();
                long k0 = System.nanoTime();
                try (KclChangeCapture<?> kcl = KclChangeCapture.raw().applicationName("kclbench-" + System.nanoTime())
                        .streamArn(DdbLocalArnStreamsClient.toAws(arn))
                        .streamsClient(DdbLocalArnStreamsClient.wrap(streams)).leaseClient(leases)
                        .workerIdentifier("bench").maxRecords(1000).pollInterval(Duration.ofMillis(100))
                        .leaseManagement(c -> c.failoverTimeMillis(4000))
                        .handler("noop", b -> {
                            firstNanos.compareAndSet(0, System.nanoTime());
                            kclSeen.addAndGet(b.size());
                        }).build()) {
                    kcl.start();
                    waitFor(kclSeen, changes);
                }
                long end = System.nanoTime();
                double kclRate = changes / ((end - firstNanos.get()) / 1e9);
                System.out.printf("embedded: %,.0f changes/s (start to last change)%n", embedded);
                System.out.printf("KCL: %,.0f changes/s from first change; first change after %.1f s%n", kclRate,
                        (firstNanos.get() - k0) / 1e9);
                return embedded / kclRate;
            }
        }
    }

    private static void waitFor(AtomicLong seen, int target) {
        long deadline = System.currentTimeMillis() + 600_000;
        while (seen.get() < target && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (seen.get() < target) {
            throw new IllegalStateException("only " + seen.get() + " of " + target + " changes arrived in 10 minutes");
        }
    }
}
