package dev.tributary.examples.quickstart;

import dev.tributary.dynamo.ChangeCapture;
import dev.tributary.opensearch.SearchIndex;
import dev.tributary.opensearch.SearchQuery;
import dev.tributary.opensearch.model.Hit;
import dev.tributary.opensearch.sync.ChangeEventIndexer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Writes to a {@link SyncItem} table and reads back its search index, for the DynamoDB -> OpenSearch tests. */
final class SyncTables {
    static final TableSchema<SyncItem> SCHEMA = TableSchema.fromBean(SyncItem.class);

    private SyncTables() {}

    /** Puts the whole item, with {@code n} 0. */
    static void put(DynamoDbClient dynamo, String table, String id, String name, long version) {
        dynamo.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS(id),
                "name", AttributeValue.fromS(name), "n", AttributeValue.fromN("0"),
                "version", AttributeValue.fromN(Long.toString(version)))));
    }

    /** Sets name and version and adds 1 to {@code n}, as a partial update. */
    static void update(DynamoDbClient dynamo, String table, String id, String name, long version) {
        dynamo.updateItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(id)))
                .updateExpression("SET #name = :name, #version = :version ADD #n :one")
                .expressionAttributeNames(Map.of("#name", "name", "#version", "version", "#n", "n"))
                .expressionAttributeValues(Map.of(":name", AttributeValue.fromS(name),
                        ":version", AttributeValue.fromN(Long.toString(version)), ":one", AttributeValue.fromN("1"))));
    }

    static void delete(DynamoDbClient dynamo, String table, String id) {
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(id))));
    }

    /**
     * Deletes the item one time in {@code deleteOneIn}, else puts it with a random name and the next of
     * {@code versions}; records the outcome in {@code expected} (id -> name).
     */
    static void randomWrite(DynamoDbClient dynamo, String table, String id, Random random, int deleteOneIn,
            AtomicLong versions, Map<String, String> expected) {
        if (random.nextInt(deleteOneIn) == 0) {
            delete(dynamo, table, id);
            expected.remove(id);
        } else {
            String name = "n" + random.nextInt(1_000_000);
            put(dynamo, table, id, name, versions.incrementAndGet());
            expected.put(id, name);
        }
    }

    /** A capture of the table's stream into the sync, polling fast; the caller names the consumer and starts it. */
    static ChangeCapture.Builder<SyncItem> capture(DynamoDbStreamsClient streams, DynamoDbClient dynamo, String arn,
            ChangeEventIndexer<SyncItem> sync) {
        return ChangeCapture.builder(SCHEMA).streamsClient(streams).dynamoDbClient(dynamo).streamArn(arn)
                .polling(Duration.ofMillis(20), Duration.ofMillis(200)).handler("search", sync);
    }

    /** The live (not tombstoned) documents of the index: id -> what {@code fields} takes from each source. */
    static <V> Map<String, V> indexed(SearchIndex<Map> index, Function<Map<?, ?>, V> fields) {
        index.refresh();
        Map<String, V> out = new HashMap<>();
        try (Stream<Hit<Map>> hits = index.stream(SearchQuery.builder()
                .filter(ChangeEventIndexer.DELETED_FIELD, false).build(), 5000)) {
            hits.forEach(h -> out.put(h.id(), fields.apply(h.source())));
        }
        return out;
    }

    /** The live documents of the index: id -> name. */
    static Map<String, String> names(SearchIndex<Map> index) {
        return indexed(index, source -> String.valueOf(source.get("name")));
    }
}
