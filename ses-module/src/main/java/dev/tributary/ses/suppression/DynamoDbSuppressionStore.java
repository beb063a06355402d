package dev.tributary.ses.suppression;

import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryExceptions;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.suppression.internal.Addresses;
import dev.tributary.ses.suppression.internal.BatchLookup;
import dev.tributary.ses.suppression.internal.SuppressionItems;
import dev.tributary.ses.suppression.internal.SuppressionTable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A durable {@link SuppressionStore} in a DynamoDB table, shared by every instance of a service.
 *
 * <p>Hard bounces and complaints are kept until {@linkplain #remove removed}; transient bounces
 * ({@link #suppressUntil}) carry an {@code expiresAt} attribute in epoch seconds, the table's Time to Live
 * attribute. DynamoDB deletes expired items lazily (often days later), so every read also treats an expired
 * entry as absent. A temporary entry never replaces a permanent one.
 *
 * <p><b>Normalisation.</b> Addresses are stored {@linkplain SuppressionList#normalize normalised}: the bare
 * address, trimmed, with domain <em>and local part</em> lower-cased. RFC 5321 allows case-sensitive local
 * parts, but no mainstream mailbox provider treats them so and SES's own suppression list matches
 * case-insensitively; lower-casing keeps one person from being listed twice and from slipping past the list
 * with different capitals. Anything that is not {@code local@domain} is refused with a
 * {@link TributaryValidationException} before any call.
 *
 * <p><b>Table.</b> Partition key {@code address} (S); attributes {@code reason} (S), {@code at} (S, ISO-8601),
 * {@code expiresAt} (N, temporary entries only). {@link #ensureTable()} creates it on demand (pay per request)
 * with TTL on {@code expiresAt}; or create it with your infrastructure code in that shape.
 *
 * <p>Addresses and item values are never logged nor put in exception messages. SDK errors are translated to
 * {@link TributaryException}s with {@code retryable()} set; retries are the client's own. The DynamoDB client is
 * the caller's and is never closed. Thread-safe.
 *
 * <pre>{@code
 * DynamoDbSuppressionStore store = DynamoDbSuppressionStore.builder()
 *         .dynamoDbClient(dynamoDbClient)
 *         .tableName("ses-suppression")
 *         .build();
 * store.ensureTable();                               // once, at deploy or start-up
 * SuppressionPolicy policy = SuppressionPolicy.builder()
 *         .store(store)
 *         .suppressTransientBouncesFor(Duration.ofDays(3))
 *         .build();
 * List<String> skip = store.suppressedAmong(recipients);   // BatchGetItem, 100 keys a call
 * }</pre>
 */
public final class DynamoDbSuppressionStore implements SuppressionStore {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbSuppressionStore.class);
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    /** Replace an item only when it is absent or itself temporary: a transient bounce never downgrades. */
    private static final String ONLY_TEMPORARY = "attribute_not_exists(#a) OR attribute_exists(#e)";

    private final DynamoDbClient client;
    private final String table;
    private final Clock clock;
    private final boolean consistentReads;

    private DynamoDbSuppressionStore(Builder b) {
        this.client = Objects.requireNonNull(b.client);
        this.table = Objects.requireNonNull(b.table);
        this.clock = b.clock;
        this.consistentReads = b.consistentReads;
    }

    /** Returns a builder; a DynamoDB client and a table name are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the table name. */
    public String tableName() {
        return table;
    }

    /**
     * Creates the table if it does not exist (on-demand capacity), waits until it is ACTIVE and turns Time to
     * Live on for {@code expiresAt}. Safe to call from several processes at once. Needs
     * {@code dynamodb:CreateTable}, {@code DescribeTable}, {@code DescribeTimeToLive} and
     * {@code UpdateTimeToLive}.
     *
     * @return this store
     * @throws TributaryException when a call fails or the table does not become ACTIVE within 5 minutes
     */
    public DynamoDbSuppressionStore ensureTable() {
        SuppressionTable.ensure(client, table);
        return this;
    }

    /**
     * {@inheritDoc}
     *
     * @throws TributaryValidationException when the address is not {@code local@domain}
     * @throws TributaryException when the read fails
     */
    @Override
    public boolean isSuppressed(String address) {
        return find(address).isPresent();
    }

    /**
     * Returns the suppressed addresses among {@code addresses} with BatchGetItem (100 keys a request,
     * unprocessed keys retried with backoff): one round trip per hundred recipients of a bulk send.
     *
     * @param addresses the recipients, in any form {@link SuppressionList#normalize} accepts
     * @return the suppressed ones, in their given order and form
     * @throws TributaryValidationException when an address is not {@code local@domain} (nothing is read)
     * @throws TributaryException when a read fails or keys stay unprocessed after 8 rounds (retryable)
     */
    @Override
    public List<String> suppressedAmong(Collection<String> addresses) {
        Set<String> keys = new LinkedHashSet<>();
        for (String a : addresses) {
            keys.add(Addresses.key(a));
        }
        if (keys.isEmpty()) {
            return List.of();
        }
        Set<String> found = BatchLookup.activeKeys(client, table, consistentReads, List.copyOf(keys), clock.instant());
        List<String> out = new ArrayList<>();
        for (String a : addresses) {
            if (found.contains(SuppressionList.normalize(a))) {
                out.add(a);
            }
        }
        LOG.debug("[op=suppression.batchGet, table={}, asked={}, suppressed={}]", table, keys.size(), out.size());
        return out;
    }

    /**
     * {@inheritDoc}
     *
     * @throws TributaryValidationException when the address is not {@code local@domain}
     * @throws TributaryException when the read fails
     */
    @Override
    public Optional<SuppressedAddress> find(String address) {
        String key = Addresses.key(address);
        try {
            Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table)
                    .key(SuppressionItems.key(key))
                    .consistentRead(consistentReads)).item();
            return SuppressionItems.active(item, clock.instant());
        } catch (SdkException e) {
            throw TributaryExceptions.translate(e, "dynamodb.GetItem[" + table + "]");
        }
    }

    /**
     * {@inheritDoc} Replaces a temporary entry.
     *
     * @throws TributaryValidationException when the address is not {@code local@domain}
     * @throws TributaryException when the write fails
     */
    @Override
    public void suppress(String address, SuppressionReason reason, Instant at) {
        SuppressedAddress entry = Addresses.permanent(address, reason, at);
        try {
            client.putItem(b -> b.tableName(table).item(SuppressionItems.item(entry)));
        } catch (SdkException e) {
            throw TributaryExceptions.translate(e, "dynamodb.PutItem[" + table + "]");
        }
        LOG.debug("[op=suppression.put, table={}, reason={}, permanent=true]", table, reason);
    }

    /**
     * {@inheritDoc}
     *
     * @throws TributaryValidationException when the address is not {@code local@domain}
     * @throws TributaryException when the write fails
     */
    @Override
    public void suppressUntil(String address, SuppressionReason reason, Instant at, Instant expiresAt) {
        SuppressedAddress entry = Addresses.temporary(address, reason, at, expiresAt);
        try {
            client.putItem(b -> b.tableName(table)
                    .item(SuppressionItems.item(entry))
                    .conditionExpression(ONLY_TEMPORARY)
                    .expressionAttributeNames(Map.of("#a", SuppressionItems.ADDRESS, "#e", SuppressionItems.EXPIRES_AT)));
            LOG.debug("[op=suppression.put, table={}, reason={}, permanent=false]", table, reason);
        } catch (ConditionalCheckFailedException permanent) {
            LOG.debug("[op=suppression.put, table={}] kept the permanent entry", table);
        } catch (SdkException e) {
            throw TributaryExceptions.translate(e, "dynamodb.PutItem[" + table + "]");
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws TributaryValidationException when the address is not {@code local@domain}
     * @throws TributaryException when the delete fails
     */
    @Override
    public void remove(String address) {
        String key = Addresses.key(address);
        try {
            client.deleteItem(b -> b.tableName(table).key(SuppressionItems.key(key)));
        } catch (SdkException e) {
            throw TributaryExceptions.translate(e, "dynamodb.DeleteItem[" + table + "]");
        }
        LOG.debug("[op=suppression.remove, table={}]", table);
    }

    /**
     * Scans the table and passes every active entry to {@code action}; expired entries are skipped. Reads the
     * whole table (1 MB a page): meant for reconciliation and exports, not the sending path.
     *
     * @throws TributaryException when a scan page fails
     */
    @Override
    public void forEachEntry(Consumer<SuppressedAddress> action) {
        Objects.requireNonNull(action, "action");
        Instant now = clock.instant();
        try {
            for (Map<String, AttributeValue> item : client.scanPaginator(b -> b.tableName(table)
                    .consistentRead(consistentReads)).items()) {
                SuppressionItems.active(item, now).ifPresent(action);
            }
        } catch (SdkException e) {
            throw TributaryExceptions.translate(e, "dynamodb.Scan[" + table + "]");
        }
    }

    @Override
    public String toString() {
        return "DynamoDbSuppressionStore[table=" + table + "]";
    }

    /** Builds a {@link DynamoDbSuppressionStore}; validates at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private @Nullable DynamoDbClient client;
        private @Nullable String table;
        private Clock clock = Clock.systemUTC();
        private boolean consistentReads;

        private Builder() {}

        /** Sets the client (required); the store never closes it. */
        public Builder dynamoDbClient(DynamoDbClient client) {
            this.client = client;
            return this;
        }

        /** Sets the table name (required): 3 to 255 of {@code a-z A-Z 0-9 _ . -}. */
        public Builder tableName(String tableName) {
            this.table = tableName;
            return this;
        }

        /** Sets the clock that decides whether a temporary entry has expired; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Reads with strong consistency (twice the read cost) so a write is seen at once by every reader;
         * off by default, when a new entry is visible everywhere within about a second.
         */
        public Builder consistentReads(boolean consistentReads) {
            this.consistentReads = consistentReads;
            return this;
        }

        /**
         * Validates and builds the store; makes no call.
         *
         * @return the store
         * @throws TributaryValidationException naming the field when the client or table name is missing or
         *     the name is not a valid DynamoDB table name
         */
        public DynamoDbSuppressionStore build() {
            if (client == null) {
                throw TributaryValidationException.of("dynamoDbClient", "is required; pass a DynamoDbClient");
            }
            if (table == null || !TABLE_NAME.matcher(table).matches()) {
                throw TributaryValidationException.of("tableName", "must be 3 to 255 characters of a-z, A-Z, 0-9,"
                        + " '_', '.' and '-'");
            }
            return new DynamoDbSuppressionStore(this);
        }
    }
}
