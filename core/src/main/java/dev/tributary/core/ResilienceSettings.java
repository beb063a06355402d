package dev.tributary.core;

import dev.tributary.core.support.RetryBackoff;
import dev.tributary.core.support.RetrySettings;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How {@link Resilience} guards one backend: retry attempts and backoff, circuit-breaker thresholds, an
 * optional rate limit, the {@link ErrorClassifier}, and optionally the user's own Resilience4j registries.
 *
 * <p>When a registry is given and already holds an instance under the backend's name, that instance (and
 * its configuration) is used as is; otherwise one is created from these settings and registered, so it
 * shows up in the user's metrics. Immutable and thread-safe.
 */
public final class ResilienceSettings implements RetrySettings {
    private final RetryBackoff retry;
    private final float failureRateThreshold;
    private final int slidingWindowSize;
    private final int minimumNumberOfCalls;
    private final Duration waitInOpenState;
    private final int rateLimitPermits;
    private final Duration rateLimitPeriod;
    private final Duration rateLimitTimeout;
    private final ErrorClassifier classifier;
    private final @Nullable RetryRegistry retryRegistry;
    private final @Nullable CircuitBreakerRegistry circuitBreakerRegistry;
    private final @Nullable RateLimiterRegistry rateLimiterRegistry;

    private ResilienceSettings(Builder b, RetryBackoff retry) {
        this.retry = retry;
        this.failureRateThreshold = b.failureRateThreshold;
        this.slidingWindowSize = b.slidingWindowSize;
        this.minimumNumberOfCalls = b.minimumNumberOfCalls;
        this.waitInOpenState = b.waitInOpenState;
        this.rateLimitPermits = b.rateLimitPermits;
        this.rateLimitPeriod = b.rateLimitPeriod;
        this.rateLimitTimeout = b.rateLimitTimeout;
        this.classifier = b.classifier;
        this.retryRegistry = b.retryRegistry;
        this.circuitBreakerRegistry = b.circuitBreakerRegistry;
        this.rateLimiterRegistry = b.rateLimiterRegistry;
    }

    /** Returns the defaults: 3 attempts, 100 ms to 5 s backoff with jitter, 50% failure threshold, no rate limit. */
    public static ResilienceSettings defaults() {
        return builder().build();
    }

    /** Returns a builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder initialised from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public RetryBackoff retryBackoff() {
        return retry;
    }

    /** Returns the failure rate in percent at which the circuit opens. */
    public float failureRateThreshold() {
        return failureRateThreshold;
    }

    /** Returns the number of calls in the circuit breaker's sliding window. */
    public int slidingWindowSize() {
        return slidingWindowSize;
    }

    /** Returns the number of calls recorded before the failure rate is evaluated. */
    public int minimumNumberOfCalls() {
        return minimumNumberOfCalls;
    }

    /** Returns how long the circuit stays open before letting trial calls through. */
    public Duration waitInOpenState() {
        return waitInOpenState;
    }

    /** Returns the permits per {@link #rateLimitPeriod()}, or 0 when calls are not rate limited. */
    public int rateLimitPermits() {
        return rateLimitPermits;
    }

    /** Returns the rate limiter's refresh period. */
    public Duration rateLimitPeriod() {
        return rateLimitPeriod;
    }

    /** Returns how long a call waits for a rate-limiter permit before it is rejected. */
    public Duration rateLimitTimeout() {
        return rateLimitTimeout;
    }

    /** Returns the classifier that decides what is retried and what counts against the circuit. */
    public ErrorClassifier classifier() {
        return classifier;
    }

    /** Returns the user's retry registry, when given. */
    public Optional<RetryRegistry> retryRegistry() {
        return Optional.ofNullable(retryRegistry);
    }

    /** Returns the user's circuit-breaker registry, when given. */
    public Optional<CircuitBreakerRegistry> circuitBreakerRegistry() {
        return Optional.ofNullable(circuitBreakerRegistry);
    }

    /** Returns the user's rate-limiter registry, when given. */
    public Optional<RateLimiterRegistry> rateLimiterRegistry() {
        return Optional.ofNullable(rateLimiterRegistry);
    }

