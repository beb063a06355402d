package dev.tributary.opensearch.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.tributary.core.TributaryValidationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * One CloudWatch Logs subscription payload, decoded: what a subscription filter delivers to Lambda
 * ({@code awslogs.data}), to a Kinesis data stream (a record's data) or to Firehose (a record's data).
 *
 * <p>On the wire the payload is gzip-compressed JSON, base64-encoded when it travels inside a JSON event:
 * <pre>{@code
 * {"messageType":"DATA_MESSAGE","owner":"123456789012","logGroup":"/app/api","logStream":"i-0abc",
 *  "subscriptionFilters":["to-opensearch"],
 *  "logEvents":[{"id":"3195310660...","timestamp":1432826855000,"message":"GET /health 200"}]}
 * }</pre>
 * CloudWatch Logs also sends {@link MessageType#CONTROL_MESSAGE}s to check that the destination is
 * reachable; they carry no log data. Immutable; {@link #toString()} never shows log messages.
 *
 * <pre>{@code
 * CloudWatchLogsPayload payload = CloudWatchLogsPayload.decode(event.getAwsLogs().getData()); // base64
 * CloudWatchLogsPayload fromKinesis = CloudWatchLogsPayload.decode(recordBytes);            // gzip
 * for (CloudWatchLogsPayload.LogEvent e : payload.logEvents()) {
 *     System.out.println(e.time() + " " + e.message());
 * }
 * }</pre>
 *
 * @param messageType data or control message
 * @param owner the AWS account id of the log group ("CloudwatchLogs" for control messages)
 * @param logGroup the log group name (empty for control messages)
 * @param logStream the log stream name (empty for control messages)
 * @param subscriptionFilters the names of the subscription filters that matched
 * @param logEvents the log events, in order
 */
public record CloudWatchLogsPayload(MessageType messageType, String owner, String logGroup, String logStream,
        List<String> subscriptionFilters, List<LogEvent> logEvents) {

    /** The largest decompressed payload accepted; real payloads are at most a few MiB. */
    public static final int MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

    private static final ObjectReader READER = new ObjectMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The kind of payload. */
    public enum MessageType {
        /** Log events that matched the subscription filter. */
        DATA_MESSAGE,
        /** A reachability check from CloudWatch Logs; carries no log data and is safe to drop. */
        CONTROL_MESSAGE
    }

    /**
     * One log event.
     *
     * @param id the event id, unique per log event (a stable document id)
     * @param timestamp the event time in epoch milliseconds
     * @param message the log line as written by the application
     */
    public record LogEvent(String id, long timestamp, String message) {
        /** Checks that no component is null. */
        public LogEvent {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(message, "message");
        }

        /** Returns the event time. */
        public Instant time() {
            return Instant.ofEpochMilli(timestamp);
        }

        @Override
        public String toString() {
            // The message is log content: never printed.
            return "LogEvent[id=" + id + ", timestamp=" + timestamp + "]";
        }
    }

    /** Copies the lists and checks that no component is null. */
    public CloudWatchLogsPayload {
        Objects.requireNonNull(messageType, "messageType");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(logGroup, "logGroup");
        Objects.requireNonNull(logStream, "logStream");
        subscriptionFilters = List.copyOf(subscriptionFilters);
        logEvents = List.copyOf(logEvents);
    }

    /**
     * Decodes a base64 payload as found in a Lambda event's {@code awslogs.data}.
     *
     * @param base64 base64 of the gzip-compressed JSON (whitespace is ignored)
     * @return the payload
     * @throws TributaryValidationException when the text is not base64, not gzip, not JSON or not shaped like a
     *     subscription payload; the message names the problem, never the content
     */
    public static CloudWatchLogsPayload decode(String base64) {
        Objects.requireNonNull(base64, "base64");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw TributaryValidationException.of("payload", "is not valid base64: pass awslogs.data as received");
        }
        return decode(bytes);
    }

    /**
     * Decodes a payload from raw bytes: gzip-compressed JSON as in a Kinesis or Firehose record, or plain JSON
     * (when something upstream already decompressed it).
     *
     * @param data the record data
     * @return the payload
     * @throws TributaryValidationException when the data is not gzip or JSON, is too large once decompressed, or is
     *     not shaped like a subscription payload
     */
    public static CloudWatchLogsPayload decode(byte[] data) {
        Objects.requireNonNull(data, "data");
        byte[] json = isGzip(data) ? gunzip(data) : data;
        JsonNode root;
        try {
            root = READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw TributaryValidationException.of("payload", "is not valid JSON (" + e.getClass().getSimpleName()
                    + "): expected gzip-compressed JSON from a CloudWatch Logs subscription");
        } catch (IOException e) {
            throw TributaryValidationException.of("payload", "could not be read (" + e.getClass().getSimpleName() + ")");
        }
        return fromJson(root);
    }

    /** Returns whether this is a control message (to be dropped). */
    public boolean isControl() {
        return messageType == MessageType.CONTROL_MESSAGE;
    }

    @Override
    public String toString() {
        return "CloudWatchLogsPayload[messageType=" + messageType + ", logGroup=" + logGroup + ", logStream="
                + logStream + ", logEvents=" + logEvents.size() + "]";
    }

    private static boolean isGzip(byte[] data) {
        return data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
    }

    private static byte[] gunzip(byte[] data) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, data.length * 8));
            byte[] buf = new byte[16 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > MAX_DECOMPRESSED_BYTES) {
                    throw TributaryValidationException.of("payload", "decompresses to more than "
                            + MAX_DECOMPRESSED_BYTES + " bytes; CloudWatch Logs payloads are far smaller");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw TributaryValidationException.of("payload", "is not valid gzip (" + e.getClass().getSimpleName()
                    + "): expected a CloudWatch Logs subscription payload");
        }
    }

    private static CloudWatchLogsPayload fromJson(@Nullable JsonNode root) {
        if (root == null || !root.isObject()) {
            throw TributaryValidationException.of("payload", "must be a JSON object with messageType and logEvents");
        }
        String type = text(root, "messageType", true);
        MessageType messageType;
        if ("DATA_MESSAGE".equals(type)) {
            messageType = MessageType.DATA_MESSAGE;
        } else if ("CONTROL_MESSAGE".equals(type)) {
            messageType = MessageType.CONTROL_MESSAGE;
        } else {
            throw TributaryValidationException.of("messageType", "must be DATA_MESSAGE or CONTROL_MESSAGE");
        }
        List<String> filters = new ArrayList<>();
        JsonNode f = root.path("subscriptionFilters");
        if (!f.isMissingNode() && !f.isNull()) {
            if (!f.isArray()) {
                throw TributaryValidationException.of("subscriptionFilters", "must be an array of names");
            }
            f.forEach(n -> filters.add(n.asText()));
        }
        JsonNode events = root.path("logEvents");
        if (!events.isArray()) {
            throw TributaryValidationException.of("logEvents", "must be an array of {id, timestamp, message}");
        }
        List<LogEvent> logEvents = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            logEvents.add(event(events.get(i), i, messageType));
        }
        return new CloudWatchLogsPayload(messageType, text(root, "owner", false), text(root, "logGroup", false),
                text(root, "logStream", false), filters, logEvents);
    }

    private static LogEvent event(JsonNode e, int i, MessageType type) {
        String field = "logEvents[" + i + "]";
        if (!e.isObject()) {
            throw TributaryValidationException.of(field, "must be an object with id, timestamp and message");
        }
        JsonNode ts = e.path("timestamp");
        if (!ts.canConvertToLong() || !ts.isIntegralNumber()) {
            throw TributaryValidationException.of(field + ".timestamp", "must be epoch milliseconds (a whole number)");
        }
        JsonNode message = e.path("message");
        if (!message.isTextual()) {
            throw TributaryValidationException.of(field + ".message", "must be a string");
        }
        String id = text(e, "id", false);
        if (id.isEmpty() && type == MessageType.DATA_MESSAGE) {
            throw TributaryValidationException.of(field + ".id", "must be a non-empty string");
        }
        return new LogEvent(id, ts.longValue(), message.textValue());
    }

    private static String text(JsonNode node, String name, boolean required) {
        JsonNode v = node.path(name);
        if (v.isMissingNode() || v.isNull()) {
            if (required) {
                throw TributaryValidationException.of(name, "is required");
            }
            return "";
        }
        if (!v.isValueNode() || v.isBinary()) {
            throw TributaryValidationException.of(name, "must be a string");
        }
        return v.asText();
    }
}
