package dev.tributary.ses.internal.notify;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tributary.core.TributaryValidationException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Reads fields of SES JSON with errors that name the field and never echo its value (values are often
 * addresses). Unknown fields are ignored everywhere.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    /**
     * Parses a JSON document.
     *
     * @param field the name used in errors, e.g. {@code json} or {@code Message}
     * @param json the text
     * @return the root node
     * @throws TributaryValidationException when the text is empty or not JSON, with the line and column
     */
    public static JsonNode read(String field, @Nullable String json) {
        if (json == null || json.isBlank()) {
            throw TributaryValidationException.of(field, "is empty; expected a JSON object");
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw TributaryValidationException.of(field, "must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the offending token, which may be an address: report the location only.
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw TributaryValidationException.of(field, "is not valid JSON" + where
                    + "; pass the document exactly as SNS, SQS, EventBridge or SES delivered it");
        }
    }

    /** Returns {@code parent.name} for error messages. */
    public static String path(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** Returns a required object member. */
    public static JsonNode object(JsonNode node, String parent, String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.isObject()) {
            throw TributaryValidationException.of(path(parent, name), "is required and must be a JSON object");
        }
        return v;
    }

    /** Returns an optional object member, or null. */
    public static @Nullable JsonNode optObject(JsonNode node, String parent, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw TributaryValidationException.of(path(parent, name), "must be a JSON object");
        }
        return v;
    }

    /** Returns a required, non-blank text member. */
    public static String text(JsonNode node, String parent, String name) {
        String v = optText(node, parent, name);
        if (v == null || v.isBlank()) {
            throw TributaryValidationException.of(path(parent, name), "is required and must be a non-empty string");
        }
        return v;
    }

    /** Returns an optional text member (numbers and booleans as text), or null. */
    public static @Nullable String optText(JsonNode node, String parent, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw TributaryValidationException.of(path(parent, name), "must be a string");
        }
        return v.asText();
    }

    /** Returns a required ISO-8601 timestamp member. */
    public static Instant instant(JsonNode node, String parent, String name) {
        Instant v = optInstant(node, parent, name);
        if (v == null) {
            throw TributaryValidationException.of(path(parent, name),
                    "is required and must be an ISO-8601 timestamp such as 2024-01-31T12:00:00.000Z");
        }
        return v;
    }

    /** Returns an optional ISO-8601 timestamp member, or null. */
    public static @Nullable Instant optInstant(JsonNode node, String parent, String name) {
        String v = optText(node, parent, name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e2) {
                throw TributaryValidationException.of(path(parent, name),
                        "must be an ISO-8601 timestamp such as 2024-01-31T12:00:00.000Z");
            }
        }
    }

    /** Returns a number member (or numeric text), or {@code fallback} when absent. */
    public static long optLong(JsonNode node, String parent, String name, long fallback) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v.canConvertToLong()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText().strip());
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw TributaryValidationException.of(path(parent, name), "must be a whole number");
    }

    /** Returns a boolean member, or {@code fallback} when absent. */
    public static boolean optBoolean(JsonNode node, String parent, String name, boolean fallback) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (v.isBoolean() || v.isTextual() && ("true".equals(v.asText()) || "false".equals(v.asText()))) {
            return v.asBoolean();
        }
        throw TributaryValidationException.of(path(parent, name), "must be true or false");
    }

    /** Returns a string array member (a single string counts as one element); empty when absent. */
    public static List<String> strings(JsonNode node, String parent, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (v.isTextual()) {
            return List.of(v.asText());
        }
        if (!v.isArray()) {
            throw TributaryValidationException.of(path(parent, name), "must be an array of strings");
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isValueNode() || e.isNull()) {
                throw TributaryValidationException.of(path(parent, name) + "[" + i + "]", "must be a string");
            }
            out.add(e.asText());
        }
        return List.copyOf(out);
    }

    /**
     * Maps an array member's elements, which must be objects; empty when absent. Each element is mapped with its
     * own path ({@code parent.name[i]}), so an error inside it names the element.
     *
     * @param node the object holding the array
     * @param parent the path of {@code node}
     * @param name the array member
     * @param element maps one element, given the element and its path
     * @return the mapped elements, in order
     */
    public static <T> List<T> objects(JsonNode node, String parent, String name,
            BiFunction<JsonNode, String, T> element) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        String arrayPath = path(parent, name);
        if (!v.isArray()) {
            throw TributaryValidationException.of(arrayPath, "must be an array of objects");
        }
        List<T> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            String elementPath = arrayPath + "[" + i + "]";
            if (!v.get(i).isObject()) {
                throw TributaryValidationException.of(elementPath, "must be a JSON object");
            }
            out.add(element.apply(v.get(i), elementPath));
        }
        return out;
    }

    /** Returns an object of string arrays (SES tags), keeping order; empty when absent. */
    public static Map<String, List<String>> stringLists(JsonNode node, String parent, String name) {
        JsonNode v = optObject(node, parent, name);
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (v != null) {
            String p = path(parent, name);
            v.fieldNames().forEachRemaining(k -> out.put(k, strings(v, p, k)));
        }
        return out;
    }
}
