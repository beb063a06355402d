package dev.tributary.testkit.internal.streams;

import java.util.concurrent.atomic.AtomicLong;

/** What a rig did, summed over its streams. Thread-safe. */
public final class RigCounters {
    /** Injected {@code LimitExceededException}s. */
    public final AtomicLong throttles = new AtomicLong();
    /** {@code ExpiredIteratorException}s, injected or for iterators past their lifetime. */
    public final AtomicLong expiredIterators = new AtomicLong();
    /** {@code TrimmedDataAccessException}s. */
    public final AtomicLong trimmedErrors = new AtomicLong();
    /** Rollovers, each closing every open shard of a stream. */
    public final AtomicLong rollovers = new AtomicLong();
    /** Splits, each closing every open shard of a stream. */
    public final AtomicLong splits = new AtomicLong();
    /** Virtual shards created. */
    public final AtomicLong shards = new AtomicLong();
    /** Records returned by GetRecords. */
    public final AtomicLong served = new AtomicLong();
    /** Records pulled from the real streams. */
    public final AtomicLong pulled = new AtomicLong();
}
