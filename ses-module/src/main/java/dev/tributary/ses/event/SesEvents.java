package dev.tributary.ses.event;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.event.internal.Envelopes;
import dev.tributary.ses.event.internal.EventMapper;
import dev.tributary.ses.event.internal.Json;

/**
 * Parses SES sending events into typed {@link SesEvent}s, from whatever envelope delivered them.
 *
 * <p>Accepts records from configuration-set event publishing ({@code eventType}) and from identity feedback
 * notifications ({@code notificationType}). Unknown fields are ignored. Malformed input, an unknown event
 * type or a missing required field gives a {@link TributaryValidationException} naming the field and saying
 * what was expected, never repeating values (they may be addresses). Stateless and thread-safe.
 *
 * <pre>{@code
 * // an SQS queue subscribed to the SES event topic
 * for (Message m : sqs.receiveMessage(r -> r.queueUrl(queue)).messages()) {
 *     SesEvent event = SesEvents.fromSqs(m.body());
 *     suppressionPolicy.apply(event);
 * }
 * }</pre>
 */
public final class SesEvents {
    private SesEvents() {}

    /**
     * Parses an event, detecting the envelope: an SNS notification, an SQS message body (holding an SNS
     * notification or, with raw message delivery, the record), an EventBridge event, or the SES record itself.
     *
     * @param json the JSON as delivered
     * @return the typed event
     * @throws TributaryValidationException when the JSON is malformed or not an SES sending event
     */
    public static SesEvent parse(String json) {
        Envelopes.Unwrapped u = Envelopes.auto(json);
        return EventMapper.map(u.record(), u.typeHint());
    }

    /**
     * Parses an SNS notification whose {@code Message} is the SES record (an HTTP(S) subscription's request
     * body, or the {@code Sns} object of a Lambda record serialised as JSON).
     *
     * @param json the SNS notification JSON
     * @return the typed event
     * @throws TributaryValidationException when it is not an SNS notification holding an SES event
     */
    public static SesEvent fromSns(String json) {
        Envelopes.Unwrapped u = Envelopes.sns(json);
        return EventMapper.map(u.record(), null);
    }

    /**
     * Parses an SQS message body from a queue subscribed to the SES topic: an SNS notification, the SES
     * record itself when the subscription has raw message delivery on, or an EventBridge event when the queue
     * is the target of an EventBridge rule.
     *
     * @param body the SQS message body
     * @return the typed event
     * @throws TributaryValidationException when the body holds no SES event
     */
    public static SesEvent fromSqs(String body) {
        Envelopes.Unwrapped u = Envelopes.sqs(body);
        return EventMapper.map(u.record(), null);
    }

    /**
     * Parses an EventBridge event from source {@code aws.ses} with a detail-type such as {@code Email Bounced}.
     *
     * @param json the EventBridge event JSON
     * @return the typed event
     * @throws TributaryValidationException when it is not an SES email event
     */
    public static SesEvent fromEventBridge(String json) {
        Envelopes.Unwrapped u = Envelopes.eventBridge(json);
        return EventMapper.map(u.record(), u.typeHint());
    }

    /**
     * Parses an SES event record as SES writes it (e.g. from Firehose or an SNS message already unwrapped).
     *
     * @param json the SES record JSON
     * @return the typed event
     * @throws TributaryValidationException when it is malformed or of an unknown type
     */
    public static SesEvent fromRecord(String json) {
        return EventMapper.map(Json.read("json", json), null);
    }
}
