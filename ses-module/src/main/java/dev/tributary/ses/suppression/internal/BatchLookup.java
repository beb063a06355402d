package dev.tributary.ses.suppression.internal;

import dev.tributary.core.TributaryExceptions;
import dev.tributary.core.TributaryServiceException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Looks up many addresses with BatchGetItem: 100 keys per request, unprocessed keys retried with exponential
 * backoff (DynamoDB returns them when a partition is throttled or the response would pass 16 MB).
 */
public final class BatchLookup {
    /** BatchGetItem's limit on keys per request. */
    static final int MAX_KEYS = 100;
    /** Rounds for unprocessed keys before giving up with a retryable error. */
    static final int MAX_ROUNDS = 8;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(BatchLookup.class);

    private BatchLookup() {}

    /**
     * Returns the keys among {@code keys} that have an active entry.
     *
     * @param keys normalised, distinct addresses
     * @param now the time deciding expiry
     * @throws dev.tributary.core.TributaryException when a call fails or keys stay unprocessed
     */
    public static Set<String> activeKeys(DynamoDbClient client, String table, boolean consistent,
            List<String> keys, Instant now) {
        Set<String> found = new HashSet<>();
        for (int from = 0; from < keys.size(); from += MAX_KEYS) {
            List<Map<String, AttributeValue>> chunk = new ArrayList<>();
            for (String k : keys.subList(from, Math.min(keys.size(), from + MAX_KEYS))) {
                chunk.add(SuppressionItems.key(k));
            }
            fetch(client, table, consistent, chunk, now, found);
        }
        return found;
    }

    private static void fetch(DynamoDbClient client, String table, boolean consistent,
            List<Map<String, AttributeValue>> chunk, Instant now, Set<String> found) {
        KeysAndAttributes pending = KeysAndAttributes.builder().keys(chunk).consistentRead(consistent).build();
        Duration backoff = FIRST_BACKOFF;
        for (int round = 1; ; round++) {
            KeysAndAttributes request = pending;
            BatchGetItemResponse r;
            try {
                r = client.batchGetItem(b -> b.requestItems(Map.of(table, request)));
            } catch (SdkException e) {
                throw TributaryExceptions.translate(e, "dynamodb.BatchGetItem[" + table + "]");
            }
            for (Map<String, AttributeValue> item : r.responses().getOrDefault(table, List.of())) {
                SuppressionItems.active(item, now).ifPresent(e -> found.add(e.address()));
            }
            KeysAndAttributes left = r.unprocessedKeys().get(table);
            if (left == null || left.keys().isEmpty()) {
                return;
            }
            if (round == MAX_ROUNDS) {
                throw TributaryServiceException.builder()
                        .message("dynamodb.BatchGetItem[" + table + "] left " + left.keys().size() + " key(s)"
                                + " unprocessed after " + MAX_ROUNDS + " rounds; the table is throttled, retry later"
                                + " or raise its capacity")
                        .retryable(true)
                        .throttled(true)
                        .build();
            }
            LOG.debug("[op=suppression.batchGet, table={}, round={}, unprocessed={}] retrying", table, round,
                    left.keys().size());
            sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            pending = left;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TributaryExceptions.translate(e, "dynamodb.BatchGetItem");
        }
    }
}
