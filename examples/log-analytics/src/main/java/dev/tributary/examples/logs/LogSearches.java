package dev.tributary.examples.logs;

import dev.tributary.opensearch.OpenSearchConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;

/**
 * Searches over the daily log indices with the opensearch-java client of an {@link OpenSearchConnection}:
 * counts, a full-text search, a level filter and an "errors per minute" date histogram. Thread-safe.
 */
public final class LogSearches {
    /** The ERROR filter: dynamic mapping gives {@code fields.level} a {@code keyword} subfield. */
    static final Query ERRORS = Query.of(q -> q.term(t -> t.field("fields.level.keyword").value(FieldValue.of("ERROR"))));

    private final OpenSearchClient client;
    private final String pattern;

    /**
     * Creates the searches.
     *
     * @param connection the connection (not closed here)
     * @param pattern the index pattern, such as {@code logs-app-*}
     */
    public LogSearches(OpenSearchConnection connection, String pattern) {
        this.client = connection.client();
        this.pattern = pattern;
    }

    /** Makes recent writes visible to search. */
    public void refresh() {
        call(() -> client.indices().refresh(r -> r.index(pattern)));
    }

    /** Returns the names of the indices matching the pattern. */
    public List<String> indices() {
        return call(() -> client.cat().indices(r -> r.index(pattern))).valueBody().stream()
                .map(i -> i.index()).sorted().toList();
    }

    /** Counts the documents matching a query ({@code null}: all). */
    public long count(Query query) {
        return call(() -> client.count(c -> c.index(pattern).query(query))).count();
    }

    /** Counts every document. */
    public long countAll() {
        return count(Query.of(q -> q.matchAll(m -> m)));
    }

    /** Returns a full-text query on the log message. */
    public static Query text(String words) {
        return Query.of(q -> q.match(m -> m.field("message").query(FieldValue.of(words))));
    }

    /** Returns the first {@code size} hits of a query, newest first, as their messages. */
    public List<String> messages(Query query, int size) {
        SearchResponse<Map> r = call(() -> client.search(s -> s.index(pattern).query(query).size(size)
                .sort(o -> o.field(f -> f.field("@timestamp").order(org.opensearch.client.opensearch._types.SortOrder.Desc))),
                Map.class));
        return r.hits().hits().stream().map(Hit::source).filter(java.util.Objects::nonNull)
                .map(s -> s.get("@timestamp") + "  " + s.get("message")).toList();
    }

    /** Returns ERROR documents per minute (date_histogram on {@code @timestamp}, fixed_interval 1m), oldest first. */
    public Map<Instant, Long> errorsPerMinute() {
        SearchResponse<Void> r = call(() -> client.search(s -> s.index(pattern).size(0).query(ERRORS)
                .aggregations("per_minute", a -> a.dateHistogram(h -> h.field("@timestamp")
                        .fixedInterval(t -> t.time("1m")).minDocCount(1))), Void.class));
        Map<Instant, Long> out = new LinkedHashMap<>();
        r.aggregations().get("per_minute").dateHistogram().buckets().array()
                .forEach(b -> out.put(Instant.ofEpochMilli(b.key()), b.docCount()));
        return out;
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException("OpenSearch could not be reached", e);
        }
    }
}