    /** Builds {@link ResilienceSettings}; validates at {@link #build()}. Not thread-safe. */
    public static final class Builder extends RetrySettings.Builder<Builder> {
        private float failureRateThreshold = 50f;
        private int slidingWindowSize = 20;
        private int minimumNumberOfCalls = 10;
        private Duration waitInOpenState = Duration.ofSeconds(30);
        private int rateLimitPermits;
        private Duration rateLimitPeriod = Duration.ofSeconds(1);
        private Duration rateLimitTimeout = Duration.ofSeconds(5);
        private ErrorClassifier classifier = ErrorClassifier.defaults();
        private @Nullable RetryRegistry retryRegistry;
        private @Nullable CircuitBreakerRegistry circuitBreakerRegistry;
        private @Nullable RateLimiterRegistry rateLimiterRegistry;

        private Builder() {}

        private Builder(ResilienceSettings s) {
            retryBackoff(s.retry);
            failureRateThreshold = s.failureRateThreshold;
            slidingWindowSize = s.slidingWindowSize;
            minimumNumberOfCalls = s.minimumNumberOfCalls;
            waitInOpenState = s.waitInOpenState;
            rateLimitPermits = s.rateLimitPermits;
            rateLimitPeriod = s.rateLimitPeriod;
            rateLimitTimeout = s.rateLimitTimeout;
            classifier = s.classifier;
            retryRegistry = s.retryRegistry;
            circuitBreakerRegistry = s.circuitBreakerRegistry;
            rateLimiterRegistry = s.rateLimiterRegistry;
        }

        /**
         * Sets the circuit breaker: it opens when {@code failureRateThreshold} percent of the last
         * {@code slidingWindowSize} calls (at least {@code minimumNumberOfCalls}) failed retryably, and stays
         * open for {@code waitInOpenState}.
         */
        public Builder circuitBreaker(
                float failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls, Duration waitInOpenState) {
            this.failureRateThreshold = failureRateThreshold;
            this.slidingWindowSize = slidingWindowSize;
            this.minimumNumberOfCalls = minimumNumberOfCalls;
            this.waitInOpenState = Objects.requireNonNull(waitInOpenState, "waitInOpenState");
            return this;
        }

        /** Limits calls to {@code permits} per {@code period}, waiting at most {@code timeout} for a permit. */
        public Builder rateLimit(int permits, Duration period, Duration timeout) {
            this.rateLimitPermits = permits;
            this.rateLimitPeriod = Objects.requireNonNull(period, "period");
            this.rateLimitTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Removes the rate limit (the default). */
        public Builder noRateLimit() {
            this.rateLimitPermits = 0;
            return this;
        }

        /** Sets the classifier that decides what is retried. Default {@link ErrorClassifier#defaults()}. */
        public Builder classifier(ErrorClassifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            return this;
        }

        /** Uses the user's retry registry. */
        public Builder retryRegistry(@Nullable RetryRegistry registry) {
            this.retryRegistry = registry;
            return this;
        }

        /** Uses the user's circuit-breaker registry. */
        public Builder circuitBreakerRegistry(@Nullable CircuitBreakerRegistry registry) {
            this.circuitBreakerRegistry = registry;
            return this;
        }

        /** Uses the user's rate-limiter registry. */
        public Builder rateLimiterRegistry(@Nullable RateLimiterRegistry registry) {
            this.rateLimiterRegistry = registry;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the settings
         * @throws TributaryValidationException naming the first invalid field
         */
        public ResilienceSettings build() {
            // Resilience4j's exponential backoff (randomised by 50% jitter) needs a positive interval.
            RetryBackoff retry = retryBackoff().validate(false);
            if (failureRateThreshold <= 0 || failureRateThreshold > 100) {
                throw TributaryValidationException.of("failureRateThreshold", "must be in (0, 100]");
            }
            if (slidingWindowSize < 1 || minimumNumberOfCalls < 1) {
                throw TributaryValidationException.of(
                        "slidingWindowSize", "window size and minimum number of calls must be at least 1");
            }
            if (rateLimitPermits < 0) {
                throw TributaryValidationException.of("rateLimitPermits", "must be 0 (no limit) or positive");
            }
            if (rateLimitPeriod.isNegative() || rateLimitPeriod.isZero() || rateLimitTimeout.isNegative()) {
                throw TributaryValidationException.of("rateLimit", "period must be positive and timeout not negative");
            }
            return new ResilienceSettings(this, retry);
        }
    }
}
