package dev.tributary.ses;

import dev.tributary.core.TributaryRejectedException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.internal.DynamoDbRateBucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The account's maximum send rate, shared by mailers in many processes through one DynamoDB item, so that all
 * instances of a service together stay within it and still use it. Pass it to
 * {@link SesOptions.Builder#sharedSendRate(SharedSendRate)}; the rate itself still comes from GetAccount (or
 * {@link SesOptions.Builder#maxSendRate(double)}), the same in every instance.
 *
 * <pre>{@code
 * SharedSendRate shared = SharedSendRate.dynamoDb(dynamoDbClient, "ses-send-rate").key("prod/eu-west-1").build();
 * SesMailer mailer = SesMailer.builder().client(sesV2Client)
 *         .options(SesOptions.builder().sharedSendRate(shared).build())
 *         .build();
 * }</pre>
 *
 * <h2>How and why</h2>
 * The instances share a schedule rather than split the rate: the item holds the end of the last reserved send
 * slot, and a mailer that wants to send n messages moves it forward by n/rate seconds with a conditional write
 * (the generic cell rate algorithm), then sends at the start of its slot. Leased shares (rate/N per live
 * instance, renewed by heartbeats) were the alternative; the schedule was chosen because:
 * <ul>
 *   <li><b>Never above the maximum, in aggregate.</b> Slots come from one conditional write each and never
 *       overlap, so in any interval all instances together get at most rate x interval permits (plus one
 *       slot's rounding). Shares leased per instance exceed the rate while instances join, because the others
 *       keep their old, larger share until their next heartbeat.</li>
 *   <li><b>Still uses it.</b> Any instance with demand takes the next free slot, so the rate is used as long as
 *       any instance has mail to send; equal shares leave the idle instances' share unused.</li>
 *   <li><b>Survives dead instances without waiting for leases.</b> A dead instance holds nothing but the slots
 *       it reserved and did not use: at most {@link Builder#reserveAhead(Duration) reserveAhead} (default 1 s)
 *       of the schedule, since no slot is handed out further ahead (callers wait and ask again instead). The
 *       others keep sending throughout and are back at the full rate once that much time has passed. Leases
 *       would leave a dead instance's share unused until its lease expired.</li>
 * </ul>
 * Costs and limits: one conditional UpdateItem per send call (a bulk call of 50 recipients is one), on one
 * item; DynamoDB serves about 1,000 writes per second on one item, so this suits SES rates up to several
 * hundred messages per second. The instances' clocks must agree (NTP; a skew of d lets slots overlap by d).
 * When the table cannot be written, sends are refused ({@link TributaryRejectedException}, nothing sent)
 * rather than sent unpaced. The async mailer makes this DynamoDB call (and, when the schedule is full more than
 * {@code reserveAhead} ahead, the wait for room in it) on the thread that calls send or starts a retry; the
 * wait for the slot itself runs on a timer.
 *
 * <p>The table needs a string partition key named {@code pk} ({@link #createTable} makes one). Immutable and
 * thread-safe; the DynamoDB client is the caller's and is never closed.
 */
public final class SharedSendRate {
    private final String tableName;
    private final String key;
    private final Duration reserveAhead;
    private final DynamoDbRateBucket bucket;

    private SharedSendRate(Builder b) {
        this.tableName = b.tableName;
        this.key = b.key;
        this.reserveAhead = b.reserveAhead;
        this.bucket = new DynamoDbRateBucket(b.client, b.tableName, b.key, b.reserveAhead, b.clock);
    }

    /**
     * Returns a builder for a rate shared through {@code tableName}.
     *
     * @param client a DynamoDB client the caller owns (give it an API call timeout)
     * @param tableName a table with a string partition key {@code pk}
     * @return the builder
     */
    public static Builder dynamoDb(DynamoDbClient client, String tableName) {
        return new Builder(Objects.requireNonNull(client, "client"), Objects.requireNonNull(tableName, "tableName"));
    }

    /**
     * Creates an on-demand table with the partition key {@code pk} and waits until it is active.
     *
     * @param client the caller's client
     * @param tableName the table to create
     * @throws software.amazon.awssdk.services.dynamodb.model.ResourceInUseException when it exists
     */
    public static void createTable(DynamoDbClient client, String tableName) {
        client.createTable(b -> b.tableName(tableName).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
        client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
    }

    /**
     * Reserves a send slot for {@code permits} messages at {@code perSecond} across every holder of the same
     * table and key. The mailers call this; use it directly to pace other senders on the same account.
     *
     * @param permits messages (recipients) to send, at least 1
     * @param perSecond the account's maximum send rate
     * @param maxWait how long the caller will wait for its slot
     * @return when the slot starts: send at or after this instant
     * @throws TributaryRejectedException when no slot starts within {@code maxWait} or the table cannot be
     *     written
     */
    public Instant reserve(int permits, double perSecond, Duration maxWait) {
        if (permits < 1 || !(perSecond > 0)) {
            throw TributaryValidationException.of("permits", "needs at least 1 permit at a positive rate");
        }
        return bucket.reserve(permits, perSecond, maxWait);
    }

    /** Returns the table name. */
    public String tableName() {
        return tableName;
    }

    /** Returns the item key that the sharing instances agree on. */
    public String key() {
        return key;
    }

    /** Returns how far ahead a slot may start. */
    public Duration reserveAhead() {
        return reserveAhead;
    }

    @Override
    public String toString() {
        return "SharedSendRate[table=" + tableName + ", key=" + key + ", reserveAhead=" + reserveAhead + "]";
    }

    /** Builds a {@link SharedSendRate}; validates at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private final DynamoDbClient client;
        private final String tableName;
        private String key = "ses-send-rate";
        private Duration reserveAhead = Duration.ofSeconds(1);
        private Clock clock = Clock.systemUTC();

        private Builder(DynamoDbClient client, String tableName) {
            this.client = client;
            this.tableName = tableName;
        }

        /** Sets the item key; every instance sending for one account and region must use the same key. */
        public Builder key(String key) {
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * Sets how far ahead a slot may start (default 1 s): what a dead instance can waste at most, and the
         * longest a reserved slot waits. Larger values need fewer retries under heavy contention.
         */
        public Builder reserveAhead(Duration reserveAhead) {
            this.reserveAhead = Objects.requireNonNull(reserveAhead, "reserveAhead");
            return this;
        }

        /** Sets the clock (tests); all instances' clocks must agree. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the shared rate
         * @throws TributaryValidationException naming the invalid field
         */
        public SharedSendRate build() {
            if (tableName.length() < 3 || tableName.length() > 255 || !tableName.matches("[A-Za-z0-9_.-]+")) {
                throw TributaryValidationException.of("tableName", "must be a DynamoDB table name: 3-255 of"
                        + " letters, digits, '_', '-', '.'");
            }
            if (key.isEmpty() || key.length() > 1024) {
                throw TributaryValidationException.of("key", "must be 1-1024 characters");
            }
            if (reserveAhead.compareTo(Duration.ofMillis(10)) < 0 || reserveAhead.compareTo(Duration.ofMinutes(1)) > 0) {
                throw TributaryValidationException.of("reserveAhead", "must be between 10 ms and 1 minute");
            }
            return new SharedSendRate(this);
        }
    }
}
