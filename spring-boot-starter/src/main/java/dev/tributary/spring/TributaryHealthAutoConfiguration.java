package dev.tributary.spring;

import dev.tributary.dynamo.ChangeCapture;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health indicators when Spring Boot Actuator is on the class path: {@code tributaryCircuitBreakers} (the
 * facades' circuit breakers) and {@code tributaryCapture} (stopped shards and lag), each backing off when a bean
 * of that name exists.
 */
@AutoConfiguration(after = {TributaryAutoConfiguration.class, TributaryCaptureAutoConfiguration.class})
@ConditionalOnClass(HealthIndicator.class)
public class TributaryHealthAutoConfiguration {

    /**
     * The circuit breakers' health.
     *
     * @param registry the registry the facades' breakers are in
     * @return the indicator
     */
    @Bean
    @ConditionalOnMissingBean(name = "tributaryCircuitBreakersHealthIndicator")
    @ConditionalOnBean(CircuitBreakerRegistry.class)
    public CircuitBreakersHealthIndicator tributaryCircuitBreakersHealthIndicator(CircuitBreakerRegistry registry) {
        return new CircuitBreakersHealthIndicator(registry);
    }

    /** The capture's health, when a capture is configured. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ChangeCapture.class)
    @ConditionalOnBean(ChangeCapture.class)
    static class CaptureHealthConfiguration {
        /**
         * The capture's health.
         *
         * @param capture the capture
         * @param properties for the lag limit
         * @return the indicator
         */
        @Bean
        @ConditionalOnMissingBean(name = "tributaryCaptureHealthIndicator")
        CaptureHealthIndicator tributaryCaptureHealthIndicator(ChangeCapture<?> capture,
                TributaryCaptureProperties properties) {
            return new CaptureHealthIndicator(capture, properties.getMaxHealthyLag());
        }
    }
}
