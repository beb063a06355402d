package dev.tributary.dynamo;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A dead-letter destination in a DynamoDB table: one item per poison record, keyed by event id, holding the
 * stream ARN, shard, sequence number, event name, keys, old and new images, handler, error and attempts,
 * so it can be inspected and replayed. Created on demand (on-demand billing). Thread-safe.
 */
public final class DynamoDbDeadLetterTable implements DeadLetterDestination {
    private final DynamoDbClient client;
    private final String table;
    private volatile boolean ready;

    private DynamoDbDeadLetterTable(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    /**
     * Creates the destination; the table ({@code eventId} hash key) is created on first use.
     *
     * @param client the DynamoDB client (never closed here)
     * @param table the table name
     * @return the destination
     */
    public static DynamoDbDeadLetterTable create(DynamoDbClient client, String table) {
        return new DynamoDbDeadLetterTable(Objects.requireNonNull(client, "client"), Objects.requireNonNull(table, "table"));
    }

    @Override
    public void accept(DeadLetter d) {
        ensureTable();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("eventId", AttributeValue.fromS(d.event().eventId()));
        item.put("streamArn", AttributeValue.fromS(d.streamArn()));
        item.put("shardId", AttributeValue.fromS(d.shardId()));
        item.put("sequenceNumber", AttributeValue.fromS(d.event().sequenceNumber()));
        item.put("eventName", AttributeValue.fromS(d.record().eventNameAsString()));
        item.put("keys", AttributeValue.fromM(d.record().dynamodb().keys()));
        if (d.record().dynamodb().hasNewImage()) {
            item.put("newImage", AttributeValue.fromM(d.record().dynamodb().newImage()));
        }
        if (d.record().dynamodb().hasOldImage()) {
            item.put("oldImage", AttributeValue.fromM(d.record().dynamodb().oldImage()));
        }
        item.put("handler", AttributeValue.fromS(d.handler()));
        item.put("errorType", AttributeValue.fromS(d.errorType()));
        item.put("errorMessage", AttributeValue.fromS(d.errorMessage()));
        item.put("attempts", AttributeValue.fromN(Integer.toString(d.attempts())));
        item.put("deadLetteredAt", AttributeValue.fromS(d.at().toString()));
        client.putItem(b -> b.tableName(table).item(item));
    }

    private void ensureTable() {
        if (ready) {
            return;
        }
        try {
            client.createTable(b -> b.tableName(table)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("eventId")
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("eventId").keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
        } catch (ResourceInUseException exists) {
            // Already there.
        }
        client.waiter().waitUntilTableExists(b -> b.tableName(table));
        ready = true;
    }
}
