package dev.tributary.dynamo;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Maps DynamoDB Streams records to core {@link ChangeEvent}s with typed images, through the Enhanced
 * Client's {@link TableSchema} (bean, immutable or static), or raw attribute maps. Thread-safe.
 *
 * @param <T> the item type
 */
public final class StreamRecordMapper<T> {
    private final Function<Map<String, AttributeValue>, T> images;
    private final List<String> keyOrder;

    private StreamRecordMapper(Function<Map<String, AttributeValue>, T> images, List<String> keyOrder) {
        this.images = images;
        this.keyOrder = keyOrder;
    }

    /**
     * Maps images with a table schema; keys are ordered hash key first.
     *
     * @param schema the item schema
     * @param <T> the item type
     * @return the mapper
     */
    public static <T> StreamRecordMapper<T> of(TableSchema<T> schema) {
        List<String> order = new ArrayList<>();
        order.add(schema.tableMetadata().primaryPartitionKey());
        schema.tableMetadata().primarySortKey().ifPresent(order::add);
        return new StreamRecordMapper<>(schema::mapToItem, order);
    }

    /** Returns a mapper that hands images over as raw attribute maps. */
    public static StreamRecordMapper<Map<String, AttributeValue>> raw() {
        return new StreamRecordMapper<>(Map::copyOf, List.of());
    }

    /**
     * Converts one record.
     *
     * @param record the stream record
     * @param sourceId the stream ARN
     * @param shardId the shard it was read from
     * @return the event
     */
    public ChangeEvent<T> toEvent(Record record, String sourceId, String shardId) {
        var d = record.dynamodb();
        ChangeEvent.Builder<T> b = ChangeEvent.<T>builder()
                .type(ChangeType.valueOf(record.eventNameAsString()))
                .sourceId(sourceId)
                .partition(shardId)
                .sequenceNumber(d.sequenceNumber())
                .approximateCreationTime(d.approximateCreationDateTime())
                .eventId(record.eventID())
                .oldImage(d.hasOldImage() && !d.oldImage().isEmpty() ? images.apply(d.oldImage()) : null)
                .newImage(d.hasNewImage() && !d.newImage().isEmpty() && !"REMOVE".equals(record.eventNameAsString())
                        ? images.apply(d.newImage()) : null);
        Map<String, AttributeValue> keys = d.keys();
        for (String k : keyOrder) {
            AttributeValue v = keys.get(k);
            if (v != null) {
                b.key(k, keyValue(v));
            }
        }
        keys.forEach((k, v) -> {
            if (!keyOrder.contains(k)) {
                b.key(k, keyValue(v));
            }
        });
        if (record.userIdentity() != null) {
            b.metadata("userIdentity.principalId", String.valueOf(record.userIdentity().principalId()));
            b.metadata("userIdentity.type", String.valueOf(record.userIdentity().type()));
        }
        return b.build();
    }

    private static Object keyValue(AttributeValue v) {
        if (v.s() != null) {
            return v.s();
        }
        if (v.n() != null) {
            return new BigDecimal(v.n());
        }
        var bytes = v.b();
        if (bytes != null) {
            return bytes.asByteArray();
        }
        throw new IllegalArgumentException("key attributes are S, N or B");
    }
}
