package dev.tributary.dynamo.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.core.ChangeEvent;
import dev.tributary.testkit.DdbLocalArnStreamsClient;
import dev.tributary.testkit.DynamoDbLocalExtension;
import dev.tributary.testkit.LocalDynamoDb;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Measures how long a KCL capture on a new lease table takes from {@code start()} to its first record on
 * DynamoDB Local, and logs it ({@code KCL first record after ...}). Asserts that the record arrives, never how fast:
 * shared machines are too noisy for timed assertions. The slow baselines run only with
 * {@code -Dtributary.kcl.baselines=true} (each takes one to two minutes).
 */
@ExtendWith(DynamoDbLocalExtension.class)
class KclFirstRecordIT {
    private static final Logger LOG = LoggerFactory.getLogger(KclFirstRecordIT.class);
    private static final Duration WAIT = Duration.ofSeconds(240);

    private final KclLocalTables kcl;

    KclFirstRecordIT(LocalDynamoDb local) {
        this.kcl = new KclLocalTables(local);
    }

    @AfterEach
    void cleanUp() {
        kcl.close();
    }

    @Test
    void start_fastTimings_deliversFirstRecord() throws Exception {
        measure("KclTimings.fast()", b -> b.timings(KclTimings.fast()));
    }

    @Test
    void start_fastTimingsShortPoll_deliversFirstRecord() throws Exception {
        measure("KclTimings.fast(), pollInterval 200 ms", b -> b.timings(KclTimings.fast())
                .pollInterval(Duration.ofMillis(200)));
    }

    @Test
    @EnabledIfSystemProperty(named = "tributary.kcl.baselines", matches = "true")
    void start_defaultTimings_deliversFirstRecord() throws Exception {
        measure("KclTimings.defaults()", b -> b.timings(KclTimings.defaults()));
    }

    @Test
    @EnabledIfSystemProperty(named = "tributary.kcl.baselines", matches = "true")
    void start_timingsBeforeKclTimings_deliversFirstRecord() throws Exception {
        // What KclChangeCaptureIT configured before KclTimings existed: KCL's values, the adapter's 60 s shard-sync
        // pause, failover 4 s and a 200 ms poll.
        measure("before KclTimings (KCL values, failover 4 s, pollInterval 200 ms)", b -> b
                .timings(KclTimings.defaults().toBuilder().shardSyncInterval(Duration.ofSeconds(60)).build())
                .leaseManagement(c -> c.failoverTimeMillis(4000))
                .pollInterval(Duration.ofMillis(200)));
    }

    private interface Settings {
        KclChangeCapture.Builder<Map<String, AttributeValue>> apply(KclChangeCapture.Builder<Map<String, AttributeValue>> b);
    }

    private void measure(String what, Settings settings) throws InterruptedException {
        String table = kcl.sourceTable("kcl-first-src", "userId");
        String streamArn = kcl.awsStreamArn(table);
        String app = kcl.application("kcl-first");
        kcl.dynamo.putItem(b -> b.tableName(table).item(Map.of("userId", AttributeValue.fromS("u1"),
                "name", AttributeValue.fromS("first"))));
        AtomicLong firstNanos = new AtomicLong();
        AtomicReference<ChangeEvent<Map<String, AttributeValue>>> first = new AtomicReference<>();

        try (KclChangeCapture<Map<String, AttributeValue>> capture = settings.apply(KclChangeCapture.raw()
                        .applicationName(app)
                        .streamArn(streamArn)
                        .streamsClient(DdbLocalArnStreamsClient.wrap(kcl.streams))
                        .leaseClient(kcl.leases)
                        .workerIdentifier("worker-1")
                        .handler("first", events -> {
                            if (first.compareAndSet(null, events.get(0))) {
                                firstNanos.set(System.nanoTime());
                            }
                        }))
                .build()) {
            long started = System.nanoTime();
            capture.start();
            Awaitility.await("first record").atMost(WAIT).pollInterval(Duration.ofMillis(20))
                    .until(() -> first.get() != null);
            LOG.info("KCL first record after {} ms [timings={}]", (firstNanos.get() - started) / 1_000_000, what);
        }
        assertThat(first.get().keys()).containsEntry("userId", "u1");
        assertThat(first.get().newImage()).hasValueSatisfying(
                image -> assertThat(image.get("name").s()).isEqualTo("first"));
    }

}
