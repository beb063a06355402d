package dev.tributary.dynamo.kcl;

import dev.tributary.core.ClientSettings;
import dev.tributary.testkit.DdbLocalArnStreamsClient;
import dev.tributary.testkit.LocalDynamoDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What every KCL integration test needs on DynamoDB Local: the three clients, source tables with a stream, KCL
 * application names whose tables are dropped afterwards, and stream ARNs in the form KCL accepts. {@link #close()}
 * deletes every table made through it and closes the clients.
 */
final class KclLocalTables implements AutoCloseable {
    final DynamoDbClient dynamo;
    final DynamoDbStreamsClient streams;
    /** KCL needs an asynchronous DynamoDB client for its lease table; Netty comes with KCL. */
    final DynamoDbAsyncClient leases;
    private final List<String> tables = new ArrayList<>();

    KclLocalTables(LocalDynamoDb local) {
        ClientSettings settings = ClientSettings.local(local.endpoint()).toBuilder()
                .apiCallTimeout(Duration.ofSeconds(10)).build();
        this.dynamo = settings.applyTo(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        this.streams = settings.applyTo(DynamoDbStreamsClient.builder()).httpClient(UrlConnectionHttpClient.create())
                .build();
        this.leases = settings.applyTo(DynamoDbAsyncClient.builder()).build();
    }

    /** Creates a table with a NEW_AND_OLD_IMAGES stream and hash key {@code hashKey}; returns its name. */
    String sourceTable(String prefix, String hashKey) {
        String name = prefix + "-" + System.nanoTime();
        dynamo.createTable(b -> b.tableName(name)
                .attributeDefinitions(AttributeDefinition.builder().attributeName(hashKey)
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
        tables.add(name);
        return name;
    }

    /** Returns a new KCL application name; its lease, coordinator and worker-metrics tables are dropped later. */
    String application(String prefix) {
        String app = prefix + "-" + System.nanoTime();
        tables.addAll(List.of(app, app + "-CoordinatorState", app + "-WorkerMetricStats"));
        return app;
    }

    /** Returns the table's stream ARN in AWS's form (DynamoDB Local's does not parse as a KCL stream ARN). */
    String awsStreamArn(String table) {
        return DdbLocalArnStreamsClient.toAws(dynamo.describeTable(b -> b.tableName(table)).table().latestStreamArn());
    }

    @Override
    public void close() {
        Set<String> existing = Set.copyOf(dynamo.listTables().tableNames());
        tables.stream().filter(existing::contains).forEach(t -> dynamo.deleteTable(b -> b.tableName(t)));
        dynamo.close();
        streams.close();
        leases.close();
    }
}
