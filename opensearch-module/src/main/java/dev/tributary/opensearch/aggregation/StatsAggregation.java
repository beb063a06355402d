package dev.tributary.opensearch.aggregation;

import dev.tributary.core.TributaryValidationException;

/**
 * A {@code stats} aggregation: count, min, max, avg and sum of a numeric field over the documents in scope (the
 * whole search, or one bucket). Read the result with {@link Aggregations#stats(String)}. Immutable.
 */
public final class StatsAggregation implements Aggregation {
    private final String field;

    private StatsAggregation(String field) {
        this.field = field;
    }

    /**
     * Returns the statistics of {@code field}.
     *
     * @param field a numeric field
     * @return the aggregation
     * @throws TributaryValidationException when the field is blank
     */
    public static StatsAggregation of(String field) {
        if (field == null || field.isBlank()) {
            throw TributaryValidationException.of("field", "a stats aggregation needs a field name");
        }
        return new StatsAggregation(field);
    }

    /** Returns the field. */
    public String field() {
        return field;
    }

    @Override
    public String toString() {
        return "StatsAggregation[field=" + field + "]";
    }
}
