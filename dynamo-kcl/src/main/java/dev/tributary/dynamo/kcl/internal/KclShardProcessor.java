package dev.tributary.dynamo.kcl.internal;

import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsClientRecord;
import com.amazonaws.services.dynamodbv2.streamsadapter.model.DynamoDBStreamsProcessRecordsInput;
import com.amazonaws.services.dynamodbv2.streamsadapter.processor.DynamoDBStreamsShardRecordProcessor;
import dev.tributary.dynamo.internal.Backoff;
import dev.tributary.dynamo.internal.CapturePipeline;
import dev.tributary.dynamo.internal.CreationTimes;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
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
 * Processes one leased shard for KCL: hands each batch to the {@link CapturePipeline} (the same path as the
 * embedded engine), then checkpoints the batch's last sequence number explicitly, never "whatever KCL handed
 * over", so a batch cut off by shutdown is not covered by a later checkpoint. KCL calls one instance from one
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
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final KclRuntime<T> runtime;
    private final CreationTimes times = new CreationTimes();
    private String shardId = "?";
    private boolean stopped;
    private boolean interrupted;
    private @Nullable String lastAcknowledged;

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
        if (stopped || interrupted) {
            LOG.debug("Shard is stopped or shutting down; batch ignored [shard={}, records={}]", shardId,
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
        runtime.batchPending(shardId, CreationTimes.firstKnown(records));
        CapturePipeline.Outcome outcome = runtime.pipeline().deliver(shardId, records, times);
        if (outcome == CapturePipeline.Outcome.STOPPED) {
            stopped = true;
            runtime.shardStopped(shardId);
            return;
        }
        if (outcome == CapturePipeline.Outcome.INTERRUPTED) {
            interrupted = true;
            return;
        }
        String last = records.get(records.size() - 1).dynamodb().sequenceNumber();
        lastAcknowledged = last;
        if (checkpoint(input.checkpointer(), last, "batch")) {
            LOG.debug("Batch checkpointed [shard={}, records={}, lastSequenceNumber={}]", shardId, records.size(), last);
        }
        Instant created = times.lastKnown();
        runtime.batchDone(shardId, records.size(), runtime.pipeline().lagSince(created));
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        // Another worker holds the lease now and resumes from the last checkpoint; nothing to do here.
        LOG.debug("Shard lease lost [shard={}]", shardId);
        runtime.shardReleased(shardId);
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        if (stopped || interrupted) {
            // Checkpointing SHARD_END would skip the refused batch and let child shards start.
            LOG.warn("Shard reached its end but its last batch was not acknowledged; its end is not checkpointed"
                    + " and its children wait until the capture restarts [shard={}]", shardId);
            return;
        }
        if (checkpoint(input.checkpointer(), null, "shard end")) {
            LOG.debug("Shard read to its end [shard={}]", shardId);
            runtime.shardFinished(shardId);
        }
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        String last = lastAcknowledged;
        if (!stopped && last != null) {
            checkpoint(input.checkpointer(), last, "shutdown");
        }
        runtime.shardReleased(shardId);
    }

    /**
     * Checkpoints at {@code sequenceNumber} (or the shard end when null), retrying transient failures with
     * backoff while the capture runs; false when it could not (the next checkpoint covers these records).
     */
    private boolean checkpoint(RecordProcessorCheckpointer checkpointer, @Nullable String sequenceNumber, String when) {
        for (int attempt = 1; ; attempt++) {
            try {
                if (sequenceNumber == null) {
                    checkpointer.checkpoint();
                } else {
                    checkpointer.checkpoint(sequenceNumber);
                }
                return true;
            } catch (ShutdownException e) {
                // The lease moved on; the new owner resumes from the last checkpoint (at-least-once).
                LOG.debug("Checkpoint skipped, lease no longer held [shard={}, at={}]", shardId, when);
                return false;
            } catch (ThrottlingException | KinesisClientLibDependencyException e) {
                if (!runtime.running() && !"shutdown".equals(when)) {
                    return false;
                }
                if (attempt == 1 || attempt % 10 == 0) {
                    LOG.warn("Checkpoint failed; retrying [shard={}, at={}, attempt={}]", shardId, when, attempt, e);
                }
                if ("shutdown".equals(when) && attempt >= 5) {
                    return false;
                }
                Backoff.sleep(Backoff.jittered(attempt, FIRST_BACKOFF, MAX_BACKOFF), () -> true);
            } catch (InvalidStateException e) {
                LOG.error("Checkpoint failed: the KCL lease table is missing or unusable [shard={}, at={}]", shardId,
                        when, e);
                return false;
            } catch (IllegalArgumentException e) {
                LOG.error("Checkpoint refused by KCL [shard={}, at={}, sequenceNumber={}]", shardId, when,
                        sequenceNumber, e);
                return false;
            }
        }
    }
}
