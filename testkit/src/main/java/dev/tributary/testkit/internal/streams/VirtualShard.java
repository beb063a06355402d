package dev.tributary.testkit.internal.streams;

import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * One virtual shard: a hash key range, its records and their sequence numbers. Not thread-safe: its
 * {@link VirtualStream} guards it.
 */
final class VirtualShard {
    private final String id;
    private final @Nullable String parentId;
    private final BigInteger hashLow;
    private final BigInteger hashHigh;
    private final BigInteger startingSequence;
    private final List<VirtualRecord> records = new ArrayList<>();
    private BigInteger lastSequence;
    private @Nullable BigInteger endingSequence;
    private long closedAtPulled = -1;

    /** A shard for hashes in {@code [hashLow, hashHigh)}. */
    VirtualShard(String id, @Nullable String parentId, BigInteger hashLow, BigInteger hashHigh, BigInteger base) {
        this.id = id;
        this.parentId = parentId;
        this.hashLow = hashLow;
        this.hashHigh = hashHigh;
        this.startingSequence = base;
        this.lastSequence = base;
    }

    String id() {
        return id;
    }

    @Nullable String parentId() {
        return parentId;
    }

    BigInteger hashLow() {
        return hashLow;
    }

    BigInteger hashHigh() {
        return hashHigh;
    }

    boolean open() {
        return endingSequence == null;
    }

    int size() {
        return records.size();
    }

    boolean covers(BigInteger hash) {
        return hash.compareTo(hashLow) >= 0 && hash.compareTo(hashHigh) < 0;
    }

    /** Appends a real record under the next sequence number of this shard. */
    void append(Record real, long ordinal, Random rng) {
        lastSequence = SequenceNumbers.next(rng, lastSequence);
        StreamRecord d = real.dynamodb();
        StreamRecord.Builder b = d.toBuilder().sequenceNumber(lastSequence.toString());
        Instant created = d.approximateCreationDateTime();
        if (created != null) {
            b.approximateCreationDateTime(created.truncatedTo(ChronoUnit.SECONDS));
        }
        records.add(new VirtualRecord(real.toBuilder().dynamodb(b.build()).build(), lastSequence, ordinal));
    }

    /** Closes the shard; its ending number lies above its last record's, as AWS's may. */
    void close(Random rng, long pulled) {
        endingSequence = SequenceNumbers.next(rng, lastSequence);
        closedAtPulled = pulled;
    }

    /**
     * True when closed at or before a trim point: every record it held is past retention, and AWS no longer lists
     * such a shard. Nothing expires before the first trim, not even a shard closed before any record was pulled.
     */
    boolean expired(long trimmedBelow) {
        return !open() && trimmedBelow > 0 && closedAtPulled <= trimmedBelow;
    }

    /** True when {@code sequence} lies in this shard's range, so AT/AFTER_SEQUENCE_NUMBER may use it. */
    boolean inRange(BigInteger sequence) {
        return sequence.compareTo(startingSequence) >= 0
                && (endingSequence == null || sequence.compareTo(endingSequence) <= 0);
    }

    /** The index of the first record at or after ({@code after=false}) or after ({@code after=true}) a number. */
    int indexOf(BigInteger sequence, boolean after) {
        int lo = 0;
        int hi = records.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int c = records.get(mid).sequence().compareTo(sequence);
            if (c < 0 || (after && c == 0)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The index of the first record not trimmed; ordinals grow along a shard, so trimmed records are a prefix. */
    int firstUntrimmed(long trimmedBelow) {
        int lo = 0;
        int hi = records.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (records.get(mid).ordinal() < trimmedBelow) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    List<VirtualRecord> slice(int from, int to) {
        return List.copyOf(records.subList(from, to));
    }

    Shard toShard() {
        return Shard.builder()
                .shardId(id)
                .parentShardId(parentId)
                .sequenceNumberRange(r -> r.startingSequenceNumber(startingSequence.toString())
                        .endingSequenceNumber(endingSequence == null ? null : endingSequence.toString()))
                .build();
    }
}
