package dev.tributary.dynamo.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
        List<@Nullable Instant> out = new ArrayList<>(records.size());
        Instant before = lastKnown;
        for (int i = 0; i < records.size(); i++) {
            Instant own = created(records.get(i));
            if (own != null) {
                before = own;
                out.add(null);
                continue;
            }
            Instant fallback = before;
            for (int j = i + 1; fallback == null && j < records.size(); j++) {
                fallback = created(records.get(j));
            }
            out.add(fallback);
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

    private static @Nullable Instant created(Record r) {
        return r.dynamodb() == null ? null : r.dynamodb().approximateCreationDateTime();
    }
}
