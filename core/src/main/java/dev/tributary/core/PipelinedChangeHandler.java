package dev.tributary.core;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link ChangeHandler} that can take the next batch of a partition before the previous one is acknowledged,
 * so a producer keeps several batches in flight instead of waiting for each acknowledgement (the difference
 * between one bulk request at a time and a full pipe to a search cluster).
 *
 * <p>The contract, on top of {@link ChangeHandler}'s:
 * <ul>
 *   <li>{@link #handleAsync} starts handling a batch and returns once it is handed over (it may block for
 *       backpressure). The future completes normally when the whole batch is acknowledged, or exceptionally to
 *       refuse it.</li>
 *   <li>A producer calls it in stream order for one partition and may call it again before earlier futures
 *       complete (its documented window, such as four batches). The handler keeps each item's order across calls:
 *       a change must never take effect before a change of the same item from an earlier call (for example by
 *       waiting for writes of that item still in flight).</li>
 *   <li>A producer checkpoints a batch only when its future and all earlier ones completed normally. When one
 *       fails, the producer lets every later future of the partition settle, then delivers the failed batch and
 *       each later one again, in order, through {@link #handle} under its failure policy; so {@code handle} alone
 *       must be correct, and applying a batch twice must be harmless (delivery is at-least-once).</li>
 *   <li>Cancelling a future asks the handler to drop that batch's work not yet sent; the producer does so when
 *       it stops before the batch was acknowledged.</li>
 * </ul>
 *
 * <p>Producers that do not pipeline call {@link #handle} only.
 *
 * @param <T> the item type of the images
 */
public interface PipelinedChangeHandler<T> extends ChangeHandler<T> {

    /**
     * Starts handling one batch, in order after the batches of earlier calls.
     *
     * @param batch the events, never empty, in stream order
     * @return completes when the batch is acknowledged; fails to refuse it
     */
    CompletableFuture<Void> handleAsync(List<ChangeEvent<T>> batch);
}
