package dev.tributary.core;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backend's Resilience4j guard: Retry(CircuitBreaker(RateLimiter(call))), for sync calls and for
 * {@link CompletionStage}s. Each retry attempt takes its own rate-limiter permit and is recorded by the
 * circuit breaker; only failures the {@link ErrorClassifier} calls retryable are retried or counted.
 *
 * <p>Failures leave as {@link TributaryException}s. Thread-safe; create one per backend (names such as
 * {@code ses}, {@code dynamodb.<table>}, {@code opensearch.<index>}) and share it.
 *
 * <pre>{@code
 * Resilience ses = Resilience.create("ses", ResilienceSettings.defaults());
 * SendEmailResponse r = ses.execute("ses.SendEmail", () -> client.sendEmail(request));
 * }</pre>
 */
public final class Resilience {
    private static final Logger LOG = LoggerFactory.getLogger(Resilience.class);
    private static final ScheduledExecutorService SHARED_SCHEDULER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tributary-retry-scheduler");
        t.setDaemon(true);
        return t;
    });

    private final String name;
    private final ErrorClassifier classifier;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final @Nullable RateLimiter rateLimiter;
    private final ScheduledExecutorService scheduler;

    private Resilience(String name, ResilienceSettings s, ScheduledExecutorService scheduler) {
        this.name = name;
        this.classifier = s.classifier();
        this.scheduler = scheduler;
        RetryConfig retryConfig = RetryConfig.custom()
                .maxAttempts(s.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                        s.initialBackoff(), 2.0, 0.5, s.maxBackoff()))
                .retryOnException(classifier::retryable)
                .failAfterMaxAttempts(false)
                .build();
        CircuitBreakerConfig cbConfig = CircuitBreakerConfig.custom()
                .failureRateThreshold(s.failureRateThreshold())
                .slidingWindowSize(s.slidingWindowSize())
                .minimumNumberOfCalls(s.minimumNumberOfCalls())
                .waitDurationInOpenState(s.waitInOpenState())
                .recordException(classifier::retryable)
                .build();
        this.retry = s.retryRegistry().map(r -> r.retry(name, retryConfig)).orElseGet(() -> Retry.of(name, retryConfig));
        this.circuitBreaker = s.circuitBreakerRegistry()
                .map(r -> r.circuitBreaker(name, cbConfig))
                .orElseGet(() -> CircuitBreaker.of(name, cbConfig));
        if (s.rateLimitPermits() > 0) {
            RateLimiterConfig rlConfig = RateLimiterConfig.custom()
                    .limitForPeriod(s.rateLimitPermits())
                    .limitRefreshPeriod(s.rateLimitPeriod())
                    .timeoutDuration(s.rateLimitTimeout())
                    .build();
            this.rateLimiter = s.rateLimiterRegistry()
                    .map(r -> r.rateLimiter(name, rlConfig))
                    .orElseGet(() -> RateLimiter.of(name, rlConfig));
        } else {
            this.rateLimiter = null;
        }
    }

    /**
     * Creates the guard for one backend, scheduling async retry delays on a shared daemon thread.
     *
     * @param name the backend name, used for the Resilience4j instances and in logs
     * @param settings the settings
     * @return the guard
     */
    public static Resilience create(String name, ResilienceSettings settings) {
        return create(name, settings, SHARED_SCHEDULER);
    }

    /**
     * Creates the guard for one backend with an explicit scheduler for async retry delays.
     *
     * @param name the backend name
     * @param settings the settings
     * @param scheduler schedules the delay before an async retry; not shut down by Tributary
     * @return the guard
     */
    public static Resilience create(String name, ResilienceSettings settings, ScheduledExecutorService scheduler) {
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw TributaryValidationException.of("name", "a backend name such as \"ses\" is required");
        }
        return new Resilience(name, Objects.requireNonNull(settings, "settings"), scheduler);
    }

    /** Returns the backend name. */
    public String name() {
        return name;
    }

    /** Returns the Retry instance, for metrics and events. */
    public Retry retry() {
        return retry;
    }

    /** Returns the CircuitBreaker instance, for metrics and events. */
    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    /** Returns the RateLimiter instance when a rate limit is set; its limit may be changed at run time. */
    public Optional<RateLimiter> rateLimiter() {
        return Optional.ofNullable(rateLimiter);
    }

    /** Returns the classifier in use. */
    public ErrorClassifier classifier() {
        return classifier;
    }

    /**
     * Runs a blocking call under Retry(CircuitBreaker(RateLimiter(call))).
     *
     * @param operation names the call in messages and logs, for example {@code "ses.SendEmail"}
     * @param call the call
     * @param <T> the result type
     * @return the call's result
     * @throws TributaryException when the last attempt failed or the call was rejected
     */
    public <T> T execute(String operation, Supplier<T> call) {
        Supplier<T> guarded = call;
        if (rateLimiter != null) {
            guarded = RateLimiter.decorateSupplier(rateLimiter, guarded);
        }
        guarded = CircuitBreaker.decorateSupplier(circuitBreaker, guarded);
        guarded = Retry.decorateSupplier(retry, guarded);
        try {
            return guarded.get();
        } catch (RuntimeException e) {
            TributaryException te = TributaryExceptions.translate(e, operation, classifier);
            LOG.debug("Call failed [backend={}, op={}, retryable={}]", name, operation, te.retryable());
            throw te;
        }
    }

    /**
     * Runs an asynchronous call under Retry(CircuitBreaker(RateLimiter(call))) without blocking: retry
     * delays are scheduled, and a rate-limiter wait is taken on the scheduler, not the caller's thread.
     *
     * @param operation names the call in messages and logs
     * @param call starts one attempt; called again for each retry
     * @param <T> the result type
     * @return a future completed with the result, or failed with a {@link TributaryException}
     */
    public <T> CompletableFuture<T> executeAsync(String operation, Supplier<? extends CompletionStage<T>> call) {
        Supplier<CompletionStage<T>> guarded = call::get;
        if (rateLimiter != null) {
            Supplier<CompletionStage<T>> inner = guarded;
            RateLimiter limiter = rateLimiter;
            guarded = () -> acquireThen(limiter, inner);
        }
        guarded = CircuitBreaker.decorateCompletionStage(circuitBreaker, guarded);
        guarded = Retry.decorateCompletionStage(retry, scheduler, guarded);
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletionStage<T> stage;
        try {
            stage = guarded.get();
        } catch (RuntimeException e) {
            result.completeExceptionally(TributaryExceptions.translate(e, operation, classifier));
            return result;
        }
        stage.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                TributaryException te = TributaryExceptions.translate(error, operation, classifier);
                LOG.debug("Async call failed [backend={}, op={}, retryable={}]", name, operation, te.retryable());
                result.completeExceptionally(te);
            }
        });
        return result;
    }

    private <T> CompletionStage<T> acquireThen(RateLimiter limiter, Supplier<CompletionStage<T>> call) {
        long waitNanos = limiter.reservePermission();
        if (waitNanos < 0) {
            return CompletableFuture.failedFuture(
                    io.github.resilience4j.ratelimiter.RequestNotPermitted.createRequestNotPermitted(limiter));
        }
        if (waitNanos == 0) {
            return call.get();
        }
        CompletableFuture<T> delayed = new CompletableFuture<>();
        scheduler.schedule(
                () -> call.get().whenComplete((v, e) -> {
                    if (e == null) {
                        delayed.complete(v);
                    } else {
                        delayed.completeExceptionally(e);
                    }
                }),
                waitNanos,
                java.util.concurrent.TimeUnit.NANOSECONDS);
        return delayed;
    }
}
