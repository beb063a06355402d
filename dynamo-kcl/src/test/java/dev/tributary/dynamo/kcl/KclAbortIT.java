package dev.tributary.dynamo.kcl;

import static dev.tributary.dynamo.kcl.KclScaleOutIT.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryRejectedException;
import dev.tributary.testkit.DdbLocalArnStreamsClient;
import dev.tributary.testkit.DynamoDbLocalExtension;
import dev.tributary.testkit.LocalDynamoDb;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** {@link KclChangeCapture#abort()} on one worker over DynamoDB Local's single shard. */
@ExtendWith(DynamoDbLocalExtension.class)
class KclAbortIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration QUIET = Duration.ofSeconds(3);

    private final KclLocalTables kcl;

    KclAbortIT(LocalDynamoDb local) {
        this.kcl = new KclLocalTables(local);
    }

    @AfterEach
    void cleanUp() {
        kcl.close();
    }

    @Test
    void abort_batchInFlight_notCheckpointedLeaseKeptAndNoHandlerCallAfter() throws Exception {
        String table = kcl.sourceTable("kcl-abort-src", "id");
        String app = kcl.application("kcl-abort-app");
        String streamArn = kcl.awsStreamArn(table);
        Map<String, String> sequenceOf = new ConcurrentHashMap<>();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch slowBatchEntered = new CountDownLatch(1);
        KclChangeCapture<Map<String, AttributeValue>> capture = KclChangeCapture.raw()
                .applicationName(app)
                .streamArn(streamArn)
                .streamsClient(DdbLocalArnStreamsClient.wrap(kcl.streams))
                .leaseClient(kcl.leases)
                .workerIdentifier("worker-1")
                .timings(KclTimings.fast())
                .pollInterval(Duration.ofMillis(100))
                .handler("record", events -> {
                    calls.incrementAndGet();
                    events.forEach(e -> sequenceOf.put((String) e.keys().get("id"), e.sequenceNumber()));
                    if (sequenceOf.containsKey("slow")) {
                        slowBatchEntered.countDown();
                        sleep(Duration.ofMillis(1500));
                    }
                })
                .build();
        try {
            put(table, "first");
            capture.start();
            await(WAIT, () -> sequenceOf.get("first") != null && sequenceOf.get("first").equals(checkpoint(app)),
                    "first batch checkpointed");

            put(table, "slow");
            assertThat(slowBatchEntered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            capture.abort();
            int callsAtAbort = calls.get();
            put(table, "after-abort");
            // Nothing may happen after abort(): the handler must stay silent for the whole quiet period.
            Awaitility.await("no handler call after abort()").during(QUIET).atMost(QUIET.plusSeconds(5))
                    .pollInterval(Duration.ofMillis(100)).until(() -> calls.get() == callsAtAbort);

            Map<String, AttributeValue> lease = lease(app);
            assertThat(lease.get("checkpoint").s()).as("the in-flight batch is not checkpointed")
                    .isEqualTo(sequenceOf.get("first"));
            assertThat(lease.get("leaseOwner").s()).as("the lease is not released").isEqualTo("worker-1");
            assertThat(calls.get()).as("no handler call after abort() returned").isEqualTo(callsAtAbort);
            assertThat(sequenceOf).doesNotContainKey("after-abort");
            assertThatThrownBy(capture::start).isInstanceOfSatisfying(TributaryRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(TributaryRejectedException.Reason.CLOSED))
                    .hasMessageContaining("closed");
        } finally {
            capture.close();
        }
        assertThat(kcl.streams).as("user's Streams client still usable after abort")
                .satisfies(c -> c.listStreams(b -> b.tableName(table)));
        assertThat(kcl.leases.describeTable(b -> b.tableName(app)).join().table().tableName()).isEqualTo(app);
    }

    private void put(String table, String id) {
        kcl.dynamo.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS(id))));
    }

    /** Returns the single lease's checkpoint, or null while there is no lease table or lease yet. */
    private String checkpoint(String app) {
        try {
            List<Map<String, AttributeValue>> items = kcl.dynamo.scan(b -> b.tableName(app).consistentRead(true)).items();
            return items.size() == 1 && items.get(0).containsKey("checkpoint") ? items.get(0).get("checkpoint").s()
                    : null;
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    private Map<String, AttributeValue> lease(String app) {
        List<Map<String, AttributeValue>> items = kcl.dynamo.scan(b -> b.tableName(app).consistentRead(true)).items();
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
