package dev.tributary.micrometer;

import dev.tributary.core.ResilienceSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * Puts the circuit breakers, retries and rate limiters of Tributary's facades into Micrometer, through
 * Resilience4j's own Micrometer module ({@code resilience4j.circuitbreaker.*}, {@code resilience4j.retry.*},
 * {@code resilience4j.ratelimiter.*}, tagged {@code name=ses}, {@code name=opensearch.<index>},
 * {@code name=dynamodb.<table>}).
 *
 * <p>The facades create their guards in the Resilience4j registries of their {@link ResilienceSettings};
 * {@link #bind} returns settings whose registries (the given ones, or new ones) are bound to the meter
 * registry, so every guard created from them, now or later, is measured. Stateless and thread-safe.
 *
 * <pre>{@code
 * ResilienceSettings resilience = ResilienceMeters.bind(ResilienceSettings.defaults(), registry);
 * SesMailer mailer = SesMailer.builder()
 *         .resilience(resilience)
 *         .build();
 * }</pre>
 */
public final class ResilienceMeters {
    private ResilienceMeters() {}

    /**
     * Returns {@code settings} with Resilience4j registries bound to {@code registry}: the registries already
     * in the settings, or new default ones. Bind each registry once: binding the same one twice registers
     * its meters once but listens twice.
     *
     * @param settings the settings to extend
     * @param registry where the meters go
     * @return settings with bound registries
     */
    public static ResilienceSettings bind(ResilienceSettings settings, MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        CircuitBreakerRegistry circuitBreakers = Objects.requireNonNull(settings, "settings").circuitBreakerRegistry()
                .orElseGet(CircuitBreakerRegistry::ofDefaults);
        RetryRegistry retries = settings.retryRegistry().orElseGet(RetryRegistry::ofDefaults);
        RateLimiterRegistry rateLimiters = settings.rateLimiterRegistry().orElseGet(RateLimiterRegistry::ofDefaults);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuitBreakers).bindTo(registry);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(registry);
        TaggedRateLimiterMetrics.ofRateLimiterRegistry(rateLimiters).bindTo(registry);
        return settings.toBuilder()
                .circuitBreakerRegistry(circuitBreakers)
                .retryRegistry(retries)
                .rateLimiterRegistry(rateLimiters)
                .build();
    }
}
