package dev.tributary.dynamo.internal;

import dev.tributary.core.Resilience;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The table one of Tributary's DynamoDB stores keeps its items in (checkpoints, dead letters): string keys,
 * on-demand billing, created on first use, and every call made through the store's guard under the name
 * {@code dynamodb.<Operation>[<table>]}. The client is the user's and is never closed here. Thread-safe.
 */
public final class StoreTable {
    private final DynamoDbClient client;
    private final CreateTableRequest definition;
    private final Resilience guard;
    private volatile boolean ready;

    private StoreTable(DynamoDbClient client, String table, String[] keys, Resilience guard) {
        this.client = client;
        this.guard = guard;
        this.definition = definition(table, keys);
    }

    /**
     * Returns the table.
     *
     * @param client the user's client
     * @param table the table name
     * @param guard guards every call
     * @param keys the hash key, then the range key if there is one (both strings)
     * @return the table, not yet created
     */
    public static StoreTable keyedBy(DynamoDbClient client, String table, Resilience guard, String... keys) {
        return new StoreTable(client, table, keys, guard);
    }

    /**
     * Returns the request that creates an on-demand table with string keys.
     *
     * @param table the table name
     * @param keys the hash key, then the range key if there is one
     * @return the request
     */
    public static CreateTableRequest definition(String table, String... keys) {
        List<AttributeDefinition> attributes = new ArrayList<>(keys.length);
        List<KeySchemaElement> schema = new ArrayList<>(keys.length);
        for (int i = 0; i < keys.length; i++) {
            attributes.add(AttributeDefinition.builder().attributeName(keys[i]).attributeType(ScalarAttributeType.S)
                    .build());
            schema.add(KeySchemaElement.builder().attributeName(keys[i]).keyType(i == 0 ? KeyType.HASH : KeyType.RANGE)
                    .build());
        }
        return CreateTableRequest.builder().tableName(table).attributeDefinitions(attributes).keySchema(schema)
                .billingMode(BillingMode.PAY_PER_REQUEST).build();
    }

    /** Returns the table name. */
    public String name() {
        return definition.tableName();
    }

    /** Creates the table unless it exists (once per instance) and waits until it is active. */
    public void ensureExists() {
        if (ready) {
            return;
        }
        Tables.createAndAwait(client, definition, guard);
        ready = true;
    }

    /**
     * Makes one call on the table, after {@link #ensureExists()}, through the guard.
     *
     * @param operation the DynamoDB operation, such as {@code PutItem}, for the guard's and errors' names
     * @param call the call
     * @param <R> what it returns
     * @return what the call returned
     */
    public <R> R call(String operation, Function<DynamoDbClient, R> call) {
        ensureExists();
        return guard.execute("dynamodb." + operation + "[" + name() + "]", () -> call.apply(client));
    }
}
