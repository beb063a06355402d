package dev.tributary.dynamo;

import dev.tributary.core.TributaryValidationException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ChangeCapture} does when a handler refuses a batch: retry it with exponential backoff, then
 * either stop the shard (nothing is skipped, the capture waits for an operator), or bisect the batch to
 * isolate the poison records, send each to a dead-letter destination with its full context and move on.
 * Bisection tries each half once: a failure that survived the retries is taken as deterministic. Immutable.
 *
 * <pre>{@code
 * FailurePolicy.deadLetter(record -> log.error("poison {}", record.event().eventId()))
 * FailurePolicy.builder().maxAttempts(5).backoff(Duration.ofMillis(200), Duration.ofSeconds(10)).stopShard().build()
 * }</pre>
 */
public final class FailurePolicy {
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final @Nullable DeadLetterDestination deadLetters;

    private FailurePolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.deadLetters = b.deadLetters;
    }

    /** Returns a builder: 3 attempts, 100 ms to 5 s backoff, stop the shard when retries are exhausted. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the default policy: 3 attempts, then stop the shard. */
    public static FailurePolicy stopShard() {
        return builder().build();
    }

    /**
     * Returns a policy of 3 attempts, then bisect and dead-letter poison records.
     *
     * @param destination receives each poison record
     * @return the policy
     */
    public static FailurePolicy deadLetter(DeadLetterDestination destination) {
        return builder().deadLetter(destination).build();
    }

    /** Returns the attempts per batch, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Returns the first backoff. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** Returns the longest backoff. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Returns the dead-letter destination; empty means the shard stops. */
    public Optional<DeadLetterDestination> deadLetters() {
        return Optional.ofNullable(deadLetters);
    }

    /** Builds a {@link FailurePolicy}. Not thread-safe. */
    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private @Nullable DeadLetterDestination deadLetters;

        private Builder() {}

        /** Sets the attempts per batch including the first. */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Sets the exponential backoff bounds. */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = Objects.requireNonNull(initial, "initial");
            this.maxBackoff = Objects.requireNonNull(max, "max");
            return this;
        }

        /** Bisects and dead-letters poison records after the retries. */
        public Builder deadLetter(DeadLetterDestination destination) {
            this.deadLetters = Objects.requireNonNull(destination, "destination");
            return this;
        }

        /** Stops the shard after the retries (the default). */
        public Builder stopShard() {
            this.deadLetters = null;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the policy
         * @throws TributaryValidationException for fewer than 1 attempt or a bad backoff
         */
        public FailurePolicy build() {
            if (maxAttempts < 1) {
                throw TributaryValidationException.of("maxAttempts", "must be at least 1");
            }
            if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw TributaryValidationException.of("backoff", "initial must be >= 0 and <= max");
            }
            return new FailurePolicy(this);
        }
    }
}
