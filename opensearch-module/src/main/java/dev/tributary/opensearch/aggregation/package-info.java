/**
 * Typed aggregations for {@link dev.tributary.opensearch.SearchQuery}: {@link
 * dev.tributary.opensearch.aggregation.TermsAggregation terms}, {@link
 * dev.tributary.opensearch.aggregation.DateHistogramAggregation date_histogram}, {@link
 * dev.tributary.opensearch.aggregation.StatsAggregation stats} and {@link
 * dev.tributary.opensearch.aggregation.TopHitsAggregation top_hits} (also per bucket), and their results, read
 * by name from {@link dev.tributary.opensearch.aggregation.Aggregations}.
 */
@NullMarked
package dev.tributary.opensearch.aggregation;

import org.jspecify.annotations.NullMarked;
