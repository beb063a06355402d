package dev.tributary.dynamo;

import static dev.tributary.dynamo.TestRecords.CREATED;
import static dev.tributary.dynamo.TestRecords.SHARD;
import static dev.tributary.dynamo.TestRecords.STREAM_ARN;
import static dev.tributary.dynamo.TestRecords.record;
import static dev.tributary.dynamo.TestRecords.user;
import static dev.tributary.dynamo.TestRecords.userKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeType;
import dev.tributary.core.TributaryClientException;
import dev.tributary.core.TributaryValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

class StreamRecordMapperTest {
    private final StreamRecordMapper<UserProfile> users = StreamRecordMapper.of(TableSchema.fromBean(UserProfile.class));

    @Test
    void toEvent_insertWithBeanSchema_mapsTypedNewImageAndPosition() {
        Record r = record("INSERT", "000000000000000000001", userKey("u-1"), null, user("u-1", "Ada", 36));

        ChangeEvent<UserProfile> e = users.toEvent(r, STREAM_ARN, SHARD);

        assertThat(e.type()).isEqualTo(ChangeType.INSERT);
        assertThat(e.keys()).containsExactly(Map.entry("userId", "u-1"));
        assertThat(e.newImage()).hasValueSatisfying(u -> {
            assertThat(u.getName()).isEqualTo("Ada");
            assertThat(u.getAge()).isEqualTo(36);
        });
        assertThat(e.oldImage()).isEmpty();
        assertThat(e.sourceId()).isEqualTo(STREAM_ARN);
        assertThat(e.partition()).isEqualTo(SHARD);
        assertThat(e.sequenceNumber()).isEqualTo("000000000000000000001");
        assertThat(e.approximateCreationTime()).isEqualTo(CREATED);
        assertThat(e.eventId()).isEqualTo("evt-000000000000000000001");
        assertThat(e.metadata()).isEmpty();
    }

    @Test
    void toEvent_modify_mapsOldAndNewImages() {
        Record r = record("MODIFY", "2", userKey("u-1"), user("u-1", "Ada", 36), user("u-1", "Ada L.", 37));

        ChangeEvent<UserProfile> e = users.toEvent(r, STREAM_ARN, SHARD);

        assertThat(e.type()).isEqualTo(ChangeType.MODIFY);
        assertThat(e.oldImage()).map(UserProfile::getName).hasValue("Ada");
        assertThat(e.newImage()).map(UserProfile::getAge).hasValue(37);
    }

    @Test
    void toEvent_remove_hasOldImageAndNoNewImage() {
        Record r = record("REMOVE", "3", userKey("u-1"), user("u-1", "Ada", 36), null);

        ChangeEvent<UserProfile> e = users.toEvent(r, STREAM_ARN, SHARD);

        assertThat(e.type()).isEqualTo(ChangeType.REMOVE);
        assertThat(e.oldImage()).map(UserProfile::getUserId).hasValue("u-1");
        assertThat(e.newImage()).isEmpty();
    }

    @Test
    void toEvent_compositeKeyListedRangeFirst_ordersHashKeyFirstWithNumberAsBigDecimal() {
        Map<String, AttributeValue> keys = new LinkedHashMap<>();
        keys.put("orderNo", AttributeValue.fromN("1001"));
        keys.put("customerId", AttributeValue.fromS("c-7"));
        Map<String, AttributeValue> image = new LinkedHashMap<>(keys);
        image.put("total", AttributeValue.fromN("12.50"));
        Record r = record("INSERT", "4", keys, null, image);

        ChangeEvent<CustomerOrder> e = StreamRecordMapper.of(TableSchema.fromBean(CustomerOrder.class)).toEvent(r, STREAM_ARN, SHARD);

        assertThat(e.keys().keySet()).containsExactly("customerId", "orderNo");
        assertThat(e.keys().get("orderNo")).isEqualTo(new BigDecimal("1001"));
        assertThat(e.newImage()).map(CustomerOrder::getTotal).hasValue(new BigDecimal("12.50"));
    }

