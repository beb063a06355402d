package dev.tributary.dynamo.kcl;

import dev.tributary.core.ClientSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Base of unit tests on captures that are built, closed or aborted but never started: the user's clients point
 * at a port where nothing listens, since none of that makes a call.
 */
abstract class UnstartedCaptureFixture {
    static final String ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/users/stream/2024-01-01T00:00:00.000";
    private final ClientSettings settings = ClientSettings.local(URI.create("http://127.0.0.1:9")).toBuilder()
            .apiCallTimeout(Duration.ofSeconds(2)).build();
    final DynamoDbStreamsClient streams =
            settings.applyTo(DynamoDbStreamsClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
    final DynamoDbAsyncClient leases = settings.applyTo(DynamoDbAsyncClient.builder()).build();

    @AfterEach
    void closeClients() {
        streams.close();
        leases.close();
    }

    /** Returns a builder with every required setting. */
    KclChangeCapture.Builder<Map<String, AttributeValue>> valid() {
        return KclChangeCapture.raw().applicationName("orders-projector").streamArn(ARN).streamsClient(streams)
                .leaseClient(leases).handler("h", batch -> { });
    }
}
