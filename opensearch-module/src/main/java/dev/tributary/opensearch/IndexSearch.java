package dev.tributary.opensearch;

import dev.tributary.core.Resilience;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.internal.Calls;
import dev.tributary.opensearch.internal.Connections;
import dev.tributary.opensearch.internal.Queries;
import dev.tributary.opensearch.internal.Searches;
import dev.tributary.opensearch.model.SearchPage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.opensearch.client.opensearch.core.SearchResponse;

/**
 * Typed, read-only search over indices that {@link SearchIndex} does not manage: an index pattern such as the
 * daily log indices {@code logs-app-*}, a data stream, an alias, or a comma-separated list. Runs the same
 * {@link SearchQuery} as {@link SearchIndex#search} (text, filters, sorting, aggregations, cursor paging).
 * Free text searches the {@link Builder#textFields text fields} named here; filters and sorts on those use
 * their {@code keyword} subfield, as dynamic mapping creates it. Every call runs under the connection's
 * Resilience guard {@code opensearch.<indices>}. Thread-safe; holds nothing to close.
 *
 * <pre>{@code
 * IndexSearch<LogEvent> logs = IndexSearch.builder(connection, "logs-app-*", LogEvent.class)
 *         .textFields("message")
 *         .build();
 * SearchPage<LogEvent> page = logs.search(SearchQuery.builder()
 *         .filter("fields.level.keyword", "ERROR")
 *         .size(0)
 *         .aggregation("perMinute", Aggregation.dateHistogram("@timestamp", Duration.ofMinutes(1)))
 *         .build());
 * Map<Instant, Long> errorsPerMinute = page.aggregations().dateHistogram("perMinute").counts();
 * }</pre>
 *
 * @param <T> the document type, read with the connection's Jackson mapper
 */
public final class IndexSearch<T> {
    private final OpenSearchConnection connection;
    private final String indices;
    private final Class<T> type;
    private final Queries.Fields fields;
    private final Resilience guard;

    private IndexSearch(Builder<T> b) {
        this.connection = b.connection;
        this.indices = b.indices;
        this.type = b.type;
        this.fields = new Queries.Fields(b.textFields, b.boosts, Set.of(), b.keywordSubfield);
        this.guard = Connections.guard(connection, "opensearch." + indices);
    }

    /**
     * Returns a builder.
     *
     * @param connection the connection (not closed here)
     * @param indices an index pattern, data stream, alias or comma-separated list, such as {@code logs-app-*}
     * @param type the document class
     * @param <T> the document type
     * @return the builder
     */
    public static <T> Builder<T> builder(OpenSearchConnection connection, String indices, Class<T> type) {
        return new Builder<>(connection, indices, type);
    }

    /** Returns the indices searched. */
    public String indices() {
        return indices;
    }

    /**
     * Runs a search and returns one page; see {@link SearchIndex#search}.
     *
     * @param query the query
     * @return the page
     * @throws SearchCursorException when the query's cursor was issued for another query or indices
     */
    public SearchPage<T> search(SearchQuery query) {
        Searches.Prepared p = Searches.prepare(indices, fields, query);
        SearchResponse<T> r = Calls.run(guard, "opensearch.search[" + indices + "]",
                () -> connection.client().search(p.request(), type));
        return Searches.page(p, query, r, connection.client()._transport().jsonpMapper(), connection.json());
    }

    /** Returns the number of documents matching a query. */
    public long count(SearchQuery query) {
        return Calls.run(guard, "opensearch.count[" + indices + "]",
                () -> connection.client().count(c -> c.index(indices).query(Queries.query(query, fields))).count());
    }

    /** Makes recent writes visible to search now. */
    public void refresh() {
        Calls.run(guard, "opensearch.refresh[" + indices + "]",
                () -> connection.client().indices().refresh(r -> r.index(indices)));
    }

    /** Returns the names of the concrete indices searched (backing indices for a data stream), sorted. */
    public List<String> concreteIndices() {
        return Calls.run(guard, "opensearch.getIndex[" + indices + "]",
                () -> connection.client().indices().get(g -> g.index(indices)).result().keySet().stream().sorted()
                        .toList());
    }

    /**
     * Builds an {@link IndexSearch}. Not thread-safe.
     *
     * @param <T> the document type
     */
    public static final class Builder<T> {
        private final OpenSearchConnection connection;
        private final String indices;
        private final Class<T> type;
        private final List<String> textFields = new ArrayList<>();
        private final Map<String, Float> boosts = new HashMap<>();
        private String keywordSubfield = "keyword";

        private Builder(OpenSearchConnection connection, String indices, Class<T> type) {
            this.connection = Objects.requireNonNull(connection, "connection");
            this.indices = indices;
            this.type = Objects.requireNonNull(type, "type");
        }

        /** Adds text fields searched by free text, with weight 1. */
        public Builder<T> textFields(String... names) {
            for (String n : names) {
                textField(n, 1f);
            }
            return this;
        }

        /** Adds a text field searched by free text with a weight (> 0). */
        public Builder<T> textField(String name, float boost) {
            if (name == null || name.isBlank()) {
                throw TributaryValidationException.of("textFields", "field names must not be blank");
            }
            if (!(boost > 0)) {
                throw TributaryValidationException.of("boost", "must be positive");
            }
            textFields.add(name);
            boosts.put(name, boost);
            return this;
        }

        /** Names the keyword subfield of the text fields, used to filter and sort on them (default {@code keyword}). */
        public Builder<T> keywordSubfield(String name) {
            this.keywordSubfield = name;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the search
         * @throws TributaryValidationException when the indices are blank or hold characters OpenSearch refuses
         */
        public IndexSearch<T> build() {
            if (indices == null || indices.isBlank() || !indices.equals(indices.toLowerCase(java.util.Locale.ROOT))) {
                throw TributaryValidationException.of("indices", "must be a lower-case index name, pattern or list,"
                        + " such as logs-app-*");
            }
            for (char c : "\\/?\"<>| #".toCharArray()) {
                if (indices.indexOf(c) >= 0) {
                    throw TributaryValidationException.of("indices", "must not contain '" + c + "'");
                }
            }
            if (keywordSubfield == null || keywordSubfield.isBlank()) {
                throw TributaryValidationException.of("keywordSubfield", "must name the keyword subfield, such as keyword");
            }
            return new IndexSearch<>(this);
        }
    }
}
