package dev.tributary.opensearch.ingest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Turns a CloudWatch Logs event into the document indexed for it: {@code @timestamp} (ISO-8601, UTC),
 * {@code message}, {@code logGroup}, {@code logStream}, {@code owner}, and, when the message is a JSON object,
 * its fields under {@code fields} so they never clash with the envelope's.
 */
final class LogDocuments {
    private static final ObjectReader READER = new ObjectMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private LogDocuments() {}

    static ObjectNode document(CloudWatchLogsPayload payload, CloudWatchLogsPayload.LogEvent event,
            boolean parseJson, boolean withId) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("@timestamp", event.time().toString());
        if (withId) {
            doc.put("id", event.id());
        }
        doc.put("message", event.message());
        doc.put("logGroup", payload.logGroup());
        doc.put("logStream", payload.logStream());
        doc.put("owner", payload.owner());
        ObjectNode fields = parseJson ? parseObject(event.message()) : null;
        if (fields != null) {
            doc.set("fields", fields);
        }
        return doc;
    }

    /** Returns the message as a JSON object, or null when it is anything else (plain text, an array, broken). */
    static @Nullable ObjectNode parseObject(String message) {
        int i = 0;
        while (i < message.length() && Character.isWhitespace(message.charAt(i))) {
            i++;
        }
        if (i == message.length() || message.charAt(i) != '{') {
            return null;
        }
        try {
            JsonNode node = READER.readTree(message);
            return node instanceof ObjectNode obj ? obj : null;
        } catch (IOException e) {
            return null;
        }
    }
}
