package dev.tributary.dynamo.internal;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeHandler;
import dev.tributary.core.PipelinedChangeHandler;
import dev.tributary.core.support.Listeners;
import dev.tributary.dynamo.CaptureListener;
import dev.tributary.dynamo.ClaimInProgressException;
import dev.tributary.dynamo.DeadLetter;
import dev.tributary.dynamo.FailurePolicy;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Hands one batch to one handler under its {@link FailurePolicy}: retries with backoff, then bisects to
 * isolate poison records for the dead-letter destination, or reports that the shard must stop.
 *
 * <p>Two failures are not the handler's verdict on the batch and never count as attempts: a
 * {@link ClaimInProgressException} (another worker, or this one before a restart, holds a live idempotency
 * claim) is waited out with backoff until the claim is released or times out; and a failure while the capture
 * is shutting down ends the delivery with {@link Interrupted}, so the batch is neither dead-lettered nor
 * checkpointed and comes again after a restart.
 *
 * @param <T> the item type
 */
public final class Delivery<T> {
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final String name;
    private final ChangeHandler<T> handler;
    private final FailurePolicy policy;
    private final CaptureListener listener;
    private final Clock clock;
    private final AtomicLong retries;
    private final AtomicLong deadLettered;

    /** Thrown when the policy says the shard must stop; the batch was not acknowledged. */
    public static final class ShardStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ShardStopped(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Thrown when the capture stopped before the batch was acknowledged; nothing was skipped. */
    public static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interrupted(String message) {
            super(message, null, false, false);
        }
    }

    /** Creates the delivery for one handler. */
    public Delivery(HandlerRegistration<T> registration, CaptureListener listener, Clock clock, AtomicLong retries,
            AtomicLong deadLettered) {
        this.name = registration.name();
        this.handler = registration.handler();
        this.policy = registration.policy();
        this.listener = Listeners.guarded(CaptureListener.class, listener);
        this.clock = clock;
        this.retries = retries;
        this.deadLettered = deadLettered;
    }

    /** Returns the handler's name. */
    public String name() {
        return name;
    }

    /**
     * Delivers a batch; returns when it is acknowledged or its poison records were dead-lettered.
     *
     * @param events the events
     * @param records the raw records, same order
     * @param streamArn the stream
     * @param shardId the shard
     * @param running false once the capture stops, to end backoff early
     * @throws ShardStopped when the shard must stop
     * @throws Interrupted when the capture stopped first
     */
    public void deliver(List<ChangeEvent<T>> events, List<Record> records, String streamArn, String shardId,
            BooleanSupplier running) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            try {
                handle(events, shardId, running);
                return;
            } catch (Interrupted e) {
                throw e;
            } catch (RuntimeException e) {
                last = e;
                requireRunning(running, shardId);
                if (attempt < policy.maxAttempts()) {
                    retries.incrementAndGet();
                    int a = attempt;
                    listener.onRetry(shardId, name, a);
                    Backoff.sleep(Backoff.jittered(attempt, policy.initialBackoff(), policy.maxBackoff()), running);
                    requireRunning(running, shardId);
                }
            }
        }
        if (policy.deadLetters().isEmpty()) {
            throw new ShardStopped("Handler '" + name + "' refused a batch of shard " + shardId + " "
                    + policy.maxAttempts() + " times; the shard is stopped at its last checkpoint", last);
        }
        isolate(events, records, streamArn, shardId, last, running);
    }

    /**
     * Hands a batch to a {@link PipelinedChangeHandler} without waiting for it: no retries or failure policy
     * here; a refused batch is delivered again through {@link #deliver} by the shard reader.
     *
     * @param events the events
     * @return completes when the handler acknowledged the batch
     */
    public CompletableFuture<Void> submit(List<ChangeEvent<T>> events) {
        try {
            return ((PipelinedChangeHandler<T>) handler).handleAsync(events);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Calls the handler, waiting out live idempotency claims held elsewhere. */
    private void handle(List<ChangeEvent<T>> events, String shardId, BooleanSupplier running) {
        for (int waits = 1; ; waits++) {
            try {
                handler.handle(events);
                return;
            } catch (ClaimInProgressException claimed) {
                requireRunning(running, shardId);
                if (waits == 1 || waits % 20 == 0) {
                    LOG.debug("Waiting for a live idempotency claim held elsewhere [shard={}, handler={}, eventId={},"
                            + " waits={}]", shardId, name, claimed.eventId(), waits);
                }
                Backoff.sleep(Backoff.jittered(waits, policy.initialBackoff(), policy.maxBackoff()), running);
                requireRunning(running, shardId);
            }
        }
    }

    private void isolate(List<ChangeEvent<T>> events, List<Record> records, String streamArn, String shardId,
            RuntimeException error, BooleanSupplier running) {
        requireRunning(running, shardId);
        if (events.size() == 1) {
            DeadLetter d = new DeadLetter(records.get(0), events.get(0), streamArn, shardId, name,
                    error.getClass().getName(), String.valueOf(error.getMessage()), policy.maxAttempts(), clock.instant());
            DeadLetters.write(policy.deadLetters().orElseThrow(), d, running);
            deadLettered.incrementAndGet();
            listener.onDeadLetter(d);
            return;
        }
        int mid = events.size() / 2;
        tryHalf(events.subList(0, mid), records.subList(0, mid), streamArn, shardId, running);
        tryHalf(events.subList(mid, events.size()), records.subList(mid, records.size()), streamArn, shardId, running);
    }

    private void tryHalf(List<ChangeEvent<T>> events, List<Record> records, String streamArn, String shardId,
            BooleanSupplier running) {
        try {
            handle(List.copyOf(events), shardId, running);
        } catch (Interrupted e) {
            throw e;
        } catch (RuntimeException e) {
            isolate(events, records, streamArn, shardId, e, running);
        }
    }

    private static void requireRunning(BooleanSupplier running, String shardId) {
        if (!running.getAsBoolean()) {
            throw new Interrupted("The capture stopped before shard " + shardId + "'s batch was acknowledged;"
                    + " it is delivered again after a restart");
        }
    }
}
