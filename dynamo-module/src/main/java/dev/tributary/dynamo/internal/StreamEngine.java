package dev.tributary.dynamo.internal;

import dev.tributary.core.Resilience;
import dev.tributary.core.TributaryRejectedException;
import dev.tributary.dynamo.CaptureMetrics;
import dev.tributary.dynamo.CheckpointStore;
import dev.tributary.dynamo.StartPosition;
import java.time.Duration;
import java.time.Instant;
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
    private final CapturePipeline<T> pipeline;
    private final int batchSize;
    private final StartPosition startPosition;
    private final Duration minIdle;
    private final Duration maxIdle;
    private final Duration shardSyncInterval;
    private final Resilience guard;
    private final Map<String, ShardWorker<T>> workers = new ConcurrentHashMap<>();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();
    /** Shards stopped by a failure policy, with the creation time of their oldest unacknowledged record. */
    private final Map<String, Instant> stopped = new ConcurrentHashMap<>();
    private final AtomicLong infrastructureRetries = new AtomicLong();
    private final AtomicInteger threadIds = new AtomicInteger();
    private final ExecutorService executor;
    private final Object syncSignal = new Object();
    private volatile boolean running;
    private volatile boolean closed;
    private volatile long startedNanos;
    private @Nullable Thread coordinator;

    /** Creates the engine; nothing runs until {@link #start()}. */
    public StreamEngine(DynamoDbStreamsClient streams, String streamArn, String consumer, CheckpointStore checkpoints,
            java.util.function.Function<java.util.function.BooleanSupplier, CapturePipeline<T>> pipeline, int batchSize,
            StartPosition startPosition, Duration minIdle, Duration maxIdle, Duration shardSyncInterval,
            Resilience guard) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.consumer = consumer;
        this.checkpoints = checkpoints;
        this.pipeline = pipeline.apply(() -> running);
        this.batchSize = batchSize;
        this.startPosition = startPosition;
        this.minIdle = minIdle;
        this.maxIdle = maxIdle;
        this.shardSyncInterval = shardSyncInterval;
        this.guard = guard;
        // A cached pool runs every task at once (shard readers, their read-ahead chains) and never queues one:
        // ReadAhead relies on that (a queued chain dropped by shutdownNow would leave its reader waiting).
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tributary-capture-" + consumer + "-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the coordinator; a second call while running does nothing.
     *
     * @throws TributaryRejectedException ({@code CLOSED}) after {@link #stop} or {@link #abort}: an engine is not
     *     restarted
     */
    public synchronized void start() {
        if (closed) {
            throw TributaryRejectedException.of(TributaryRejectedException.Reason.CLOSED, "The capture of stream ["
                    + streamArn + "] is closed; build a new one to start again", null);
        }
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

    /** Returns whether {@link #stop} or {@link #abort} was called. */
    public boolean closed() {
        return closed;
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
            if (!running || workers.containsKey(id) || finished.contains(id) || stopped.containsKey(id)) {
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

    void workerEnded(String shardId, ShardWorker.End end, ShardWorker<T> worker) {
        workers.remove(shardId, worker);
        if (end == ShardWorker.End.STOPPED && running) {
            stopped.put(shardId, worker.pendingSince().orElse(pipeline.clock().instant()));
        } else if (end == ShardWorker.End.FINISHED) {
            finished.add(shardId);
            synchronized (syncSignal) {
                syncSignal.notifyAll();
            }
        }
        // Any other end while running (an unexpected failure) leaves the shard to the next shard sync.
    }

    void countInfrastructureRetry() {
        infrastructureRetries.incrementAndGet();
    }

    /** Returns a metrics snapshot. */
    public CaptureMetrics metrics() {
        Duration lag = pipeline.maxLag(workers.values().stream().map(ShardWorker::lag).toList(), stopped.values());
        double seconds = startedNanos == 0 ? 0 : (System.nanoTime() - startedNanos) / 1e9;
        long records = pipeline.records();
        return new CaptureMetrics(records, pipeline.batches(), pipeline.retries() + infrastructureRetries.get(),
                pipeline.deadLettered(), pipeline.gaps(), workers.size(), finished.size(), stopped.size(), lag,
                seconds > 0 ? records / seconds : 0);
    }

    /** Returns the shards stopped by a failure policy. */
    public Set<String> stoppedShards() {
        return Set.copyOf(stopped.keySet());
    }

    /** Stops gracefully: readers finish their current call; an unacknowledged batch is not checkpointed. */
    public void stop(Duration timeout) {
        closed = true;
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

    /**
     * Stops at once, as a crash would: readers are interrupted, nothing more is checkpointed or dead-lettered.
     * Waits up to {@code timeout} for the reader threads to end, so no write of this engine lands afterwards
     * unless a handler ignores interrupts.
     */
    public void abort(Duration timeout) {
        closed = true;
        running = false;
        executor.shutdownNow();
        Thread c = coordinator;
        if (c != null) {
            c.interrupt();
        }
        try {
            executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean running() {
        return running;
    }

    /** The pool of shard readers, also running their read-ahead GetRecords calls. */
    ExecutorService executor() {
        return executor;
    }

    CapturePipeline<T> pipeline() {
        return pipeline;
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

    Resilience guard() {
        return guard;
    }
}
