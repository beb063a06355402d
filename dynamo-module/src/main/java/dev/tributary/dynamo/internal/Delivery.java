package dev.tributary.dynamo.internal;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeHandler;
import dev.tributary.dynamo.CaptureListener;
import dev.tributary.dynamo.DeadLetter;
import dev.tributary.dynamo.FailurePolicy;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Hands one batch to one handler under its {@link FailurePolicy}: retries with backoff, then bisects to
 * isolate poison records for the dead-letter destination, or reports that the shard must stop.
 *
 * @param <T> the item type
 */
public final class Delivery<T> {
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

    /** Creates the delivery for one handler. */
    public Delivery(String name, ChangeHandler<T> handler, FailurePolicy policy, CaptureListener listener, Clock clock,
            AtomicLong retries, AtomicLong deadLettered) {
        this.name = name;
        this.handler = handler;
        this.policy = policy;
        this.listener = listener;
        this.clock = clock;
        this.retries = retries;
        this.deadLettered = deadLettered;
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
     */
    public void deliver(List<ChangeEvent<T>> events, List<Record> records, String streamArn, String shardId,
            BooleanSupplier running) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            try {
                handler.handle(events);
                return;
            } catch (RuntimeException e) {
                last = e;
                if (attempt < policy.maxAttempts()) {
                    retries.incrementAndGet();
                    int a = attempt;
                    Listeners.safe(() -> listener.onRetry(shardId, name, a));
                    sleep(backoff(attempt), running);
                }
            }
        }
        if (policy.deadLetters().isEmpty()) {
            throw new ShardStopped("Handler '" + name + "' refused a batch of shard " + shardId + " "
                    + policy.maxAttempts() + " times; the shard is stopped at its last checkpoint", last);
        }
        isolate(events, records, streamArn, shardId, last);
    }

    private void isolate(List<ChangeEvent<T>> events, List<Record> records, String streamArn, String shardId,
            RuntimeException error) {
        if (events.size() == 1) {
            DeadLetter d = new DeadLetter(records.get(0), events.get(0), streamArn, shardId, name,
                    error.getClass().getName(), String.valueOf(error.getMessage()), policy.maxAttempts(), clock.instant());
            // If the destination throws, the shard stops: a poison record is never silently dropped.
            policy.deadLetters().orElseThrow().accept(d);
            deadLettered.incrementAndGet();
            Listeners.safe(() -> listener.onDeadLetter(d));
            return;
        }
        int mid = events.size() / 2;
        tryHalf(events.subList(0, mid), records.subList(0, mid), streamArn, shardId);
        tryHalf(events.subList(mid, events.size()), records.subList(mid, records.size()), streamArn, shardId);
    }

    private void tryHalf(List<ChangeEvent<T>> events, List<Record> records, String streamArn, String shardId) {
        try {
            handler.handle(List.copyOf(events));
        } catch (RuntimeException e) {
            isolate(events, records, streamArn, shardId, e);
        }
    }

    private long backoff(int attempt) {
        long cap = Math.min(policy.maxBackoff().toMillis(), policy.initialBackoff().toMillis() << Math.min(20, attempt - 1));
        return cap <= 1 ? cap : ThreadLocalRandom.current().nextLong(cap / 2, cap + 1);
    }

    private static void sleep(long millis, BooleanSupplier running) {
        long end = System.currentTimeMillis() + millis;
        while (running.getAsBoolean() && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(Math.min(50, Math.max(1, end - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
