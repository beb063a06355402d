package dev.tributary.dynamo;

import dev.tributary.core.Resilience;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.dynamo.internal.ItemSize;
import dev.tributary.dynamo.internal.StoreTable;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A dead-letter destination in a DynamoDB table: one item per poison record and handler, keyed by
 * {@value #KEY_ATTRIBUTE} ({@code <handler>|<eventId>}, so two handlers refusing one record leave two items),
 * holding the stream ARN, shard, sequence number, event name, keys, handler, error, attempts and, when they fit,
 * the old and new images, so it can be inspected and replayed.
 *
 * <p>A DynamoDB item holds at most 400 KB, and a record with both images of a large item is larger: then the
 * images are left out ({@code imagesOmitted = true}; replay reads the item from the table by its keys) and the
 * error message is shortened, so the dead letter still lands. Writes go through a Resilience4j guard named
 * {@code dynamodb.<table>}; the capture retries a failed write until it is stored. The table is created on first
 * use (on-demand billing). Thread-safe; the client is never closed here.
 */
public final class DynamoDbDeadLetterTable implements DeadLetterDestination {
    /** The key attribute: {@code <handler>|<eventId>}. */
    public static final String KEY_ATTRIBUTE = "deadLetterId";
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbDeadLetterTable.class);
    /** DynamoDB's 400 KB item limit, less room for attribute overhead. */
    private static final long MAX_ITEM_BYTES = 400 * 1024 - 2048;
    private static final int MAX_MESSAGE_CHARS = 1024;

    private final StoreTable table;

    private DynamoDbDeadLetterTable(StoreTable table) {
        this.table = table;
    }

    /**
     * Creates the destination with the default guard; the table is created on first use.
     *
     * @param client the DynamoDB client (never closed here)
     * @param table the table name
     * @return the destination
     */
    public static DynamoDbDeadLetterTable create(DynamoDbClient client, String table) {
        return create(client, table, ResilienceSettings.defaults());
    }

    /**
     * Creates the destination with its own retry and circuit-breaker settings.
     *
     * @param client the DynamoDB client (never closed here)
     * @param table the table name
     * @param resilience guards every call to the table
     * @return the destination
     */
    public static DynamoDbDeadLetterTable create(DynamoDbClient client, String table, ResilienceSettings resilience) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(table, "table");
        return new DynamoDbDeadLetterTable(StoreTable.keyedBy(client, table, Resilience.create("dynamodb." + table,
                resilience), KEY_ATTRIBUTE));
    }

    /** Returns the table name. */
    public String tableName() {
        return table.name();
    }

    /**
     * Returns the key under which a dead letter is stored.
     *
     * @param handler the refusing handler's name
     * @param eventId the stream record's event id
     * @return {@code <handler>|<eventId>}
     */
    public static String keyOf(String handler, String eventId) {
        return handler + "|" + eventId;
    }

    @Override
    public void accept(DeadLetter d) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY_ATTRIBUTE, AttributeValue.fromS(keyOf(d.handler(), d.event().eventId())));
        item.put("eventId", AttributeValue.fromS(d.event().eventId()));
        item.put("streamArn", AttributeValue.fromS(d.streamArn()));
        item.put("shardId", AttributeValue.fromS(d.shardId()));
        item.put("sequenceNumber", AttributeValue.fromS(d.event().sequenceNumber()));
        item.put("eventName", AttributeValue.fromS(String.valueOf(d.record().eventNameAsString())));
        if (d.record().dynamodb() != null && d.record().dynamodb().hasKeys()) {
            item.put("keys", AttributeValue.fromM(d.record().dynamodb().keys()));
        }
        item.put("handler", AttributeValue.fromS(d.handler()));
        item.put("errorType", AttributeValue.fromS(d.errorType()));
        item.put("errorMessage", AttributeValue.fromS(shorten(d.errorMessage())));
        item.put("attempts", AttributeValue.fromN(Integer.toString(d.attempts())));
        item.put("deadLetteredAt", AttributeValue.fromS(d.at().toString()));
        Map<String, AttributeValue> withImages = new HashMap<>(item);
        if (d.record().dynamodb() != null && d.record().dynamodb().hasNewImage()) {
            withImages.put("newImage", AttributeValue.fromM(d.record().dynamodb().newImage()));
        }
        if (d.record().dynamodb() != null && d.record().dynamodb().hasOldImage()) {
            withImages.put("oldImage", AttributeValue.fromM(d.record().dynamodb().oldImage()));
        }
        Map<String, AttributeValue> stored = withImages;
        if (ItemSize.of(withImages) > MAX_ITEM_BYTES) {
            item.put("imagesOmitted", AttributeValue.fromBool(true));
            stored = item;
            LOG.debug("Dead letter too large for one item; images left out [table={}, shard={}, sequenceNumber={}]",
                    table.name(), d.shardId(), d.event().sequenceNumber());
        }
        Map<String, AttributeValue> put = stored;
        table.call("PutItem", client -> client.putItem(b -> b.tableName(table.name()).item(put)));
    }

    private static String shorten(String message) {
        if (message.length() <= MAX_MESSAGE_CHARS) {
            return message;
        }
        return message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
