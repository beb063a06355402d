package dev.tributary.ses.internal.notify;

import static dev.tributary.ses.internal.notify.Json.path;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.ses.event.CommonHeaders;
import dev.tributary.ses.event.MailHeader;
import dev.tributary.ses.event.MailInfo;
import java.util.List;

/** Maps SES's {@code mail} object, shared by sending events and inbound receipt notifications. */
public final class MailMapper {
    private MailMapper() {}

    /**
     * Maps the {@code mail} member of a record.
     *
     * @param record the SES record
     * @return the mail metadata
     * @throws dev.tributary.core.TributaryValidationException naming the field when it is missing or malformed
     */
    public static MailInfo mail(JsonNode record) {
        JsonNode m = Json.object(record, "", "mail");
        String p = "mail";
        List<MailHeader> headers = Json.objects(m, p, "headers", (h, hp) -> {
            String value = Json.optText(h, hp, "value");
            return new MailHeader(Json.text(h, hp, "name"), value == null ? "" : value);
        });
        JsonNode ch = Json.optObject(m, p, "commonHeaders");
        return new MailInfo(
                Json.text(m, p, "messageId"),
                Json.instant(m, p, "timestamp"),
                Json.optText(m, p, "source"),
                Json.optText(m, p, "sourceArn"),
                Json.optText(m, p, "sourceIp"),
                Json.optText(m, p, "sendingAccountId"),
                Json.strings(m, p, "destination"),
                Json.stringLists(m, p, "tags"),
                Json.optBoolean(m, p, "headersTruncated", false),
                headers,
                ch == null ? CommonHeaders.EMPTY : commonHeaders(ch, path(p, "commonHeaders")));
    }

    private static CommonHeaders commonHeaders(JsonNode ch, String p) {
        return new CommonHeaders(
                Json.strings(ch, p, "from"),
                Json.strings(ch, p, "to"),
                Json.strings(ch, p, "cc"),
                Json.strings(ch, p, "bcc"),
                Json.strings(ch, p, "replyTo"),
                Json.optText(ch, p, "returnPath"),
                Json.optText(ch, p, "messageId"),
                Json.optText(ch, p, "subject"),
                Json.optText(ch, p, "date"));
    }
}
