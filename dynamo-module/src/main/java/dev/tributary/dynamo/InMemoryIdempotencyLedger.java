package dev.tributary.dynamo;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.dynamo.internal.LedgerDurations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link IdempotencyLedger} in memory: guards one process only, and forgets everything on restart. For
 * tests, and for single-instance consumers that want to drop redeliveries within a run. Expired entries are
 * purged now and then while claiming. Thread-safe.
 *
 * <pre>{@code
 * ChangeHandler<User> once = IdempotentHandler.wrap(handler, InMemoryIdempotencyLedger.create());
 * }</pre>
 */
public final class InMemoryIdempotencyLedger implements IdempotencyLedger {
    private static final int PURGE_EVERY = 1024;

    private enum Status { CLAIMED, DONE }

    private record Entry(Status status, Instant claimedAt, Instant expiresAt) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong claims = new AtomicLong();
    private final Duration claimTimeout;
    private final Duration ttl;
    private final Clock clock;

    private InMemoryIdempotencyLedger(Builder b) {
        this.claimTimeout = b.claimTimeout;
        this.ttl = b.ttl;
        this.clock = b.clock;
    }

    /** Returns a ledger with a 5-minute claim timeout and a 48-hour time to live. */
    public static InMemoryIdempotencyLedger create() {
        return builder().build();
    }

    /** Returns a builder with the defaults of {@link #create()}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean tryClaim(String key) {
        Objects.requireNonNull(key, "key");
        if (claims.incrementAndGet() % PURGE_EVERY == 0) {
            Instant now = clock.instant();
            entries.values().removeIf(e -> !e.expiresAt().isAfter(now));
        }
        boolean[] claimed = {false};
        entries.compute(key, (k, current) -> {
            Instant now = clock.instant();
            if (current == null || claimable(current, now)) {
                claimed[0] = true;
                return new Entry(Status.CLAIMED, now, now.plus(ttl));
            }
            return current;
        });
        return claimed[0];
    }

    private boolean claimable(Entry e, Instant now) {
        return !e.expiresAt().isAfter(now)
                || (e.status() == Status.CLAIMED && !e.claimedAt().plus(claimTimeout).isAfter(now));
    }

    @Override
    public boolean isDone(String key) {
        Entry e = entries.get(Objects.requireNonNull(key, "key"));
        return e != null && e.status() == Status.DONE && e.expiresAt().isAfter(clock.instant());
    }

    @Override
    public void complete(String key) {
        Instant now = clock.instant();
        entries.put(Objects.requireNonNull(key, "key"), new Entry(Status.DONE, now, now.plus(ttl)));
    }

    @Override
    public void release(String key) {
        entries.computeIfPresent(Objects.requireNonNull(key, "key"),
                (k, e) -> e.status() == Status.CLAIMED ? null : e);
    }

    /** Returns how many keys are held, claimed or done, including expired ones not yet purged. */
    public int size() {
        return entries.size();
    }

    /** Builds an {@link InMemoryIdempotencyLedger}; validates at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private Duration claimTimeout = Duration.ofMinutes(5);
        private Duration ttl = Duration.ofHours(48);
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * Sets after how long a claim counts as abandoned and may be taken over; default 5 minutes. Make it
         * longer than the slowest side effect, or a slow worker's event runs twice.
         *
         * @param claimTimeout a positive duration
         * @return this builder
         */
        public Builder claimTimeout(Duration claimTimeout) {
            this.claimTimeout = Objects.requireNonNull(claimTimeout, "claimTimeout");
            return this;
        }

        /**
         * Sets how long claims and done keys are remembered; default 48 hours.
         *
         * @param ttl a positive duration longer than the claim timeout
         * @return this builder
         */
        public Builder ttl(Duration ttl) {
            this.ttl = Objects.requireNonNull(ttl, "ttl");
            return this;
        }

        /**
         * Sets the clock; for tests.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Validates and builds the ledger.
         *
         * @return the ledger
         * @throws TributaryValidationException when a duration is not positive or {@code ttl} is not longer
         *     than {@code claimTimeout}
         */
        public InMemoryIdempotencyLedger build() {
            LedgerDurations.validate(claimTimeout, ttl);
            return new InMemoryIdempotencyLedger(this);
        }
    }
}
