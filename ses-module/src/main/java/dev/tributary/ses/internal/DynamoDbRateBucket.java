package dev.tributary.ses.internal;

import dev.tributary.core.TributaryRejectedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * A send-rate schedule shared through one DynamoDB item: the generic cell rate algorithm (GCRA). The item
 * holds {@code tat}, the theoretical arrival time, in epoch microseconds: the end of the last slot anyone
 * reserved. Reserving n permits moves {@code tat} forward by n intervals of 1/rate with a conditional write and
 * gives the caller the slot {@code [old tat, new tat)}; when {@code tat} lies in the past (nobody sent lately)
 * the slot starts now. Slots never overlap, so all holders together never exceed the rate; any holder with
 * demand takes the next slot, so the rate is used. Thread-safe; the client is the caller's.
 *
 * <p>Two writes decide every reservation without a read first: {@code SET tat = tat + :d} if
 * {@code tat BETWEEN :now AND :latest} (busy: the common case under load, one round trip), else
 * {@code SET tat = :now + :d} if the item is absent or {@code tat < :now} (idle). A failed condition returns
 * the item, which tells which case holds. A slot never starts more than {@code reserveAhead} from now: when the
 * schedule is full further ahead the caller waits and tries again, which bounds what a dead holder can waste.
 */
public final class DynamoDbRateBucket {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbRateBucket.class);
    static final String KEY = "pk";
    static final String TAT = "tat";

    private final DynamoDbClient client;
    private final String table;
    private final String key;
    private final Duration reserveAhead;
    private final Clock clock;

    /**
     * Creates the bucket.
     *
     * @param client the caller's client, never closed here
     * @param table the table, partition key {@code pk} (string)
     * @param key the item shared by everyone pacing one account and region
     * @param reserveAhead how far ahead a slot may start
     * @param clock the clock; all holders' clocks must agree (NTP)
     */
    public DynamoDbRateBucket(DynamoDbClient client, String table, String key, Duration reserveAhead, Clock clock) {
        this.client = client;
        this.table = table;
        this.key = key;
        this.reserveAhead = reserveAhead;
        this.clock = clock;
    }

    /**
     * Reserves {@code permits} consecutive slots at {@code perSecond}.
     *
     * @param permits how many messages (recipients) the slot is for, at least 1
     * @param perSecond the shared maximum rate
     * @param maxWait how long the caller may wait in total, for the slot and for room in the schedule
     * @return the start of the slot: send at or after this instant
     * @throws TributaryRejectedException (RATE_LIMITED) when no slot starts within {@code maxWait}, or the table
     *     cannot be written (nothing may be sent then: the other holders' share is unknown)
     */
    public Instant reserve(int permits, double perSecond, Duration maxWait) {
        long intervalMicros = (long) Math.ceil(1_000_000.0 / perSecond);
        long span = intervalMicros * permits;
        long deadline = micros(clock.instant()) + maxWait.toNanos() / 1_000;
        long aheadMicros = reserveAhead.toNanos() / 1_000;
        while (true) {
            long now = micros(clock.instant());
            long latestStart = Math.min(now + aheadMicros, deadline);
            @Nullable Long current;
            try {
                UpdateItemResponse r = client.updateItem(b -> b.tableName(table).key(key())
                        .updateExpression("SET #t = #t + :d")
                        .conditionExpression("#t BETWEEN :now AND :latest")
                        .expressionAttributeNames(Map.of("#t", TAT))
                        .expressionAttributeValues(Map.of(":d", n(span), ":now", n(now), ":latest", n(latestStart)))
                        .returnValues(ReturnValue.UPDATED_NEW)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return instant(Long.parseLong(r.attributes().get(TAT).n()) - span);
            } catch (ConditionalCheckFailedException e) {
                current = e.hasItem() && e.item().containsKey(TAT) ? Long.parseLong(e.item().get(TAT).n()) : null;
            } catch (SdkException e) {
                throw unavailable(e);
            }
            if (current == null || current < now) {
                if (startIdle(now, span)) {
                    return instant(now);
                }
                continue; // someone else reserved first: the busy path now applies
            }
            // Full beyond reserveAhead (or the deadline): wait until the schedule's end comes within reach.
            long sleepMicros = current - latestStart;
            if (now + aheadMicros >= deadline || now + sleepMicros > deadline) {
                throw TributaryRejectedException.of(TributaryRejectedException.Reason.RATE_LIMITED,
                        "No shared SES send-rate slot within " + maxWait + " at " + perSecond + " messages/s across"
                                + " all instances; nothing was sent. Send less at once or raise the permit timeout",
                        null);
            }
            LOG.debug("Shared send-rate schedule full, waiting [table={}, waitMs={}]", table, sleepMicros / 1_000);
            sleep(Math.max(1_000, sleepMicros));
        }
    }

    private boolean startIdle(long now, long span) {
        try {
            client.updateItem(b -> b.tableName(table).key(key())
                    .updateExpression("SET #t = :tat")
                    .conditionExpression("attribute_not_exists(#t) OR #t < :now")
                    .expressionAttributeNames(Map.of("#t", TAT))
                    .expressionAttributeValues(Map.of(":tat", n(now + span), ":now", n(now))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw unavailable(e);
        }
    }

    private TributaryRejectedException unavailable(SdkException e) {
        return TributaryRejectedException.of(TributaryRejectedException.Reason.RATE_LIMITED,
                "The shared SES send-rate table " + table + " could not be written (" + e.getClass().getSimpleName()
                        + "); nothing was sent, since the other instances' use of the rate is unknown. Check the"
                        + " table and the dynamodb:UpdateItem permission", e);
    }

    private Map<String, AttributeValue> key() {
        return Map.of(KEY, AttributeValue.fromS(key));
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private static void sleep(long micros) {
        try {
            Thread.sleep(micros / 1_000, (int) (micros % 1_000) * 1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TributaryRejectedException.of(TributaryRejectedException.Reason.RATE_LIMITED,
                    "Interrupted while waiting for a shared SES send-rate slot; nothing was sent", e);
        }
    }
}
