package dev.tributary.opensearch.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The per-item outcome of a {@code _bulk} answer, read with a streaming parser straight from the response
 * stream: no String of the body and no tree, which cost an allocation per item on the I/O thread.
 */
final class BulkResponse {
    /** Status of an item the answer did not contain. */
    static final int MISSING = -1;

    private final int[] status;
    private @Nullable String[] type;
    private @Nullable String[] reason;

    private BulkResponse(int items) {
        this.status = new int[items];
        Arrays.fill(status, MISSING);
    }

    int status(int i) {
        return status[i];
    }

    @Nullable String type(int i) {
        return type == null ? null : type[i];
    }

    @Nullable String reason(int i) {
        return reason == null ? null : reason[i];
    }

    /** Reads {@code {"errors":..,"items":[{"<action>":{"status":..,"error":{"type":..,"reason":..}}},..]}}. */
    static BulkResponse read(JsonFactory json, InputStream in, int expected) throws IOException {
        BulkResponse r = new BulkResponse(expected);
        try (JsonParser p = json.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return r;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("items".equals(name) && value == JsonToken.START_ARRAY) {
                    int i = 0;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            if (p.nextToken() == JsonToken.START_OBJECT && i < expected) {
                                r.readItem(p, i);
                            } else {
                                p.skipChildren();
                            }
                        }
                        i++;
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return r;
    }

    private void readItem(JsonParser p, int i) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("status".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                status[i] = p.getIntValue();
            } else if ("error".equals(field) && value == JsonToken.START_OBJECT) {
                readError(p, i);
            } else {
                p.skipChildren();
            }
        }
    }

    private void readError(JsonParser p, int i) throws IOException {
        if (type == null) {
            type = new String[status.length];
            reason = new String[status.length];
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("type".equals(field) && value == JsonToken.VALUE_STRING) {
                type[i] = p.getText();
            } else if ("reason".equals(field) && value == JsonToken.VALUE_STRING) {
                reason[i] = p.getText();
            } else {
                p.skipChildren();
            }
        }
    }
}
