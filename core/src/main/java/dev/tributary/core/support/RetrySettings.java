package dev.tributary.core.support;

import java.time.Duration;
import java.util.Objects;

/**
 * A settings type that retries on a {@link RetryBackoff}, such as {@code ResilienceSettings} or the capture's
 * {@code FailurePolicy}: gives each the same accessors for its attempts and backoff bounds, and its builder the
 * same setters, written once.
 */
public interface RetrySettings {
    /** Returns the attempts and backoff bounds. */
    RetryBackoff retryBackoff();

    /** Returns the maximum number of attempts, the first included; 1 means no retry. */
    default int maxAttempts() {
        return retryBackoff().maxAttempts();
    }

    /** Returns the backoff before the second attempt. */
    default Duration initialBackoff() {
        return retryBackoff().initial();
    }

    /** Returns the longest backoff between attempts. */
    default Duration maxBackoff() {
        return retryBackoff().max();
    }

    /**
     * The part of a retrying settings builder that sets attempts and backoff; the subclass checks them at build
     * time with {@link RetryBackoff#validate}. Not thread-safe.
     *
     * @param <B> the concrete builder, returned for chaining
     */
    abstract class Builder<B extends Builder<B>> {
        private RetryBackoff retryBackoff = RetryBackoff.DEFAULTS;

        /** For subclasses. */
        protected Builder() {}

        /**
         * Sets the maximum attempts including the first; 1 disables retries. Default 3.
         *
         * @param maxAttempts attempts including the first
         * @return this builder
         */
        public B maxAttempts(int maxAttempts) {
            return retryBackoff(retryBackoff.withMaxAttempts(maxAttempts));
        }

        /**
         * Sets the exponential backoff bounds. Default 100 ms to 5 s.
         *
         * @param initial the backoff before the second attempt
         * @param max the longest backoff
         * @return this builder
         */
        public B backoff(Duration initial, Duration max) {
            return retryBackoff(retryBackoff.withBackoff(initial, max));
        }

        /** Returns the attempts and bounds set so far, not yet checked. */
        protected RetryBackoff retryBackoff() {
            return retryBackoff;
        }

        /**
         * Replaces attempts and bounds, for a builder made from existing settings.
         *
         * @param value the attempts and bounds
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        protected B retryBackoff(RetryBackoff value) {
            this.retryBackoff = Objects.requireNonNull(value, "retryBackoff");
            return (B) this;
        }
    }
}
