package dev.tributary.dynamo.internal;

import dev.tributary.core.TributaryException;
import dev.tributary.dynamo.StartPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;

/**
 * Reads one shard from its checkpoint (or start) to its end: GetRecords with a limit, no busy loop on an
 * empty shard, full speed while batches come back full, iterator renewal after expiry, recovery from trimmed
 * data with a reported gap; each batch goes through the {@link CapturePipeline}, then the checkpoint advances.
 *
 * <p>Only a failure policy stops a shard for good. Every other failure (checkpoint store, GetShardIterator,
 * GetRecords, an open circuit breaker) is retried with capped backoff for as long as the capture runs, and the
 * shard's lag keeps growing meanwhile, so a stuck shard is visible in {@link dev.tributary.dynamo.CaptureMetrics}.
 *
 * @param <T> the item type
 */
public final class ShardWorker<T> implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ShardWorker.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(20);
    /** Pages read ahead for pipelined handlers; at most 1 MB each (the GetRecords limit). */
    private static final int READ_AHEAD_PAGES = 3;
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(Backoff.STEP_MILLIS);

    /** How a reader ended. */
    enum End {
        /** Read to its end and marked finished. */
        FINISHED,
        /** Stopped by a failure policy; holds its last checkpoint. */
        STOPPED,
        /** The capture stopped. */
        SHUTDOWN
    }

    private final StreamEngine<T> engine;
    private final String shardId;
    private final boolean hasParent;
    private final CreationTimes times = new CreationTimes();
    private volatile Duration lag = Duration.ZERO;
    private volatile @Nullable Instant pendingSince;
    private final PipelineWindow<Pending<T>> window;
    private final ReadAhead readAhead;

    ShardWorker(StreamEngine<T> engine, String shardId, boolean hasParent) {
        this.engine = engine;
        this.shardId = shardId;
        this.hasParent = hasParent;
        this.window = new PipelineWindow<>(engine.pipeline().maxBatchesInFlight(), p -> p.batch.acknowledged());
        // Handlers that take batches one at a time: one page ahead, read while the current one is handled.
        // Pipelined handlers: a few pages, so that reading goes on while the reader waits for acknowledgements.
        this.readAhead = new ReadAhead(this::getRecords, this::behind, window.capacity() > 1 ? READ_AHEAD_PAGES : 1,
                engine.executor());
    }

    /** Returns the lag: at the last batch, or since the oldest record still waiting to be acknowledged. */
    Duration lag() {
        Instant pending = pendingSince;
        if (pending == null) {
            return lag;
        }
        Duration waiting = engine.pipeline().lagSince(pending);
        return waiting.compareTo(lag) > 0 ? waiting : lag;
    }

    /** Returns the creation time of the oldest record not yet acknowledged, if a batch is waiting. */
    Optional<Instant> pendingSince() {
        return Optional.ofNullable(pendingSince);
    }

    @Override
    public void run() {
        engine.pipeline().listener().onShardStarted(shardId);
        End end = End.SHUTDOWN;
        try {
            end = read();
        } catch (Stopping s) {
            end = End.SHUTDOWN;
        } catch (RuntimeException e) {
            // Not expected (every call is retried); the coordinator starts a new reader at its next shard sync.
            LOG.error("Shard reader failed unexpectedly; a new reader starts at the next shard sync [shard={}]",
                    shardId, e);
        } finally {
            readAhead.cancel();
            window.cancelAll();
            End ended = end;
            engine.workerEnded(shardId, ended, this);
            engine.pipeline().listener().onShardEnded(shardId, ended == End.STOPPED);
        }
    }

    private End read() {
        CapturePipeline<T> pipeline = engine.pipeline();
        @Nullable String lastSeq = persist("checkpoint.read",
                () -> engine.checkpoints().read(engine.consumer(), engine.streamArn(), shardId).orElse(null));
        String iterator = resume(lastSeq);
        long idle = engine.minIdle().toMillis();
        int failures = 0;
        while (engine.running()) {
            GetRecordsResponse response;
            try {
                response = readAhead.pending() ? taken() : getRecords(iterator);
                failures = 0;
            } catch (TributaryException e) {
                Throwable cause = e.getCause();
                if (cause instanceof ExpiredIteratorException) {
                    LOG.debug("Iterator expired, renewing [shard={}, after={}]", shardId, lastSeq);
                    iterator = resume(lastSeq);
                    continue;
                }
                if (cause instanceof TrimmedDataAccessException) {
                    trimmed(lastSeq);
                    iterator = at(ShardIteratorType.TRIM_HORIZON, null);
                    continue;
                }
                if (cause instanceof ResourceNotFoundException) {
                    End end = settle(window.size());
                    if (end != null) {
                        return end;
                    }
                    pipeline.gap(shardId, "the shard expired (retention) before it was read to its end");
                    markFinished();
                    return End.FINISHED;
                }
                backoff("GetRecords", e, ++failures);
                continue;
            }
            List<Record> records = response.records();
            String next = response.nextShardIterator();
            if (next != null && !readAhead.pending() && behind(response)) {
                // Behind: read the next pages while this one is delivered. Batches are still handed over one
                // after another; only the GetRecords calls overlap with the handlers.
                readAhead.start(next);
            }
            if (!records.isEmpty()) {
                End end = window.capacity() > 1 ? submit(records) : deliverNow(records);
                if (end != null) {
                    return end;
                }
                lastSeq = records.get(records.size() - 1).dynamodb().sequenceNumber();
                idle = engine.minIdle().toMillis();
            }
            iterator = response.nextShardIterator();
            if (iterator == null) {
                End end = settle(window.size());
                if (end != null) {
                    return end;
                }
                markFinished();
                LOG.debug("Shard read to its end [shard={}]", shardId);
                return End.FINISHED;
            }
            if (records.isEmpty()) {
                End end = idlePause(idle);
                if (end != null) {
                    return end;
                }
                idle = Math.min(idle * 2, engine.maxIdle().toMillis());
            } else if (!readAhead.pending()) {
                // Caught up with fresh writes: pause briefly to stay under the per-shard GetRecords rate.
                // Behind (older records, or a full batch): read on at once.
                End end = idlePause(engine.minIdle().toMillis());
                if (end != null) {
                    return end;
                }
            }
        }
        drainOnStop();
        return End.SHUTDOWN;
    }

    /** Delivers a batch and waits for it, then checkpoints it; null to read on. */
    private @Nullable End deliverNow(List<Record> records) {
        CapturePipeline<T> pipeline = engine.pipeline();
        pendingSince = CreationTimes.firstKnown(records);
        CapturePipeline.Outcome outcome = pipeline.deliver(shardId, records, times);
        if (outcome == CapturePipeline.Outcome.STOPPED) {
            return End.STOPPED;
        }
        if (outcome == CapturePipeline.Outcome.INTERRUPTED) {
            return End.SHUTDOWN;
        }
        checkpoint(records.get(records.size() - 1).dynamodb().sequenceNumber(), records.size(), times.lastKnown());
        pendingSince = null;
        return null;
    }

    /**
     * Hands a batch to the pipelined handlers, then checkpoints what is acknowledged, waiting only while the
     * window is full; null to read on.
     */
    private @Nullable End submit(List<Record> records) {
        @Nullable Instant first = CreationTimes.firstKnown(records);
        CapturePipeline.InFlight<T> batch = engine.pipeline().submit(shardId, records, times);
        window.add(new Pending<>(batch, records.get(records.size() - 1).dynamodb().sequenceNumber(), records.size(),
                first, times.lastKnown()));
        if (pendingSince == null) {
            pendingSince = first;
        }
        if (batch.decided() != null && batch.decided() != CapturePipeline.Outcome.ACKNOWLEDGED) {
            return settle(window.size());
        }
        return settle(window.size() - window.capacity() + 1);
    }

    /**
     * Checkpoints acknowledged batches in order: those already acknowledged, and the first {@code atLeast}
     * whether done or not (waiting for them). A refused batch is delivered again with every later one, in order,
     * through the handlers' failure policies, after all of them settled. Null to read on.
     */
    private @Nullable End settle(int atLeast) {
        int waited = 0;
        while (!window.isEmpty()) {
            Pending<T> head = window.peek();
            CompletableFuture<Void> ack = head.batch.acknowledged();
            if (!ack.isDone() && waited >= atLeast) {
                return null;
            }
            waited++;
            try {
                ack.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                window.cancelAll();
                return End.SHUTDOWN;
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                return redeliverAll();
            }
            if (head.batch.decided() == CapturePipeline.Outcome.STOPPED) {
                window.clear();
                return End.STOPPED;
            }
            if (head.batch.decided() == CapturePipeline.Outcome.INTERRUPTED) {
                window.cancelAll();
                return End.SHUTDOWN;
            }
            acknowledgeHead(head);
        }
        return null;
    }

    /** After a refusal: lets every batch in flight settle, then delivers them again in order. */
    private @Nullable End redeliverAll() {
        if (!window.awaitSettled()) {
            return End.SHUTDOWN;
        }
        LOG.debug("A pipelined batch was refused; delivering it and {} later batches again, in order [shard={}]",
                window.size() - 1, shardId);
        while (!window.isEmpty()) {
            Pending<T> head = window.peek();
            CapturePipeline.Outcome outcome = engine.pipeline().redeliver(shardId, head.batch);
            if (outcome == CapturePipeline.Outcome.STOPPED) {
                window.clear();
                return End.STOPPED;
            }
            if (outcome == CapturePipeline.Outcome.INTERRUPTED) {
                window.clear();
                return End.SHUTDOWN;
            }
            acknowledgeHead(head);
        }
        return null;
    }

    /** Checkpoints the oldest batch in flight and forgets it; lag now waits on the next one. */
    private void acknowledgeHead(Pending<T> head) {
        window.poll();
        checkpoint(head.lastSeq, head.count, head.lastCreated);
        Pending<T> next = window.peek();
        pendingSince = next == null ? null : next.firstCreated;
    }

    /** On a graceful stop: checkpoints the batches in flight that get acknowledged; cancels the rest. */
    private void drainOnStop() {
        try {
            while (!window.isEmpty()) {
                Pending<T> head = window.peek();
                try {
                    head.batch.acknowledged().get();
                } catch (ExecutionException | java.util.concurrent.CancellationException refused) {
                    return;
                }
                if (head.batch.decided() != null && head.batch.decided() != CapturePipeline.Outcome.ACKNOWLEDGED) {
                    return;
                }
                window.poll();
                engine.checkpoints().advance(engine.consumer(), engine.streamArn(), shardId, head.lastSeq);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("Could not checkpoint a batch acknowledged while stopping; it comes again [shard={}]", shardId);
        } finally {
            window.cancelAll();
        }
    }

    private void checkpoint(String seq, int count, @Nullable Instant lastCreated) {
        persist("checkpoint.advance", () -> {
            engine.checkpoints().advance(engine.consumer(), engine.streamArn(), shardId, seq);
            return null;
        });
        lag = engine.pipeline().lagSince(lastCreated);
        engine.pipeline().batchDone(shardId, count, lag);
        LOG.debug("Batch checkpointed [shard={}, records={}, lastSequenceNumber={}]", shardId, count, seq);
    }

    private GetRecordsResponse getRecords(String iterator) {
        return engine.guard().execute("dynamodbstreams.GetRecords",
                () -> engine.streams().getRecords(b -> b.shardIterator(iterator).limit(engine.batchSize())));
    }

    /** Whether the page after this one should be read at once: it came back full, or with records a second old. */
    private boolean behind(GetRecordsResponse response) {
        List<Record> records = response.records();
        if (!engine.running() || records.isEmpty()) {
            return false;
        }
        if (records.size() >= engine.batchSize()) {
            return true;
        }
        StreamRecord last = records.get(records.size() - 1).dynamodb();
        return last != null && engine.pipeline().lagSince(last.approximateCreationDateTime())
                .compareTo(Duration.ofSeconds(1)) >= 0;
    }

    /** Takes the next page read ahead; its call's failure is thrown as the call would have thrown it. */
    private GetRecordsResponse taken() {
        try {
            return readAhead.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopping();
        }
    }

    private void trimmed(@Nullable String lastSeq) {
        engine.pipeline().gap(shardId, lastSeq == null
                ? "the shard's oldest records were trimmed by the 24-hour retention before they were read;"
                        + " continuing at the oldest record still available"
                : "records after sequence number " + lastSeq + " were trimmed by the 24-hour retention before they"
                        + " were read; continuing at the oldest record still available");
    }

    private void markFinished() {
        persist("checkpoint.markFinished", () -> {
            engine.checkpoints().markFinished(engine.consumer(), engine.streamArn(), shardId);
            return null;
        });
    }

    /** Returns an iterator after {@code lastSeq}, or at the start; trimmed positions fall back to TRIM_HORIZON. */
    private String resume(@Nullable String afterSequenceNumber) {
        if (afterSequenceNumber != null) {
            try {
                return at(ShardIteratorType.AFTER_SEQUENCE_NUMBER, afterSequenceNumber);
            } catch (Trimmed t) {
                trimmed(afterSequenceNumber);
                return at(ShardIteratorType.TRIM_HORIZON, null);
            }
        }
        // A child shard must be read from its beginning, whatever the configured start position.
        if (hasParent || engine.startPosition() == StartPosition.TRIM_HORIZON) {
            return at(ShardIteratorType.TRIM_HORIZON, null);
        }
        return at(ShardIteratorType.LATEST, null);
    }

    private String at(ShardIteratorType type, @Nullable String sequenceNumber) {
        for (int attempt = 1; ; attempt++) {
            try {
                return engine.guard().execute("dynamodbstreams.GetShardIterator", () -> engine.streams()
                        .getShardIterator(b -> {
                            b.streamArn(engine.streamArn()).shardId(shardId).shardIteratorType(type);
                            if (sequenceNumber != null) {
                                b.sequenceNumber(sequenceNumber);
                            }
                        }).shardIterator());
            } catch (TributaryException e) {
                if (e.getCause() instanceof TrimmedDataAccessException && type != ShardIteratorType.TRIM_HORIZON) {
                    throw new Trimmed();
                }
                backoff("GetShardIterator", e, attempt);
            }
        }
    }

    /** Runs an infrastructure call until it succeeds or the capture stops. */
    private <R> R persist(String op, Supplier<R> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                backoff(op, e, attempt);
            }
        }
    }

    private void backoff(String op, RuntimeException e, int attempt) {
        if (!engine.running()) {
            throw new Stopping();
        }
        if (attempt == 1 || attempt % 10 == 0) {
            LOG.warn("Shard reader call failed; retrying with backoff [shard={}, op={}, attempt={}, error={}]",
                    shardId, op, attempt, e.getClass().getSimpleName(), e);
        }
        engine.countInfrastructureRetry();
        sleep(Backoff.jittered(attempt, FIRST_BACKOFF, MAX_BACKOFF));
        if (!engine.running()) {
            throw new Stopping();
        }
    }

    private void sleep(long millis) {
        Backoff.sleep(millis, engine::running);
    }

    /**
     * Pauses between GetRecords calls for {@code millis}, checkpointing the batches in flight as they are
     * acknowledged meanwhile, not after the pause: at the tip of a shard, the last batches of a burst would
     * otherwise wait up to the idle time (250 ms to 2 s) for their checkpoint, and lag and the record count with
     * them. The calls' pace is unchanged. Null to read on.
     */
    private @Nullable End idlePause(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!window.isEmpty() && engine.running()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            // In slices, so that a stopping capture is noticed as quickly as by sleep(). A refusal is met by
            // settle(), which delivers the batches again.
            if (!window.awaitOldest(Math.min(left, SLICE_NANOS))) {
                return End.SHUTDOWN;
            }
            End end = settle(0);
            if (end != null) {
                return end;
            }
        }
        sleep(TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadline - System.nanoTime())));
        return null;
    }

    /** A batch in flight with what its checkpoint needs. */
    private record Pending<T>(CapturePipeline.InFlight<T> batch, String lastSeq, int count,
            @Nullable Instant firstCreated, @Nullable Instant lastCreated) {
    }

    /** The capture stopped while a call was being retried. */
    private static final class Stopping extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopping() {
            super(null, null, false, false);
        }
    }

    /** GetShardIterator said the position was trimmed by retention. */
    private static final class Trimmed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Trimmed() {
            super(null, null, false, false);
        }
    }
}
