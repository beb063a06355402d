package dev.tributary.dynamo;

import dev.tributary.core.Resilience;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.dynamo.internal.LedgerDurations;
import dev.tributary.dynamo.internal.StoreTable;
import dev.tributary.dynamo.internal.Tables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * An {@link IdempotencyLedger} in a DynamoDB table, shared by every process that uses the same table.
 *
 * <p>One item per key: {@code pk} (the key, string hash key), {@code status} ({@code CLAIMED} or
 * {@code DONE}), {@code owner} (a random id of this ledger instance), {@code claimedAt} (epoch milliseconds)
 * and {@code expiresAt} (epoch seconds, the table's TTL attribute, {@link Builder#ttl ttl} after the last
 * write). {@link #tryClaim} is one conditional PutItem that succeeds when the item is absent, expired (TTL
 * deletes lazily, so expired items are treated as absent) or a claim older than
 * {@link Builder#claimTimeout claimTimeout}; so of concurrent claimers exactly one wins. {@link #release}
 * deletes the item only while it is still this instance's claim.
 *
 * <p>Create the table once with {@link #createTableIfMissing()}, or with your infrastructure code (hash key
 * {@code pk} of type S, TTL on {@code expiresAt}). Calls run under a {@link Resilience} guard named
 * {@code dynamodb.<table>}. The client is the caller's and is never closed here. Thread-safe.
 *
 * <pre>{@code
 * DynamoDbIdempotencyLedger ledger = DynamoDbIdempotencyLedger.builder()
 *         .client(dynamoDbClient)
 *         .tableName("tributary-idempotency")
 *         .ttl(Duration.ofDays(2))
 *         .build();
 * ledger.createTableIfMissing();
 * ChangeHandler<User> once = IdempotentHandler.wrap(welcomeMailer, ledger);
 * }</pre>
 */
public final class DynamoDbIdempotencyLedger implements IdempotencyLedger {
    /** The table's hash key attribute. */
    public static final String KEY_ATTRIBUTE = "pk";
    /** The table's TTL attribute, in epoch seconds. */
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbIdempotencyLedger.class);
    private static final String CLAIMED = "CLAIMED";
    private static final String DONE = "DONE";

    private final DynamoDbClient client;
    private final String table;
    private final Duration ttl;
    private final Duration claimTimeout;
    private final Clock clock;
    private final Resilience guard;
    private final String owner = UUID.randomUUID().toString();
    /** The token of each claim this ledger holds, for release: one per tryClaim call, reused by its retries. */
    private final java.util.concurrent.ConcurrentMap<String, String> held = new java.util.concurrent.ConcurrentHashMap<>();

    private DynamoDbIdempotencyLedger(Builder b, DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
        this.ttl = b.ttl;
        this.claimTimeout = b.claimTimeout;
        this.clock = b.clock;
        this.guard = b.resilience != null ? b.resilience : Resilience.create("dynamodb." + table, ResilienceSettings.defaults());
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the table name. */
    public String tableName() {
        return table;
    }

    /**
     * Creates the table if it does not exist (on-demand billing), waits until it is ACTIVE and turns on TTL
     * for {@value #TTL_ATTRIBUTE}. Safe to call from several processes at once.
     *
     * @throws dev.tributary.core.TributaryException when DynamoDB refuses or cannot be reached
     */
    public void createTableIfMissing() {
        if (Tables.describe(client, table, guard).isEmpty()) {
            Tables.createAndAwait(client, StoreTable.definition(table, KEY_ATTRIBUTE), guard);
        } else {
            Tables.awaitActive(client, table);
        }
        Tables.enableTtl(client, table, TTL_ATTRIBUTE, guard);
    }

    @Override
    public boolean tryClaim(String key) {
        Instant now = clock.instant();
        // A retried PutItem whose first attempt succeeded but lost its response finds its own claim: the token
        // (this call's, shared by its retries) lets it succeed again, while any other claimer still fails.
        String token = owner + ":" + UUID.randomUUID();
        Map<String, AttributeValue> item = entry(key, CLAIMED, token, "claimedAt", now);
        boolean claimed = guard.execute("dynamodb.PutItem[" + table + "]", () -> {
            try {
                client.putItem(b -> b.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(" + KEY_ATTRIBUTE + ") OR #e < :now"
                                + " OR (#s = :claimed AND #c <= :staleBefore) OR (#s = :claimed AND #o = :token)")
                        .expressionAttributeNames(Map.of("#s", "status", "#c", "claimedAt", "#e", TTL_ATTRIBUTE,
                                "#o", "owner"))
                        .expressionAttributeValues(Map.of(
                                ":now", number(now.getEpochSecond()),
                                ":claimed", AttributeValue.fromS(CLAIMED),
                                ":staleBefore", number(now.minus(claimTimeout).toEpochMilli()),
                                ":token", AttributeValue.fromS(token))));
                return true;
            } catch (ConditionalCheckFailedException taken) {
                return false;
            }
        });
        LOG.debug("Claim attempted [op=tryClaim, table={}, claimed={}]", table, claimed);
        if (claimed) {
            held.put(key, token);
        }
        return claimed;
    }

    @Override
    public boolean isDone(String key) {
        Map<String, AttributeValue> item = guard.execute("dynamodb.GetItem[" + table + "]", () -> client.getItem(b -> b
                .tableName(table)
                .key(Map.of(KEY_ATTRIBUTE, AttributeValue.fromS(requireKey(key))))
                .consistentRead(true)).item());
        if (item == null || !item.containsKey("status")) {
            return false;
        }
        AttributeValue expiresAt = item.get(TTL_ATTRIBUTE);
        boolean expired = expiresAt != null && expiresAt.n() != null
                && Long.parseLong(expiresAt.n()) < clock.instant().getEpochSecond();
        return DONE.equals(item.get("status").s()) && !expired;
    }

    @Override
    public void complete(String key) {
        held.remove(key);
        Instant now = clock.instant();
        Map<String, AttributeValue> item = entry(key, DONE, owner, "completedAt", now);
        guard.execute("dynamodb.PutItem[" + table + "]", () -> client.putItem(b -> b.tableName(table).item(item)));
        LOG.debug("Marked done [op=complete, table={}]", table);
    }

    /** Returns a ledger item: the key's status, who set it and when ({@code timeAttribute}), expiring after the TTL. */
    private Map<String, AttributeValue> entry(
            String key, String status, String setBy, String timeAttribute, Instant now) {
        return Map.of(
                KEY_ATTRIBUTE, AttributeValue.fromS(requireKey(key)),
                "status", AttributeValue.fromS(status),
                "owner", AttributeValue.fromS(setBy),
                timeAttribute, number(now.toEpochMilli()),
                TTL_ATTRIBUTE, number(now.plus(ttl).getEpochSecond()));
    }

    @Override
    public void release(String key) {
        String token = held.remove(requireKey(key));
        if (token == null) {
            LOG.debug("Nothing to release: no claim of this ledger on the key [op=release, table={}]", table);
            return;
        }
        boolean released = guard.execute("dynamodb.DeleteItem[" + table + "]", () -> {
            try {
                client.deleteItem(b -> b.tableName(table)
                        .key(Map.of(KEY_ATTRIBUTE, AttributeValue.fromS(requireKey(key))))
                        .conditionExpression("#s = :claimed AND #o = :me")
                        .expressionAttributeNames(Map.of("#s", "status", "#o", "owner"))
                        .expressionAttributeValues(Map.of(
                                ":claimed", AttributeValue.fromS(CLAIMED), ":me", AttributeValue.fromS(token))));
                return true;
            } catch (ConditionalCheckFailedException notOurs) {
                // Done meanwhile, or taken over after our claim went stale: leave it alone.
                return false;
            }
        });
        LOG.debug("Release attempted [op=release, table={}, released={}]", table, released);
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static String requireKey(@Nullable String key) {
        if (key == null || key.isEmpty()) {
            throw TributaryValidationException.of("key", "must be a non-empty string");
        }
        return key;
    }

    @Override
    public String toString() {
        return "DynamoDbIdempotencyLedger[table=" + table + ", ttl=" + ttl + ", claimTimeout=" + claimTimeout + "]";
    }

    /** Builds a {@link DynamoDbIdempotencyLedger}; validates at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private @Nullable DynamoDbClient client;
        private @Nullable String tableName;
        private Duration ttl = Duration.ofHours(48);
        private Duration claimTimeout = Duration.ofMinutes(5);
        private Clock clock = Clock.systemUTC();
        private @Nullable Resilience resilience;

        private Builder() {}

        /** Sets the DynamoDB client; required, never closed by the ledger. */
        public Builder client(DynamoDbClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Sets the table name; required. */
        public Builder tableName(String tableName) {
            this.tableName = Objects.requireNonNull(tableName, "tableName");
            return this;
        }

        /**
         * Sets how long claims and done keys are kept (the TTL written to {@value #TTL_ATTRIBUTE}); default
         * 48 hours, which outlasts DynamoDB Streams' 24-hour retention.
         */
        public Builder ttl(Duration ttl) {
            this.ttl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /**
         * Sets after how long a claim counts as abandoned by a crashed worker and may be taken over; default
         * 5 minutes. Make it longer than the slowest side effect, or a slow worker's event runs twice.
         */
        public Builder claimTimeout(Duration claimTimeout) {
            this.claimTimeout = Objects.requireNonNull(claimTimeout, "claimTimeout");
            return this;
        }

        /** Sets the clock used for claim and expiry times; for tests. Default: the UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Sets the resilience guard to share; default: a new one named {@code dynamodb.<table>}. */
        public Builder resilience(@Nullable Resilience resilience) {
            this.resilience = resilience;
            return this;
        }

        /**
         * Validates and builds the ledger.
         *
         * @return the ledger
         * @throws TributaryValidationException naming the missing or bad field
         */
        public DynamoDbIdempotencyLedger build() {
            if (client == null) {
                throw TributaryValidationException.of("client", "is required: pass the DynamoDbClient to use");
            }
            if (tableName == null || tableName.isBlank()) {
                throw TributaryValidationException.of("tableName", "is required, for example \"tributary-idempotency\"");
            }
            LedgerDurations.validate(claimTimeout, ttl);
            return new DynamoDbIdempotencyLedger(this, client, tableName);
        }
    }
}
