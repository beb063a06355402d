package dev.tributary.dynamo.internal;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.PipelinedChangeHandler;
import dev.tributary.core.support.Listeners;
import dev.tributary.dynamo.CaptureListener;
import dev.tributary.dynamo.DeadLetter;
import dev.tributary.dynamo.DeadLetterDestination;
import dev.tributary.dynamo.StreamRecordMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The one path from a batch of stream records to acknowledged handlers, shared by the embedded engine and the
 * KCL processors: creation times filled from the shard, records mapped (those that do not fit the schema
 * dead-lettered or stopping the shard), the batch handed to every handler under its policy; plus the counters
 * both engines report. Thread-safe; shard readers call it concurrently, each with its own {@link CreationTimes}.
 *
 * @param <T> the item type
 */
public final class CapturePipeline<T> {
    private static final Logger LOG = LoggerFactory.getLogger(CapturePipeline.class);

    /** What became of a batch. */
    public enum Outcome {
        /** Every handler acknowledged it (poison records dead-lettered): checkpoint it. */
        ACKNOWLEDGED,
        /** A failure policy stopped the shard: do not checkpoint, read no further. */
        STOPPED,
        /** The capture stopped first: do not checkpoint or dead-letter; the batch comes again. */
        INTERRUPTED
    }

    private final String streamArn;
    private final StreamRecordMapper<T> mapper;
    private final List<Delivery<T>> deliveries;
    private final @Nullable DeadLetterDestination unmappable;
    private final CaptureListener listener;
    private final Clock clock;
    private final BooleanSupplier running;
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final int maxBatchesInFlight;

    /**
     * Creates the pipeline.
     *
     * @param streamArn the stream, the events' source id
     * @param mapper maps records to events
     * @param handlers the handlers in the order added
     * @param unmappable where records that do not fit the schema go; null stops the shard instead
     * @param listener the listener
     * @param clock for lag and dead-letter times
     * @param running false once the capture stops
     */
    public CapturePipeline(String streamArn, StreamRecordMapper<T> mapper, List<HandlerRegistration<T>> handlers,
            @Nullable DeadLetterDestination unmappable, CaptureListener listener, Clock clock, BooleanSupplier running) {
        this(streamArn, mapper, handlers, unmappable, listener, clock, running, 1);
    }

    /**
     * Creates the pipeline.
     *
     * @param streamArn the stream, the events' source id
     * @param mapper maps records to events
     * @param handlers the handlers in the order added
     * @param unmappable where records that do not fit the schema go; null stops the shard instead
     * @param listener the listener
     * @param clock for lag and dead-letter times
     * @param running false once the capture stops
     * @param maxBatchesInFlight batches of one shard handed to pipelined handlers before the first is
     *     acknowledged; 1 (or a handler that is not a {@link PipelinedChangeHandler}) means one at a time
     */
    public CapturePipeline(String streamArn, StreamRecordMapper<T> mapper, List<HandlerRegistration<T>> handlers,
            @Nullable DeadLetterDestination unmappable, CaptureListener listener, Clock clock, BooleanSupplier running,
            int maxBatchesInFlight) {
        this.streamArn = streamArn;
        this.mapper = mapper;
        this.unmappable = unmappable;
        this.listener = Listeners.guarded(CaptureListener.class, listener);
        this.clock = clock;
        this.running = running;
        List<Delivery<T>> list = new ArrayList<>(handlers.size());
        for (HandlerRegistration<T> h : handlers) {
            list.add(new Delivery<>(h, listener, clock, retries, deadLettered));
        }
        this.deliveries = List.copyOf(list);
        boolean allPipelined = !handlers.isEmpty()
                && handlers.stream().allMatch(h -> h.handler() instanceof PipelinedChangeHandler);
        this.maxBatchesInFlight = allPipelined ? Math.max(1, maxBatchesInFlight) : 1;
    }

    /** Returns how many batches of one shard may be in flight at once (1 when not pipelined). */
    public int maxBatchesInFlight() {
        return maxBatchesInFlight;
    }

