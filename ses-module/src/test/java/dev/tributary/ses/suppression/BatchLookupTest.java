package dev.tributary.ses.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryException;
import dev.tributary.ses.suppression.internal.BatchLookup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** DynamoDB Local never returns unprocessed keys, so this stub plays a throttled table. */
class BatchLookupTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    /** Answers the first key of each request and returns the rest as unprocessed, up to a number of rounds. */
    private static final class ThrottledTable implements DynamoDbClient {
        final List<Integer> requestSizes = new ArrayList<>();
        final int throttledRounds;

        ThrottledTable(int throttledRounds) {
            this.throttledRounds = throttledRounds;
        }

        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            KeysAndAttributes asked = request.requestItems().get("t");
            requestSizes.add(asked.keys().size());
            boolean throttle = requestSizes.size() <= throttledRounds;
            List<Map<String, AttributeValue>> answered = throttle ? asked.keys().subList(0, 1) : asked.keys();
            List<Map<String, AttributeValue>> left = throttle ? asked.keys().subList(1, asked.keys().size()) : List.of();
            List<Map<String, AttributeValue>> items = answered.stream()
                    .map(k -> Map.of("address", k.get("address"), "reason", AttributeValue.fromS("BOUNCE"),
                            "at", AttributeValue.fromS(NOW.toString())))
                    .toList();
            return BatchGetItemResponse.builder()
                    .responses(Map.of("t", items))
                    .unprocessedKeys(left.isEmpty() ? Map.of() : Map.of("t", KeysAndAttributes.builder().keys(left).build()))
                    .build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {}
    }

    @Test
    void activeKeys_unprocessedKeys_areRetriedUntilAllAnswered() {
        ThrottledTable table = new ThrottledTable(2);
        List<String> keys = List.of("a@x.io", "b@x.io", "c@x.io", "d@x.io");

        Set<String> found = BatchLookup.activeKeys(table, "t", false, keys, NOW);

        assertThat(found).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(table.requestSizes).containsExactly(4, 3, 2);
    }

    @Test
    void activeKeys_over100Keys_splitsIntoRequestsOf100() {
        ThrottledTable table = new ThrottledTable(0);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            keys.add("u" + i + "@x.io");
        }

        assertThat(BatchLookup.activeKeys(table, "t", false, keys, NOW)).hasSize(230);
        assertThat(table.requestSizes).containsExactly(100, 100, 30);
    }

    @Test
    void activeKeys_throttledForever_failsRetryableWithoutAddresses() {
        ThrottledTable table = new ThrottledTable(Integer.MAX_VALUE);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            keys.add("u" + i + "@x.io");
        }

        assertThatThrownBy(() -> BatchLookup.activeKeys(table, "t", false, keys, NOW))
                .isInstanceOf(TributaryException.class)
                .hasMessageContaining("unprocessed")
                .hasMessageNotContaining("@x.io")
                .satisfies(e -> assertThat(((TributaryException) e).retryable()).isTrue());
        assertThat(table.requestSizes).hasSize(8);
    }
}
