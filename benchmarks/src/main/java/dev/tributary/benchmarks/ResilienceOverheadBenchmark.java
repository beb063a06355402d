package dev.tributary.benchmarks;

import dev.tributary.core.ClientSettings;
import dev.tributary.core.Resilience;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.testkit.LocalDynamoDb;
import java.time.Duration;
import java.util.Arrays;
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
            measure(raw, callsPerRound);
            measure(guarded, callsPerRound);
            double[] rawOps = new double[rounds];
            double[] guardedOps = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                rawOps[r] = measure(raw, callsPerRound);
                guardedOps[r] = measure(guarded, callsPerRound);
                System.out.printf("round %d: raw %.0f ops/s, guarded %.0f ops/s%n", r + 1, rawOps[r], guardedOps[r]);
            }
            double rawMedian = median(rawOps);
            double guardedMedian = median(guardedOps);
            System.out.printf("median: raw %.0f ops/s, guarded %.0f ops/s (%d rounds x %d calls, 1 thread)%n",
                    rawMedian, guardedMedian, rounds, callsPerRound);
            return guardedMedian / rawMedian;
        }
    }

    private static double measure(Runnable call, int n) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            call.run();
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
