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
    /** The item's {@code _version}, or -1; what a dual write during a reindex copies to the other index. */
    private final long[] version;
    /** The physical index each item landed in (an alias resolves to one), or null when not reported. */
    private final @Nullable String[] index;
    private @Nullable String[] type;
    private @Nullable String[] reason;

    private BulkResponse(int items) {
        this.status = new int[items];
        Arrays.fill(status, MISSING);
        this.version = new long[items];
        Arrays.fill(version, -1);
        this.index = new String[items];
    }

    int status(int i) {
        return status[i];
    }

    long version(int i) {
        return version[i];
    }

    @Nullable String index(int i) {
        return index[i];
    }

    @Nullable String type(int i) {
        return type == null ? null : type[i];
    }

    @Nullable String reason(int i) {
        return reason == null ? null : reason[i];
    }

    /**
     * Reads {@code {"errors":..,"items":[{"<action>":{"_index":..,"_version":..,"status":..,"error":{"type":..,
     * "reason":..}}},..]}}.
     */
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
            } else if ("_version".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                version[i] = p.getLongValue();
            } else if ("_index".equals(field) && value == JsonToken.VALUE_STRING) {
                // Every item of a request names the same one or two indices: one String for all of them.
                String previous = i > 0 ? index[i - 1] : null;
                index[i] = previous != null && sameText(previous, p) ? previous : p.getText();
            } else if ("error".equals(field) && value == JsonToken.START_OBJECT) {
                readError(p, i);
            } else {
                p.skipChildren();
            }
        }
    }

    private static boolean sameText(String s, JsonParser p) throws IOException {
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        int length = p.getTextLength();
        if (length != s.length()) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (s.charAt(k) != chars[offset + k]) {
                return false;
            }
        }
        return true;
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
