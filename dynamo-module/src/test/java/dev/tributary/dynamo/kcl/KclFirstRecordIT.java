package dev.tributary.dynamo.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ClientSettings;
import dev.tributary.testkit.DynamoDbLocalExtension;
import dev.tributary.testkit.LocalDynamoDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

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

    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final DynamoDbAsyncClient leases;
    private final List<String> tables = new ArrayList<>();

    KclFirstRecordIT(LocalDynamoDb local) {
        ClientSettings settings = ClientSettings.local(local.endpoint()).toBuilder()
                .apiCallTimeout(Duration.ofSeconds(10)).build();
        this.dynamo = settings.applyTo(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        this.streams = settings.applyTo(DynamoDbStreamsClient.builder()).httpClient(UrlConnectionHttpClient.create())
                .build();
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
        String table = sourceTable();
        String streamArn = DdbLocalArnStreamsClient.toAws(dynamo.describeTable(b -> b.tableName(table)).table()
                .latestStreamArn());
        String app = "kcl-first-" + System.nanoTime();
        tables.add(app);
        tables.add(app + "-CoordinatorState");
        tables.add(app + "-WorkerMetricStats");
        dynamo.putItem(b -> b.tableName(table).item(Map.of("userId", AttributeValue.fromS("u1"),
                "name", AttributeValue.fromS("first"))));
        AtomicLong firstNanos = new AtomicLong();
        AtomicReference<ChangeEvent<Map<String, AttributeValue>>> first = new AtomicReference<>();

        try (KclChangeCapture<Map<String, AttributeValue>> capture = settings.apply(KclChangeCapture.raw()
                        .applicationName(app)
                        .streamArn(streamArn)
                        .streamsClient(new DdbLocalArnStreamsClient(streams))
                        .leaseClient(leases)
                        .workerIdentifier("worker-1")
                        .handler("first", events -> {
                            if (first.compareAndSet(null, events.get(0))) {
                                firstNanos.set(System.nanoTime());
                            }
                        }))
                .build()) {
            long started = System.nanoTime();
            capture.start();
            long deadline = started + WAIT.toNanos();
            while (first.get() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(first.get()).as("first record within " + WAIT).isNotNull();
            LOG.info("KCL first record after {} ms [timings={}]", (firstNanos.get() - started) / 1_000_000, what);
        }
        assertThat(first.get().keys()).containsEntry("userId", "u1");
        assertThat(first.get().newImage()).hasValueSatisfying(
                image -> assertThat(image.get("name").s()).isEqualTo("first"));
    }

    private String sourceTable() {
        String name = "kcl-first-src-" + System.nanoTime();
        dynamo.createTable(b -> b.tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("userId")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("userId").keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        tables.add(name);
        return name;
    }
}
