package dev.tributary.dynamo;

import dev.tributary.core.Resilience;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.dynamo.internal.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Makes sure a table with a stream exists, for applications and examples that own their tables (production
 * tables are usually made by infrastructure code).
 *
 * <p>{@link #ensureTable} is idempotent: it creates the table when missing and waits (with the SDK waiter)
 * until it is ACTIVE; turns the stream on when the table exists without one; turns TTL on when a TTL attribute
 * is set; and returns the latest stream ARN. An existing table keeps its billing and table class: those
 * apply only when the table is created. Stateless and thread-safe; the client is the caller's and is never
 * closed here.
 *
 * <pre>{@code
 * String streamArn = StreamTables.ensureTable(dynamoDbClient, TableDefinition.builder()
 *         .tableName("users")
 *         .hashKey("userId", ScalarAttributeType.S)
 *         .build());
 * }</pre>
 */
public final class StreamTables {
    private static final Logger LOG = LoggerFactory.getLogger(StreamTables.class);

    private StreamTables() {}

    /**
     * Creates the table or brings an existing one in line, and returns its latest stream ARN.
     *
     * @param client the DynamoDB client
     * @param definition the table wanted
     * @return the ARN of the table's current stream
     * @throws TributaryValidationException when an existing table's key schema differs from the definition,
     *     its stream uses another view type, or TTL is on for another attribute
     * @throws TributaryException when DynamoDB refuses or cannot be reached, or the table does not become
     *     ACTIVE within five minutes
     */
    public static String ensureTable(DynamoDbClient client, TableDefinition definition) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(definition, "definition");
        String table = definition.tableName();
        Resilience guard = Resilience.create("dynamodb." + table, ResilienceSettings.defaults());
        Optional<TableDescription> existing = Tables.describe(client, table, guard);
        TableDescription description = existing.isPresent() && existing.get().tableStatus() == TableStatus.ACTIVE
                ? existing.get()
                : existing.isPresent() ? Tables.awaitActive(client, table)
                : Tables.createAndAwait(client, createRequest(definition), guard);
        checkKeySchema(description, definition);
        if (!streamEnabled(description)) {
            description = enableStream(client, definition, guard);
        } else if (!definition.streamViewType().equals(description.streamSpecification().streamViewType())) {
            throw TributaryValidationException.of("streamViewType", "table [" + table + "] already streams "
                    + description.streamSpecification().streamViewTypeAsString() + ", not "
                    + definition.streamViewType() + "; use that view type, or disable the stream first (consumers"
                    + " of the old stream then stop at its end)");
        }
        definition.ttlAttribute().ifPresent(attribute -> Tables.enableTtl(client, table, attribute, guard));
        String arn = description.latestStreamArn();
        if (arn == null || arn.isBlank()) {
            throw CaptureException.of(CaptureFailure.STREAM_NOT_ENABLED, "Table [" + table + "] has a stream enabled"
                    + " but reports no stream ARN; describe the table to check its stream settings", null);
        }
        LOG.debug("Table ready [table={}, streamViewType={}]", table, definition.streamViewType());
        return arn;
    }

    static CreateTableRequest createRequest(TableDefinition d) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        List<KeySchemaElement> keys = new ArrayList<>();
        attributes.add(AttributeDefinition.builder().attributeName(d.hashKeyName()).attributeType(d.hashKeyType()).build());
        keys.add(KeySchemaElement.builder().attributeName(d.hashKeyName()).keyType(KeyType.HASH).build());
        if (d.rangeKeyName().isPresent() && d.rangeKeyType().isPresent()) {
            attributes.add(AttributeDefinition.builder()
                    .attributeName(d.rangeKeyName().get()).attributeType(d.rangeKeyType().get()).build());
            keys.add(KeySchemaElement.builder().attributeName(d.rangeKeyName().get()).keyType(KeyType.RANGE).build());
        }
        CreateTableRequest.Builder b = CreateTableRequest.builder()
                .tableName(d.tableName())
                .attributeDefinitions(attributes)
                .keySchema(keys)
                .billingMode(d.billing().mode())
                .streamSpecification(stream(d));
        d.billing().throughput().ifPresent(b::provisionedThroughput);
        d.tableClass().ifPresent(b::tableClass);
        return b.build();
    }

    private static StreamSpecification stream(TableDefinition d) {
        return StreamSpecification.builder().streamEnabled(true).streamViewType(d.streamViewType()).build();
    }

    private static boolean streamEnabled(TableDescription t) {
        return t.streamSpecification() != null && Boolean.TRUE.equals(t.streamSpecification().streamEnabled());
    }

    private static TableDescription enableStream(DynamoDbClient client, TableDefinition d, Resilience guard) {
        String table = d.tableName();
        guard.execute("dynamodb.UpdateTable[" + table + "]", () -> {
            try {
                client.updateTable(b -> b.tableName(table).streamSpecification(stream(d)));
                LOG.debug("Enabled stream [table={}, streamViewType={}]", table, d.streamViewType());
            } catch (ResourceInUseException busy) {
                // Another process is updating the table (perhaps enabling the same stream): re-check below.
                LOG.debug("Table busy while enabling its stream [table={}]", table);
            }
            return null;
        });
        TableDescription after = Tables.awaitActive(client, table);
        if (!streamEnabled(after)) {
            throw CaptureException.of(CaptureFailure.TABLE_NOT_READY, "Table [" + table + "] was busy and still has"
                    + " no stream; call ensureTable again once its other update has finished", null);
        }
        return after;
    }

    private static void checkKeySchema(TableDescription t, TableDefinition d) {
        String hash = null;
        String range = null;
        for (KeySchemaElement k : t.keySchema()) {
            if (k.keyType() == KeyType.HASH) {
                hash = k.attributeName();
            } else if (k.keyType() == KeyType.RANGE) {
                range = k.attributeName();
            }
        }
        if (!d.hashKeyName().equals(hash)) {
            throw TributaryValidationException.of("hashKey", "table [" + d.tableName() + "] exists with hash key '"
                    + hash + "'; use that name or another table");
        }
        if (!Objects.equals(d.rangeKeyName().orElse(null), range)) {
            throw TributaryValidationException.of("rangeKey", "table [" + d.tableName() + "] exists with "
                    + (range == null ? "no range key" : "range key '" + range + "'") + "; match it or use another table");
        }
    }
}
