package dev.tributary.opensearch.aggregation;

/**
 * The result of a {@link StatsAggregation}. With no values ({@code count == 0}) min, max and avg are NaN and
 * sum is 0.
 *
 * @param count the number of values
 * @param min the smallest value
 * @param max the largest value
 * @param avg the mean
 * @param sum the sum
 */
public record StatsResult(long count, double min, double max, double avg, double sum) {}
