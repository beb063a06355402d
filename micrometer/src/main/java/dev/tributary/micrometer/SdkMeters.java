package dev.tributary.micrometer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * An AWS SDK {@link MetricPublisher} that records every SDK API call as Micrometer meters:
 * {@code tributary.sdk.calls} (a timer of the call's duration, attempts included) and
 * {@code tributary.sdk.attempts} (one per HTTP attempt), tagged {@code service}, {@code operation} and
 * {@code outcome=success|failure}. Give it to {@code ClientSettings.Builder.addMetricPublisher}; it then
 * measures the clients every Tributary module builds from those settings. Thread-safe; {@link #close()} does
 * nothing (the registry is the caller's).
 *
 * <pre>{@code
 * ClientSettings settings = ClientSettings.builder()
 *         .addMetricPublisher(SdkMeters.create(registry))
 *         .build();
 * }</pre>
 */
public final class SdkMeters implements MetricPublisher {
    private final Meters meters;

    private SdkMeters(Meters meters) {
        this.meters = meters;
    }

    /**
     * Creates the publisher.
     *
     * @param registry where the meters go
     * @return the publisher
     */
    public static SdkMeters create(MeterRegistry registry) {
        return new SdkMeters(new Meters(registry, Tags.empty()));
    }

    @Override
    public void publish(MetricCollection metrics) {
        String service = first(metrics.metricValues(CoreMetric.SERVICE_ID), "unknown");
        String operation = first(metrics.metricValues(CoreMetric.OPERATION_NAME), "unknown");
        boolean ok = Boolean.TRUE.equals(firstOrNull(metrics.metricValues(CoreMetric.API_CALL_SUCCESSFUL)));
        String[] call = {"service", service, "operation", operation, "outcome", ok ? "success" : "failure"};
        Duration took = firstOrNull(metrics.metricValues(CoreMetric.API_CALL_DURATION));
        meters.timer("tributary.sdk.calls", "AWS SDK API calls, attempts included", call)
                .record(took == null ? Duration.ZERO : took);
        Integer retries = firstOrNull(metrics.metricValues(CoreMetric.RETRY_COUNT));
        meters.counter("tributary.sdk.attempts", "HTTP attempts of AWS SDK API calls", call)
                .increment(1 + (retries == null ? 0 : retries));
    }

    private static String first(List<String> values, String fallback) {
        return values.isEmpty() ? fallback : values.get(0);
    }

    private static <V> @Nullable V firstOrNull(List<V> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    @Override
    public void close() {}
}
