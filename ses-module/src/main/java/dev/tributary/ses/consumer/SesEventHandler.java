package dev.tributary.ses.consumer;

import dev.tributary.ses.event.SesEvent;

/**
 * Your code for each SES event a consumer receives. Returning normally acknowledges the message (it is
 * deleted); throwing leaves it in the queue, to be received again after the visibility timeout and moved to
 * the dead-letter queue by the queue's redrive policy once it has been received {@code maxReceiveCount}
 * times. Messages can arrive more than once and out of order: make the handler idempotent.
 */
@FunctionalInterface
public interface SesEventHandler {
    /** A handler that acknowledges every event, for consumers that only apply a suppression policy. */
    SesEventHandler NONE = event -> {};

    /**
     * Handles one event, on the consumer's thread.
     *
     * @param event the decoded event
     * @throws Exception to leave the message in the queue
     */
    void handle(SesEvent event) throws Exception;
}
