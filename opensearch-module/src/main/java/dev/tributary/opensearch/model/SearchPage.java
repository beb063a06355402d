package dev.tributary.opensearch.model;

import java.util.List;

/**
 * One page of search results.
 *
 * @param total the number of matching documents (exact up to 10,000, then a lower bound)
 * @param hits the hits on this page, best first
 * @param tookMillis how long OpenSearch took
 * @param <T> the document type
 */
public record SearchPage<T>(long total, List<Hit<T>> hits, long tookMillis) {
    /** Copies the list. */
    public SearchPage {
        hits = List.copyOf(hits);
    }

    /** Returns the ids of the hits, in order. */
    public List<String> ids() {
        return hits.stream().map(Hit::id).toList();
    }
}
