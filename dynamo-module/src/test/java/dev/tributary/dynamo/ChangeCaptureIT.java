package dev.tributary.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeHandler;
import dev.tributary.core.ChangeType;
import dev.tributary.core.ClientSettings;
import dev.tributary.core.TributaryRejectedException;
import dev.tributary.testkit.DynamoDbLocalExtension;
import dev.tributary.testkit.LocalDynamoDb;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
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

@ExtendWith(DynamoDbLocalExtension.class)
class ChangeCaptureIT {
    private final ClientSettings settings;
    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final List<String> tables = new ArrayList<>();

    ChangeCaptureIT(LocalDynamoDb local) {
        this.settings = ClientSettings.local(local.endpoint()).toBuilder().apiCallTimeout(Duration.ofSeconds(10)).build();
        this.dynamo = settings.applyTo(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        this.streams = settings.applyTo(DynamoDbStreamsClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterEach
    void cleanUp() {
        tables.forEach(t -> dynamo.deleteTable(b -> b.tableName(t)));
        dynamo.close();
        streams.close();
    }

    private String table(String prefix, boolean composite) {
        String name = prefix + "-" + System.nanoTime();
        List<AttributeDefinition> defs = new ArrayList<>(List.of(
                AttributeDefinition.builder().attributeName("userId").attributeType(ScalarAttributeType.S).build()));
        List<KeySchemaElement> keys = new ArrayList<>(List.of(
                KeySchemaElement.builder().attributeName("userId").keyType(KeyType.HASH).build()));
        if (composite) {
            defs.add(AttributeDefinition.builder().attributeName("ts").attributeType(ScalarAttributeType.N).build());
            keys.add(KeySchemaElement.builder().attributeName("ts").keyType(KeyType.RANGE).build());
        }
        dynamo.createTable(b -> b.tableName(name).attributeDefinitions(defs).keySchema(keys)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        tables.add(name);
        return name;
    }

    private static void await(BooleanSupplier condition) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(condition::getAsBoolean);
    }

    private void put(String table, String id, String email, int visits) {
        dynamo.putItem(b -> b.tableName(table).item(Map.of("userId", AttributeValue.fromS(id),
                "email", AttributeValue.fromS(email), "visits", AttributeValue.fromN(Integer.toString(visits)))));
    }

    @Test
    void build_missingTable_throwsCaptureExceptionTableNotFound() {
        assertThatThrownBy(() -> ChangeCapture.raw().dynamoDbClient(dynamo).streamsClient(streams)
                .tableName("absent-" + System.nanoTime()).handler("h", events -> {}).build())
                .isInstanceOfSatisfying(CaptureException.class, e -> {
                    assertThat(e.reason()).isEqualTo(CaptureFailure.TABLE_NOT_FOUND);
                    assertThat(e.errorCode()).hasValue("ResourceNotFoundException");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void build_tableWithoutStream_throwsCaptureExceptionStreamNotEnabled() {
        String name = "nostream-" + System.nanoTime();
        dynamo.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("userId")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("userId").keyType(KeyType.HASH).build()));
        tables.add(name);

        assertThatThrownBy(() -> ChangeCapture.raw().dynamoDbClient(dynamo).streamsClient(streams).tableName(name)
                .handler("h", events -> {}).build())
                .isInstanceOfSatisfying(CaptureException.class,
                        e -> assertThat(e.reason()).isEqualTo(CaptureFailure.STREAM_NOT_ENABLED));
    }

    @Test
    void start_afterClose_throwsRejectedClosed() {
        String name = table("closed", false);
        ChangeCapture<Map<String, AttributeValue>> capture = ChangeCapture.raw().dynamoDbClient(dynamo)
                .streamsClient(streams).tableName(name).handler("h", events -> {}).build();
        capture.close();
        capture.close();

        assertThatThrownBy(capture::start).isInstanceOfSatisfying(TributaryRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(TributaryRejectedException.Reason.CLOSED));
    }

    @Test
    void capture_insertModifyRemove_deliversTypedImagesInOrder() throws Exception {
        String table = table("users", false);
        List<ChangeEvent<User>> seen = new CopyOnWriteArrayList<>();
        try (ChangeCapture<User> capture = ChangeCapture.builder(TableSchema.fromBean(User.class))
                .dynamoDbClient(dynamo).streamsClient(streams).tableName(table)
                .polling(Duration.ofMillis(50), Duration.ofMillis(200))
                .handler("collect", seen::addAll).build()) {
            capture.start();
            put(table, "u1", "one@example.test", 1);
            put(table, "u1", "one@example.test", 2);
            dynamo.deleteItem(b -> b.tableName(table).key(Map.of("userId", AttributeValue.fromS("u1"))));
            await(() -> seen.size() == 3);

            assertThat(seen).extracting(ChangeEvent::type)
                    .containsExactly(ChangeType.INSERT, ChangeType.MODIFY, ChangeType.REMOVE);
            assertThat(seen.get(0).newImage()).get().extracting(User::getVisits).isEqualTo(1);
            assertThat(seen.get(1).oldImage()).get().extracting(User::getVisits).isEqualTo(1);
            assertThat(seen.get(1).newImage()).get().extracting(User::getVisits).isEqualTo(2);
            assertThat(seen.get(2).newImage()).isEmpty();
            assertThat(seen.get(2).oldImage()).get().extracting(User::getEmail).isEqualTo("one@example.test");
            assertThat(seen.get(0).keys()).containsEntry("userId", "u1");
            assertThat(capture.metrics().records()).isEqualTo(3);
        }
    }

    @Test
    void capture_compositeKeys_areHashThenRangeWithNumbersAsBigDecimal() throws Exception {
        String table = table("events", true);
        List<ChangeEvent<Map<String, AttributeValue>>> seen = new CopyOnWriteArrayList<>();
        try (ChangeCapture<Map<String, AttributeValue>> capture = ChangeCapture.raw().streamsClient(streams)
                .dynamoDbClient(dynamo).tableName(table).polling(Duration.ofMillis(50), Duration.ofMillis(200))
                .handler("collect", seen::addAll).build()) {
            capture.start();
            dynamo.putItem(b -> b.tableName(table).item(Map.of("userId", AttributeValue.fromS("u9"),
                    "ts", AttributeValue.fromN("1700000000"))));
            await(() -> seen.size() == 1);
        }

        assertThat(seen.get(0).keys()).containsOnlyKeys("userId", "ts")
                .containsEntry("ts", new BigDecimal("1700000000"));
    }

    @Test
    void capture_killedMidStreamAndRestarted_deliversEveryChangeAtLeastOnce() throws Exception {
        String table = table("crash", false);
        for (int start = 0; start < 600; start += 25) {
            int from = start;
            List<WriteRequest> batch = new ArrayList<>();
            for (int i = from; i < from + 25; i++) {
                batch.add(WriteRequest.builder().putRequest(p -> p.item(Map.of(
                        "userId", AttributeValue.fromS("u" + (from + batch.size())),
                        "email", AttributeValue.fromS("x@example.test"), "visits", AttributeValue.fromN("1")))).build());
            }
            dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
        }
        CheckpointStore checkpoints = DynamoDbCheckpointStore.create(dynamo, "checkpoints-" + System.nanoTime());
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        List<Integer> firstRun = Collections.synchronizedList(new ArrayList<>());
        ChangeHandler<User> slow = batch -> {
            batch.forEach(e -> delivered.add((String) e.keys().get("userId")));
            firstRun.add(batch.size());
        };
        ChangeCapture<User> first = ChangeCapture.builder(TableSchema.fromBean(User.class)).streamsClient(streams)
                .dynamoDbClient(dynamo).tableName(table).consumerName("mailer").checkpointStore(checkpoints)
                .batchSize(50).polling(Duration.ofMillis(20), Duration.ofMillis(100))
                .handler("collect", slow).build();
        first.start();
        await(() -> delivered.size() >= 200);
        first.abort();
        int beforeCrash = delivered.size();

        Set<String> afterRestart = ConcurrentHashMap.newKeySet();
        try (ChangeCapture<User> second = ChangeCapture.builder(TableSchema.fromBean(User.class)).streamsClient(streams)
                .dynamoDbClient(dynamo).tableName(table).consumerName("mailer").checkpointStore(checkpoints)
                .batchSize(50).polling(Duration.ofMillis(20), Duration.ofMillis(100))
                .handler("collect", batch -> batch.forEach(e -> {
                    afterRestart.add((String) e.keys().get("userId"));
                    delivered.add((String) e.keys().get("userId"));
                })).build()) {
            second.start();
            await(() -> delivered.size() == 600);
        }

        assertThat(beforeCrash).isLessThan(600);
        assertThat(delivered).hasSize(600);
        // The restart resumed from the checkpoint rather than from the beginning.
        assertThat(afterRestart.size()).isLessThan(600);
    }

    @Test
    void capture_poisonRecord_isDeadLetteredAndTheRestDelivered() throws Exception {
        String table = table("poison", false);
        for (int i = 0; i < 40; i++) {
            put(table, "u" + i, "p@example.test", i);
        }
        List<String> delivered = new CopyOnWriteArrayList<>();
        List<DeadLetter> dead = new CopyOnWriteArrayList<>();
        ChangeHandler<User> handler = batch -> {
            for (ChangeEvent<User> e : batch) {
                if ("u17".equals(e.keys().get("userId"))) {
                    throw new IllegalStateException("cannot process this one");
                }
            }
            batch.forEach(e -> delivered.add((String) e.keys().get("userId")));
        };
        DynamoDbDeadLetterTable dlqTable = DynamoDbDeadLetterTable.create(dynamo, "dlq-" + System.nanoTime());
        try (ChangeCapture<User> capture = ChangeCapture.builder(TableSchema.fromBean(User.class))
                .streamsClient(streams).dynamoDbClient(dynamo).tableName(table)
                .handler("mailer", handler, FailurePolicy.builder().maxAttempts(2)
                        .backoff(Duration.ofMillis(1), Duration.ofMillis(5))
                        .deadLetter(d -> {
                            dead.add(d);
                            dlqTable.accept(d);
                        }).build())
                .build()) {
            capture.start();
            await(() -> delivered.size() == 39);
            assertThat(capture.metrics().deadLettered()).isEqualTo(1);
            assertThat(capture.metrics().retries()).isPositive();
        }

        assertThat(delivered).doesNotContain("u17").hasSize(39);
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.event().keys()).containsEntry("userId", "u17");
            assertThat(d.handler()).isEqualTo("mailer");
            assertThat(d.errorType()).isEqualTo(IllegalStateException.class.getName());
        });
        assertThat(delivered.indexOf("u16")).isLessThan(delivered.indexOf("u18"));
    }

    @Test
    void capture_stopShardPolicy_neverSkipsThePoisonRecord() throws Exception {
        String table = table("stop", false);
        put(table, "a", "a@example.test", 1);
        put(table, "b", "b@example.test", 1);
        List<String> delivered = new CopyOnWriteArrayList<>();
        List<String> ended = new CopyOnWriteArrayList<>();
        try (ChangeCapture<User> capture = ChangeCapture.builder(TableSchema.fromBean(User.class))
                .streamsClient(streams).dynamoDbClient(dynamo).tableName(table)
                .listener(new CaptureListener() {
                    @Override
                    public void onShardEnded(String shardId, boolean stopped) {
                        ended.add(shardId + ":" + stopped);
                    }
                })
                .handler("strict", batch -> {
                    throw new IllegalStateException("always");
                }, FailurePolicy.builder().maxAttempts(2).backoff(Duration.ZERO, Duration.ZERO).stopShard().build())
                .build()) {
            capture.start();
            await(() -> !ended.isEmpty());
        }

        assertThat(delivered).isEmpty();
        assertThat(ended).singleElement().asString().endsWith(":true");
    }
}
