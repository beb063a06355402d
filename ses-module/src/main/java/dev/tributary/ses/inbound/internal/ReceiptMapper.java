package dev.tributary.ses.inbound.internal;

import static dev.tributary.ses.internal.notify.Json.path;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.internal.notify.Json;
import dev.tributary.ses.internal.notify.MailMapper;
import dev.tributary.ses.inbound.DmarcPolicy;
import dev.tributary.ses.inbound.InboundNotification;
import dev.tributary.ses.inbound.Receipt;
import dev.tributary.ses.inbound.ReceiptAction;
import dev.tributary.ses.inbound.Verdict;
import java.util.Locale;

/** Maps an SES receipt notification (or a Lambda event's {@code ses} object) to {@link InboundNotification}. */
public final class ReceiptMapper {
    private ReceiptMapper() {}

    /**
     * Maps a record.
     *
     * @param record the notification JSON, with {@code receipt} and {@code mail}
     * @return the typed notification
     * @throws TributaryValidationException naming the field when it is not a receipt notification or malformed
     */
    public static InboundNotification map(JsonNode record) {
        String type = Json.optText(record, "", "notificationType");
        if (type == null && record.has("eventType")) {
            type = Json.optText(record, "", "eventType");
        }
        if (type != null && !"Received".equals(type)) {
            throw TributaryValidationException.of("notificationType", "is not Received: this is an SES sending "
                    + "event; parse it with dev.tributary.ses.event.SesEvents");
        }
        return new InboundNotification(receipt(Json.object(record, "", "receipt")), MailMapper.mail(record),
                Json.optText(record, "", "content"));
    }

    private static Receipt receipt(JsonNode r) {
        String p = "receipt";
        String policy = Json.optText(r, p, "dmarcPolicy");
        DmarcPolicy dmarcPolicy = policy == null || policy.isBlank() ? null : DmarcPolicy.fromValue(policy)
                .orElseThrow(() -> TributaryValidationException.of(path(p, "dmarcPolicy"),
                        "must be none, quarantine or reject"));
        return new Receipt(
                Json.instant(r, p, "timestamp"),
                Json.optLong(r, p, "processingTimeMillis", 0),
                Json.strings(r, p, "recipients"),
                verdict(r, p, "spfVerdict"),
                verdict(r, p, "dkimVerdict"),
                verdict(r, p, "dmarcVerdict"),
                verdict(r, p, "spamVerdict"),
                verdict(r, p, "virusVerdict"),
                dmarcPolicy,
                action(Json.object(r, p, "action"), path(p, "action")));
    }

    private static Verdict verdict(JsonNode r, String p, String name) {
        JsonNode v = Json.optObject(r, p, name);
        if (v == null) {
            return Verdict.ABSENT;
        }
        String status = Json.text(v, path(p, name), "status");
        try {
            return Verdict.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw TributaryValidationException.of(path(path(p, name), "status"),
                    "must be PASS, FAIL, GRAY, PROCESSING_FAILED or DISABLED");
        }
    }

    private static ReceiptAction action(JsonNode a, String p) {
        return new ReceiptAction(
                Json.text(a, p, "type"),
                Json.optText(a, p, "topicArn"),
                Json.optText(a, p, "bucketName"),
                Json.optText(a, p, "objectKeyPrefix"),
                Json.optText(a, p, "objectKey"),
                Json.optText(a, p, "encoding"),
                Json.optText(a, p, "functionArn"),
                Json.optText(a, p, "invocationType"));
    }
}
