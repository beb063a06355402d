package dev.tributary.opensearch.aggregation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a {@link TermsAggregation}: buckets in the requested order.
 *
 * @param buckets the buckets
 * @param otherDocCount documents whose value did not make it into a bucket (more distinct values than
 *     {@code size}); 0 when every value has a bucket
 */
public record TermsResult(List<Bucket> buckets, long otherDocCount) {
    /** Copies the list. */
    public TermsResult {
        buckets = List.copyOf(buckets);
    }

    /**
     * One distinct value.
     *
     * @param key the value as text ({@code "ERROR"}, {@code "42"}, {@code "true"})
     * @param docCount documents with that value
     * @param aggregations the sub-aggregations computed within the bucket
     */
    public record Bucket(String key, long docCount, Aggregations aggregations) {}

    /** Returns key to document count, in bucket order. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        buckets.forEach(b -> out.put(b.key(), b.docCount()));
        return Collections.unmodifiableMap(out);
    }
}
