package dev.tributary.dynamo;

import dev.tributary.core.ClientSettings;
import dev.tributary.testkit.LocalDynamoDb;
import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** SDK clients for the test kit's DynamoDB Local; each test closes what it builds. */
final class ItClients {
    private ItClients() {}

    private static ClientSettings settings(LocalDynamoDb local) {
        return ClientSettings.local(local.endpoint()).toBuilder().apiCallTimeout(Duration.ofSeconds(10)).build();
    }

    static DynamoDbClient dynamo(LocalDynamoDb local) {
        return settings(local).applyTo(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    static DynamoDbStreamsClient streams(LocalDynamoDb local) {
        return settings(local).applyTo(DynamoDbStreamsClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
    }
}
