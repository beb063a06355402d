package dev.tributary.opensearch.aggregation;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a {@link DateHistogramAggregation}: buckets oldest first.
 *
 * @param buckets the buckets
 */
public record DateHistogramResult(List<Bucket> buckets) {
    /** Copies the list. */
    public DateHistogramResult {
        buckets = List.copyOf(buckets);
    }

    /**
     * One interval.
     *
     * @param key the interval's start
     * @param docCount documents in the interval
     * @param aggregations the sub-aggregations computed within the bucket
     */
    public record Bucket(Instant key, long docCount, Aggregations aggregations) {}

    /** Returns interval start to document count, oldest first. */
    public Map<Instant, Long> counts() {
        Map<Instant, Long> out = new LinkedHashMap<>();
        buckets.forEach(b -> out.put(b.key(), b.docCount()));
        return Collections.unmodifiableMap(out);
    }
}
