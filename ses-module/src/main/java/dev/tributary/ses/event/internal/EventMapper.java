package dev.tributary.ses.event.internal;

import static dev.tributary.ses.internal.notify.Json.path;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.ses.internal.notify.Json;
import dev.tributary.ses.internal.notify.MailMapper;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.event.BounceEvent;
import dev.tributary.ses.event.BounceType;
import dev.tributary.ses.event.BouncedRecipient;
import dev.tributary.ses.event.ClickEvent;
import dev.tributary.ses.event.ComplaintEvent;
import dev.tributary.ses.event.DelayedRecipient;
import dev.tributary.ses.event.DeliveryDelayEvent;
import dev.tributary.ses.event.DeliveryEvent;
import dev.tributary.ses.event.MailInfo;
import dev.tributary.ses.event.OpenEvent;
import dev.tributary.ses.event.RejectEvent;
import dev.tributary.ses.event.RenderingFailureEvent;
import dev.tributary.ses.event.SendEvent;
import dev.tributary.ses.event.SesEvent;
import dev.tributary.ses.event.SesEventType;
import dev.tributary.ses.event.SubscriptionEvent;
import dev.tributary.ses.event.TopicPreferences;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Maps one SES event record (the JSON SES itself publishes) to a typed {@link SesEvent}. */
public final class EventMapper {
    // Only a short word is safe to repeat in an error message; anything else might be personal data.
    private static final Pattern SAFE_TYPE = Pattern.compile("[A-Za-z ]{1,40}");
    private static final String KNOWN = Arrays.stream(SesEventType.values()).map(SesEventType::wireName)
            .collect(Collectors.joining(", "));

    private EventMapper() {}

    /**
     * Maps a record.
     *
     * @param record the SES event record
     * @param fallback the type to assume when the record names none (from an EventBridge detail-type), or null
     * @return the typed event
     * @throws TributaryValidationException when the type is missing or unknown or a required field is bad
     */
    public static SesEvent map(JsonNode record, @Nullable SesEventType fallback) {
        SesEventType type = typeOf(record, fallback);
        MailInfo mail = MailMapper.mail(record);
        String p = type.objectName();
        if (type == SesEventType.SEND) {
            return new SendEvent(mail);
        }
        JsonNode o = Json.object(record, "", p);
        switch (type) {
            case DELIVERY:
                return new DeliveryEvent(mail, Json.instant(o, p, "timestamp"),
                        Json.optLong(o, p, "processingTimeMillis", 0), Json.strings(o, p, "recipients"),
                        Json.optText(o, p, "smtpResponse"), Json.optText(o, p, "reportingMTA"),
                        Json.optText(o, p, "remoteMtaIp"));
            case BOUNCE:
                return bounce(mail, o, p);
            case COMPLAINT:
                return complaint(mail, o, p);
            case REJECT:
                return new RejectEvent(mail, Json.text(o, p, "reason"));
            case OPEN:
                return new OpenEvent(mail, Json.optText(o, p, "ipAddress"), Json.optText(o, p, "userAgent"),
                        Json.instant(o, p, "timestamp"));
            case CLICK:
                return new ClickEvent(mail, Json.text(o, p, "link"), Json.stringLists(o, p, "linkTags"),
                        Json.optText(o, p, "ipAddress"), Json.optText(o, p, "userAgent"),
                        Json.instant(o, p, "timestamp"));
            case RENDERING_FAILURE:
                return new RenderingFailureEvent(mail, Json.text(o, p, "templateName"),
                        Json.text(o, p, "errorMessage"));
            case DELIVERY_DELAY:
                return delay(mail, o, p);
            case SUBSCRIPTION:
                return subscription(mail, o, p);
            default:
                throw new IllegalStateException("unmapped SES event type " + type);
        }
    }

