package dev.tributary.dynamo;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.core.support.RetryBackoff;
import dev.tributary.core.support.RetrySettings;
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
public final class FailurePolicy implements RetrySettings {
    private final RetryBackoff retry;
    private final @Nullable DeadLetterDestination deadLetters;

    private FailurePolicy(Builder b, RetryBackoff retry) {
        this.retry = retry;
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

    @Override
    public RetryBackoff retryBackoff() {
        return retry;
    }

    /** Returns the dead-letter destination; empty means the shard stops. */
    public Optional<DeadLetterDestination> deadLetters() {
        return Optional.ofNullable(deadLetters);
    }

    /** Builds a {@link FailurePolicy}. Not thread-safe. */
    public static final class Builder extends RetrySettings.Builder<Builder> {
        private @Nullable DeadLetterDestination deadLetters;

        private Builder() {}

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
            // A zero backoff retries a refused batch at once; tests and latency-bound handlers use it.
            return new FailurePolicy(this, retryBackoff().validate(true));
        }
    }
}
