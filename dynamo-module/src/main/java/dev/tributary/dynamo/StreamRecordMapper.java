package dev.tributary.dynamo;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeType;
import dev.tributary.core.TributaryClientException;
import dev.tributary.core.TributaryValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Converts DynamoDB Streams records into core {@link ChangeEvent}s, with images typed by an Enhanced Client
 * {@link TableSchema} (bean, immutable, static or document) or kept as raw attribute maps.
 *
 * <p>For each record: {@code eventName} INSERT/MODIFY/REMOVE becomes the {@link ChangeType}; the key
 * attributes become neutral values ({@code S} to {@link String}, {@code N} to {@link BigDecimal}, {@code B}
 * to {@code byte[]}), hash key first and range key second when the schema declares them; old and new images
 * are mapped only when the record carries them (a REMOVE never gets a new image); and the record's sequence
 * number, {@code ApproximateCreationDateTime}, {@code eventID} and {@code userIdentity} are carried over.
 * TTL deletions carry {@code userIdentity.principalId = dynamodb.amazonaws.com} and
 * {@code userIdentity.type = Service} in {@link ChangeEvent#metadata()}; see {@link #isTtlExpiry}.
 *
 * <p>INSERT and MODIFY records need a new image, so the stream's view type must be {@code NEW_IMAGE} or
 * {@code NEW_AND_OLD_IMAGES}. Immutable and thread-safe when the schema is (the SDK's schemas are).
 *
 * <pre>{@code
 * StreamRecordMapper<User> mapper = StreamRecordMapper.of(TableSchema.fromBean(User.class));
 * ChangeEvent<User> event = mapper.toEvent(record, streamArn, shardId);
 * }</pre>
 *
 * @param <T> the image type
 */
public final class StreamRecordMapper<T> {
    /** Metadata key for the principal that made the change, present for TTL deletions. */
    public static final String PRINCIPAL_ID = "userIdentity.principalId";
    /** Metadata key for the type of that principal, {@code Service} for TTL deletions. */
    public static final String IDENTITY_TYPE = "userIdentity.type";
    /**
     * Metadata key set to {@code "true"} when the record had no {@code ApproximateCreationDateTime} (only
     * hand-written events lack it) and a neighbouring record's time in the same shard was used instead.
     */
    public static final String CREATION_TIME_ESTIMATED = "approximateCreationTime.estimated";

    private static final String TTL_PRINCIPAL = "dynamodb.amazonaws.com";

    private final Function<Map<String, AttributeValue>, T> images;
    private final List<String> keyOrder;

    private StreamRecordMapper(Function<Map<String, AttributeValue>, T> images, List<String> keyOrder) {
        this.images = images;
        this.keyOrder = List.copyOf(keyOrder);
    }

    /**
     * Returns a mapper that converts images with {@code schema}; keys are ordered hash key first, then range
     * key, when the schema declares its primary key (other key attributes follow in record order).
     *
     * @param schema the item schema, such as {@code TableSchema.fromBean(User.class)}
     * @param <T> the item type
     * @return the mapper
     */
    public static <T> StreamRecordMapper<T> of(TableSchema<T> schema) {
        Objects.requireNonNull(schema, "schema");
        return new StreamRecordMapper<>(schema::mapToItem, primaryKeyOrder(schema.tableMetadata()));
    }

    /**
     * Returns a mapper that hands images over as unmodifiable attribute maps, keys in the order the record
     * lists them (DynamoDB does not promise hash key first; use {@link #raw(String, String)} when it matters).
     *
     * @return the mapper
     */
    public static StreamRecordMapper<Map<String, AttributeValue>> raw() {
        // The SDK's model objects are immutable: a record's image is already an unmodifiable copy (the builder
        // copies what it is given), so it is handed on as it is.
        return new StreamRecordMapper<>(Function.identity(), List.of());
    }

    /**
     * Returns a raw mapper that orders keys as the table's key schema does.
     *
     * @param hashKey the hash (partition) key attribute name
     * @param rangeKey the range (sort) key attribute name, or null when the table has none
     * @return the mapper
     */
    public static StreamRecordMapper<Map<String, AttributeValue>> raw(String hashKey, @Nullable String rangeKey) {
        Objects.requireNonNull(hashKey, "hashKey");
        return new StreamRecordMapper<>(Function.identity(),
                rangeKey == null ? List.of(hashKey) : List.of(hashKey, rangeKey));
    }

    /**
     * Returns whether {@code event} is a deletion made by DynamoDB's Time to Live, judged by its
     * {@code userIdentity} metadata.
     *
     * @param event an event produced by this mapper
     * @return true for TTL expiries
     */
    public static boolean isTtlExpiry(ChangeEvent<?> event) {
        return event.type() == ChangeType.REMOVE
                && TTL_PRINCIPAL.equals(event.metadata().get(PRINCIPAL_ID))
                && "Service".equals(event.metadata().get(IDENTITY_TYPE));
    }

    /**
     * Converts one stream record.
     *
     * @param record the record, as returned by GetRecords
     * @param sourceId where it came from, normally the stream ARN
     * @param shardId the shard it was read from; becomes {@link ChangeEvent#partition()}
     * @return the event
     * @throws TributaryValidationException naming the record field that is missing or unusable, such as
     *     {@code record.dynamodb.newImage} for an INSERT from a KEYS_ONLY stream
     * @throws TributaryClientException when the schema cannot map an image
     */
    public ChangeEvent<T> toEvent(Record record, String sourceId, String shardId) {
        return toEvent(record, sourceId, shardId, null);
    }

    /**
     * Converts one stream record; a record without a creation time takes {@code fallbackCreationTime}, a
     * neighbouring record's time in the same shard (never the wall clock: the time orders the change).
     *
     * @param record the record, as returned by GetRecords
     * @param sourceId where it came from, normally the stream ARN
     * @param shardId the shard it was read from; becomes {@link ChangeEvent#partition()}
     * @param fallbackCreationTime the time to use when the record has none, or null
     * @return the event
     * @throws TributaryValidationException naming the record field that is missing or unusable, including a
     *     missing creation time without a fallback
     * @throws TributaryClientException when the schema cannot map an image
     */
    public ChangeEvent<T> toEvent(Record record, String sourceId, String shardId, @Nullable Instant fallbackCreationTime) {
        Objects.requireNonNull(record, "record");
        StreamRecord d = record.dynamodb();
        if (d == null) {
            throw TributaryValidationException.of("record.dynamodb", "is required: a stream record carries its change there");
        }
        ChangeType type = changeType(record);
        String eventId = require("record.eventID", record.eventID());
        ChangeEvent.Builder<T> b = ChangeEvent.<T>builder()
                .type(type)
                .sourceId(require("sourceId", sourceId))
                .partition(require("shardId", shardId))
                .sequenceNumber(require("record.dynamodb.sequenceNumber", d.sequenceNumber()))
                .eventId(eventId);
        Instant created = d.approximateCreationDateTime();
        if (created == null) {
            if (fallbackCreationTime == null) {
                throw TributaryValidationException.of("record.dynamodb.approximateCreationDateTime", "is missing and"
                        + " no other record of the shard has one to stand in: the change cannot be ordered");
            }
            b.metadata(CREATION_TIME_ESTIMATED, "true");
            created = fallbackCreationTime;
        }
        b.approximateCreationTime(created);
        if (d.hasOldImage() && !d.oldImage().isEmpty()) {
            b.oldImage(image(d.oldImage(), "old", eventId));
        }
        if (type != ChangeType.REMOVE) {
            if (!d.hasNewImage() || d.newImage().isEmpty()) {
                throw TributaryValidationException.of("record.dynamodb.newImage", "is required for " + type
                        + " records: set the stream view type to NEW_IMAGE or NEW_AND_OLD_IMAGES");
            }
            b.newImage(image(d.newImage(), "new", eventId));
        }
        addKeys(b, d);
        Identity identity = record.userIdentity();
        if (identity != null) {
            if (identity.principalId() != null) {
                b.metadata(PRINCIPAL_ID, identity.principalId());
            }
            if (identity.type() != null) {
                b.metadata(IDENTITY_TYPE, identity.type());
            }
        }
        return b.build();
    }

    /**
     * Converts records in order, all from one shard.
     *
     * @param records the records, in stream order
     * @param sourceId the stream ARN
     * @param shardId the shard
     * @return the events, in the same order
     * @throws TributaryValidationException as {@link #toEvent} does, for the first unusable record
     */
    public List<ChangeEvent<T>> toEvents(List<Record> records, String sourceId, String shardId) {
        List<ChangeEvent<T>> events = new ArrayList<>(records.size());
        List<@Nullable Instant> fallbacks = new dev.tributary.dynamo.internal.CreationTimes().fallbacks(records);
        for (int i = 0; i < records.size(); i++) {
            events.add(toEvent(records.get(i), sourceId, shardId, fallbacks.get(i)));
        }
        return Collections.unmodifiableList(events);
    }

    private static ChangeType changeType(Record record) {
        String name = record.eventNameAsString();
        if (name != null) {
            switch (name) {
                case "INSERT":
                    return ChangeType.INSERT;
                case "MODIFY":
                    return ChangeType.MODIFY;
                case "REMOVE":
                    return ChangeType.REMOVE;
                default:
                    break;
            }
        }
        throw TributaryValidationException.of("record.eventName", "must be INSERT, MODIFY or REMOVE");
    }

    private T image(Map<String, AttributeValue> attributes, String which, String eventId) {
        try {
            return images.apply(attributes);
        } catch (RuntimeException e) {
            // The cause may quote attribute values, so only its type goes into our message.
            throw TributaryClientException.create("Could not map the " + which + " image of stream record [eventId="
                    + eventId + "] with the table schema (" + e.getClass().getSimpleName()
                    + "); check that the schema's attribute types match the table's items", e);
        }
    }

    private void addKeys(ChangeEvent.Builder<T> b, StreamRecord d) {
        Map<String, AttributeValue> keys = d.hasKeys() ? d.keys() : Map.of();
        if (keys.isEmpty()) {
            throw TributaryValidationException.of("record.dynamodb.keys", "is required: at least the hash key");
        }
        for (String name : keyOrder) {
            AttributeValue v = keys.get(name);
            if (v != null) {
                b.key(name, keyValue(name, v));
            }
        }
        keys.forEach((name, v) -> {
            if (!keyOrder.contains(name)) {
                b.key(name, keyValue(name, v));
            }
        });
    }

    private static Object keyValue(String name, AttributeValue v) {
        if (v.s() != null) {
            return v.s();
        }
        if (v.n() != null) {
            try {
                return new BigDecimal(v.n());
            } catch (NumberFormatException e) {
                throw TributaryValidationException.of("record.dynamodb.keys." + name, "is not a valid number");
            }
        }
        if (v.b() != null) {
            return v.b().asByteArray();
        }
        throw TributaryValidationException.of(
                "record.dynamodb.keys." + name, "must be of type S, N or B, the only key types DynamoDB has");
    }

    private static List<String> primaryKeyOrder(TableMetadata metadata) {
        List<String> order = new ArrayList<>(2);
        try {
            order.add(metadata.primaryPartitionKey());
            Optional<String> sortKey = metadata.primarySortKey();
            sortKey.ifPresent(order::add);
        } catch (RuntimeException noKeyDeclared) {
            // A schema used only for images may declare no key: keys then keep the record's order.
            return List.of();
        }
        return order;
    }

    private static String require(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw TributaryValidationException.of(field, "is required");
        }
        return value;
    }

}