    /**
     * Maps a batch of one shard and hands it to every handler.
     *
     * @param shardId the shard
     * @param batch the records, in stream order
     * @param times the shard's creation-time memory
     * @return what became of the batch
     */
    public Outcome deliver(String shardId, List<Record> batch, CreationTimes times) {
        Mapped<T> mapped = map(shardId, batch, times);
        return mapped.outcome != null ? mapped.outcome : deliverMapped(shardId, mapped);
    }

    /**
     * Maps a batch and hands it to every (pipelined) handler without waiting for the acknowledgement; only when
     * {@link #maxBatchesInFlight()} is above 1. Records that do not fit the schema are dealt with first, as in
     * {@link #deliver}.
     *
     * @param shardId the shard
     * @param batch the records, in stream order
     * @param times the shard's creation-time memory
     * @return the batch in flight
     */
    public InFlight<T> submit(String shardId, List<Record> batch, CreationTimes times) {
        Mapped<T> mapped = map(shardId, batch, times);
        if (mapped.outcome != null) {
            return new InFlight<>(mapped, CompletableFuture.completedFuture(null));
        }
        List<CompletableFuture<Void>> futures = new ArrayList<>(deliveries.size());
        for (Delivery<T> d : deliveries) {
            futures.add(d.submit(mapped.events));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
        // Cancelling the batch cancels each handler's part, so writes not yet sent are dropped.
        all.whenComplete((ok, e) -> {
            if (all.isCancelled()) {
                futures.forEach(f -> f.cancel(false));
            }
        });
        return new InFlight<>(mapped, all);
    }

    /**
     * Delivers a batch that was in flight again, through every handler's {@link Delivery} and failure policy:
     * after it (or an earlier batch of the shard) was refused.
     *
     * @param shardId the shard
     * @param batch the batch
     * @return what became of it
     */
    public Outcome redeliver(String shardId, InFlight<T> batch) {
        Outcome decided = batch.mapped.outcome;
        return decided != null ? decided : deliverMapped(shardId, batch.mapped);
    }

    private Mapped<T> map(String shardId, List<Record> batch, CreationTimes times) {
        List<@Nullable Instant> fallbacks = times.fallbacks(batch);
        List<ChangeEvent<T>> events = new ArrayList<>(batch.size());
        List<Record> raws = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Record r = batch.get(i);
            try {
                events.add(mapper.toEvent(r, streamArn, shardId, fallbacks.get(i)));
                raws.add(r);
            } catch (RuntimeException e) {
                Outcome o = unmappable(r, shardId, e);
                if (o != Outcome.ACKNOWLEDGED) {
                    return new Mapped<>(List.of(), List.of(), o);
                }
            }
        }
        return new Mapped<>(List.copyOf(events), raws, events.isEmpty() ? Outcome.ACKNOWLEDGED : null);
    }

    private Outcome deliverMapped(String shardId, Mapped<T> mapped) {
        for (Delivery<T> d : deliveries) {
            try {
                d.deliver(mapped.events, mapped.raws, streamArn, shardId, running);
            } catch (Delivery.ShardStopped stop) {
                LOG.error(stop.getMessage() + " [shard={}]", shardId, stop.getCause());
                return Outcome.STOPPED;
            } catch (Delivery.Interrupted stop) {
                LOG.debug("Batch cut off by shutdown, not checkpointed [shard={}, handler={}]", shardId, d.name());
                return Outcome.INTERRUPTED;
            }
        }
        return Outcome.ACKNOWLEDGED;
    }

    /** A mapped batch; {@code outcome} is set when mapping already decided it (nothing left to deliver). */
    private record Mapped<T>(List<ChangeEvent<T>> events, List<Record> raws, @Nullable Outcome outcome) {
    }

    /**
     * A batch handed to pipelined handlers and not yet checkpointed.
     *
     * @param <T> the item type
     */
    public static final class InFlight<T> {
        private final Mapped<T> mapped;
        private final CompletableFuture<Void> acknowledged;

        private InFlight(Mapped<T> mapped, CompletableFuture<Void> acknowledged) {
            this.mapped = mapped;
            this.acknowledged = acknowledged;
        }

