package dev.tributary.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A UTC {@link Clock} that a test moves by hand, for facades that take a {@code clock(Clock)} setting: expiry,
 * lag and retention are tested without sleeping.
 *
 * <p>Thread-safe: the current instant is volatile, so a background thread of the code under test sees every
 * {@link #advance} at once. {@link #withZone} returns this same clock (it is always UTC), so moving it moves
 * every view of it.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
 * ledger = DynamoDbIdempotencyLedger.builder(dynamo, table).clock(clock).build();
 * clock.advance(Duration.ofHours(49));   // the claim is now stale
 * }</pre>
 */
public final class MutableClock extends Clock {
    private volatile Instant now;

    private MutableClock(Instant start) {
        this.now = start;
    }

    /**
     * Returns a clock that stands at {@code start} until moved.
     *
     * @param start the first instant the clock reads
     * @return the clock
     */
    public static MutableClock at(Instant start) {
        return new MutableClock(Objects.requireNonNull(start, "start"));
    }

    /**
     * Moves the clock forward (or back, for a negative duration).
     *
     * @param duration how far to move
     */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        synchronized (this) {
            now = now.plus(duration);
        }
    }

    /**
     * Sets the clock to {@code instant}.
     *
     * @param instant the instant the clock reads from now on
     */
    public void set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
    }

    /** Returns {@link ZoneOffset#UTC}. */
    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Returns this clock: it reads UTC instants, so a zone changes nothing a facade reads. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** Returns the instant the clock stands at. */
    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public String toString() {
        return "MutableClock[" + now + "]";
    }
}
