package dev.tributary.core.support;

import dev.tributary.core.TributaryValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * How often a call is tried and how long to wait in between: {@code maxAttempts} attempts, the first included,
 * with an exponential backoff from {@code initial} up to {@code max}. The settings types that retry
 * ({@code ResilienceSettings}, the capture's {@code FailurePolicy}) keep theirs in one of these, so their
 * builders default and check the attempts and bounds the same way. Immutable.
 *
 * @param maxAttempts attempts including the first
 * @param initial the backoff before the second attempt
 * @param max the longest backoff
 */
public record RetryBackoff(int maxAttempts, Duration initial, Duration max) {
    /** 3 attempts, 100 ms to 5 s: the default of every retrying settings type. */
    public static final RetryBackoff DEFAULTS = new RetryBackoff(3, Duration.ofMillis(100), Duration.ofSeconds(5));

    /**
     * Creates the value; {@link #validate} checks the ranges, so that a builder reports them at build time.
     *
     * @throws NullPointerException naming a missing bound
     */
    public RetryBackoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
    }

    /**
     * Returns a copy with another number of attempts.
     *
     * @param attempts attempts including the first
     * @return the copy
     */
    public RetryBackoff withMaxAttempts(int attempts) {
        return new RetryBackoff(attempts, initial, max);
    }

    /**
     * Returns a copy with other backoff bounds.
     *
     * @param newInitial the backoff before the second attempt
     * @param newMax the longest backoff
     * @return the copy
     * @throws NullPointerException naming a missing bound
     */
    public RetryBackoff withBackoff(Duration newInitial, Duration newMax) {
        return new RetryBackoff(maxAttempts, newInitial, newMax);
    }

    /**
     * Checks at least 1 attempt and {@code 0 <= initial <= max}, with {@code initial > 0} unless
     * {@code zeroBackoffAllowed}.
     *
     * @param zeroBackoffAllowed whether retrying at once is allowed
     * @return this
     * @throws TributaryValidationException naming {@code maxAttempts} or {@code backoff}
     */
    public RetryBackoff validate(boolean zeroBackoffAllowed) {
        if (maxAttempts < 1) {
            throw TributaryValidationException.of("maxAttempts", "must be at least 1 (1 disables retries)");
        }
        boolean initialTooSmall = zeroBackoffAllowed ? initial.isNegative() : initial.isNegative() || initial.isZero();
        if (initialTooSmall || max.compareTo(initial) < 0) {
            throw TributaryValidationException.of("backoff", zeroBackoffAllowed
                    ? "initial must be >= 0 and <= max" : "initial must be positive and not above max");
        }
        return this;
    }
}
