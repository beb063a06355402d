package dev.tributary.ses.consumer.internal;

import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryExceptions;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.core.support.Listeners;
import dev.tributary.ses.consumer.SesEventConsumerListener;
import dev.tributary.ses.consumer.SesEventHandler;
import dev.tributary.ses.event.SesEvent;
import dev.tributary.ses.suppression.SuppressionPolicy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decodes one message, applies the policy, calls the handler and says whether to acknowledge it. */
public final class MessageProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(MessageProcessor.class);

    /** What became of a message. */
    public enum Outcome {
        /** Handled: delete it. */
        ACKNOWLEDGED,
        /** Not an SES event: leave it for the redrive policy. */
        POISON,
        /** The policy or handler threw: leave it to be received again. */
        FAILED
    }

    private final @Nullable SuppressionPolicy policy;
    private final SesEventHandler handler;
    private final SesEventConsumerListener listener;

    /**
     * Creates the processor.
     *
     * @param policy applied before the handler, or null
     * @param handler the user's handler
     * @param listener told about every outcome
     */
    public MessageProcessor(@Nullable SuppressionPolicy policy, SesEventHandler handler,
            SesEventConsumerListener listener) {
        this.policy = policy;
        this.handler = handler;
        this.listener = Listeners.guarded(SesEventConsumerListener.class, listener);
    }

    /**
     * Processes one message.
     *
     * @param messageId the SQS message id
     * @param body the body
     * @param receiveCount SQS's approximate receive count, or 0
     * @return what to do with the message
     */
    public Outcome process(String messageId, @Nullable String body, int receiveCount) {
        SesEvent event;
        try {
            if (body == null) {
                throw TributaryValidationException.of("body", "is missing; expected an SES event");
            }
            event = EventDecoder.decode(body);
        } catch (RuntimeException e) {
            TributaryException poison = TributaryExceptions.translate(e, "ses.consume.decode");
            LOG.debug("[op=ses.consume, messageId={}, receiveCount={}] not an SES event; left for the redrive"
                    + " policy: {}", messageId, receiveCount, poison.getMessage());
            listener.onPoison(messageId, receiveCount, poison);
            return Outcome.POISON;
        }
        try {
            if (policy != null) {
                policy.apply(event);
            }
            handler.handle(event);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // Only the type: a user exception's message may hold addresses, which are never logged.
            LOG.debug("[op=ses.consume, messageId={}, type={}, receiveCount={}, error={}] handling failed; left in"
                    + " the queue", messageId, event.type(), receiveCount, e.getClass().getName());
            listener.onHandlerFailed(messageId, receiveCount, e);
            return Outcome.FAILED;
        }
        LOG.debug("[op=ses.consume, messageId={}, type={}] handled", messageId, event.type());
        listener.onHandled(messageId, event);
        return Outcome.ACKNOWLEDGED;
    }

    /** Returns the listener, guarded: what it throws is logged at WARN and swallowed. */
    public SesEventConsumerListener listener() {
        return listener;
    }

    /** Parses SQS's ApproximateReceiveCount attribute; 0 when absent or malformed. */
    public static int receiveCount(@Nullable String attribute) {
        try {
            return attribute == null ? 0 : Integer.parseInt(attribute);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
