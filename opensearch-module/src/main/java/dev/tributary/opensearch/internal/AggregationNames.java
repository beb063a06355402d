package dev.tributary.opensearch.internal;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.aggregation.Aggregation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Checks aggregation names and keeps named aggregations in the order they were added. */
public final class AggregationNames {
    private AggregationNames() {}

    /**
     * Adds a named aggregation to {@code target} after checking the name.
     *
     * @param target the aggregations so far
     * @param name the name; not blank, without {@code [ ] >}, unique among its siblings
     * @param aggregation the aggregation
     * @param field the builder field named in errors
     * @throws TributaryValidationException when the name is blank, malformed or taken
     */
    public static void add(Map<String, Aggregation> target, String name, Aggregation aggregation, String field) {
        Objects.requireNonNull(aggregation, field);
        if (name == null || name.isBlank()) {
            throw TributaryValidationException.of(field, "an aggregation needs a non-blank name");
        }
        // OpenSearch refuses these: they are the bucket path syntax.
        if (name.indexOf('[') >= 0 || name.indexOf(']') >= 0 || name.indexOf('>') >= 0) {
            throw TributaryValidationException.of(field, "aggregation names must not contain '[', ']' or '>'");
        }
        if (target.containsKey(name)) {
            throw TributaryValidationException.of(field, "two aggregations are named '" + name + "'; names must be unique");
        }
        target.put(name, aggregation);
    }

    /** Returns an unmodifiable copy that keeps the order. */
    public static Map<String, Aggregation> copy(Map<String, Aggregation> in) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(in));
    }
}