        /** Completes when every handler acknowledged the batch; fails when one refused it. */
        public CompletableFuture<Void> acknowledged() {
            return acknowledged;
        }

        /** Returns the outcome mapping decided (a record that stopped the shard), or null. */
        public @Nullable Outcome decided() {
            return mapped.outcome;
        }
    }

    private Outcome unmappable(Record r, String shardId, RuntimeException e) {
        DeadLetterDestination destination = unmappable;
        String seq = r.dynamodb() == null ? "?" : r.dynamodb().sequenceNumber();
        if (destination == null) {
            LOG.error("A record cannot be mapped ({}) and no destination for unmappable records is set; the shard"
                    + " stops [shard={}, sequenceNumber={}]", e.getClass().getSimpleName(), shardId, seq);
            return Outcome.STOPPED;
        }
        ChangeEvent<?> raw = StreamRecordMapper.raw().toEvent(r, streamArn, shardId, Instant.EPOCH);
        DeadLetter d = new DeadLetter(r, raw, streamArn, shardId, "<schema mapping>", e.getClass().getName(),
                String.valueOf(e.getMessage()), 1, clock.instant());
        try {
            DeadLetters.write(destination, d, running);
        } catch (Delivery.Interrupted stop) {
            return Outcome.INTERRUPTED;
        }
        deadLettered.incrementAndGet();
        listener.onDeadLetter(d);
        return Outcome.ACKNOWLEDGED;
    }

    /**
     * Counts an acknowledged, checkpointed batch and tells the listener.
     *
     * @param shardId the shard
     * @param count records in it
     * @param lag now minus the creation time of its last record
     */
    public void batchDone(String shardId, int count, Duration lag) {
        records.addAndGet(count);
        batches.incrementAndGet();
        listener.onBatch(shardId, count, lag);
    }

    /**
     * Reports records lost to retention.
     *
     * @param shardId the shard
     * @param detail what happened, without item values
     */
    public void gap(String shardId, String detail) {
        gaps.incrementAndGet();
        LOG.warn("Records were lost before they were read [stream={}, shard={}]: {}", streamArn, shardId, detail);
        listener.onGap(shardId, detail);
    }

    /** Returns the lag of a batch whose newest record was created at {@code created} (zero when unknown). */
    public Duration lagSince(@Nullable Instant created) {
        if (created == null) {
            return Duration.ZERO;
        }
        Duration d = Duration.between(created, clock.instant());
        return d.isNegative() ? Duration.ZERO : d;
    }

    /**
     * Returns the largest lag: of the given lags, and since each of the given creation times (batches that are
     * waiting, or shards that are stopped).
     *
     * @param lags lags measured at acknowledged batches
     * @param waitingSince creation times of the oldest records still waiting
     * @return the largest, zero when there is none
     */
    public Duration maxLag(Collection<Duration> lags, Collection<Instant> waitingSince) {
        Duration max = Duration.ZERO;
        for (Duration d : lags) {
            max = d.compareTo(max) > 0 ? d : max;
        }
        for (Instant since : waitingSince) {
            Duration d = lagSince(since);
            max = d.compareTo(max) > 0 ? d : max;
        }
        return max;
    }

    /** Returns the stream. */
    public String streamArn() {
        return streamArn;
    }

    /** Returns the listener. */
    public CaptureListener listener() {
        return listener;
    }

    /** Returns the clock. */
    public Clock clock() {
        return clock;
    }

    /** Returns whether the capture is running. */
    public boolean running() {
        return running.getAsBoolean();
    }

    /** Returns records acknowledged. */
    public long records() {
        return records.get();
    }

    /** Returns batches acknowledged. */
    public long batches() {
        return batches.get();
    }

    /** Returns batch retries. */
    public long retries() {
        return retries.get();
    }

    /** Returns records dead-lettered. */
    public long deadLettered() {
        return deadLettered.get();
    }

    /** Returns gaps reported. */
    public long gaps() {
        return gaps.get();
    }
}
