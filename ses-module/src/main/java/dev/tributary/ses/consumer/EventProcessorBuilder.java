package dev.tributary.ses.consumer;

import dev.tributary.ses.consumer.internal.ProcessorSettings;
import dev.tributary.ses.suppression.SuppressionPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The setters {@link SesEventConsumer.Builder} and {@link SesEventLambdaHandler.Builder} share (what happens to
 * each event), written once. Package-private: users see these methods on the two public builders.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
abstract class EventProcessorBuilder<B extends EventProcessorBuilder<B>> {
    final ProcessorSettings settings = new ProcessorSettings();

    EventProcessorBuilder() {}

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Sets the policy applied to each event before the handler; optional when a handler is set. */
    public B suppressionPolicy(@Nullable SuppressionPolicy policy) {
        settings.policy(policy);
        return self();
    }

    /** Sets your handler; optional when a policy is set. */
    public B handler(SesEventHandler handler) {
        settings.handler(handler);
        return self();
    }

    /** Sets the listener; {@link SesEventConsumerListener#NONE} by default. */
    public B listener(SesEventConsumerListener listener) {
        settings.listener(listener);
        return self();
    }
}
