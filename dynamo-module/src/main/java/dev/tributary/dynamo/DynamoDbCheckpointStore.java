package dev.tributary.dynamo;

import dev.tributary.core.Resilience;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.dynamo.internal.SequenceNumbers;
import dev.tributary.dynamo.internal.StoreTable;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A {@link CheckpointStore} in a DynamoDB table ({@code pk} = consumer and stream, {@code sk} = shard id),
 * created on demand with on-demand billing. Writes are conditional, so a checkpoint only ever moves forward
 * even when two processes race. The client is the user's and is never closed here. Thread-safe.
 *
 * <pre>{@code
 * CheckpointStore checkpoints = DynamoDbCheckpointStore.create(dynamoDbClient, "tributary-checkpoints");
 * }</pre>
 */
public final class DynamoDbCheckpointStore implements CheckpointStore {
    private final StoreTable table;

    private DynamoDbCheckpointStore(StoreTable table) {
        this.table = table;
    }

    /**
     * Creates the store; the table is created on first use if it does not exist.
     *
     * @param client the DynamoDB client
     * @param table the table name
     * @return the store
     */
    public static DynamoDbCheckpointStore create(DynamoDbClient client, String table) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(table, "table");
        return new DynamoDbCheckpointStore(StoreTable.keyedBy(client, table,
                Resilience.create("dynamodb." + table, ResilienceSettings.defaults()), "pk", "sk"));
    }

    /** Creates the table if missing and waits until it is active. */
    public void createTableIfMissing() {
        table.ensureExists();
    }

    private Map<String, AttributeValue> item(String consumer, String streamArn, String shardId) {
        return table.call("GetItem", client -> client.getItem(b -> b.tableName(table.name())
                .key(key(consumer, streamArn, shardId)).consistentRead(true)).item());
    }

    private static Map<String, AttributeValue> key(String consumer, String streamArn, String shardId) {
        return Map.of("pk", AttributeValue.fromS(consumer + "|" + streamArn), "sk", AttributeValue.fromS(shardId));
    }

    @Override
    public Optional<String> read(String consumer, String streamArn, String shardId) {
        Map<String, AttributeValue> item = item(consumer, streamArn, shardId);
        return item == null || !item.containsKey("seq") ? Optional.empty() : Optional.of(item.get("seq").s());
    }

    @Override
    public void advance(String consumer, String streamArn, String shardId, String sequenceNumber) {
        table.call("UpdateItem", client -> {
            try {
                return client.updateItem(b -> b.tableName(table.name())
                        .key(key(consumer, streamArn, shardId))
                        .updateExpression("SET seq = :s, seqPadded = :p, updatedAt = :t")
                        .conditionExpression("attribute_not_exists(seqPadded) OR seqPadded < :p")
                        .expressionAttributeValues(Map.of(
                                ":s", AttributeValue.fromS(sequenceNumber),
                                ":p", AttributeValue.fromS(SequenceNumbers.padded(sequenceNumber)),
                                ":t", AttributeValue.fromS(Instant.now().toString()))));
            } catch (ConditionalCheckFailedException later) {
                // A later checkpoint is already stored: never move backwards.
                return null;
            }
        });
    }

    @Override
    public void markFinished(String consumer, String streamArn, String shardId) {
        table.call("UpdateItem", client -> client.updateItem(b -> b.tableName(table.name())
                .key(key(consumer, streamArn, shardId))
                .updateExpression("SET finished = :f, updatedAt = :t")
                .expressionAttributeValues(Map.of(":f", AttributeValue.fromBool(true),
                        ":t", AttributeValue.fromS(Instant.now().toString())))));
    }

    @Override
    public boolean isFinished(String consumer, String streamArn, String shardId) {
        Map<String, AttributeValue> item = item(consumer, streamArn, shardId);
        return item != null && item.containsKey("finished") && Boolean.TRUE.equals(item.get("finished").bool());
    }
}
