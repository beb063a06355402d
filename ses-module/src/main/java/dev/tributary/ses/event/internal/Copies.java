package dev.tributary.ses.event.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep immutable copies for the event value types. */
public final class Copies {
    private Copies() {}

    /** Copies a tag map keeping its order, with immutable value lists. */
    public static Map<String, List<String>> tags(Map<String, List<String>> tags) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        tags.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(copy);
    }
}
