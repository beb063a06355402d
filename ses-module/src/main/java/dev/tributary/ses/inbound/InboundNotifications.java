package dev.tributary.ses.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.event.SnsMessage;
import dev.tributary.ses.event.SnsMessageRejectedException;
import dev.tributary.ses.event.SnsMessageType;
import dev.tributary.ses.event.SnsMessageVerifier;
import dev.tributary.ses.internal.notify.Envelopes;
import dev.tributary.ses.internal.notify.Json;
import dev.tributary.ses.inbound.internal.ReceiptMapper;
import java.util.List;

/**
 * Parses SES receipt notifications for inbound mail, from an SNS notification, an SQS body, a Lambda event
 * or the notification JSON itself. Unknown fields are ignored; malformed input gives a
 * {@link TributaryValidationException} naming the field, never repeating values. Stateless and thread-safe.
 * Only {@link #fromSns(String, SnsMessageVerifier)} checks SNS's signature: use it for HTTP(S) request
 * bodies; the other entry points are for channels AWS authenticates (SQS with a queue policy, Lambda).
 *
 * <pre>{@code
 * InboundNotification n = InboundNotifications.fromSns(snsHttpRequestBody, verifier);
 * if (n.receipt().virusVerdict() == Verdict.FAIL) {
 *     return;                                     // drop it
 * }
 * InboundMessage message = n.message()            // SNS action with content
 *         .orElseGet(() -> InboundMessage.parse(s3.getObjectAsBytes(...).asByteArray()));
 * }</pre>
 */
public final class InboundNotifications {
    private InboundNotifications() {}

    /**
     * Parses a notification, detecting the envelope: SNS notification, SQS body (SNS notification or raw),
     * a Lambda receipt-action event with one record, or the notification itself.
     *
     * @param json the JSON as delivered
     * @return the notification
     * @throws TributaryValidationException when the JSON is malformed or not a receipt notification
     */
    public static InboundNotification parse(String json) {
        JsonNode root = Json.read("json", json);
        if (root.has("Records")) {
            List<InboundNotification> all = fromLambda(root);
            if (all.size() != 1) {
                throw TributaryValidationException.of("Records", "holds " + all.size()
                        + " records; use InboundNotifications.fromLambda for batches");
            }
            return all.get(0);
        }
        return ReceiptMapper.map(Envelopes.auto(root, "json").record());
    }

    /**
     * Verifies an SNS notification posted to an HTTP(S) subscription with the shared
     * {@link SnsMessageVerifier#defaults() default verifier} and parses the receipt notification in its
     * {@code Message}; prefer {@link #fromSns(String, SnsMessageVerifier)} with your topic ARNs.
     *
     * @param json the HTTP request body exactly as SNS posted it
     * @return the notification
     * @throws SnsMessageRejectedException when the message is unsigned, forged or altered
     * @throws TributaryValidationException when it is a subscription message or holds no receipt notification
     * @throws dev.tributary.core.TributaryClientException (retryable) when the signing certificate cannot be
     *     fetched
     */
    public static InboundNotification fromSns(String json) {
        return fromSns(json, SnsMessageVerifier.defaults());
    }

    /**
     * Verifies an SNS notification with {@code verifier} and parses the receipt notification it carries.
     *
     * @param json the HTTP request body exactly as SNS posted it
     * @param verifier the verifier, usually with the allowed topic ARNs
     * @return the notification
     * @throws SnsMessageRejectedException when the message is unsigned, forged, altered or from another topic
     * @throws TributaryValidationException when it is a subscription message or holds no receipt notification
     * @throws dev.tributary.core.TributaryClientException (retryable) when the signing certificate cannot be
     *     fetched
     */
    public static InboundNotification fromSns(String json, SnsMessageVerifier verifier) {
        SnsMessage message = verifier.verify(json);
        if (message.type() != SnsMessageType.NOTIFICATION) {
            throw TributaryValidationException.of("Type", "is " + message.type().wireName() + ": an SNS "
                    + "subscription message; confirm it with SnsMessageVerifier.confirmSubscription");
        }
        return ReceiptMapper.map(Json.read("Message", message.message()));
    }

    /**
     * Parses an SQS message body from a queue subscribed to the receipt topic.
     *
     * @param body the SQS message body
     * @return the notification
     * @throws TributaryValidationException when the body holds no receipt notification
     */
    public static InboundNotification fromSqs(String body) {
        return ReceiptMapper.map(Envelopes.sqs(body).record());
    }

    /**
     * Parses the event a receipt rule's Lambda action passes to the function
     * ({@code Records[].ses.mail} and {@code Records[].ses.receipt}; no content).
     *
     * @param json the Lambda event JSON
     * @return one notification per record
     * @throws TributaryValidationException when it is not an SES Lambda event
     */
    public static List<InboundNotification> fromLambda(String json) {
        return fromLambda(Json.read("json", json));
    }

    private static List<InboundNotification> fromLambda(JsonNode root) {
        List<InboundNotification> out = Json.objects(root, "", "Records",
                (record, path) -> ReceiptMapper.map(Json.object(record, path, "ses")));
        if (out.isEmpty()) {
            throw TributaryValidationException.of("Records", "must hold at least one record with an ses object");
        }
        return List.copyOf(out);
    }
}
