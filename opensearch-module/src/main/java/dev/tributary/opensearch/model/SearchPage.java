package dev.tributary.opensearch.model;

import dev.tributary.opensearch.aggregation.Aggregations;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of search results: the hits, the total, aggregation results and, with cursor paging, the cursor of
 * the next page. Immutable.
 *
 * @param <T> the document type
 */
public final class SearchPage<T> {
    private final long total;
    private final List<Hit<T>> hits;
    private final long tookMillis;
    private final Aggregations aggregations;
    private final @Nullable String nextCursor;

    private SearchPage(long total, List<Hit<T>> hits, long tookMillis, Aggregations aggregations,
            @Nullable String nextCursor) {
        this.total = total;
        this.hits = List.copyOf(hits);
        this.tookMillis = tookMillis;
        this.aggregations = Objects.requireNonNull(aggregations, "aggregations");
        this.nextCursor = nextCursor;
    }

    /**
     * Creates a page without aggregations or cursor.
     *
     * @param total the number of matching documents
     * @param hits the hits, best first
     * @param tookMillis how long OpenSearch took
     * @param <T> the document type
     * @return the page
     */
    public static <T> SearchPage<T> of(long total, List<Hit<T>> hits, long tookMillis) {
        return new SearchPage<>(total, hits, tookMillis, Aggregations.empty(), null);
    }

    /**
     * Creates a page.
     *
     * @param total the number of matching documents
     * @param hits the hits, best first
     * @param tookMillis how long OpenSearch took
     * @param aggregations the aggregation results
     * @param nextCursor the cursor of the next page, or null when there is none
     * @param <T> the document type
     * @return the page
     */
    public static <T> SearchPage<T> of(long total, List<Hit<T>> hits, long tookMillis, Aggregations aggregations,
            @Nullable String nextCursor) {
        return new SearchPage<>(total, hits, tookMillis, aggregations, nextCursor);
    }

    /** Returns the number of matching documents (exact up to 10,000, then a lower bound). */
    public long total() {
        return total;
    }

    /** Returns the hits on this page, best first. */
    public List<Hit<T>> hits() {
        return hits;
    }

    /** Returns how long OpenSearch took, in milliseconds. */
    public long tookMillis() {
        return tookMillis;
    }

    /** Returns the ids of the hits, in order. */
    public List<String> ids() {
        return hits.stream().map(Hit::id).toList();
    }

    /** Returns the aggregation results, read by the names given in the query (empty without aggregations). */
    public Aggregations aggregations() {
        return aggregations;
    }

    /**
     * Returns the cursor of the next page: an opaque, URL-safe string to hand to a client and back to
     * {@code SearchQuery.after(cursor)}. Present only with cursor paging and while this page was full and
     * fewer than {@link #total()} hits have been returned so far.
     *
     * @return the cursor, or empty on the last page
     */
    public Optional<String> nextCursor() {
        return Optional.ofNullable(nextCursor);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SearchPage<?> p && p.total == total && p.tookMillis == tookMillis && p.hits.equals(hits)
                && p.aggregations.equals(aggregations) && Objects.equals(p.nextCursor, nextCursor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(total, hits, tookMillis, aggregations, nextCursor);
    }

    @Override
    public String toString() {
        return "SearchPage[total=" + total + ", hits=" + hits.size() + ", tookMillis=" + tookMillis + ", aggregations="
                + aggregations.names() + ", nextCursor=" + (nextCursor != null) + "]";
    }
}
