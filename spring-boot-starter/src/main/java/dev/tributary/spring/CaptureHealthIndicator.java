package dev.tributary.spring;

import dev.tributary.dynamo.CaptureMetrics;
import dev.tributary.dynamo.ChangeCapture;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Health of a {@link ChangeCapture}: DOWN while a shard is stopped by its failure policy (it waits for a
 * restart) or the lag exceeds the limit; UP otherwise. Details: lag, active, stopped and finished shards,
 * records, retries, dead letters and gaps. Thread-safe.
 */
public final class CaptureHealthIndicator extends AbstractHealthIndicator {
    private final ChangeCapture<?> capture;
    private final Duration maxLag;

    /**
     * Creates the indicator.
     *
     * @param capture the capture
     * @param maxLag lag above which the capture is DOWN
     */
    public CaptureHealthIndicator(ChangeCapture<?> capture, Duration maxLag) {
        super("Change capture health check failed");
        this.capture = Objects.requireNonNull(capture, "capture");
        this.maxLag = Objects.requireNonNull(maxLag, "maxLag");
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        CaptureMetrics m = capture.metrics();
        boolean stopped = m.stoppedShards() > 0;
        boolean lagging = m.lag().compareTo(maxLag) > 0;
        (stopped || lagging ? builder.down() : builder.up())
                .withDetail("lag", m.lag().toString())
                .withDetail("maxHealthyLag", maxLag.toString())
                .withDetail("activeShards", m.activeShards())
                .withDetail("stoppedShards", m.stoppedShards())
                .withDetail("finishedShards", m.finishedShards())
                .withDetail("records", m.records())
                .withDetail("retries", m.retries())
                .withDetail("deadLettered", m.deadLettered())
                .withDetail("gaps", m.gaps());
        if (stopped) {
            builder.withDetail("reason", "a shard was stopped by its failure policy; fix the handler and restart");
        } else if (lagging) {
            builder.withDetail("reason", "lag above tributary.dynamo.capture.max-healthy-lag");
        }
    }
}
