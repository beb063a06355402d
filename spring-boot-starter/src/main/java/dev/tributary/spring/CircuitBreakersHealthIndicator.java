package dev.tributary.spring;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health of the circuit breakers in a registry (those of Tributary's facades, named {@code ses},
 * {@code opensearch.<index>}, {@code dynamodb.<table>}): DOWN while one is OPEN or FORCED_OPEN, UP otherwise,
 * with each breaker's state and failure rate as details. Thread-safe.
 */
public final class CircuitBreakersHealthIndicator extends AbstractHealthIndicator {
    private final CircuitBreakerRegistry registry;

    /**
     * Creates the indicator.
     *
     * @param registry the registry the facades' breakers are in
     */
    public CircuitBreakersHealthIndicator(CircuitBreakerRegistry registry) {
        super("Circuit breaker health check failed");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean open = false;
        Map<String, Object> details = new LinkedHashMap<>();
        for (CircuitBreaker cb : registry.getAllCircuitBreakers()) {
            CircuitBreaker.State state = cb.getState();
            open |= state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
            details.put(cb.getName(), Map.of("state", state.name(),
                    "failureRate", cb.getMetrics().getFailureRate()));
        }
        (open ? builder.down() : builder.up()).withDetails(details);
    }
}
