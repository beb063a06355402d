package dev.tributary.dynamo.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Supplies a creation time for stream records that lack one, from their own shard: the last known time
 * before the record, or else the next one after it in the batch. Creation times never decrease along a shard,
 * so the neighbour's time keeps the record's place in the order that versions rely on; the wall clock is never
 * used. One instance per shard reader; not thread-safe.
 */
public final class CreationTimes {
    private @Nullable Instant lastKnown;

    /**
     * Returns, for each record, the time to use when the record has none (null when the record has its own or
     * no neighbour has one), and remembers the batch's last known time.
     *
     * @param records one batch of one shard, in order
     * @return fallbacks, same order
     */
    public List<@Nullable Instant> fallbacks(List<Record> records) {
        return fallbacks(records, CreationTimes::created);
    }

    /**
     * Returns fallbacks as {@link #fallbacks(List)} does, for records of any shape (Lambda's, for one).
     *
     * @param records one batch of one shard, in order
     * @param created reads a record's creation time, null when it has none
     * @param <R> the record type
     * @return fallbacks, same order
     */
    public <R> List<@Nullable Instant> fallbacks(List<R> records, Function<R, @Nullable Instant> created) {
        List<@Nullable Instant> out = new ArrayList<>(records.size());
        Instant before = lastKnown;
        // The next known time at or after each index, filled from the end in one pass.
        @Nullable Instant[] after = new Instant[records.size() + 1];
        for (int i = records.size() - 1; i >= 0; i--) {
            Instant own = created.apply(records.get(i));
            after[i] = own != null ? own : after[i + 1];
        }
        for (int i = 0; i < records.size(); i++) {
            Instant own = created.apply(records.get(i));
            if (own != null) {
                before = own;
                out.add(null);
            } else {
                out.add(before != null ? before : after[i]);
            }
        }
        if (before != null) {
            lastKnown = before;
        }
        return out;
    }

    /** Returns the newest creation time seen in this shard, if any. */
    public @Nullable Instant lastKnown() {
        return lastKnown;
    }

    /**
     * Returns the creation time of the first record that has one, the age of a batch while it waits.
     *
     * @param records a batch
     * @return the time, or null when no record has one
     */
    public static @Nullable Instant firstKnown(List<Record> records) {
        for (Record r : records) {
            Instant t = created(r);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private static @Nullable Instant created(Record r) {
        return r.dynamodb() == null ? null : r.dynamodb().approximateCreationDateTime();
    }
}
