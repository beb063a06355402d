package dev.tributary.dynamo.internal;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.TributaryException;
import dev.tributary.dynamo.DeadLetter;
import dev.tributary.dynamo.StreamRecordMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

/**
 * Reads one shard from its checkpoint (or start) to its end: GetRecords with a limit, no busy loop on an
 * empty shard, full speed while batches come back full, iterator renewal after expiry, recovery from trimmed
 * data with a reported gap; each batch goes to every handler, then the checkpoint advances.
 *
 * @param <T> the item type
 */
public final class ShardWorker<T> implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ShardWorker.class);

    private final StreamEngine<T> engine;
    private final String shardId;
    private final boolean hasParent;
    private volatile Duration lag = Duration.ZERO;

    ShardWorker(StreamEngine<T> engine, String shardId, boolean hasParent) {
        this.engine = engine;
        this.shardId = shardId;
        this.hasParent = hasParent;
    }

    Duration lag() {
        return lag;
    }

    @Override
    public void run() {
        Listeners.safe(() -> engine.listener().onShardStarted(shardId));
        boolean stopped = false;
        try {
            stopped = !read();
        } catch (RuntimeException e) {
            stopped = true;
            LOG.error("Shard reader failed; it will be restarted at the next shard sync [shard={}]", shardId, e);
        } finally {
            boolean wasStopped = stopped;
            engine.workerEnded(shardId, wasStopped);
            Listeners.safe(() -> engine.listener().onShardEnded(shardId, wasStopped));
        }
    }

    /** Returns true when the shard was read to its end, false when stopped early. */
    private boolean read() {
        String lastSeq = engine.checkpoints().read(engine.consumer(), engine.streamArn(), shardId).orElse(null);
        String iterator = iterator(lastSeq);
        long idle = engine.minIdle().toMillis();
        while (engine.running()) {
            GetRecordsResponse response;
            try {
                String it = iterator;
                response = engine.guard().execute("dynamodbstreams.GetRecords",
                        () -> engine.streams().getRecords(b -> b.shardIterator(it).limit(engine.batchSize())));
            } catch (TributaryException e) {
                Throwable cause = e.getCause();
                if (cause instanceof ExpiredIteratorException) {
                    LOG.debug("Iterator expired, renewing [shard={}, after={}]", shardId, lastSeq);
                    iterator = iterator(lastSeq);
                    continue;
                }
                if (cause instanceof TrimmedDataAccessException) {
                    String detail = "records after sequence number " + lastSeq + " were trimmed by the 24-hour"
                            + " retention before they were read; continuing at the oldest record still available";
                    engine.gap(shardId, detail);
                    iterator = at(ShardIteratorType.TRIM_HORIZON, null);
                    continue;
                }
                if (cause instanceof ResourceNotFoundException) {
                    engine.gap(shardId, "the shard expired (retention) before it was read to its end");
                    engine.checkpoints().markFinished(engine.consumer(), engine.streamArn(), shardId);
                    return true;
                }
                if (e.retryable()) {
                    sleep(Math.max(idle, 1000));
                    continue;
                }
                throw e;
            }
            List<Record> records = response.records();
            if (!records.isEmpty()) {
                if (!deliver(records)) {
                    return false;
                }
                lastSeq = records.get(records.size() - 1).dynamodb().sequenceNumber();
                engine.checkpoints().advance(engine.consumer(), engine.streamArn(), shardId, lastSeq);
                lag = Duration.between(records.get(records.size() - 1).dynamodb().approximateCreationDateTime(),
                        engine.clock().instant());
                engine.batchDone(shardId, records.size(), lag);
                LOG.debug("Batch checkpointed [shard={}, records={}, lastSequenceNumber={}]", shardId, records.size(), lastSeq);
                idle = engine.minIdle().toMillis();
            }
            iterator = response.nextShardIterator();
            if (iterator == null) {
                engine.checkpoints().markFinished(engine.consumer(), engine.streamArn(), shardId);
                LOG.debug("Shard read to its end [shard={}]", shardId);
                return true;
            }
            if (records.isEmpty()) {
                sleep(idle);
                idle = Math.min(idle * 2, engine.maxIdle().toMillis());
            } else if (records.size() < engine.batchSize() && lag.compareTo(Duration.ofSeconds(1)) < 0) {
                // Caught up with fresh writes: pause briefly to stay under the per-shard GetRecords rate.
                // Behind (older records, or a full batch): read on at once.
                sleep(engine.minIdle().toMillis());
            }
        }
        return false;
    }

    private boolean deliver(List<Record> records) {
        List<ChangeEvent<T>> events = new ArrayList<>(records.size());
        List<Record> raws = new ArrayList<>(records.size());
        StreamRecordMapper<T> mapper = engine.mapper();
        for (Record r : records) {
            try {
                events.add(mapper.toEvent(r, engine.streamArn(), shardId));
                raws.add(r);
            } catch (RuntimeException e) {
                if (!engine.deadLetterUnmappable(r, shardId, e)) {
                    LOG.error("A record does not fit the item schema and no dead-letter destination is set; the"
                            + " shard stops [shard={}, sequenceNumber={}]", shardId, r.dynamodb().sequenceNumber());
                    return false;
                }
            }
        }
        if (events.isEmpty()) {
            return true;
        }
        List<ChangeEvent<T>> batch = List.copyOf(events);
        for (Delivery<T> d : engine.deliveries()) {
            try {
                d.deliver(batch, raws, engine.streamArn(), shardId, engine::running);
            } catch (Delivery.ShardStopped stop) {
                LOG.error(stop.getMessage() + " [shard={}]", shardId, stop.getCause());
                return false;
            }
        }
        return true;
    }

    private String iterator(@Nullable String afterSequenceNumber) {
        if (afterSequenceNumber != null) {
            return at(ShardIteratorType.AFTER_SEQUENCE_NUMBER, afterSequenceNumber);
        }
        // A child shard must be read from its beginning, whatever the configured start position.
        if (hasParent || engine.startPosition() == dev.tributary.dynamo.StartPosition.TRIM_HORIZON) {
            return at(ShardIteratorType.TRIM_HORIZON, null);
        }
        return at(ShardIteratorType.LATEST, null);
    }

    private String at(ShardIteratorType type, @Nullable String sequenceNumber) {
        return engine.guard().execute("dynamodbstreams.GetShardIterator", () -> engine.streams().getShardIterator(b -> {
            b.streamArn(engine.streamArn()).shardId(shardId).shardIteratorType(type);
            if (sequenceNumber != null) {
                b.sequenceNumber(sequenceNumber);
            }
        }).shardIterator());
    }

    private void sleep(long millis) {
        long end = System.currentTimeMillis() + millis;
        while (engine.running() && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(Math.min(50, Math.max(1, end - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Used by the engine to dead-letter unmappable records. */
    static DeadLetter unmappable(Record r, String streamArn, String shardId, RuntimeException e, java.time.Instant at) {
        ChangeEvent<?> raw = StreamRecordMapper.raw().toEvent(r, streamArn, shardId);
        return new DeadLetter(r, raw, streamArn, shardId, "<schema mapping>", e.getClass().getName(),
                String.valueOf(e.getMessage()), 1, at);
    }
}
