package dev.tributary.opensearch.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/** Builds CloudWatch Logs subscription payloads the way CloudWatch Logs does: JSON, gzip, then base64. */
final class Payloads {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The sample {@code awslogs.data} from the AWS Lambda developer guide (two [ERROR] events). */
    static final String LAMBDA_DOC_SAMPLE = "H4sIAAAAAAAAAHWPwQqCQBCGX0Xm7EFtK+smZBEUgXoLCdMhFtKV3akI8d0bLYmibvPPN3wz00CJxmQnTO41whwWQRIctmEcB6sQbFC3CjW3XW8kxpOpP+OC22d1Wml1qZkQGtoMsScxaczKN3plG8zlaHIta5KqWsozoTYw3/djzwhpLwivWFGHGpAFe7DL68JlBUk+l7KSN7tCOEJ4M3/qOI49vMHj+zCKdlFqLaU2ZHV2a4Ct/an0/ivdX8oYc1UVX860fQDQiMdxRQEAAA==";

    /** A control message as CloudWatch Logs sends it to check that the destination is reachable. */
    static final String CONTROL_JSON = "{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":\"CloudwatchLogs\",\"logGroup\":\"\","
            + "\"logStream\":\"\",\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"\",\"timestamp\":1432826855000,"
            + "\"message\":\"CWL CONTROL MESSAGE: Checking health of destination Firehose.\"}]}";

    private Payloads() {}

    /** Returns a DATA_MESSAGE JSON with events given as id, timestamp, message triples. */
    static String dataJson(String logGroup, String logStream, Object... idTimestampMessage) {
        ObjectNode root = JSON.createObjectNode();
        root.put("owner", "111111111111");
        root.put("logGroup", logGroup);
        root.put("logStream", logStream);
        root.putArray("subscriptionFilters").add("RecipientStream");
        root.put("messageType", "DATA_MESSAGE");
        ArrayNode events = root.putArray("logEvents");
        for (int i = 0; i < idTimestampMessage.length; i += 3) {
            events.addObject()
                    .put("id", (String) idTimestampMessage[i])
                    .put("timestamp", ((Number) idTimestampMessage[i + 1]).longValue())
                    .put("message", (String) idTimestampMessage[i + 2]);
        }
        return root.toString();
    }

    static byte[] gzip(String json) {
        return gzip(json.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(data);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String base64Gzip(String json) {
        return Base64.getEncoder().encodeToString(gzip(json));
    }
}
