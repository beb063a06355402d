package dev.tributary.ses.event;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.internal.notify.Envelopes;
import dev.tributary.ses.event.internal.EventMapper;
import dev.tributary.ses.internal.notify.Json;

/**
 * Parses SES sending events into typed {@link SesEvent}s, from whatever envelope delivered them.
 *
 * <p>Accepts records from configuration-set event publishing ({@code eventType}) and from identity feedback
 * notifications ({@code notificationType}). Unknown fields are ignored. Malformed input, an unknown event
 * type or a missing required field gives a {@link TributaryValidationException} naming the field and saying
 * what was expected, never repeating values (they may be addresses). Stateless and thread-safe.
 *
 * <p>Anyone can POST to an HTTP(S) endpoint, so {@link #fromSns(String)} verifies SNS's signature first (see
 * {@link SnsMessageVerifier}); the other entry points are for channels AWS already authenticates (SQS with a
 * queue policy, Lambda triggers, EventBridge) and check no signature.
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
     * <p>Checks no signature: use it for input that arrived over an authenticated channel (an SQS queue, a
     * Lambda trigger, EventBridge). For the body of an HTTP(S) request use {@link #fromSns(String)}.
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
     * Verifies and parses an SNS notification posted to an HTTP(S) subscription, using the shared
     * {@link SnsMessageVerifier#defaults() default verifier} (any topic; prefer
     * {@link #fromSns(String, SnsMessageVerifier)} with your topic ARNs). The signature is checked before
     * anything is parsed; an unsigned or forged body never becomes an event.
     *
     * <p>For an SNS-triggered Lambda function the invocation is already authenticated by AWS: pass the
     * record's {@code Sns.Message} to {@link #fromRecord(String)}.
     *
     * @param json the HTTP request body exactly as SNS posted it
     * @return the typed event
     * @throws SnsMessageRejectedException when the message is unsigned, forged or altered
     * @throws TributaryValidationException when it is a subscription message or holds no SES event
     * @throws dev.tributary.core.TributaryClientException (retryable) when the signing certificate cannot be
     *     fetched
     */
    public static SesEvent fromSns(String json) {
        return fromSns(json, SnsMessageVerifier.defaults());
    }

    /**
     * Verifies an SNS notification with {@code verifier} and parses the SES event it carries.
     *
     * @param json the HTTP request body exactly as SNS posted it
     * @param verifier the verifier, usually with the allowed topic ARNs
     * @return the typed event
     * @throws SnsMessageRejectedException when the message is unsigned, forged, altered or from another topic
     * @throws TributaryValidationException when it is a subscription message or holds no SES event
     * @throws dev.tributary.core.TributaryClientException (retryable) when the signing certificate cannot be
     *     fetched
     */
    public static SesEvent fromSns(String json, SnsMessageVerifier verifier) {
        return fromSns(verifier.verify(json));
    }

    /**
     * Parses the SES event in an SNS notification that {@link SnsMessageVerifier#verify(String)} verified.
     *
     * @param message the verified message
     * @return the typed event
     * @throws TributaryValidationException when it is a subscription message or holds no SES event
     */
    public static SesEvent fromSns(SnsMessage message) {
        if (message.type() != SnsMessageType.NOTIFICATION) {
            throw TributaryValidationException.of("Type", "is " + message.type().wireName() + ": an SNS "
                    + "subscription message, not an SES event; confirm it with "
                    + "SnsMessageVerifier.confirmSubscription");
        }
        return EventMapper.map(Json.read("Message", message.message()), null);
    }

    /**
     * Parses an SQS message body from a queue subscribed to the SES topic: an SNS notification, the SES
     * record itself when the subscription has raw message delivery on, or an EventBridge event when the queue
     * is the target of an EventBridge rule.
     *
     * <p>Checks no SNS signature: the queue policy decides who may send to the queue (allow only your SES
     * topic). Never pass an HTTP request body here; use {@link #fromSns(String)}.
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