    private static SesEventType typeOf(JsonNode record, @Nullable SesEventType fallback) {
        String field = record.has("eventType") ? "eventType" : "notificationType";
        String name = Json.optText(record, "", field);
        if (name == null || name.isBlank()) {
            if (fallback != null) {
                return fallback;
            }
            throw TributaryValidationException.of("eventType", "is missing; an SES event record has eventType "
                    + "(configuration-set event publishing) or notificationType (identity notifications)");
        }
        if ("Received".equals(name)) {
            throw TributaryValidationException.of(field, "is Received: this is an inbound-mail receipt "
                    + "notification; parse it with dev.tributary.ses.inbound.InboundNotifications");
        }
        if ("AmazonSnsSubscriptionSucceeded".equals(name)) {
            throw TributaryValidationException.of(field, "is AmazonSnsSubscriptionSucceeded: SES's test message "
                    + "sent when a topic is configured carries no event; acknowledge and skip it");
        }
        return SesEventType.fromWireName(name).orElseThrow(() -> TributaryValidationException.of(field,
                (SAFE_TYPE.matcher(name).matches() ? "'" + name + "' is not" : "is not")
                        + " an SES event type; expected one of " + KNOWN));
    }

    private static BounceEvent bounce(MailInfo mail, JsonNode o, String p) {
        BounceType bounceType = BounceType.fromWireName(Json.text(o, p, "bounceType")).orElseThrow(() ->
                TributaryValidationException.of(path(p, "bounceType"), "must be Permanent, Transient or Undetermined"));
        List<BouncedRecipient> recipients = Json.objects(o, p, "bouncedRecipients", (r, rp) -> new BouncedRecipient(
                Json.text(r, rp, "emailAddress"), Json.optText(r, rp, "action"), Json.optText(r, rp, "status"),
                Json.optText(r, rp, "diagnosticCode")));
        String subType = Json.optText(o, p, "bounceSubType");
        return new BounceEvent(mail, bounceType, subType == null ? "Undetermined" : subType, recipients,
                Json.instant(o, p, "timestamp"), Json.optText(o, p, "feedbackId"),
                Json.optText(o, p, "reportingMTA"), Json.optText(o, p, "remoteMtaIp"));
    }

    private static ComplaintEvent complaint(MailInfo mail, JsonNode o, String p) {
        List<String> recipients = Json.objects(o, p, "complainedRecipients",
                (r, rp) -> Json.text(r, rp, "emailAddress"));
        return new ComplaintEvent(mail, recipients, Json.instant(o, p, "timestamp"), Json.optText(o, p, "feedbackId"),
                Json.optText(o, p, "complaintFeedbackType"), Json.optText(o, p, "complaintSubType"),
                Json.optText(o, p, "userAgent"), Json.optInstant(o, p, "arrivalDate"));
    }

    private static DeliveryDelayEvent delay(MailInfo mail, JsonNode o, String p) {
        List<DelayedRecipient> recipients = Json.objects(o, p, "delayedRecipients", (r, rp) -> new DelayedRecipient(
                Json.text(r, rp, "emailAddress"), Json.optText(r, rp, "status"), Json.optText(r, rp, "diagnosticCode")));
        return new DeliveryDelayEvent(mail, Json.text(o, p, "delayType"), Json.optInstant(o, p, "expirationTime"),
                recipients, Json.instant(o, p, "timestamp"), Json.optText(o, p, "reportingMTA"));
    }

    private static SubscriptionEvent subscription(MailInfo mail, JsonNode o, String p) {
        JsonNode old = Json.optObject(o, p, "oldTopicPreferences");
        return new SubscriptionEvent(mail, Json.text(o, p, "contactList"), Json.instant(o, p, "timestamp"),
                Json.optText(o, p, "source"),
                preferences(Json.object(o, p, "newTopicPreferences"), path(p, "newTopicPreferences")),
                old == null ? null : preferences(old, path(p, "oldTopicPreferences")));
    }

    private static TopicPreferences preferences(JsonNode o, String p) {
        List<TopicPreferences.TopicStatus> statuses = Json.objects(o, p, "topicSubscriptionStatus",
                (t, tp) -> new TopicPreferences.TopicStatus(Json.text(t, tp, "topicName"),
                        Json.text(t, tp, "subscriptionStatus")));
        return new TopicPreferences(Json.optBoolean(o, p, "unsubscribeAll", false), statuses);
    }
}
