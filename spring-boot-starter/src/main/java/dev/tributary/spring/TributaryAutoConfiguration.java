package dev.tributary.spring;

import dev.tributary.core.ClientSettings;
import dev.tributary.core.ResilienceSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.regions.Region;

/**
 * The settings every Tributary facade shares: {@link ClientSettings} from {@code tributary.aws.*} (plus any
 * {@link ExecutionInterceptor} and {@link MetricPublisher} beans), and Resilience4j registries with the
 * {@link ResilienceSettings} that puts the facades' circuit breakers, retries and rate limiters into them (so
 * health indicators and metrics see them). Each bean backs off when the application defines one.
 */
@AutoConfiguration
@EnableConfigurationProperties(TributaryAwsProperties.class)
public class TributaryAutoConfiguration {

    /**
     * Client settings from {@code tributary.aws.*}; a service's endpoint is added by its own configuration.
     *
     * @param aws the properties
     * @param interceptors execution interceptor beans, added in order
     * @param publishers SDK metric publisher beans
     * @return the settings
     */
    @Bean
    @ConditionalOnMissingBean
    public ClientSettings tributaryClientSettings(TributaryAwsProperties aws,
            ObjectProvider<ExecutionInterceptor> interceptors, ObjectProvider<MetricPublisher> publishers) {
        ClientSettings.Builder b = ClientSettings.builder()
                .apiCallTimeout(aws.getApiCallTimeout())
                .connectTimeout(aws.getConnectTimeout());
        if (aws.getRegion() != null) {
            b.region(Region.of(aws.getRegion()));
        }
        if (aws.getAccessKeyId() != null && aws.getSecretAccessKey() != null) {
            b.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(aws.getAccessKeyId(), aws.getSecretAccessKey())));
        }
        interceptors.orderedStream().forEach(b::addExecutionInterceptor);
        publishers.orderedStream().forEach(b::addMetricPublisher);
        return b.build();
    }

    /** The circuit-breaker registry the facades' guards are created in. */
    @Bean
    @ConditionalOnMissingBean
    public CircuitBreakerRegistry tributaryCircuitBreakerRegistry() {
        return CircuitBreakerRegistry.ofDefaults();
    }

    /** The retry registry the facades' guards are created in. */
    @Bean
    @ConditionalOnMissingBean
    public RetryRegistry tributaryRetryRegistry() {
        return RetryRegistry.ofDefaults();
    }

    /** The rate-limiter registry the facades' guards are created in. */
    @Bean
    @ConditionalOnMissingBean
    public RateLimiterRegistry tributaryRateLimiterRegistry() {
        return RateLimiterRegistry.ofDefaults();
    }

    /**
     * Tributary's default resilience settings, with the registries above.
     *
     * @param circuitBreakers the circuit-breaker registry
     * @param retries the retry registry
     * @param rateLimiters the rate-limiter registry
     * @return the settings
     */
    @Bean
    @ConditionalOnMissingBean
    public ResilienceSettings tributaryResilienceSettings(CircuitBreakerRegistry circuitBreakers,
            RetryRegistry retries, RateLimiterRegistry rateLimiters) {
        return ResilienceSettings.builder()
                .circuitBreakerRegistry(circuitBreakers)
                .retryRegistry(retries)
                .rateLimiterRegistry(rateLimiters)
                .build();
    }
}