    @Test
    void toEvent_staticSchemaWithBinaryHashKey_givesByteArrayKey() {
        TableSchema<Blob> schema = StaticTableSchema.builder(Blob.class)
                .newItemSupplier(Blob::new)
                .addAttribute(SdkBytes.class, a -> a.name("id").getter(b -> b.id).setter((b, v) -> b.id = v)
                        .tags(StaticAttributeTags.primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name("label").getter(b -> b.label).setter((b, v) -> b.label = v))
                .build();
        Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2})));
        Map<String, AttributeValue> image = Map.of("id", key.get("id"), "label", AttributeValue.fromS("x"));

        ChangeEvent<Blob> e = StreamRecordMapper.of(schema).toEvent(record("INSERT", "5", key, null, image), STREAM_ARN, SHARD);

        assertThat((byte[]) e.keys().get("id")).containsExactly(1, 2);
        assertThat(e.newImage()).map(b -> b.label).hasValue("x");
    }

    @Test
    void toEvent_ttlDeletion_carriesUserIdentityMetadata() {
        Record r = record("REMOVE", "6", userKey("u-1"), user("u-1", "Ada", 36), null).toBuilder()
                .userIdentity(i -> i.principalId("dynamodb.amazonaws.com").type("Service"))
                .build();

        ChangeEvent<UserProfile> e = users.toEvent(r, STREAM_ARN, SHARD);

        assertThat(e.metadata())
                .containsEntry(StreamRecordMapper.PRINCIPAL_ID, "dynamodb.amazonaws.com")
                .containsEntry(StreamRecordMapper.IDENTITY_TYPE, "Service");
        assertThat(StreamRecordMapper.isTtlExpiry(e)).isTrue();
    }

    @Test
    void isTtlExpiry_userDeletion_isFalse() {
        ChangeEvent<UserProfile> e = users.toEvent(record("REMOVE", "7", userKey("u-1"), null, null), STREAM_ARN, SHARD);

        assertThat(StreamRecordMapper.isTtlExpiry(e)).isFalse();
    }

    @Test
    void toEvent_insertFromKeysOnlyStream_throwsValidationNamingNewImage() {
        Record r = record("INSERT", "8", userKey("u-1"), null, null);

        assertThatThrownBy(() -> users.toEvent(r, STREAM_ARN, SHARD))
                .isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("NEW_AND_OLD_IMAGES")
                .extracting(t -> ((TributaryValidationException) t).field())
                .isEqualTo("record.dynamodb.newImage");
    }

    @Test
    void toEvent_unknownEventName_throwsValidation() {
        Record r = record("UPSERT", "9", userKey("u-1"), null, user("u-1", "Ada", 36));

        assertThatThrownBy(() -> users.toEvent(r, STREAM_ARN, SHARD))
                .isInstanceOfSatisfying(TributaryValidationException.class,
                        v -> assertThat(v.field()).isEqualTo("record.eventName"));
    }

    @Test
    void toEvent_missingSequenceNumber_throwsValidation() {
        Record base = record("INSERT", "10", userKey("u-1"), null, user("u-1", "Ada", 36));
        Record r = base.toBuilder().dynamodb(base.dynamodb().toBuilder().sequenceNumber(null).build()).build();

        assertThatThrownBy(() -> users.toEvent(r, STREAM_ARN, SHARD))
                .isInstanceOfSatisfying(TributaryValidationException.class,
                        v -> assertThat(v.field()).isEqualTo("record.dynamodb.sequenceNumber"));
    }

    @Test
    void toEvent_missingCreationTimeWithoutNeighbour_refusesInsteadOfUsingTheClock() {
        Record base = record("INSERT", "11", userKey("u-1"), null, user("u-1", "Ada", 36));
        Record r = base.toBuilder()
                .dynamodb(base.dynamodb().toBuilder().approximateCreationDateTime(null).build())
                .build();

        assertThatThrownBy(() -> users.toEvent(r, STREAM_ARN, SHARD))
                .isInstanceOfSatisfying(TributaryValidationException.class,
                        v -> assertThat(v.field()).isEqualTo("record.dynamodb.approximateCreationDateTime"));
    }

    @Test
    void toEvents_missingCreationTime_takesTheNeighboursTimeNeverTheClock() {
        Instant earlier = Instant.parse("2020-01-01T00:00:07Z");
        Record first = record("INSERT", "10", userKey("u-1"), null, user("u-1", "Ada", 36));
        first = first.toBuilder().dynamodb(first.dynamodb().toBuilder().approximateCreationDateTime(earlier).build()).build();
        Record base = record("MODIFY", "11", userKey("u-1"), null, user("u-1", "Ada", 37));
        Record second = base.toBuilder()
                .dynamodb(base.dynamodb().toBuilder().approximateCreationDateTime(null).build())
                .build();

        List<ChangeEvent<UserProfile>> e = users.toEvents(List.of(first, second), STREAM_ARN, SHARD);

        assertThat(e.get(1).approximateCreationTime()).isEqualTo(earlier);
        assertThat(e.get(1).metadata()).containsEntry(StreamRecordMapper.CREATION_TIME_ESTIMATED, "true");
        assertThat(e.get(0).metadata()).doesNotContainKey(StreamRecordMapper.CREATION_TIME_ESTIMATED);
    }

    @Test
    void toEvent_imageNotMatchingSchema_throwsClientExceptionWithoutValues() {
        Map<String, AttributeValue> bad = Map.of("userId", AttributeValue.fromS("u-1"),
                "age", AttributeValue.fromS("secret-not-a-number"));
        Record r = record("INSERT", "12", userKey("u-1"), null, bad);

        assertThatThrownBy(() -> users.toEvent(r, STREAM_ARN, SHARD))
                .isInstanceOf(TributaryClientException.class)
                .hasMessageContaining("eventId=evt-12")
                .hasMessageNotContaining("secret-not-a-number");
    }

    @Test
    void raw_images_areUnmodifiableAttributeMapsInRecordKeyOrder() {
        Map<String, AttributeValue> keys = new LinkedHashMap<>();
        keys.put("sk", AttributeValue.fromS("b"));
        keys.put("pk", AttributeValue.fromS("a"));
        Record r = record("INSERT", "13", keys, null, Map.of("pk", AttributeValue.fromS("a"), "sk", AttributeValue.fromS("b")));

        ChangeEvent<Map<String, AttributeValue>> plain = StreamRecordMapper.raw().toEvent(r, STREAM_ARN, SHARD);
        ChangeEvent<Map<String, AttributeValue>> ordered = StreamRecordMapper.raw("pk", "sk").toEvent(r, STREAM_ARN, SHARD);

        assertThat(plain.keys().keySet()).containsExactly("sk", "pk");
        assertThat(ordered.keys().keySet()).containsExactly("pk", "sk");
        assertThat(plain.newImage().orElseThrow()).containsEntry("pk", AttributeValue.fromS("a"));
        assertThatThrownBy(() -> plain.newImage().orElseThrow().put("x", AttributeValue.fromS("y")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void of_schemaWithoutDeclaredKey_keepsRecordKeyOrder() {
        TableSchema<Blob> noKeys = StaticTableSchema.builder(Blob.class)
                .newItemSupplier(Blob::new)
                .addAttribute(String.class, a -> a.name("label").getter(b -> b.label).setter((b, v) -> b.label = v))
                .build();
        Map<String, AttributeValue> keys = new LinkedHashMap<>();
        keys.put("b", AttributeValue.fromS("2"));
        keys.put("a", AttributeValue.fromS("1"));

        ChangeEvent<Blob> e = StreamRecordMapper.of(noKeys)
                .toEvent(record("INSERT", "14", keys, null, Map.of("label", AttributeValue.fromS("x"))), STREAM_ARN, SHARD);

        assertThat(e.keys().keySet()).containsExactly("b", "a");
    }

    @Test
    void toEvents_records_keepsOrder() {
        List<Record> records = List.of(
                record("INSERT", "15", userKey("u-1"), null, user("u-1", "Ada", 36)),
                record("REMOVE", "16", userKey("u-1"), user("u-1", "Ada", 36), null));

        assertThat(users.toEvents(records, STREAM_ARN, SHARD))
                .extracting(ChangeEvent::sequenceNumber)
                .containsExactly("15", "16");
    }

    @Test
    void toEvent_missingStreamRecord_throwsValidation() {
        Record r = Record.builder().eventID("e").eventName("INSERT").build();

        assertThatThrownBy(() -> users.toEvent(r, STREAM_ARN, SHARD))
                .isInstanceOfSatisfying(TributaryValidationException.class,
                        v -> assertThat(v.field()).isEqualTo("record.dynamodb"));
    }

    @Test
    void toEvent_nonScalarKey_throwsValidationNamingKey() {
        Record r = record("REMOVE", "17", Map.of("userId", AttributeValue.fromBool(true)), null, null);

        assertThatThrownBy(() -> users.toEvent(r, STREAM_ARN, SHARD))
                .isInstanceOfSatisfying(TributaryValidationException.class,
                        v -> assertThat(v.field()).isEqualTo("record.dynamodb.keys.userId"));
    }

    @Test
    void toEvent_emptyKeys_throwsValidation() {
        Record r = Record.builder().eventID("e").eventName("REMOVE")
                .dynamodb(StreamRecord.builder().sequenceNumber("1").approximateCreationDateTime(CREATED).build())
                .build();

        assertThatThrownBy(() -> users.toEvent(r, STREAM_ARN, SHARD))
                .isInstanceOfSatisfying(TributaryValidationException.class,
                        v -> assertThat(v.field()).isEqualTo("record.dynamodb.keys"));
    }

    /** Item type for the static-schema tests. */
    static final class Blob {
        SdkBytes id;
        String label;
    }
}
