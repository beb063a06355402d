package dev.tributary.examples.quickstart;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeHandler;
import dev.tributary.core.ChangeType;
import dev.tributary.core.ClientSettings;
import dev.tributary.core.Resilience;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.testkit.LocalDynamoDb;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The smallest runnable Tributary example: registers users in a DynamoDB table, reads the table's stream
 * and hands the changes to a {@link ChangeHandler} as core {@link ChangeEvent}s, every call guarded by
 * {@link Resilience}.
 *
 * <p>Runs against DynamoDB Local started in-process by default; pass {@code --dynamo-endpoint URL} to use
 * another endpoint. Until the dynamo-module's capture engine lands, the stream is read with plain SDK calls.
 */
public final class QuickStart {
    private QuickStart() {}

    /**
     * Runs the example.
     *
     * @param args {@code [--dynamo-endpoint URL] [--table NAME] [--users N]}
     */
    public static void main(String[] args) {
        Map<String, String> flags = flags(args);
        long started = System.nanoTime();
        LocalDynamoDb local = null;
        URI endpoint;
        if (flags.containsKey("dynamo-endpoint")) {
            endpoint = URI.create(flags.get("dynamo-endpoint"));
        } else {
            System.out.println("Starting DynamoDB Local (embedded default) ...");
            local = LocalDynamoDb.start();
            endpoint = local.endpoint();
        }
        String table = flags.getOrDefault("table", "quickstart-users");
        int users = Integer.parseInt(flags.getOrDefault("users", "5"));
        ClientSettings settings = ClientSettings.local(endpoint).toBuilder().apiCallTimeout(Duration.ofSeconds(10)).build();
        Resilience guard = Resilience.create("dynamodb." + table, ResilienceSettings.defaults());
        try (DynamoDbClient dynamo = settings.applyTo(DynamoDbClient.builder())
                        .httpClient(UrlConnectionHttpClient.create()).build();
                DynamoDbStreamsClient streams = settings.applyTo(DynamoDbStreamsClient.builder())
                        .httpClient(UrlConnectionHttpClient.create()).build()) {
            String streamArn = guard.execute("dynamodb.CreateTable", () -> createTable(dynamo, table));
            for (int i = 1; i <= users; i++) {
                String id = "user-" + i;
                guard.execute("dynamodb.PutItem", () -> dynamo.putItem(b -> b.tableName(table).item(Map.of(
                        "userId", AttributeValue.fromS(id),
                        "name", AttributeValue.fromS("User " + id)))));
            }
            List<String> seen = new ArrayList<>();
            ChangeHandler<Map<String, AttributeValue>> handler = ChangeHandler.forEach(e -> {
                if (e.type() == ChangeType.INSERT) {
                    seen.add((String) e.keys().get("userId"));
                }
            });
            handler.handle(readStream(streams, guard, streamArn));
            System.out.printf("Registered %d users; the stream delivered %d INSERT events: %s%n", users, seen.size(), seen);
            System.out.printf("Done in %d ms%n", Duration.ofNanos(System.nanoTime() - started).toMillis());
            if (seen.size() != users) {
                throw new IllegalStateException("expected " + users + " INSERT events, saw " + seen.size());
            }
        } finally {
            if (local != null) {
                local.close();
            }
        }
    }

    private static String createTable(DynamoDbClient dynamo, String table) {
        return dynamo.createTable(b -> b.tableName(table)
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName("userId").attributeType(ScalarAttributeType.S).build())
                        .keySchema(KeySchemaElement.builder().attributeName("userId").keyType(KeyType.HASH).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription()
                .latestStreamArn();
    }

    private static List<ChangeEvent<Map<String, AttributeValue>>> readStream(
            DynamoDbStreamsClient streams, Resilience guard, String streamArn) {
        String shardId = guard.execute("dynamodb.DescribeStream",
                () -> streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().get(0).shardId());
        String iterator = guard.execute("dynamodb.GetShardIterator", () -> streams.getShardIterator(b -> b
                        .streamArn(streamArn).shardId(shardId).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator());
        List<Record> records = guard.execute("dynamodb.GetRecords",
                () -> streams.getRecords(b -> b.shardIterator(iterator).limit(1000)).records());
        List<ChangeEvent<Map<String, AttributeValue>>> events = new ArrayList<>();
        for (Record r : records) {
            ChangeEvent.Builder<Map<String, AttributeValue>> b = ChangeEvent.<Map<String, AttributeValue>>builder()
                    .type(ChangeType.valueOf(r.eventNameAsString()))
                    .sourceId(streamArn)
                    .partition(shardId)
                    .sequenceNumber(r.dynamodb().sequenceNumber())
                    .approximateCreationTime(r.dynamodb().approximateCreationDateTime())
                    .eventId(r.eventID())
                    .oldImage(r.dynamodb().hasOldImage() ? r.dynamodb().oldImage() : null)
                    .newImage(r.dynamodb().hasNewImage() ? r.dynamodb().newImage() : null);
            r.dynamodb().keys().forEach((k, v) -> b.key(k, v.s() != null ? v.s() : v.n()));
            events.add(b.build());
        }
        return events;
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> out = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: [--dynamo-endpoint URL] [--table NAME] [--users N]");
            }
            out.put(args[i].substring(2), args[++i]);
        }
        return out;
    }
}
