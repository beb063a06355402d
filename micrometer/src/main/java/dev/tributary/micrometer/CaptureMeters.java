package dev.tributary.micrometer;

import dev.tributary.dynamo.CaptureListener;
import dev.tributary.dynamo.CaptureMetrics;
import dev.tributary.dynamo.ChangeStreamConsumer;
import dev.tributary.dynamo.DeadLetter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A {@link CaptureListener} that records a change capture's work as Micrometer meters, tagged
 * {@code consumer=<name>}:
 * <ul>
 *   <li>{@code tributary.capture.records}, {@code tributary.capture.batches}: counters of what was
 *       acknowledged and checkpointed;</li>
 *   <li>{@code tributary.capture.batch.lag}: a timer of the lag of each acknowledged batch;</li>
 *   <li>{@code tributary.capture.retries}, {@code tributary.capture.dead.letters}: counters tagged
 *       {@code handler};</li>
 *   <li>{@code tributary.capture.gaps}: records lost to the stream's retention;</li>
 *   <li>{@code tributary.capture.shards.ended}: counter tagged {@code outcome=finished|stopped};</li>
 *   <li>after {@link #bindTo(ChangeStreamConsumer)}: gauges {@code tributary.capture.lag} (the capture's current
 *       lag, which grows while a shard is stuck), {@code tributary.capture.shards.active} and
 *       {@code tributary.capture.shards.stopped}.</li>
 * </ul>
 * Shard ids are never tags (they change as shards roll over). Thread-safe; pass it to
 * {@code ChangeCapture.Builder.listener} (combined with an own listener by {@link CaptureListener#both}).
 *
 * <pre>{@code
 * CaptureMeters meters = CaptureMeters.create(registry, "welcome-mailer");
 * ChangeCapture<User> capture = ChangeCapture.builder(schema)
 *         .consumerName("welcome-mailer")
 *         .listener(meters)
 *         // ...
 *         .build();
 * meters.bindTo(capture);
 * }</pre>
 */
public final class CaptureMeters implements CaptureListener {
    private final Meters meters;
    private final Counter records;
    private final Counter batches;
    private final Timer batchLag;
    private final Counter gaps;
    private final Counter shardsFinished;
    private final Counter shardsStopped;

    private CaptureMeters(Meters meters) {
        this.meters = meters;
        this.records = meters.counter("tributary.capture.records",
                "Stream records acknowledged by every handler and checkpointed");
        this.batches = meters.counter("tributary.capture.batches", "Batches acknowledged and checkpointed");
        this.batchLag = meters.timer("tributary.capture.batch.lag",
                "Age of a batch's last record when it was acknowledged");
        this.gaps = meters.counter("tributary.capture.gaps",
                "Times records were trimmed by the stream before they were read");
        this.shardsFinished = shardsEnded(meters, "finished");
        this.shardsStopped = shardsEnded(meters, "stopped");
    }

    private static Counter shardsEnded(Meters meters, String outcome) {
        return meters.counter("tributary.capture.shards.ended",
                "Shards read to their end or stopped by a failure policy", "outcome", outcome);
    }

    /**
     * Creates the listener and registers its counters.
     *
     * @param registry where the meters go
     * @param consumer the capture's consumer name, the {@code consumer} tag
     * @return the listener
     */
    public static CaptureMeters create(MeterRegistry registry, String consumer) {
        return create(registry, Tags.of("consumer", Objects.requireNonNull(consumer, "consumer")));
    }

    /**
     * Creates the listener with tags of the caller's choice.
     *
     * @param registry where the meters go
     * @param tags tags on every meter
     * @return the listener
     */
    public static CaptureMeters create(MeterRegistry registry, Tags tags) {
        return new CaptureMeters(new Meters(registry, tags));
    }

    /**
     * Registers gauges read from {@code capture}'s {@link CaptureMetrics}: current lag, active and stopped
     * shards. The gauges hold the capture weakly, so they read NaN once it is gone.
     *
     * @param capture the capture this listener was given to
     * @return this, for chaining
     */
    public CaptureMeters bindTo(ChangeStreamConsumer capture) {
        Objects.requireNonNull(capture, "capture");
        Tags tags = meters.tags();
        MeterRegistry registry = meters.registry();
        TimeGauge.builder("tributary.capture.lag", capture, TimeUnit.MILLISECONDS,
                        c -> c.metrics().lag().toMillis())
                .tags(tags).description("Largest lag among the capture's shards; grows while a shard is stuck")
                .register(registry);
        Gauge.builder("tributary.capture.shards.active", capture, c -> c.metrics().activeShards())
                .tags(tags).description("Shards being read").register(registry);
        Gauge.builder("tributary.capture.shards.stopped", capture, c -> c.metrics().stoppedShards())
                .tags(tags).description("Shards stopped by a failure policy, waiting for a restart").register(registry);
        return this;
    }

    @Override
    public void onBatch(String shardId, int records, Duration lag) {
        this.records.increment(records);
        batches.increment();
        batchLag.record(lag.isNegative() ? Duration.ZERO : lag);
    }

    @Override
    public void onRetry(String shardId, String handler, int attempt) {
        meters.counter("tributary.capture.retries", "Batches a handler refused, to be tried again", "handler", handler)
                .increment();
    }

    @Override
    public void onDeadLetter(DeadLetter deadLetter) {
        meters.counter("tributary.capture.dead.letters", "Records sent to the dead-letter destination",
                "handler", deadLetter.handler()).increment();
    }

    @Override
    public void onGap(String shardId, String detail) {
        gaps.increment();
    }

    @Override
    public void onShardEnded(String shardId, boolean stopped) {
        (stopped ? shardsStopped : shardsFinished).increment();
    }
}
