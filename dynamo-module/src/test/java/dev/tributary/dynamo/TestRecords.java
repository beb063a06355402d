package dev.tributary.dynamo;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/** Builds stream records by hand, shaped like GetRecords returns them. */
final class TestRecords {
    static final String STREAM_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/users/stream/2024-01-01T00:00:00.000";
    static final String SHARD = "shardId-00000001700000000000-abcdef01";
    static final Instant CREATED = Instant.parse("2024-05-01T12:00:00Z");

    private TestRecords() {}

    static Record record(String eventName, String sequenceNumber, Map<String, AttributeValue> keys,
            @Nullable Map<String, AttributeValue> oldImage, @Nullable Map<String, AttributeValue> newImage) {
        StreamRecord.Builder d = StreamRecord.builder()
                .keys(keys)
                .sequenceNumber(sequenceNumber)
                .approximateCreationDateTime(CREATED)
                .sizeBytes(42L)
                .streamViewType("NEW_AND_OLD_IMAGES");
        if (oldImage != null) {
            d.oldImage(oldImage);
        }
        if (newImage != null) {
            d.newImage(newImage);
        }
        return Record.builder()
                .eventID("evt-" + sequenceNumber)
                .eventName(eventName)
                .eventVersion("1.1")
                .eventSource("aws:dynamodb")
                .awsRegion("us-east-1")
                .dynamodb(d.build())
                .build();
    }

    static Map<String, AttributeValue> user(String id, String name, int age) {
        return Map.of("userId", AttributeValue.fromS(id), "name", AttributeValue.fromS(name),
                "age", AttributeValue.fromN(Integer.toString(age)));
    }

    static Map<String, AttributeValue> userKey(String id) {
        return Map.of("userId", AttributeValue.fromS(id));
    }
}
