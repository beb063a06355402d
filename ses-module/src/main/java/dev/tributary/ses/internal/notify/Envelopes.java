package dev.tributary.ses.internal.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.event.SesEventType;
import org.jspecify.annotations.Nullable;

/**
 * Unwraps the envelopes SES records travel in: SNS notifications, SQS message bodies and EventBridge events.
 * Shared by sending events and inbound receipt notifications.
 */
public final class Envelopes {
    private static final int MAX_DEPTH = 3;

    private Envelopes() {}

    /**
     * An SES record taken out of its envelope.
     *
     * @param record the SES JSON record
     * @param typeHint the event type implied by an EventBridge detail-type, or null
     */
    public record Unwrapped(JsonNode record, @Nullable SesEventType typeHint) {}

    /** Detects the envelope of {@code json} and unwraps it, nesting allowed (SQS body holding an SNS notification). */
    public static Unwrapped auto(String json) {
        return auto(Json.read("json", json), "json", 0);
    }

    /**
     * Detects the envelope of an already parsed document and unwraps it.
     *
     * @param root the parsed document
     * @param field the name used in errors
     * @return the SES record
     */
    public static Unwrapped auto(JsonNode root, String field) {
        return auto(root, field, 0);
    }

    /** Unwraps an SNS notification ({@code Type} Notification, SES record in {@code Message}). */
    public static Unwrapped sns(String json) {
        JsonNode root = Json.read("json", json);
        if (!isSns(root)) {
            throw TributaryValidationException.of("Type", "is not an SNS notification: expected Type "
                    + "\"Notification\" and the SES record as a string in Message");
        }
        return new Unwrapped(snsMessage(root), null);
    }

    /**
     * Unwraps an SQS message body: an SNS notification, an EventBridge event (SQS target of a rule), or the
     * SES record itself when the subscription uses raw message delivery; a whole SQS message object with
     * {@code Body} is accepted too.
     */
    public static Unwrapped sqs(String body) {
        JsonNode root = Json.read("body", body);
        String inner = sqsBody(root);
        if (inner != null) {
            root = Json.read("Body", inner);
        }
        if (isSns(root)) {
            return new Unwrapped(snsMessage(root), null);
        }
        if (root.has("detail") && root.has("detail-type")) {
            return eventBridge(root); // an EventBridge rule with an SQS target
        }
        if (isRecord(root)) {
            return new Unwrapped(root, null);
        }
        throw TributaryValidationException.of("body", "holds neither an SNS notification (Type, Message), an "
                + "EventBridge event (detail-type, detail) nor an SES record (eventType or notificationType)");
    }

    /** Unwraps an EventBridge event ({@code detail-type}, SES record in {@code detail}). */
    public static Unwrapped eventBridge(String json) {
        return eventBridge(Json.read("json", json));
    }

    private static Unwrapped auto(JsonNode n, String field, int depth) {
        if (depth > MAX_DEPTH) {
            throw TributaryValidationException.of(field, "nests envelopes more than " + MAX_DEPTH + " deep");
        }
        if (n.has("Type") && n.has("Message")) {
            if (!isSns(n)) {
                throw snsNotNotification(n);
            }
            return auto(snsMessage(n), "Message", depth + 1);
        }
        if (n.has("detail") && n.has("detail-type")) {
            return eventBridge(n);
        }
        String body = sqsBody(n);
        if (body != null) {
            return auto(Json.read("Body", body), "Body", depth + 1);
        }
        if (isRecord(n) || n.has("mail") && n.has("receipt")) {
            return new Unwrapped(n, null);
        }
        if (n.has("Records")) {
            throw TributaryValidationException.of(field, "is a Lambda batch event; pass each record's body (SQS) "
                    + "or Sns.Message (SNS) separately");
        }
        throw TributaryValidationException.of(field, "is not an SES event: expected an SNS notification (Type, "
                + "Message), an SQS body holding one, an EventBridge event (detail-type, detail) or an SES record "
                + "(eventType or notificationType)");
    }

    private static Unwrapped eventBridge(JsonNode root) {
        JsonNode detail = Json.object(root, "", "detail");
        String detailType = Json.optText(root, "", "detail-type");
        SesEventType hint = detailType == null ? null : SesEventType.fromDetailType(detailType).orElse(null);
        if (detailType != null && hint == null && !isRecord(detail)) {
            throw TributaryValidationException.of("detail-type", "is not an SES email event; expected one of "
                    + "Email Sent, Email Delivered, Email Bounced, Email Complaint Received, Email Rejected, "
                    + "Email Opened, Email Clicked, Email Rendering Failed, Email Delivery Delayed, Email Subscribed");
        }
        return new Unwrapped(detail, hint);
    }

    private static boolean isSns(JsonNode n) {
        JsonNode type = n.get("Type");
        JsonNode message = n.get("Message");
        return type != null && "Notification".equals(type.asText()) && message != null && message.isTextual();
    }

    private static TributaryValidationException snsNotNotification(JsonNode n) {
        String type = n.get("Type").asText();
        if ("SubscriptionConfirmation".equals(type) || "UnsubscribeConfirmation".equals(type)) {
            return TributaryValidationException.of("Type", "is " + type + ": an SNS subscription message, not an "
                    + "SES event; confirm the subscription by visiting its SubscribeURL");
        }
        return TributaryValidationException.of("Type", "must be Notification with the SES record as a string in "
                + "Message");
    }

    private static JsonNode snsMessage(JsonNode sns) {
        return Json.read("Message", sns.get("Message").asText());
    }

    private static @Nullable String sqsBody(JsonNode n) {
        for (String key : new String[] {"Body", "body"}) {
            JsonNode b = n.get(key);
            if (b != null && b.isTextual()) {
                return b.asText();
            }
        }
        return null;
    }

    private static boolean isRecord(JsonNode n) {
        return n.has("eventType") || n.has("notificationType");
    }
}
