package dev.tributary.ses.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.event.internal.Envelopes;
import dev.tributary.ses.event.internal.Json;
import dev.tributary.ses.inbound.internal.ReceiptMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses SES receipt notifications for inbound mail, from an SNS notification, an SQS body, a Lambda event
 * or the notification JSON itself. Unknown fields are ignored; malformed input gives a
 * {@link TributaryValidationException} naming the field, never repeating values. Stateless and thread-safe.
 *
 * <pre>{@code
 * InboundNotification n = InboundNotifications.parse(snsHttpRequestBody);
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
     * Parses an SNS notification whose {@code Message} is the receipt notification.
     *
     * @param json the SNS notification JSON
     * @return the notification
     * @throws TributaryValidationException when it is not an SNS notification holding a receipt notification
     */
    public static InboundNotification fromSns(String json) {
        return ReceiptMapper.map(Envelopes.sns(json).record());
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
        List<JsonNode> records = Json.objects(root, "", "Records");
        if (records.isEmpty()) {
            throw TributaryValidationException.of("Records", "must hold at least one record with an ses object");
        }
        List<InboundNotification> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            out.add(ReceiptMapper.map(Json.object(records.get(i), "Records[" + i + "]", "ses")));
        }
        return List.copyOf(out);
    }
}
