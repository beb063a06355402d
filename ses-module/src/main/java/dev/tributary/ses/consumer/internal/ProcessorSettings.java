package dev.tributary.ses.consumer.internal;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.consumer.SesEventConsumerListener;
import dev.tributary.ses.consumer.SesEventHandler;
import dev.tributary.ses.suppression.SuppressionPolicy;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The settings every way of consuming SES events shares (suppression policy, handler, listener), held once for
 * the builders of {@code SesEventConsumer} and {@code SesEventLambdaHandler}: their setters delegate here, and
 * the check that something reads the events and the processor they run are written once. Not thread-safe.
 */
public final class ProcessorSettings {
    private @Nullable SuppressionPolicy policy;
    private SesEventHandler handler = SesEventHandler.NONE;
    private boolean handlerSet;
    private SesEventConsumerListener listener = SesEventConsumerListener.NONE;

    /** Sets the policy applied before the handler, or null for none. */
    public void policy(@Nullable SuppressionPolicy policy) {
        this.policy = policy;
    }

    /** Sets the user's handler. */
    public void handler(SesEventHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.handlerSet = true;
    }

    /** Sets the listener. */
    public void listener(SesEventConsumerListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Refuses settings in which nothing reads the events.
     *
     * @param otherwise what would happen to unread events, for the message
     * @throws TributaryValidationException naming {@code handler} when neither a policy nor a handler is set
     */
    public void validate(String otherwise) {
        if (policy == null && !handlerSet) {
            throw TributaryValidationException.of("handler", "set a handler, a suppressionPolicy, or both;"
                    + " otherwise " + otherwise);
        }
    }

    /** Returns a processor over these settings (copied: later changes to the builder do not reach it). */
    public MessageProcessor processor() {
        return new MessageProcessor(policy, handler, listener);
    }
}
