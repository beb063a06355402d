package dev.tributary.benchmarks;

import dev.tributary.core.ClientSettings;
import dev.tributary.core.Resilience;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.testkit.LocalDynamoDb;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * What core's Resilience guard (Retry + CircuitBreaker + RateLimiter) costs on a real call: GetItem against
 * DynamoDB Local, raw SDK client versus the same client through {@link Resilience#execute}, in alternating
 * rounds in one run so machine noise hits both alike.
 *
 * <p>Ratio = guarded throughput / raw throughput (median of rounds); 1.0 means no measurable cost.
 */
final class ResilienceOverheadBenchmark {
    static final String NAME = "resilience-overhead";

    private ResilienceOverheadBenchmark() {}

    static double run(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int callsPerRound = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        try (LocalDynamoDb local = LocalDynamoDb.start();
                DynamoDbClient client = ClientSettings.local(local.endpoint()).toBuilder()
                        .apiCallTimeout(Duration.ofSeconds(10)).build()
                        .applyTo(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build()) {
            client.createTable(b -> b.tableName("bench")
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("id").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            client.putItem(b -> b.tableName("bench").item(Map.of("id", AttributeValue.fromS("k"))));
            Resilience guard = Resilience.create("dynamodb.bench",
                    ResilienceSettings.builder().rateLimit(1_000_000, Duration.ofSeconds(1), Duration.ofSeconds(1)).build());
            Runnable raw = () -> client.getItem(b -> b.tableName("bench").key(Map.of("id", AttributeValue.fromS("k"))));
            Runnable guarded = () -> guard.execute("dynamodb.GetItem", () -> client.getItem(
                    b -> b.tableName("bench").key(Map.of("id", AttributeValue.fromS("k")))));
            return Harness.compare("raw", raw, "guarded", guarded, rounds, callsPerRound, 1);
        }
    }
}
