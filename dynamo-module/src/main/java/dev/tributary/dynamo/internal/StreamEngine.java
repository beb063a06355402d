package dev.tributary.dynamo.internal;

import dev.tributary.core.Resilience;
import dev.tributary.dynamo.CaptureListener;
import dev.tributary.dynamo.CaptureMetrics;
import dev.tributary.dynamo.CheckpointStore;
import dev.tributary.dynamo.DeadLetter;
import dev.tributary.dynamo.DeadLetterDestination;
import dev.tributary.dynamo.StartPosition;
import dev.tributary.dynamo.StreamRecordMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The embedded capture engine: a coordinator that lists shards (DescribeStream, paginated) and starts one
 * {@link ShardWorker} per shard once its parent is finished, so a parent is always read to its end before
 * its children; one reader per shard in this process.
 *
 * @param <T> the item type
 */
public final class StreamEngine<T> {
    private static final Logger LOG = LoggerFactory.getLogger(StreamEngine.class);

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String consumer;
    private final CheckpointStore checkpoints;
    private final StreamRecordMapper<T> mapper;
    private final List<Delivery<T>> deliveries;
    private final @Nullable DeadLetterDestination unmappableDestination;
    private final int batchSize;
    private final StartPosition startPosition;
    private final Duration minIdle;
    private final Duration maxIdle;
    private final Duration shardSyncInterval;
    private final CaptureListener listener;
    private final Clock clock;
    private final Resilience guard;
    private final Map<String, ShardWorker<T>> workers = new ConcurrentHashMap<>();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    private final Set<String> stopped = ConcurrentHashMap.newKeySet();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong retries;
    private final AtomicLong deadLettered;
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicInteger threadIds = new AtomicInteger();
    private final ExecutorService executor;
    private final Object syncSignal = new Object();
    private volatile boolean running;
    private volatile long startedNanos;
    private @Nullable Thread coordinator;

