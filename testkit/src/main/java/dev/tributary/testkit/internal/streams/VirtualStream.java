package dev.tributary.testkit.internal.streams;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The AWS-shaped view of one real stream: virtual shards in creation order (so parents before children), the
 * records routed into them, and the trim point. Thread-safe: every method holds this object's lock, including
 * while it pulls from the real stream, so concurrent readers see one consistent topology.
 */
public final class VirtualStream {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualStream.class);
    /** Bounds the pulls one GetRecords may trigger when the records keep landing in other shards. */
    private static final int MAX_PULLS_PER_READ = 50;

    private final String streamArn;
    private final RigSettings settings;
    private final RigCounters counters;
    private final RealStreamReader reader;
    private final Random rng;
    private final List<VirtualShard> shards = new ArrayList<>();
    private final Map<String, VirtualShard> byId = new HashMap<>();
    private long pulled;
    private long trimmedBelow;
    private long shardClock;

    /**
     * Creates the view with one open shard covering every key hash; nothing is pulled yet.
     *
     * @param streamArn the real stream's ARN
     * @param delegate reads the real stream
     * @param settings shapes the view
     * @param counters counts what happens
     */
    public VirtualStream(String streamArn, DynamoDbStreamsClient delegate, RigSettings settings, RigCounters counters) {
        this.streamArn = streamArn;
        this.settings = settings;
        this.counters = counters;
        this.reader = new RealStreamReader(delegate, streamArn);
        this.rng = new Random(settings.seed());
        // Shard ids carry a creation-time-like number, as AWS's do; drawn, so a seed fixes them.
        this.shardClock = 1_600_000_000_000L + rng.nextInt(1_000_000_000);
        addShard(null, BigInteger.ZERO, KeyHash.SPACE);
    }

    /** A page of a virtual shard: its records, the index after them, and whether the shard ended there. */
    public record Page(List<Record> records, int next, boolean shardEnded) {}

    /** Returns the shards AWS would list now, parents before children; shards past retention are gone. */
    public synchronized List<Shard> shards() {
        List<Shard> out = new ArrayList<>(shards.size());
        for (VirtualShard s : shards) {
            if (!s.expired(trimmedBelow)) {
                out.add(s.toShard());
            }
        }
        return out;
    }

    /**
     * Resolves a GetShardIterator request to an index in the shard.
     *
     * @param shardId the virtual shard
     * @param type the iterator type
     * @param sequenceNumber required for AT_ and AFTER_SEQUENCE_NUMBER
     * @return the index of the next record to serve
     * @throws software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException unknown or expired shard
     * @throws software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException a trimmed position
     * @throws software.amazon.awssdk.services.dynamodb.model.DynamoDbException ValidationException for a bad request
     */
    public synchronized int position(String shardId, @Nullable ShardIteratorType type, @Nullable String sequenceNumber) {
        VirtualShard s = byId.get(shardId);
        if (s == null || s.expired(trimmedBelow)) {
            throw StreamErrors.notFound("Requested resource not found: Shard does not exist [shard=" + shardId + "]");
        }
        if (type == ShardIteratorType.TRIM_HORIZON) {
            return s.firstUntrimmed(trimmedBelow);
        }
        if (type == ShardIteratorType.LATEST) {
            drain();
            return s.size();
        }
        if (type != ShardIteratorType.AT_SEQUENCE_NUMBER && type != ShardIteratorType.AFTER_SEQUENCE_NUMBER) {
            throw StreamErrors.validation("Invalid ShardIteratorType: " + type);
        }
        BigInteger seq = SequenceNumbers.parse(sequenceNumber);
        if (seq == null) {
            throw StreamErrors.validation("SequenceNumber must be 1 to 40 decimal digits for " + type);
        }
        if (!s.inRange(seq)) {
            throw StreamErrors.validation("Invalid SequenceNumber for shard " + shardId + ": " + sequenceNumber
                    + " is outside the shard's sequence number range");
        }
        int index = s.indexOf(seq, type == ShardIteratorType.AFTER_SEQUENCE_NUMBER);
        if (index < s.firstUntrimmed(trimmedBelow)) {
            throw trimmed("Sequence number " + sequenceNumber + " is past the trim horizon of shard " + shardId);
        }
        return index;
    }

    /**
     * Serves records from an index, pulling from the real stream when the reader is at the end of an open shard.
     *
     * @param shardId the virtual shard
     * @param position the index of the next record
     * @param limit the most records to return
     * @return the page
     * @throws software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException when the position or the
     *     whole shard is past retention
     * @throws software.amazon.awssdk.services.dynamodb.model.DynamoDbException ValidationException when the
     *     iterator does not name a shard of this stream
     */
    public synchronized Page read(String shardId, int position, int limit) {
        VirtualShard s = byId.get(shardId);
        if (s == null || position > s.size()) {
            throw StreamErrors.validation("Invalid ShardIterator");
        }
        if (s.expired(trimmedBelow) || position < s.firstUntrimmed(trimmedBelow)) {
            throw trimmed("The iterator points at records of shard " + shardId + " that are past the trim horizon");
        }
        for (int i = 0; i < MAX_PULLS_PER_READ && position == s.size() && s.open(); i++) {
            if (pullOnce() == 0) {
                break;
            }
        }
        int to = Math.min(s.size(), position + limit);
        List<Record> records = new ArrayList<>(to - position);
        for (VirtualRecord r : s.slice(position, to)) {
            records.add(r.record());
        }
        counters.served.addAndGet(records.size());
        return new Page(records, to, !s.open() && to == s.size());
    }

    /** Closes every open leaf; each gets one child with the same hash range. */
    public synchronized void rollover() {
        for (VirtualShard s : openLeaves()) {
            s.close(rng, pulled);
            addShard(s.id(), s.hashLow(), s.hashHigh());
        }
        counters.rollovers.incrementAndGet();
        LOG.debug("Rolled over [op=rollover, stream={}, recordsPulled={}, shards={}]", streamArn, pulled, shards.size());
    }

    /** Closes every open leaf; each gets two children halving its hash range. */
    public synchronized void split() {
        for (VirtualShard s : openLeaves()) {
            s.close(rng, pulled);
            BigInteger mid = s.hashLow().add(s.hashHigh()).shiftRight(1);
            if (mid.equals(s.hashLow())) {
                // A range of one hash cannot be halved; it rolls over instead.
                addShard(s.id(), s.hashLow(), s.hashHigh());
            } else {
                addShard(s.id(), s.hashLow(), mid);
                addShard(s.id(), mid, s.hashHigh());
            }
        }
        counters.splits.incrementAndGet();
        LOG.debug("Split [op=split, stream={}, recordsPulled={}, shards={}]", streamArn, pulled, shards.size());
    }

    /**
     * Makes the first {@code records} records pulled from the real stream unreachable.
     *
     * @param records how many records, from the start of the stream; capped at those pulled so far
     * @return how many records this call trimmed
     */
    public synchronized long trimBefore(long records) {
        long mark = Math.min(records, pulled);
        if (mark <= trimmedBelow) {
            return 0;
        }
        long trimmed = mark - trimmedBelow;
        trimmedBelow = mark;
        LOG.debug("Trimmed [op=trim, stream={}, trimmedBelow={}]", streamArn, trimmedBelow);
        return trimmed;
    }

    /**
     * Pulls everything the real stream has now.
     *
     * @return how many records were pulled from the real stream since this view was created
     */
    public synchronized long drain() {
        while (pullOnce() > 0) {
            // Keep pulling until the real stream has nothing more.
        }
        return pulled;
    }

    /**
     * Pulls everything the real stream has, then cuts the records still in retention into batches: per shard,
     * parents before children, at most {@code batchSize} records each, never two shards in one batch.
     *
     * @param batchSize the most records per batch
     * @return the batches in delivery order
     */
    public synchronized List<List<Record>> batches(int batchSize) {
        drain();
        List<List<Record>> out = new ArrayList<>();
        for (VirtualShard s : shards) {
            if (s.expired(trimmedBelow)) {
                continue;
            }
            int from = s.firstUntrimmed(trimmedBelow);
            while (from < s.size()) {
                int to = Math.min(s.size(), from + batchSize);
                out.add(s.slice(from, to).stream().map(VirtualRecord::record).toList());
                from = to;
            }
        }
        return out;
    }

    private int pullOnce() {
        List<Record> real = reader.pull();
        for (Record r : real) {
            route(r);
        }
        return real.size();
    }

    private void route(Record real) {
        BigInteger hash = KeyHash.of(real.dynamodb().keys());
        VirtualShard target = null;
        for (VirtualShard s : shards) {
            if (s.open() && s.covers(hash)) {
                target = s;
                break;
            }
        }
        if (target == null) {
            throw new IllegalStateException("No open virtual shard covers a key hash; the topology is broken");
        }
        target.append(real, pulled, rng);
        pulled++;
        counters.pulled.incrementAndGet();
        if (settings.splitEvery() > 0 && pulled % settings.splitEvery() == 0) {
            split();
        } else if (settings.rolloverEvery() > 0 && pulled % settings.rolloverEvery() == 0) {
            rollover();
        }
    }

    private List<VirtualShard> openLeaves() {
        return shards.stream().filter(VirtualShard::open).toList();
    }

    private void addShard(@Nullable String parentId, BigInteger low, BigInteger high) {
        shardClock += 1 + rng.nextInt(3_600_000);
        String id = String.format("shardId-%020d-%08x", shardClock, rng.nextInt());
        VirtualShard s = new VirtualShard(
                id, parentId, low, high, SequenceNumbers.base(rng, settings.minDigits(), settings.maxDigits()));
        shards.add(s);
        byId.put(id, s);
        counters.shards.incrementAndGet();
    }

    private RuntimeException trimmed(String message) {
        counters.trimmedErrors.incrementAndGet();
        return StreamErrors.trimmed(message);
    }
}
