package dev.tributary.dynamo.internal;

import dev.tributary.core.ChangeHandler;
import dev.tributary.dynamo.FailurePolicy;
import java.util.Objects;

/**
 * One handler added to a capture builder: its name (in logs, dead letters and metrics), the handler and its
 * failure policy. Both capture engines build their deliveries from these.
 *
 * @param name the handler's name
 * @param handler the handler
 * @param policy what to do when it refuses a batch
 * @param <T> the item type
 */
public record HandlerRegistration<T>(String name, ChangeHandler<T> handler, FailurePolicy policy) {
    /** Validates the parts. */
    public HandlerRegistration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(policy, "policy");
    }
}
