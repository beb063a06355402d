package dev.tributary.dynamo.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeType;
import dev.tributary.core.ClientSettings;
import dev.tributary.dynamo.CaptureMetrics;
import dev.tributary.testkit.DynamoDbLocalExtension;
import dev.tributary.testkit.LocalDynamoDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
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

@ExtendWith(DynamoDbLocalExtension.class)
class KclChangeCaptureIT {
    private static final Duration WAIT = Duration.ofSeconds(240);

    private final ClientSettings settings;
    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final DynamoDbAsyncClient leases;
    private final List<String> tables = new ArrayList<>();

    KclChangeCaptureIT(LocalDynamoDb local) {
        this.settings = ClientSettings.local(local.endpoint()).toBuilder().apiCallTimeout(Duration.ofSeconds(10)).build();
        this.dynamo = settings.applyTo(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        this.streams = settings.applyTo(DynamoDbStreamsClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        // KCL needs an asynchronous DynamoDB client; Netty comes with KCL.
        this.leases = settings.applyTo(DynamoDbAsyncClient.builder()).build();
    }

    @AfterEach
    void cleanUp() {
        Set<String> existing = Set.copyOf(dynamo.listTables().tableNames());
        tables.stream().filter(existing::contains).forEach(t -> dynamo.deleteTable(b -> b.tableName(t)));
        dynamo.close();
        streams.close();
        leases.close();
    }

    private String sourceTable() {
        String name = "kcl-src-" + System.nanoTime();
        dynamo.createTable(b -> b.tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("userId")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("userId").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        tables.add(name);
        return name;
    }

    private void writeUsers(String table, int count) {
        for (int start = 0; start < count; start += 25) {
            List<WriteRequest> batch = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + 25); i++) {
                Map<String, AttributeValue> item = Map.of("userId", AttributeValue.fromS("u" + i),
                        "name", AttributeValue.fromS("name-" + i));
                batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
            }
            dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT.toMillis();
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as(what + " within " + WAIT).isTrue();
    }

    @Test
    void start_hundredItems_deliversAllAndCheckpointsInLeaseTable() throws Exception {
        String table = sourceTable();
        // Adapter 2.0.1 cannot parse DynamoDB Local's "ddblocal" region: see DdbLocalArnStreamsClient.
        String streamArn = DdbLocalArnStreamsClient.toAws(dynamo.describeTable(b -> b.tableName(table)).table()
                .latestStreamArn());
        String app = "kcl-app-" + System.nanoTime();
        tables.add(app);
        tables.add(app + "-CoordinatorState");
        tables.add(app + "-WorkerMetricStats");
        writeUsers(table, 100);
        Map<String, ChangeEvent<Map<String, AttributeValue>>> seen = new ConcurrentHashMap<>();

        try (KclChangeCapture<Map<String, AttributeValue>> capture = KclChangeCapture.raw()
                .applicationName(app)
                .streamArn(streamArn)
                .streamsClient(new DdbLocalArnStreamsClient(streams))
                .leaseClient(leases)
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
        assertThat(dynamo.listTables().tableNames()).contains(app);
        List<Map<String, AttributeValue>> leaseItems = dynamo.scan(b -> b.tableName(app).consistentRead(true)).items();
        assertThat(leaseItems).hasSize(1);
        Map<String, AttributeValue> lease = leaseItems.get(0);
        String lastSequenceNumber = seen.values().stream().map(ChangeEvent::sequenceNumber)
                .max((a, b) -> new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b))).orElseThrow();
        assertThat(lease.get("checkpoint").s()).isEqualTo(lastSequenceNumber);
        assertThat(streams).as("user's Streams client still usable after close")
                .satisfies(c -> c.listStreams(b -> b.tableName(table)));
    }
}
