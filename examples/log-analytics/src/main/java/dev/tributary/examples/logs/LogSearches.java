package dev.tributary.examples.logs;

import dev.tributary.opensearch.IndexSearch;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.SearchQuery;
import dev.tributary.opensearch.aggregation.Aggregation;
import dev.tributary.opensearch.aggregation.Aggregations;
import dev.tributary.opensearch.aggregation.TermsAggregation;
import dev.tributary.opensearch.aggregation.TermsResult;
import dev.tributary.opensearch.aggregation.TopHitsAggregation;
import dev.tributary.opensearch.model.SearchPage;
import dev.tributary.opensearch.model.SortOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Searches over the daily log indices with Tributary's {@link IndexSearch}: counts, a full-text search, a level
 * filter, an "errors per minute" date histogram, a per-level summary (terms with stats and the slowest line per
 * level as top hits) and cursor paging through every match. Thread-safe.
 */
public final class LogSearches {
    /** The level field: dynamic mapping gives {@code fields.level} a {@code keyword} subfield. */
    static final String LEVEL = "fields.level.keyword";
    /** The ERROR filter. */
    static final SearchQuery ERRORS = SearchQuery.builder().filter(LEVEL, "ERROR").build();

    /**
     * One log level's summary.
     *
     * @param level the level
     * @param lines lines at that level
     * @param avgLatencyMs their mean latency
     * @param maxLatencyMs their highest latency
     * @param slowest the slowest line's message
     */
    public record LevelSummary(String level, long lines, double avgLatencyMs, double maxLatencyMs, String slowest) {}

    private final IndexSearch<LogEvent> logs;

    /**
     * Creates the searches.
     *
     * @param connection the connection (not closed here)
     * @param pattern the index pattern, such as {@code logs-app-*}
     */
    public LogSearches(OpenSearchConnection connection, String pattern) {
        this.logs = IndexSearch.builder(connection, pattern, LogEvent.class).textFields("message").build();
    }

    /** Makes recent writes visible to search. */
    public void refresh() {
        logs.refresh();
    }

    /** Returns the names of the indices matching the pattern. */
    public List<String> indices() {
        return logs.concreteIndices();
    }

    /** Counts the documents matching a query. */
    public long count(SearchQuery query) {
        return logs.count(query);
    }

    /** Counts every document. */
    public long countAll() {
        return count(SearchQuery.all());
    }

    /** Returns a full-text query on the log message (whole words). */
    public static SearchQuery text(String words) {
        return SearchQuery.text(words);
    }

    /** Returns the first {@code size} hits of a query, newest first, as their messages. */
    public List<String> messages(SearchQuery query, int size) {
        SearchPage<LogEvent> page = logs.search(query.toBuilder().sort("@timestamp", SortOrder.DESC).size(size).build());
        return page.hits().stream().map(h -> h.source().timestamp() + "  " + h.source().message()).toList();
    }

    /** Returns ERROR documents per minute (date_histogram on {@code @timestamp}, 1 minute), oldest first. */
    public Map<Instant, Long> errorsPerMinute() {
        SearchPage<LogEvent> page = logs.search(ERRORS.toBuilder().size(0)
                .aggregation("perMinute", Aggregation.dateHistogram("@timestamp", Duration.ofMinutes(1)))
                .build());
        return page.aggregations().dateHistogram("perMinute").counts();
    }

    /** Returns each level's line count, latency stats and slowest line, most lines first. */
    public List<LevelSummary> levels() {
        SearchPage<LogEvent> page = logs.search(SearchQuery.builder().size(0)
                .aggregation("levels", TermsAggregation.builder(LEVEL)
                        .subAggregation("latency", Aggregation.stats("fields.latencyMs"))
                        .subAggregation("slowest", TopHitsAggregation.builder().size(1)
                                .sort("fields.latencyMs", SortOrder.DESC).build())
                        .build())
                .build());
        List<LevelSummary> out = new ArrayList<>();
        for (TermsResult.Bucket b : page.aggregations().terms("levels").buckets()) {
            Aggregations sub = b.aggregations();
            var latency = sub.stats("latency");
            String slowest = sub.topHits("slowest", LogEvent.class).documents().get(0).message();
            out.add(new LevelSummary(b.key(), b.docCount(), latency.avg(), latency.max(), slowest));
        }
        return out;
    }

    /**
     * Reads every match of a query page by page with cursors, as a client paging through an API would (each
     * cursor could be handed out and come back in another request).
     *
     * @param query the query
     * @param pageSize hits per page
     * @return the messages, newest first
     */
    public List<String> allMessages(SearchQuery query, int pageSize) {
        List<String> out = new ArrayList<>();
        SearchQuery q = query.toBuilder().sort("@timestamp", SortOrder.DESC).cursorPaging().size(pageSize).build();
        while (true) {
            SearchPage<LogEvent> page = logs.search(q);
            page.hits().forEach(h -> out.add(h.source().message()));
            if (page.nextCursor().isEmpty()) {
                return out;
            }
            q = q.after(page.nextCursor().get());
        }
    }
}
