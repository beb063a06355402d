package dev.tributary.ses.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tributary.core.TributaryValidationException;
import org.jspecify.annotations.Nullable;

/** Serialises typed template data to the JSON object SES expects. */
public final class TemplateData {
    private static final ObjectMapper JSON = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private TemplateData() {}

    /**
     * Returns {@code data} as a JSON object string; {@code "{}"} for null.
     *
     * @param field the field name used in errors
     * @param data a record, bean, Map or a JSON object string
     * @return the JSON text
     * @throws TributaryValidationException if the data does not serialise to a JSON object
     */
    public static String toJson(String field, @Nullable Object data) {
        if (data == null) {
            return "{}";
        }
        try {
            JsonNode node = data instanceof String s ? JSON.readTree(s) : JSON.valueToTree(data);
            if (node == null || !node.isObject()) {
                throw TributaryValidationException.of(field, "must serialise to a JSON object, not "
                        + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase()));
            }
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw TributaryValidationException.of(field, "could not be serialised to JSON ("
                    + data.getClass().getSimpleName() + "): make it a record, a bean with getters or a Map");
        }
    }
}
