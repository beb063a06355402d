package dev.tributary.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.core.ClientSettings;
import dev.tributary.dynamo.CaptureListener;
import dev.tributary.dynamo.ChangeCapture;
import dev.tributary.dynamo.DeadLetter;
import dev.tributary.dynamo.FailurePolicy;
import dev.tributary.testkit.DynamoDbLocalExtension;
import dev.tributary.testkit.LocalDynamoDb;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

@ExtendWith(DynamoDbLocalExtension.class)
class CaptureMetersIT {
    private final ClientSettings settings;
    private final DynamoDbClient dynamo;
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> tables = new CopyOnWriteArrayList<>();

    CaptureMetersIT(LocalDynamoDb local) {
        this.settings = ClientSettings.local(local.endpoint()).toBuilder().apiCallTimeout(Duration.ofSeconds(10)).build();
        this.dynamo = settings.applyTo(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterEach
    void cleanUp() {
        tables.forEach(t -> dynamo.deleteTable(b -> b.tableName(t)));
        dynamo.close();
    }

    private String table() {
        String name = "meters-" + System.nanoTime();
        dynamo.createTable(b -> b.tableName(name)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        tables.add(name);
        return name;
    }

    private void put(String table, String id) {
        dynamo.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS(id))));
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what + " within 30 s").isTrue();
    }

    private double count(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void capture_poisonRecord_countsRecordsRetriesAndDeadLetterAndCombinedListenerSeesBatches() throws Exception {
        String table = table();
        List<DeadLetter> dead = new CopyOnWriteArrayList<>();
        AtomicInteger ownBatches = new AtomicInteger();
        CaptureMeters meters = CaptureMeters.create(registry, "welcome");
        try (ChangeCapture<Map<String, AttributeValue>> capture = ChangeCapture.raw()
                .clientSettings(settings).tableName(table).consumerName("welcome")
                .polling(Duration.ofMillis(50), Duration.ofMillis(200))
                .handler("mailer", batch -> batch.forEach(e -> {
                    if (e.keys().get("id").toString().startsWith("poison")) {
                        throw new IllegalStateException("poison");
                    }
                }), FailurePolicy.builder().maxAttempts(2).backoff(Duration.ofMillis(10), Duration.ofMillis(50))
                        .deadLetter(dead::add).build())
                .listener(CaptureListener.both(meters, new CaptureListener() {
                    @Override
                    public void onBatch(String shardId, int records, Duration lag) {
                        ownBatches.incrementAndGet();
                    }
                }))
                .build()) {
            meters.bindTo(capture);
            capture.start();
            for (int i = 0; i < 4; i++) {
                put(table, "u" + i);
            }
            put(table, "poison-1");
            await("dead letter", () -> dead.size() == 1);
            await("records", () -> count("tributary.capture.records", "consumer", "welcome") >= 4);

            assertThat(count("tributary.capture.retries", "consumer", "welcome", "handler", "mailer")).isPositive();
            assertThat(count("tributary.capture.dead.letters", "consumer", "welcome", "handler", "mailer"))
                    .isEqualTo(1);
            assertThat(count("tributary.capture.batches", "consumer", "welcome")).isPositive();
            assertThat(ownBatches).hasValueGreaterThan(0);
            assertThat(registry.get("tributary.capture.batch.lag").tag("consumer", "welcome").timer().count())
                    .isEqualTo((long) count("tributary.capture.batches", "consumer", "welcome"));
            assertThat(registry.get("tributary.capture.shards.active").gauge().value()).isEqualTo(1);
            assertThat(registry.get("tributary.capture.shards.stopped").gauge().value()).isZero();
        }
    }

    @Test
    void capture_handlerAlwaysRefuses_stoppedShardAndGrowingLagShowInMeters() throws Exception {
        String table = table();
        CaptureMeters meters = CaptureMeters.create(registry, "stuck");
        try (ChangeCapture<Map<String, AttributeValue>> capture = ChangeCapture.raw()
                .clientSettings(settings).tableName(table).consumerName("stuck")
                .polling(Duration.ofMillis(50), Duration.ofMillis(200))
                .handler("broken", batch -> {
                    throw new IllegalStateException("down");
                }, FailurePolicy.builder().maxAttempts(2).backoff(Duration.ofMillis(10), Duration.ofMillis(50))
                        .stopShard().build())
                .listener(meters)
                .build()) {
            meters.bindTo(capture);
            capture.start();
            put(table, "u1");
            await("stopped shard gauge", () -> registry.get("tributary.capture.shards.stopped").gauge().value() == 1);
            await("lag above one second", () -> registry.get("tributary.capture.lag").timeGauge()
                    .value(TimeUnit.MILLISECONDS) > 1000);

            assertThat(count("tributary.capture.shards.ended", "consumer", "stuck", "outcome", "stopped")).isEqualTo(1);
            assertThat(count("tributary.capture.records", "consumer", "stuck")).isZero();
        }
    }
}
