package dev.tributary.dynamo.kcl.internal;

import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsClientRecord;
import com.amazonaws.services.dynamodbv2.streamsadapter.model.DynamoDBStreamsProcessRecordsInput;
import com.amazonaws.services.dynamodbv2.streamsadapter.processor.DynamoDBStreamsShardRecordProcessor;
import dev.tributary.core.ChangeEvent;
import dev.tributary.dynamo.StreamRecordMapper;
import dev.tributary.dynamo.internal.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.KinesisClientLibDependencyException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/**
 * Processes one leased shard for KCL: maps each batch with the {@link StreamRecordMapper}, hands it to every
 * handler under its failure policy, then checkpoints with KCL's checkpointer. KCL calls one instance from one
 * thread at a time.
 *
 * <p>When a handler's policy stops the shard (or a record does not fit the schema and there is no destination
 * for such records) the processor stops checkpointing: later batches of this lease are ignored, the shard end
 * is not checkpointed, so the lease holds the last checkpoint until the process restarts, as the embedded
 * engine's stopped shard does. KCL itself would drop a batch whose {@code processRecords} threw.
 *
 * @param <T> the item type
 */
final class KclShardProcessor<T> implements DynamoDBStreamsShardRecordProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(KclShardProcessor.class);
    private static final int CHECKPOINT_ATTEMPTS = 3;

    private final KclRuntime<T> runtime;
    private String shardId = "?";
    private boolean stopped;

    KclShardProcessor(KclRuntime<T> runtime) {
        this.runtime = runtime;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        LOG.debug("Shard lease acquired [shard={}, checkpoint={}]", shardId, input.extendedSequenceNumber());
        runtime.shardStarted(shardId);
    }

    @Override
    public void processRecords(DynamoDBStreamsProcessRecordsInput input) {
        if (stopped) {
            LOG.debug("Shard is stopped by the failure policy; batch ignored [shard={}, records={}]", shardId,
                    input.records().size());
            return;
        }
        List<Record> records = new ArrayList<>(input.records().size());
        for (DynamoDBStreamsClientRecord r : input.records()) {
            records.add(r.getRecord());
        }
        if (records.isEmpty()) {
            return;
        }
        if (!deliver(records)) {
            stopped = true;
            runtime.shardEnded(shardId, true);
            return;
        }
        String last = records.get(records.size() - 1).dynamodb().sequenceNumber();
        if (checkpoint(input.checkpointer(), "batch")) {
            LOG.debug("Batch checkpointed [shard={}, records={}, lastSequenceNumber={}]", shardId, records.size(), last);
        }
        Instant created = records.get(records.size() - 1).dynamodb().approximateCreationDateTime();
        Duration lag = created == null ? Duration.ZERO : Duration.between(created, runtime.clock().instant());
        runtime.batchDone(shardId, records.size(), lag.isNegative() ? Duration.ZERO : lag);
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        // Another worker holds the lease now and resumes from the last checkpoint; nothing to do here.
        LOG.debug("Shard lease lost [shard={}]", shardId);
        runtime.shardReleased(shardId);
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        if (stopped) {
            // Checkpointing SHARD_END would skip the refused batch and let child shards start.
            LOG.error("Shard reached its end but was stopped by the failure policy; its end is not checkpointed"
                    + " and its children wait until the capture restarts [shard={}]", shardId);
            return;
        }
        if (checkpoint(input.checkpointer(), "shard end")) {
            LOG.debug("Shard read to its end [shard={}]", shardId);
        }
        runtime.shardEnded(shardId, false);
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        if (!stopped) {
            checkpoint(input.checkpointer(), "shutdown");
        }
        runtime.shardReleased(shardId);
    }

    private boolean deliver(List<Record> records) {
        List<ChangeEvent<T>> events = new ArrayList<>(records.size());
        List<Record> raws = new ArrayList<>(records.size());
        for (Record r : records) {
            try {
                events.add(runtime.mapper().toEvent(r, runtime.streamArn(), shardId));
                raws.add(r);
            } catch (RuntimeException e) {
                if (!runtime.deadLetterUnmappable(r, shardId, e)) {
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
        for (Delivery<T> d : runtime.deliveries()) {
            try {
                d.deliver(batch, raws, runtime.streamArn(), shardId, runtime::running);
            } catch (Delivery.ShardStopped stop) {
                LOG.error(stop.getMessage() + " [shard={}]", shardId, stop.getCause());
                return false;
            }
        }
        return true;
    }

    /** Checkpoints at the end of the last batch handed to this processor; false when it could not. */
    private boolean checkpoint(RecordProcessorCheckpointer checkpointer, String when) {
        for (int attempt = 1; ; attempt++) {
            try {
                checkpointer.checkpoint();
                return true;
            } catch (ShutdownException e) {
                // The lease moved on; the new owner resumes from the last checkpoint (at-least-once).
                LOG.debug("Checkpoint skipped, lease no longer held [shard={}, at={}]", shardId, when);
                return false;
            } catch (ThrottlingException | KinesisClientLibDependencyException e) {
                if (attempt >= CHECKPOINT_ATTEMPTS) {
                    LOG.warn("Checkpoint failed {} times; the next checkpoint covers these records [shard={}, at={}]",
                            attempt, shardId, when, e);
                    return false;
                }
                sleep(100L << (attempt - 1));
            } catch (InvalidStateException e) {
                LOG.error("Checkpoint failed: the KCL lease table is missing or unusable [shard={}, at={}]", shardId,
                        when, e);
                return false;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
