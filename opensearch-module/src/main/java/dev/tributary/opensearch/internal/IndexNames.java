package dev.tributary.opensearch.internal;

import dev.tributary.core.TributaryValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** OpenSearch index-name rules and time-based names for log-style indices. */
public final class IndexNames {
    private static final DateTimeFormatter DAILY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    private IndexNames() {}

    /**
     * Checks an index or alias name: lower case, none of {@code \ / * ? " < > | , # :} or spaces, not starting
     * with {@code - _ +}, not {@code .} or {@code ..}, at most 255 bytes.
     *
     * @param name the name
     * @return the name
     * @throws TributaryValidationException naming the rule it breaks
     */
    public static String validate(String name) {
        if (name == null || name.isEmpty()) {
            throw TributaryValidationException.of("index", "a name is required");
        }
        if (!name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
            throw TributaryValidationException.of("index", "names must be lower case");
        }
        for (char c : "\\/*?\"<>|,#: ".toCharArray()) {
            if (name.indexOf(c) >= 0) {
                throw TributaryValidationException.of("index", "names must not contain '" + c + "'");
            }
        }
        if (name.startsWith("-") || name.startsWith("_") || name.startsWith("+") || name.equals(".") || name.equals("..")) {
            throw TributaryValidationException.of("index", "names must not start with '-', '_' or '+', nor be '.' or '..'");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw TributaryValidationException.of("index", "names must be at most 255 bytes");
        }
        return name;
    }

    /**
     * Returns a daily index name such as {@code logs-2026.11.22} (UTC).
     *
     * @param prefix the prefix, a valid index name
     * @param at the event time
     * @return the name
     */
    public static String daily(String prefix, Instant at) {
        return validate(prefix + "-" + DAILY.format(at));
    }
}
