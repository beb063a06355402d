package dev.tributary.dynamo.kcl.internal;

import dev.tributary.core.ChangeEvent;
import dev.tributary.dynamo.CaptureListener;
import dev.tributary.dynamo.CaptureMetrics;
import dev.tributary.dynamo.DeadLetter;
import dev.tributary.dynamo.DeadLetterDestination;
import dev.tributary.dynamo.StreamRecordMapper;
import dev.tributary.dynamo.internal.Delivery;
import dev.tributary.dynamo.internal.Listeners;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;

/**
 * What every shard processor of one capture shares: the mapper, the per-handler deliveries, the listener and
 * the counters. Also the {@link ShardRecordProcessorFactory} KCL calls once per leased shard. Thread-safe.
 *
 * @param <T> the item type
 */
public final class KclRuntime<T> implements ShardRecordProcessorFactory {
    private final String streamArn;
    private final StreamRecordMapper<T> mapper;
    private final List<Delivery<T>> deliveries;
    private final @Nullable DeadLetterDestination unmappable;
    private final CaptureListener listener;
    private final Clock clock;
    private final AtomicLong retries;
    private final AtomicLong deadLettered;
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final Map<String, Duration> lagByShard = new ConcurrentHashMap<>();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private volatile long startedNanos;

    /**
     * Creates the runtime.
     *
     * @param streamArn the stream, becomes {@link ChangeEvent#sourceId()}
     * @param mapper maps records to events
     * @param deliveries one per handler, in order; built with {@code retries} and {@code deadLettered}
     * @param unmappable where records that do not fit the schema go; null stops the shard instead
     * @param listener the listener
     * @param clock for lag and dead-letter times
     * @param retries the counter the deliveries increment on each retry
     * @param deadLettered the counter the deliveries increment on each dead letter
     */
    public KclRuntime(String streamArn, StreamRecordMapper<T> mapper, List<Delivery<T>> deliveries,
            @Nullable DeadLetterDestination unmappable, CaptureListener listener, Clock clock, AtomicLong retries,
            AtomicLong deadLettered) {
        this.streamArn = streamArn;
        this.mapper = mapper;
        this.deliveries = List.copyOf(deliveries);
        this.unmappable = unmappable;
        this.listener = listener;
        this.clock = clock;
        this.retries = retries;
        this.deadLettered = deadLettered;
    }

    @Override
    public ShardRecordProcessor shardRecordProcessor() {
        return new KclShardProcessor<>(this);
    }

    /** Marks the start of the capture, for the delivery rate. */
    public void started() {
        startedNanos = System.nanoTime();
    }

    /** Tells processors that the capture is stopping, which ends retry backoff early. */
    public void stopping() {
        running = false;
    }

    /**
     * Returns a metrics snapshot; gaps are always 0 (KCL does not report trimmed records).
     *
     * @return the snapshot
     */
    public CaptureMetrics metrics() {
        Duration lag = lagByShard.values().stream().max(Duration::compareTo).orElse(Duration.ZERO);
        long started = startedNanos;
        double seconds = started == 0 ? 0 : (System.nanoTime() - started) / 1e9;
        return new CaptureMetrics(records.get(), batches.get(), retries.get(), deadLettered.get(), 0,
                lagByShard.size(), finished.size(), lag, seconds > 0 ? records.get() / seconds : 0);
    }

    /**
     * Returns the shards this process stopped by the failure policy; they hold their last checkpoint.
     *
     * @return shard ids, unmodifiable
     */
    public Set<String> stoppedShards() {
        return Set.copyOf(stopped);
    }

    String streamArn() {
        return streamArn;
    }

    StreamRecordMapper<T> mapper() {
        return mapper;
    }

    List<Delivery<T>> deliveries() {
        return deliveries;
    }

    CaptureListener listener() {
        return listener;
    }

    Clock clock() {
        return clock;
    }

    boolean running() {
        return running;
    }

    void shardStarted(String shardId) {
        lagByShard.put(shardId, Duration.ZERO);
        Listeners.safe(() -> listener.onShardStarted(shardId));
    }

    void batchDone(String shardId, int count, Duration lag) {
        records.addAndGet(count);
        batches.incrementAndGet();
        lagByShard.put(shardId, lag);
        Listeners.safe(() -> listener.onBatch(shardId, count, lag));
    }

    void shardReleased(String shardId) {
        lagByShard.remove(shardId);
    }

    void shardEnded(String shardId, boolean byPolicy) {
        lagByShard.remove(shardId);
        if (byPolicy) {
            stopped.add(shardId);
        } else {
            finished.add(shardId);
        }
        Listeners.safe(() -> listener.onShardEnded(shardId, byPolicy));
    }

    /** Sends a record that does not fit the schema to the destination; false when there is none. */
    boolean deadLetterUnmappable(Record r, String shardId, RuntimeException e) {
        DeadLetterDestination destination = unmappable;
        if (destination == null) {
            return false;
        }
        ChangeEvent<?> raw = StreamRecordMapper.raw().toEvent(r, streamArn, shardId);
        DeadLetter d = new DeadLetter(r, raw, streamArn, shardId, "<schema mapping>", e.getClass().getName(),
                String.valueOf(e.getMessage()), 1, clock.instant());
        destination.accept(d);
        deadLettered.incrementAndGet();
        Listeners.safe(() -> listener.onDeadLetter(d));
        return true;
    }
}
