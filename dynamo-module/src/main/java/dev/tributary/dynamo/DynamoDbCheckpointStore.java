package dev.tributary.dynamo;

import dev.tributary.core.Resilience;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.core.TributaryExceptions;
import dev.tributary.dynamo.internal.SequenceNumbers;
import dev.tributary.dynamo.internal.Tables;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

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
    private final DynamoDbClient client;
    private final String table;
    private final Resilience guard;
    private volatile boolean tableReady;

    private DynamoDbCheckpointStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
        this.guard = Resilience.create("dynamodb." + table, ResilienceSettings.defaults());
    }

    /**
     * Creates the store; the table is created on first use if it does not exist.
     *
     * @param client the DynamoDB client
     * @param table the table name
     * @return the store
     */
    public static DynamoDbCheckpointStore create(DynamoDbClient client, String table) {
        return new DynamoDbCheckpointStore(Objects.requireNonNull(client, "client"), Objects.requireNonNull(table, "table"));
    }

    /** Creates the table if missing and waits until it is active. */
    public void createTableIfMissing() {
        if (tableReady) {
            return;
        }
        Tables.createAndAwait(client, CreateTableRequest.builder().tableName(table)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
                .billingMode(BillingMode.PAY_PER_REQUEST).build(), guard);
        tableReady = true;
    }

    private static Map<String, AttributeValue> key(String consumer, String streamArn, String shardId) {
        return Map.of("pk", AttributeValue.fromS(consumer + "|" + streamArn), "sk", AttributeValue.fromS(shardId));
    }

    @Override
    public Optional<String> read(String consumer, String streamArn, String shardId) {
        createTableIfMissing();
        Map<String, AttributeValue> item = guard.execute("dynamodb.GetItem[" + table + "]", () -> client.getItem(b -> b
                .tableName(table).key(key(consumer, streamArn, shardId)).consistentRead(true)).item());
        return item == null || !item.containsKey("seq") ? Optional.empty() : Optional.of(item.get("seq").s());
    }

    @Override
    public void advance(String consumer, String streamArn, String shardId, String sequenceNumber) {
        createTableIfMissing();
        try {
            guard.execute("dynamodb.UpdateItem[" + table + "]", () -> client.updateItem(b -> b.tableName(table)
                    .key(key(consumer, streamArn, shardId))
                    .updateExpression("SET seq = :s, seqPadded = :p, updatedAt = :t")
                    .conditionExpression("attribute_not_exists(seqPadded) OR seqPadded < :p")
                    .expressionAttributeValues(Map.of(
                            ":s", AttributeValue.fromS(sequenceNumber),
                            ":p", AttributeValue.fromS(SequenceNumbers.padded(sequenceNumber)),
                            ":t", AttributeValue.fromS(Instant.now().toString())))));
        } catch (RuntimeException e) {
            if (!(e.getCause() instanceof ConditionalCheckFailedException)) {
                throw TributaryExceptions.translate(e, "dynamodb.UpdateItem[" + table + "]");
            }
            // A later checkpoint is already stored: never move backwards.
        }
    }

    @Override
    public void markFinished(String consumer, String streamArn, String shardId) {
        createTableIfMissing();
        guard.execute("dynamodb.UpdateItem[" + table + "]", () -> client.updateItem(b -> b.tableName(table)
                .key(key(consumer, streamArn, shardId))
                .updateExpression("SET finished = :f, updatedAt = :t")
                .expressionAttributeValues(Map.of(":f", AttributeValue.fromBool(true),
                        ":t", AttributeValue.fromS(Instant.now().toString())))));
    }

    @Override
    public boolean isFinished(String consumer, String streamArn, String shardId) {
        createTableIfMissing();
        Map<String, AttributeValue> item = guard.execute("dynamodb.GetItem[" + table + "]", () -> client.getItem(b -> b
                .tableName(table).key(key(consumer, streamArn, shardId)).consistentRead(true)).item());
        return item != null && item.containsKey("finished") && Boolean.TRUE.equals(item.get("finished").bool());
    }
}
