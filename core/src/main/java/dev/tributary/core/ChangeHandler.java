package dev.tributary.core;

import java.util.List;
import java.util.function.Consumer;

/**
 * Reacts to a batch of {@link ChangeEvent}s; the meeting point of change producers (dynamo-module) and
 * consumers (opensearch-module, ses-module, the user's code).
 *
 * <p>Returning normally acknowledges the whole batch: the producer may then checkpoint past it. Throwing
 * refuses it, and the producer applies its failure policy (retry, isolate the poison event, dead-letter).
 * Delivery is at-least-once, so a handler must tolerate seeing an event again. Events of one item arrive in
 * the order they happened; batches of one partition (shard) are handed over one at a time, so a handler
 * needs no locking per partition, but batches of different partitions may arrive concurrently.
 *
 * <pre>{@code
 * ChangeHandler<User> welcome = ChangeHandler.forEach(event -> {
 *     if (event.type() == ChangeType.INSERT) {
 *         event.newImage().ifPresent(mailer::sendWelcome);
 *     }
 * });
 * }</pre>
 *
 * @param <T> the item type of the images
 */
@FunctionalInterface
public interface ChangeHandler<T> {

    /**
     * Handles one batch, in order.
     *
     * @param batch the events, never empty, in stream order
     * @throws RuntimeException to refuse the batch; prefer a {@link TributaryException} that says whether it
     *     is {@linkplain TributaryException#retryable() retryable}
     */
    void handle(List<ChangeEvent<T>> batch);

    /**
     * Returns a handler that calls {@code action} for each event of a batch, in order.
     *
     * @param action the per-event action; an exception refuses the whole batch
     * @param <T> the item type
     * @return the handler
     */
    static <T> ChangeHandler<T> forEach(Consumer<? super ChangeEvent<T>> action) {
        return batch -> batch.forEach(action);
    }
}
