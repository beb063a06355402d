package dev.tributary.dynamo.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeType;
import dev.tributary.dynamo.CaptureMetrics;
import dev.tributary.testkit.DdbLocalArnStreamsClient;
import dev.tributary.testkit.DynamoDbLocalExtension;
import dev.tributary.testkit.LocalDynamoDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

@ExtendWith(DynamoDbLocalExtension.class)
class KclChangeCaptureIT {
    private static final Duration WAIT = Duration.ofSeconds(240);

    private final KclLocalTables kcl;

    KclChangeCaptureIT(LocalDynamoDb local) {
        this.kcl = new KclLocalTables(local);
    }

    @AfterEach
    void cleanUp() {
        kcl.close();
    }


    private void writeUsers(String table, int count) {
        for (int start = 0; start < count; start += 25) {
            List<WriteRequest> batch = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + 25); i++) {
                Map<String, AttributeValue> item = Map.of("userId", AttributeValue.fromS("u" + i),
                        "name", AttributeValue.fromS("name-" + i));
                batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
            }
            kcl.dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
    }

    @Test
    void start_hundredItems_deliversAllAndCheckpointsInLeaseTable() throws Exception {
        String table = kcl.sourceTable("kcl-src", "userId");
        // Adapter 2.0.1 cannot parse DynamoDB Local's "ddblocal" region: see DdbLocalArnStreamsClient.
        String streamArn = kcl.awsStreamArn(table);
        String app = kcl.application("kcl-app");
        writeUsers(table, 100);
        Map<String, ChangeEvent<Map<String, AttributeValue>>> seen = new ConcurrentHashMap<>();

        try (KclChangeCapture<Map<String, AttributeValue>> capture = KclChangeCapture.raw()
                .applicationName(app)
                .streamArn(streamArn)
                .streamsClient(DdbLocalArnStreamsClient.wrap(kcl.streams))
                .leaseClient(kcl.leases)
                .workerIdentifier("worker-1")
                .pollInterval(Duration.ofMillis(200))
                // Shorter than KCL's 10 s so lease assignment (every 2 x failover time) comes sooner.
                .leaseManagement(c -> c.failoverTimeMillis(4000))
                .handler("collect", events -> events.forEach(e -> seen.put((String) e.keys().get("userId"), e)))
                .build()) {
            capture.start();
            await(() -> seen.size() == 100, "100 events");
            await(() -> capture.metrics().records() >= 100, "100 records counted");
            CaptureMetrics m = capture.metrics();
            assertThat(m.batches()).isPositive();
            assertThat(m.activeShards()).isEqualTo(1);
        }

        assertThat(seen.values()).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo(ChangeType.INSERT);
            assertThat(e.sourceId()).isEqualTo(streamArn);
            assertThat(e.newImage()).isPresent();
        });
        assertThat(kcl.dynamo.listTables().tableNames()).contains(app);
        List<Map<String, AttributeValue>> leaseItems = kcl.dynamo.scan(b -> b.tableName(app).consistentRead(true)).items();
        assertThat(leaseItems).hasSize(1);
        Map<String, AttributeValue> lease = leaseItems.get(0);
        String lastSequenceNumber = seen.values().stream().map(ChangeEvent::sequenceNumber)
                .max((a, b) -> new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b))).orElseThrow();
        assertThat(lease.get("checkpoint").s()).isEqualTo(lastSequenceNumber);
        assertThat(kcl.streams).as("user's Streams client still usable after close")
                .satisfies(c -> c.listStreams(b -> b.tableName(table)));
    }
}
