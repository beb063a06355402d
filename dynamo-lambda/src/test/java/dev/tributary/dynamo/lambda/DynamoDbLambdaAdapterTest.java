package dev.tributary.dynamo.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeHandler;
import dev.tributary.core.ChangeType;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.dynamo.StreamRecordMapper;
import dev.tributary.dynamo.UserProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbLambdaAdapterTest {
    private static final String FIXTURE = "/dev/tributary/dynamo/lambda/dynamodb-event.json";
    private static final String ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/users/stream/2024-05-01T12:00:00.000";
    private static final TableSchema<UserProfile> SCHEMA = TableSchema.fromBean(UserProfile.class);

    /** Records each batch it gets; throws for batches holding a sequence number in {@code failOn}. */
    private static final class Recorder<T> implements ChangeHandler<T> {
        final List<List<String>> batches = new ArrayList<>();
        final List<ChangeEvent<T>> events = new ArrayList<>();
        private final List<String> failOn;

        Recorder(String... failOn) {
            this.failOn = List.of(failOn);
        }

        @Override
        public void handle(List<ChangeEvent<T>> batch) {
            List<String> seqs = batch.stream().map(ChangeEvent::sequenceNumber).toList();
            batches.add(seqs);
            if (seqs.stream().anyMatch(failOn::contains)) {
                throw new IllegalStateException("downstream unavailable");
            }
            events.addAll(batch);
        }
    }

    private static List<String> failures(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void handle_documentedEventShape_deliversTypedEventsAsOneChunk() {
        Recorder<UserProfile> handler = new Recorder<>();

        StreamsEventResponse response = DynamoDbLambdaAdapter.create(SCHEMA, handler).handle(LambdaEventJson.read(FIXTURE));

        assertThat(failures(response)).isEmpty();
        assertThat(handler.batches).containsExactly(List.of("111", "222", "333"));
        ChangeEvent<UserProfile> insert = handler.events.get(0);
        assertThat(insert.type()).isEqualTo(ChangeType.INSERT);
        assertThat(insert.keys()).containsExactly(Map.entry("userId", "u-1"));
        assertThat(insert.newImage()).map(UserProfile::getName).hasValue("Ada");
        assertThat(insert.sourceId()).isEqualTo(ARN);
        assertThat(insert.partition()).isEqualTo(DynamoDbLambdaAdapter.LAMBDA_PARTITION);
        assertThat(insert.eventId()).isEqualTo("c4ca4238a0b923820dcc509a6f75849b");
        assertThat(insert.approximateCreationTime()).isEqualTo(Instant.ofEpochSecond(1714564800L));
        ChangeEvent<UserProfile> modify = handler.events.get(1);
        assertThat(modify.type()).isEqualTo(ChangeType.MODIFY);
        assertThat(modify.oldImage()).map(UserProfile::getAge).hasValue(36);
        assertThat(modify.newImage()).map(UserProfile::getAge).hasValue(37);
        ChangeEvent<UserProfile> remove = handler.events.get(2);
        assertThat(remove.type()).isEqualTo(ChangeType.REMOVE);
        assertThat(remove.newImage()).isEmpty();
        assertThat(remove.oldImage()).map(UserProfile::getName).hasValue("Grace");
        assertThat(StreamRecordMapper.isTtlExpiry(remove)).isTrue();
    }

    @Test
    void handle_rawAdapter_convertsEveryAttributeType() {
        Recorder<Map<String, AttributeValue>> handler = new Recorder<>();

        DynamoDbLambdaAdapter.rawBuilder(handler).build().handle(LambdaEventJson.read(FIXTURE));

        Map<String, AttributeValue> image = handler.events.get(0).newImage().orElseThrow();
        assertThat(image.get("name")).isEqualTo(AttributeValue.fromS("Ada"));
        assertThat(image.get("age")).isEqualTo(AttributeValue.fromN("36"));
        assertThat(image.get("avatar").b().asByteArray()).containsExactly(1, 2, 3);
        assertThat(image.get("tags")).isEqualTo(AttributeValue.fromSs(List.of("admin", "beta")));
        assertThat(image.get("scores")).isEqualTo(AttributeValue.fromNs(List.of("1", "2.5")));
        assertThat(image.get("keys")).isEqualTo(AttributeValue.fromBs(List.of(
                SdkBytes.fromByteArray(new byte[] {1}), SdkBytes.fromByteArray(new byte[] {2}))));
        assertThat(image.get("address")).isEqualTo(AttributeValue.fromM(Map.of(
                "city", AttributeValue.fromS("London"), "zip", AttributeValue.fromNul(true))));
        assertThat(image.get("history")).isEqualTo(AttributeValue.fromL(List.of(
                AttributeValue.fromN("1"), AttributeValue.fromS("two"), AttributeValue.fromBool(false))));
        assertThat(image.get("deleted")).isEqualTo(AttributeValue.fromNul(true));
        assertThat(image.get("active")).isEqualTo(AttributeValue.fromBool(true));
    }

    @Test
    void handle_wholeEventChunkFails_reportsFirstRecord() {
        Recorder<UserProfile> handler = new Recorder<>("333");

        StreamsEventResponse response = DynamoDbLambdaAdapter.create(SCHEMA, handler).handle(LambdaEventJson.read(FIXTURE));

        assertThat(failures(response)).containsExactly("111");
    }

    @Test
    void handle_chunkOfOneFails_reportsThatRecordAndStops() {
        Recorder<UserProfile> handler = new Recorder<>("222");
        DynamoDbLambdaAdapter<UserProfile> adapter = DynamoDbLambdaAdapter.builder(SCHEMA, handler).chunkSize(1).build();

        StreamsEventResponse response = adapter.handle(LambdaEventJson.read(FIXTURE));

        assertThat(failures(response)).containsExactly("222");
        assertThat(handler.batches).containsExactly(List.of("111"), List.of("222"));
    }

    @Test
    void handle_secondChunkOfTwoFails_reportsFirstRecordOfThatChunk() {
        Recorder<UserProfile> handler = new Recorder<>("333");
        DynamoDbLambdaAdapter<UserProfile> adapter = DynamoDbLambdaAdapter.builder(SCHEMA, handler).chunkSize(2).build();

        StreamsEventResponse response = adapter.handle(LambdaEventJson.read(FIXTURE));

        assertThat(failures(response)).containsExactly("333");
        assertThat(handler.batches).containsExactly(List.of("111", "222"), List.of("333"));
    }

    @Test
    void handle_unconvertibleRecord_deliversRecordsBeforeItThenReportsIt() {
        DynamodbEvent event = LambdaEventJson.read(FIXTURE);
        event.getRecords().get(1).setEventName("UPSERT");
        Recorder<UserProfile> handler = new Recorder<>();

        StreamsEventResponse response = DynamoDbLambdaAdapter.create(SCHEMA, handler).handle(event);

        assertThat(failures(response)).containsExactly("222");
        assertThat(handler.batches).containsExactly(List.of("111"));
    }

    @Test
    void handle_attributeWithoutType_reportsThatRecord() {
        DynamodbEvent event = LambdaEventJson.read(FIXTURE);
        event.getRecords().get(2).getDynamodb().getOldImage()
                .put("broken", new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue());
        Recorder<UserProfile> handler = new Recorder<>();

        StreamsEventResponse response = DynamoDbLambdaAdapter.create(SCHEMA, handler).handle(event);

        assertThat(failures(response)).containsExactly("333");
        assertThat(handler.batches).containsExactly(List.of("111", "222"));
    }

    @Test
    void handle_failedRecordWithoutSequenceNumber_rethrowsSoLambdaRetriesTheBatch() {
        DynamodbEvent event = LambdaEventJson.read(FIXTURE);
        event.getRecords().get(0).getDynamodb().setSequenceNumber(null);
        Recorder<UserProfile> handler = new Recorder<>();

        assertThatThrownBy(() -> DynamoDbLambdaAdapter.create(SCHEMA, handler).handle(event))
                .isInstanceOfSatisfying(TributaryValidationException.class,
                        v -> assertThat(v.field()).isEqualTo("record.dynamodb.sequenceNumber"));
        assertThat(handler.batches).isEmpty();
    }

    @Test
    void handle_recordsFromTwoStreams_startsNewChunkAtTheSwitch() {
        DynamodbEvent event = LambdaEventJson.read(FIXTURE);
        event.getRecords().get(2).setEventSourceARN(ARN.replace("users", "archive"));
        Recorder<UserProfile> handler = new Recorder<>();

        DynamoDbLambdaAdapter.create(SCHEMA, handler).handle(event);

        assertThat(handler.batches).containsExactly(List.of("111", "222"), List.of("333"));
        assertThat(handler.events.get(2).sourceId()).contains("table/archive/");
    }

    @Test
    void handle_nullOrEmptyEvent_reportsNoFailuresAndCallsNothing() {
        Recorder<UserProfile> handler = new Recorder<>();
        DynamoDbLambdaAdapter<UserProfile> adapter = DynamoDbLambdaAdapter.create(SCHEMA, handler);

        assertThat(failures(adapter.handle(null))).isEmpty();
        assertThat(failures(adapter.handle(new DynamodbEvent()))).isEmpty();
        assertThat(handler.batches).isEmpty();
    }

    @Test
    void handle_customPartition_isUsedForEveryEvent() {
        Recorder<UserProfile> handler = new Recorder<>();

        DynamoDbLambdaAdapter.builder(SCHEMA, handler).partition("users-fn").build().handle(LambdaEventJson.read(FIXTURE));

        assertThat(handler.events).extracting(ChangeEvent::partition).containsOnly("users-fn");
    }

    @Test
    void build_chunkSizeZero_throwsValidation() {
        assertThatThrownBy(() -> DynamoDbLambdaAdapter.builder(SCHEMA, new Recorder<UserProfile>()).chunkSize(0).build())
                .isInstanceOfSatisfying(TributaryValidationException.class,
                        v -> assertThat(v.field()).isEqualTo("chunkSize"));
    }
}
