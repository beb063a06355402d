package dev.tributary.examples.logs;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A log document as {@code CloudWatchLogsIngester} writes it: the event time, the raw message, where it came from
 * and, for JSON lines, the parsed fields ({@code level}, {@code latencyMs}, {@code path}, {@code msg}).
 *
 * @param timestamp the event time, ISO-8601 UTC
 * @param message the raw log line
 * @param logGroup the log group
 * @param logStream the log stream
 * @param fields the JSON line's fields, or null for plain-text lines
 */
public record LogEvent(@JsonProperty("@timestamp") String timestamp, String message, String logGroup,
        String logStream, @Nullable Map<String, Object> fields) {

    /** Returns the line's latency in milliseconds, or -1 for lines without one. */
    public long latencyMs() {
        return fields != null && fields.get("latencyMs") instanceof Number n ? n.longValue() : -1;
    }
}
