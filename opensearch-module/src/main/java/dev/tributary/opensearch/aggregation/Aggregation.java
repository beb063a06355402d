package dev.tributary.opensearch.aggregation;

import java.time.Duration;

/**
 * An aggregation run with a search and named in {@code SearchQuery.Builder.aggregation(name, aggregation)}.
 * Bucket aggregations ({@link TermsAggregation}, {@link DateHistogramAggregation}) may hold sub-aggregations
 * computed per bucket; metric aggregations ({@link StatsAggregation}, {@link TopHitsAggregation}) may not.
 * Implementations are immutable and thread-safe.
 *
 * <pre>{@code
 * SearchQuery q = SearchQuery.builder()
 *         .size(0)
 *         .aggregation("levels", TermsAggregation.builder("level")
 *                 .subAggregation("latency", Aggregation.stats("latencyMs"))
 *                 .subAggregation("slowest", TopHitsAggregation.builder().size(1).sort("latencyMs", SortOrder.DESC).build())
 *                 .build())
 *         .aggregation("perMinute", Aggregation.dateHistogram("@timestamp", Duration.ofMinutes(1)))
 *         .build();
 * }</pre>
 */
public sealed interface Aggregation
        permits TermsAggregation, DateHistogramAggregation, StatsAggregation, TopHitsAggregation {

    /**
     * Returns a terms aggregation with the defaults of {@link TermsAggregation#of(String)}.
     *
     * @param field a keyword, number or boolean field
     * @return the aggregation
     */
    static TermsAggregation terms(String field) {
        return TermsAggregation.of(field);
    }

    /**
     * Returns a date histogram with fixed-length buckets, see {@link DateHistogramAggregation#of}.
     *
     * @param field a date field
     * @param interval the bucket length, whole milliseconds
     * @return the aggregation
     */
    static DateHistogramAggregation dateHistogram(String field, Duration interval) {
        return DateHistogramAggregation.of(field, interval);
    }

    /**
     * Returns count, min, max, avg and sum of a numeric field.
     *
     * @param field a numeric field
     * @return the aggregation
     */
    static StatsAggregation stats(String field) {
        return StatsAggregation.of(field);
    }

    /**
     * Returns the {@code size} best documents (by score; see {@link TopHitsAggregation#builder()} to sort).
     *
     * @param size documents per bucket, 1-100
     * @return the aggregation
     */
    static TopHitsAggregation topHits(int size) {
        return TopHitsAggregation.builder().size(size).build();
    }
}
