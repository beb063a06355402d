package dev.tributary.opensearch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.opensearch.SearchCursorException;
import dev.tributary.opensearch.SearchCursorException.Reason;
import dev.tributary.opensearch.SearchQuery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opensearch.client.opensearch._types.FieldValue;

/**
 * Opaque search_after page cursors: {@code base64url(json) "." base64url(checksum)}, where the JSON holds a
 * format version, a fingerprint of the index and query, the number of hits returned so far and the last hit's
 * sort values. The checksum is a truncated SHA-256 of the JSON: it detects edited or truncated cursors; it is
 * not a signature (a cursor only selects where a page of the same query starts, so it grants nothing).
 */
public final class Cursors {
    /** Longest cursor accepted, far above what real sort values produce. */
    static final int MAX_LENGTH = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Cursors() {}

    /**
     * A decoded cursor.
     *
     * @param fingerprint the index and query it was issued for
     * @param seen hits returned before the next page
     * @param sortValues the last hit's sort values
     */
    public record Cursor(String fingerprint, long seen, List<FieldValue> sortValues) {}

    /**
     * Encodes a cursor.
     *
     * @param fingerprint from {@link #fingerprint}
     * @param seen hits returned so far
     * @param sortValues the last hit's sort values
     * @return the cursor, URL-safe
     */
    public static String encode(String fingerprint, long seen, List<FieldValue> sortValues) {
        ObjectNode root = JSON.createObjectNode().put("v", 1).put("f", fingerprint).put("n", seen);
        ArrayNode s = root.putArray("s");
        for (FieldValue v : sortValues) {
            if (v.isLong()) {
                s.add(v.longValue());
            } else if (v.isDouble()) {
                s.add(v.doubleValue());
            } else if (v.isBoolean()) {
                s.add(v.booleanValue());
            } else if (v.isString()) {
                s.add(v.stringValue());
            } else {
                s.addNull();
            }
        }
        byte[] body = root.toString().getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(body) + "." + ENCODER.encodeToString(checksum(body));
    }

    /**
     * Decodes a cursor and checks its checksum.
     *
     * @param cursor the cursor
     * @return the contents
     * @throws SearchCursorException MALFORMED or TAMPERED
     */
    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            throw malformed();
        }
        int dot = cursor.indexOf('.');
        if (dot <= 0 || dot != cursor.lastIndexOf('.')) {
            throw malformed();
        }
        byte[] body;
        byte[] sum;
        try {
            body = DECODER.decode(cursor.substring(0, dot));
            sum = DECODER.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        if (!MessageDigest.isEqual(sum, checksum(body))) {
            throw SearchCursorException.of(Reason.TAMPERED, "its contents do not match its checksum (altered or cut"
                    + " short); pass nextCursor() unchanged, or start again without after()");
        }
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || root.path("v").asInt() != 1 || !root.path("f").isTextual() || !root.path("s").isArray()
                    || !root.path("n").canConvertToLong()) {
                throw malformed();
            }
            List<FieldValue> values = new ArrayList<>();
            for (JsonNode v : root.path("s")) {
                values.add(fieldValue(v));
            }
            return new Cursor(root.path("f").asText(), root.path("n").asLong(), List.copyOf(values));
        } catch (IOException e) {
            throw malformed();
        }
    }

    private static FieldValue fieldValue(JsonNode v) {
        if (v.isNull()) {
            return FieldValue.NULL;
        }
        if (v.isBoolean()) {
            return FieldValue.of(v.booleanValue());
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return FieldValue.of(v.longValue());
        }
        if (v.isNumber()) {
            return FieldValue.of(v.doubleValue());
        }
        if (v.isTextual()) {
            return FieldValue.of(v.textValue());
        }
        throw malformed();
    }

    /**
     * Returns the fingerprint of everything that decides which documents match and in which order: the index,
     * text, filters, ranges, sort keys and tie-breaker (not the page size, highlighting or aggregations).
     *
     * @param index the index, alias or pattern searched
     * @param q the query
     * @return a short URL-safe fingerprint
     */
    public static String fingerprint(String index, SearchQuery q) {
        ObjectNode root = JSON.createObjectNode().put("index", index);
        q.text().ifPresent(t -> root.put("text", t));
        q.simple().ifPresent(t -> root.put("simple", t));
        root.put("fuzzy", q.fuzzy());
        q.fields().forEach(root.withArray("fields")::add);
        Map<String, Object> filters = new TreeMap<>(q.filters());
        filters.forEach((k, v) -> root.with("filters").put(k, v.getClass().getSimpleName() + ":" + v));
        q.ranges().forEach(r -> root.withArray("ranges").add(r.field() + "|" + r.gte() + "|" + r.lte()));
        q.sorts().forEach(s -> root.withArray("sorts").add(s.field() + "|" + s.order()));
        root.put("tieBreaker", q.tieBreaker());
        byte[] digest = sha256(root.toString().getBytes(StandardCharsets.UTF_8));
        return ENCODER.encodeToString(Arrays.copyOf(digest, 12));
    }

    private static byte[] checksum(byte[] body) {
        return Arrays.copyOf(sha256(body), 12);
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static SearchCursorException malformed() {
        return SearchCursorException.of(Reason.MALFORMED, "not a page cursor of this library; pass the value of"
                + " SearchPage.nextCursor() unchanged, or start again without after()");
    }
}
