package dev.tributary.dynamo.internal;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The batches of one shard handed to pipelined handlers and not yet checkpointed, oldest first. Used by one
 * shard reader thread only.
 *
 * @param <P> what is kept per batch
 */
final class PipelineWindow<P> {
    private final int capacity;
    private final Function<P, CompletableFuture<Void>> acknowledgement;
    private final ArrayDeque<P> batches = new ArrayDeque<>();

    PipelineWindow(int capacity, Function<P, CompletableFuture<Void>> acknowledgement) {
        this.capacity = capacity;
        this.acknowledgement = acknowledgement;
    }

    /** Returns how many batches may be in flight at once. */
    int capacity() {
        return capacity;
    }

    int size() {
        return batches.size();
    }

    boolean isEmpty() {
        return batches.isEmpty();
    }

    void add(P batch) {
        batches.addLast(batch);
    }

    @Nullable P peek() {
        return batches.peekFirst();
    }

    @Nullable P poll() {
        return batches.pollFirst();
    }

    void clear() {
        batches.clear();
    }

    /** Cancels every batch still in flight (work not yet sent is dropped) and forgets them all. */
    void cancelAll() {
        for (P p : batches) {
            acknowledgement.apply(p).cancel(false);
        }
        batches.clear();
    }

    /**
     * Waits at most {@code nanos} for the oldest batch to succeed or fail.
     *
     * @return false when interrupted (everything then cancelled)
     */
    boolean awaitOldest(long nanos) {
        P oldest = batches.peekFirst();
        if (oldest == null) {
            return true;
        }
        try {
            acknowledgement.apply(oldest).get(nanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException | java.util.concurrent.CancellationException | TimeoutException notYetOrSettled) {
            // Settled either way, or still in flight: the caller looks again.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelAll();
            return false;
        }
        return true;
    }

    /**
     * Waits until every batch succeeded or failed, so none of them can still land after it is delivered again.
     *
     * @return false when interrupted (everything then cancelled)
     */
    boolean awaitSettled() {
        for (P p : batches) {
            try {
                acknowledgement.apply(p).get();
            } catch (ExecutionException | java.util.concurrent.CancellationException settled) {
                // Settled either way.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelAll();
                return false;
            }
        }
        return true;
    }
}