    /** Creates the engine; nothing runs until {@link #start()}. */
    public StreamEngine(DynamoDbStreamsClient streams, String streamArn, String consumer, CheckpointStore checkpoints,
            StreamRecordMapper<T> mapper, List<Delivery<T>> deliveries,
            @Nullable DeadLetterDestination unmappableDestination, int batchSize,
            StartPosition startPosition, Duration minIdle, Duration maxIdle, Duration shardSyncInterval,
            CaptureListener listener, Clock clock, Resilience guard, AtomicLong retries, AtomicLong deadLettered) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.consumer = consumer;
        this.checkpoints = checkpoints;
        this.mapper = mapper;
        this.deliveries = List.copyOf(deliveries);
        this.unmappableDestination = unmappableDestination;
        this.batchSize = batchSize;
        this.startPosition = startPosition;
        this.minIdle = minIdle;
        this.maxIdle = maxIdle;
        this.shardSyncInterval = shardSyncInterval;
        this.listener = listener;
        this.clock = clock;
        this.guard = guard;
        this.retries = retries;
        this.deadLettered = deadLettered;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tributary-capture-" + consumer + "-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the coordinator. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        startedNanos = System.nanoTime();
        Thread t = new Thread(this::coordinate, "tributary-capture-" + consumer + "-coordinator");
        t.setDaemon(true);
        coordinator = t;
        t.start();
    }

    private void coordinate() {
        while (running) {
            try {
                sync();
            } catch (RuntimeException e) {
                LOG.error("Shard sync failed; retrying at the next interval [stream={}]", streamArn, e);
            }
            synchronized (syncSignal) {
                try {
                    syncSignal.wait(shardSyncInterval.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Lists the shards and starts readers for those whose turn it is. */
    void sync() {
        List<Shard> shards = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            DescribeStreamResponse r = guard.execute("dynamodbstreams.DescribeStream", () -> streams.describeStream(b -> {
                b.streamArn(streamArn);
                if (from != null) {
                    b.exclusiveStartShardId(from);
                }
            }));
            shards.addAll(r.streamDescription().shards());
            start = r.streamDescription().lastEvaluatedShardId();
        } while (start != null);
        Set<String> listed = ConcurrentHashMap.newKeySet();
        shards.forEach(s -> listed.add(s.shardId()));
        for (Shard s : shards) {
            String id = s.shardId();
            if (!running || workers.containsKey(id) || finished.contains(id) || stopped.contains(id)) {
                continue;
            }
            if (checkpoints.isFinished(consumer, streamArn, id)) {
                finished.add(id);
                continue;
            }
            String parent = s.parentShardId();
            boolean parentPending = parent != null && listed.contains(parent) && !finished.contains(parent)
                    && !checkpoints.isFinished(consumer, streamArn, parent);
            if (parentPending) {
                continue;
            }
            ShardWorker<T> w = new ShardWorker<>(this, id, parent != null && listed.contains(parent));
            workers.put(id, w);
            LOG.debug("Starting shard reader [stream={}, shard={}, parent={}]", streamArn, id, parent);
            executor.execute(w);
        }
    }

    void workerEnded(String shardId, boolean wasStopped) {
        workers.remove(shardId);
        if (wasStopped) {
            if (running) {
                stopped.add(shardId);
            }
        } else {
            finished.add(shardId);
            synchronized (syncSignal) {
                syncSignal.notifyAll();
            }
        }
    }

    void batchDone(String shardId, int count, Duration lag) {
        records.addAndGet(count);
        batches.incrementAndGet();
        Listeners.safe(() -> listener.onBatch(shardId, count, lag));
    }

    void gap(String shardId, String detail) {
        gaps.incrementAndGet();
        LOG.warn("Records were lost before they were read [stream={}, shard={}]: {}", streamArn, shardId, detail);
        Listeners.safe(() -> listener.onGap(shardId, detail));
    }

    boolean deadLetterUnmappable(Record r, String shardId, RuntimeException e) {
        if (unmappableDestination == null) {
            return false;
        }
        DeadLetter d = ShardWorker.unmappable(r, streamArn, shardId, e, clock.instant());
        unmappableDestination.accept(d);
        deadLettered.incrementAndGet();
        Listeners.safe(() -> listener.onDeadLetter(d));
        return true;
    }

    /** Returns a metrics snapshot. */
    public CaptureMetrics metrics() {
        Duration lag = workers.values().stream().map(ShardWorker::lag).max(Duration::compareTo).orElse(Duration.ZERO);
        double seconds = startedNanos == 0 ? 0 : (System.nanoTime() - startedNanos) / 1e9;
        return new CaptureMetrics(records.get(), batches.get(), retries.get(), deadLettered.get(), gaps.get(),
                workers.size(), finished.size(), lag, seconds > 0 ? records.get() / seconds : 0);
    }

    /** Stops gracefully: readers finish and checkpoint their current batch. */
    public void stop(Duration timeout) {
        running = false;
        synchronized (syncSignal) {
            syncSignal.notifyAll();
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Shard readers did not finish within {}; interrupting [stream={}]", timeout, streamArn);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    /** Stops at once, interrupting handlers, as a crash would (tests). */
    public void abort() {
        running = false;
        executor.shutdownNow();
        Thread c = coordinator;
        if (c != null) {
            c.interrupt();
        }
    }

    boolean running() {
        return running;
    }

    DynamoDbStreamsClient streams() {
        return streams;
    }

    String streamArn() {
        return streamArn;
    }

    String consumer() {
        return consumer;
    }

    CheckpointStore checkpoints() {
        return checkpoints;
    }

    StreamRecordMapper<T> mapper() {
        return mapper;
    }

    List<Delivery<T>> deliveries() {
        return deliveries;
    }

    int batchSize() {
        return batchSize;
    }

    StartPosition startPosition() {
        return startPosition;
    }

    Duration minIdle() {
        return minIdle;
    }

    Duration maxIdle() {
        return maxIdle;
    }

    CaptureListener listener() {
        return listener;
    }

    Clock clock() {
        return clock;
    }

    Resilience guard() {
        return guard;
    }
}
