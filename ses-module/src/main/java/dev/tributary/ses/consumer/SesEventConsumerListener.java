package dev.tributary.ses.consumer;

import dev.tributary.core.TributaryException;
import dev.tributary.ses.event.SesEvent;

/**
 * Hears what a {@link SesEventConsumer} or {@link SesEventLambdaHandler} does with each message, for metrics
 * and alerts. Called synchronously on the consuming thread; must be fast. An exception thrown by a method is
 * logged at WARN and ignored. Default methods do nothing. Errors never carry message bodies or addresses.
 */
public interface SesEventConsumerListener {
    /** A listener that does nothing. */
    SesEventConsumerListener NONE = new SesEventConsumerListener() {};

    /**
     * The policy and handler accepted the event; the message is acknowledged.
     *
     * @param messageId the SQS message id
     * @param event the event
     */
    default void onHandled(String messageId, SesEvent event) {}

    /**
     * The body holds no SES event; the message is left in the queue for its redrive policy.
     *
     * @param messageId the SQS message id
     * @param receiveCount how often SQS has delivered it, or 0 when unknown
     * @param error why it could not be decoded
     */
    default void onPoison(String messageId, int receiveCount, TributaryException error) {}

    /**
     * The suppression policy or the handler threw; the message is left in the queue.
     *
     * @param messageId the SQS message id
     * @param receiveCount how often SQS has delivered it, or 0 when unknown
     * @param error what was thrown
     */
    default void onHandlerFailed(String messageId, int receiveCount, Exception error) {}

    /**
     * An acknowledged message could not be deleted; it will be delivered again.
     *
     * @param messageId the SQS message id
     * @param error why
     */
    default void onDeleteFailed(String messageId, TributaryException error) {}

    /**
     * ReceiveMessage failed; the consumer backs off and polls again.
     *
     * @param error why
     */
    default void onPollFailed(TributaryException error) {}
}
