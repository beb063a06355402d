package dev.tributary.opensearch.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.opensearch.SearchCursorException;
import dev.tributary.opensearch.SearchQuery;
import dev.tributary.opensearch.aggregation.Aggregations;
import dev.tributary.opensearch.model.Hit;
import dev.tributary.opensearch.model.SearchPage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.SearchResponse;

/**
 * One page of a {@link SearchQuery}: the request (query, sort, from or search_after, highlight, aggregations)
 * and the typed page read from the response (hits, aggregation results, next cursor).
 */
public final class Searches {
    private Searches() {}

    /**
     * A request ready to send, with what reading its page needs.
     *
     * @param request the request
     * @param fingerprint the query's cursor fingerprint
     * @param seen hits returned by earlier pages (cursor paging)
     */
    public record Prepared(SearchRequest request, String fingerprint, long seen) {}

    /**
     * Builds the request; a cursor is checked here, before anything is sent.
     *
     * @param index the index, alias or pattern
     * @param fields the text fields searched
     * @param q the query
     * @return the prepared request
     * @throws SearchCursorException when the query's cursor belongs to another query or index
     */
    public static Prepared prepare(String index, Queries.Fields fields, SearchQuery q) {
        String fingerprint = Cursors.fingerprint(index, q);
        Cursors.@Nullable Cursor cursor = q.after().map(Cursors::decode).orElse(null);
        if (cursor != null && !cursor.fingerprint().equals(fingerprint)) {
            throw SearchCursorException.of(SearchCursorException.Reason.OTHER_QUERY, "it was issued for another"
                    + " query, sort order or index; a cursor continues only the search that returned it. Start again"
                    + " without after()");
        }
        SearchRequest.Builder b = new SearchRequest.Builder()
                .index(index)
                .query(Queries.query(q, fields))
                .size(q.size())
                .trackTotalHits(t -> t.enabled(true));
        List<SortOptions> sorts = new ArrayList<>(Queries.sorts(q, fields));
        if (q.cursorPaging()) {
            if (sorts.isEmpty()) {
                sorts.add(SortOptions.of(o -> o.score(s -> s.order(SortOrder.Desc))));
            }
            // A unique last key makes the order total, so search_after neither skips nor repeats tied documents.
            String tieBreaker = fields.exact(q.tieBreaker());
            sorts.add(SortOptions.of(o -> o.field(f -> f.field(tieBreaker).order(SortOrder.Asc))));
            if (cursor != null) {
                b.searchAfter(cursor.sortValues());
            }
        } else {
            b.from(q.from());
        }
        if (!sorts.isEmpty()) {
            b.sort(sorts);
        }
        if (q.highlight()) {
            b.highlight(Queries.highlight(q.fields().isEmpty() ? fields.text() : q.fields()));
        }
        if (!q.aggregations().isEmpty()) {
            b.aggregations(AggregationRequests.toRequest(q.aggregations(), fields::exact));
        }
        return new Prepared(b.build(), fingerprint, cursor == null ? 0 : cursor.seen());
    }

    /**
     * Reads the page.
     *
     * @param prepared what {@link #prepare} returned
     * @param q the query
     * @param r the response
     * @param jsonp the transport's mapper
     * @param json the document mapper
     * @param <T> the document type
     * @return the page
     */
    public static <T> SearchPage<T> page(Prepared prepared, SearchQuery q, SearchResponse<T> r, JsonpMapper jsonp,
            ObjectMapper json) {
        long total = r.hits().total() == null ? r.hits().hits().size() : r.hits().total().value();
        List<Hit<T>> hits = hits(r);
        Aggregations aggregations = AggregationResults.read(r.aggregations(), jsonp, json);
        String next = null;
        long seen = prepared.seen() + hits.size();
        if (q.cursorPaging() && q.size() > 0 && hits.size() == q.size() && seen < total) {
            var last = r.hits().hits().get(r.hits().hits().size() - 1);
            next = Cursors.encode(prepared.fingerprint(), seen, last.sort());
        }
        return SearchPage.of(total, hits, r.took(), aggregations, next);
    }

    /**
     * Maps a response's hits: typed source, score, highlights keyed by the base field, sort values.
     *
     * @param r the response
     * @param <T> the document type
     * @return the hits
     */
    public static <T> List<Hit<T>> hits(SearchResponse<T> r) {
        List<Hit<T>> out = new ArrayList<>();
        for (var h : r.hits().hits()) {
            Map<String, List<String>> highlights = new LinkedHashMap<>();
            h.highlight().forEach((field, fragments) -> {
                String base = field.endsWith(".prefix") ? field.substring(0, field.length() - ".prefix".length()) : field;
                // Prefix-subfield fragments mark whole words, so they win over the base field's.
                if (field.endsWith(".prefix") || !highlights.containsKey(base)) {
                    highlights.put(base, fragments);
                }
            });
            List<String> sort = h.sort().stream().map(FieldValue::_toJsonString).toList();
            out.add(new Hit<>(h.id(), h.score() == null ? Double.NaN : h.score(), h.source(), highlights, sort));
        }
        return out;
    }
}
