package dev.tributary.dynamo.kcl.internal;

import dev.tributary.dynamo.CaptureListener;
import dev.tributary.dynamo.CaptureMetrics;
import dev.tributary.dynamo.DeadLetterDestination;
import dev.tributary.dynamo.StreamRecordMapper;
import dev.tributary.dynamo.internal.CapturePipeline;
import dev.tributary.dynamo.internal.HandlerRegistration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;

/**
 * What every shard processor of one KCL capture shares: the {@link CapturePipeline} (the same delivery path as
 * the embedded engine), the per-shard state for metrics, and the {@link ShardRecordProcessorFactory} KCL
 * calls once per leased shard. Thread-safe.
 *
 * @param <T> the item type
 */
public final class KclRuntime<T> implements ShardRecordProcessorFactory {
    private final CapturePipeline<T> pipeline;
    private final Map<String, Duration> lagByShard = new ConcurrentHashMap<>();
    private final Map<String, Instant> pendingByShard = new ConcurrentHashMap<>();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> stopped = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private volatile long startedNanos;

    /**
     * Creates the runtime.
     *
     * @param streamArn the stream, the events' source id
     * @param mapper maps records to events
     * @param handlers the handlers, in order
     * @param unmappable where records that do not fit the schema go; null stops the shard instead
     * @param listener the listener
     * @param clock for lag and dead-letter times
     */
    public KclRuntime(String streamArn, StreamRecordMapper<T> mapper, List<HandlerRegistration<T>> handlers,
            @Nullable DeadLetterDestination unmappable, CaptureListener listener, Clock clock) {
        this.pipeline = new CapturePipeline<>(streamArn, mapper, handlers, unmappable, listener, clock, () -> running);
    }

    @Override
    public ShardRecordProcessor shardRecordProcessor() {
        return new KclShardProcessor<>(this);
    }

    /** Marks the start of the capture, for the delivery rate. */
    public void started() {
        startedNanos = System.nanoTime();
    }

    /** Tells processors that the capture is stopping: backoff ends and a cut-off batch is not checkpointed. */
    public void stopping() {
        running = false;
    }

    /**
     * Returns a metrics snapshot; gaps are always 0 (KCL does not report trimmed records).
     *
     * @return the snapshot
     */
    public CaptureMetrics metrics() {
        List<Instant> waiting = new ArrayList<>(pendingByShard.values());
        waiting.addAll(stopped.values());
        Duration lag = pipeline.maxLag(lagByShard.values(), waiting);
        long started = startedNanos;
        double seconds = started == 0 ? 0 : (System.nanoTime() - started) / 1e9;
        long records = pipeline.records();
        return new CaptureMetrics(records, pipeline.batches(), pipeline.retries(), pipeline.deadLettered(), 0,
                lagByShard.size(), finished.size(), stopped.size(), lag, seconds > 0 ? records / seconds : 0);
    }

    /**
     * Returns the shards this process stopped by the failure policy; they hold their last checkpoint.
     *
     * @return shard ids, unmodifiable
     */
    public Set<String> stoppedShards() {
        return Set.copyOf(stopped.keySet());
    }

    CapturePipeline<T> pipeline() {
        return pipeline;
    }

    boolean running() {
        return running;
    }

    void shardStarted(String shardId) {
        lagByShard.put(shardId, Duration.ZERO);
        pipeline.listener().onShardStarted(shardId);
    }

    void batchPending(String shardId, @Nullable Instant oldest) {
        if (oldest != null) {
            pendingByShard.put(shardId, oldest);
        }
    }

    void batchDone(String shardId, int count, Duration lag) {
        pendingByShard.remove(shardId);
        lagByShard.put(shardId, lag);
        pipeline.batchDone(shardId, count, lag);
    }

    void shardReleased(String shardId) {
        lagByShard.remove(shardId);
        pendingByShard.remove(shardId);
    }

    void shardStopped(String shardId) {
        lagByShard.remove(shardId);
        Instant since = pendingByShard.remove(shardId);
        stopped.put(shardId, since != null ? since : pipeline.clock().instant());
        pipeline.listener().onShardEnded(shardId, true);
    }

    void shardFinished(String shardId) {
        lagByShard.remove(shardId);
        pendingByShard.remove(shardId);
        finished.add(shardId);
        pipeline.listener().onShardEnded(shardId, false);
    }
}
