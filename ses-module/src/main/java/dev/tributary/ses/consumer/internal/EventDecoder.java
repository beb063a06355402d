package dev.tributary.ses.consumer.internal;

import dev.tributary.ses.event.SesEvent;
import dev.tributary.ses.event.SesEvents;

/**
 * The one place SQS message bodies become events, for the poller and the Lambda handler alike. SQS bodies are
 * not SNS-signature-checked (see {@link SesEvents#fromSqs}: the queue policy decides who may send); switch
 * here if that changes.
 */
final class EventDecoder {
    private EventDecoder() {}

    /** Decodes an SNS-wrapped, raw-delivery or EventBridge body. */
    static SesEvent decode(String body) {
        return SesEvents.fromSqs(body);
    }
}
