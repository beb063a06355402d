package dev.tributary.opensearch.aggregation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.model.Hit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Aggregation results of a search page or of one bucket, read by the name given in the query with the getter
 * for the aggregation's kind: {@link #terms}, {@link #dateHistogram}, {@link #stats}, {@link #topHits}. Immutable
 * and thread-safe.
 *
 * <pre>{@code
 * TermsResult levels = page.aggregations().terms("levels");
 * for (TermsResult.Bucket b : levels.buckets()) {
 *     StatsResult latency = b.aggregations().stats("latency");
 *     List<LogEvent> slowest = b.aggregations().topHits("slowest", LogEvent.class).documents();
 * }
 * }</pre>
 */
public final class Aggregations {
    private static final Aggregations EMPTY = new Aggregations(Map.of(), new ObjectMapper());

    private final Map<String, Object> results;
    private final ObjectMapper json;

    private Aggregations(Map<String, Object> results, ObjectMapper json) {
        this.results = results;
        this.json = json;
    }

    /** Returns results with no aggregations (a query without any). */
    public static Aggregations empty() {
        return EMPTY;
    }

    /**
     * Creates results, for adapters and tests.
     *
     * @param results name to a {@link TermsResult}, {@link DateHistogramResult}, {@link StatsResult} or a
     *     {@code TopHitsResult<JsonNode>} (documents as JSON, typed when read)
     * @param json the mapper that reads top-hit documents into the caller's type
     * @return the results
     * @throws TributaryValidationException when a value is of another type
     */
    public static Aggregations of(Map<String, ?> results, ObjectMapper json) {
        Map<String, Object> copy = new LinkedHashMap<>();
        results.forEach((name, r) -> {
            if (!(r instanceof TermsResult || r instanceof DateHistogramResult || r instanceof StatsResult
                    || r instanceof TopHitsResult<?>)) {
                throw TributaryValidationException.of("results", "'" + name + "' is not an aggregation result");
            }
            copy.put(name, r);
        });
        return copy.isEmpty() ? EMPTY : new Aggregations(Collections.unmodifiableMap(copy), Objects.requireNonNull(json));
    }

    /** Returns the names of the results, in query order. */
    public Set<String> names() {
        return results.keySet();
    }

    /** Returns whether there are no results. */
    public boolean isEmpty() {
        return results.isEmpty();
    }

    /**
     * Returns a terms result.
     *
     * @param name the aggregation's name in the query
     * @return the result
     * @throws TributaryValidationException when there is no such aggregation or it is of another kind
     */
    public TermsResult terms(String name) {
        return get(name, TermsResult.class, "terms");
    }

    /**
     * Returns a date histogram result.
     *
     * @param name the aggregation's name in the query
     * @return the result
     * @throws TributaryValidationException when there is no such aggregation or it is of another kind
     */
    public DateHistogramResult dateHistogram(String name) {
        return get(name, DateHistogramResult.class, "dateHistogram");
    }

    /**
     * Returns a stats result.
     *
     * @param name the aggregation's name in the query
     * @return the result
     * @throws TributaryValidationException when there is no such aggregation or it is of another kind
     */
    public StatsResult stats(String name) {
        return get(name, StatsResult.class, "stats");
    }

    /**
     * Returns a top hits result with its documents read as {@code type} (with the connection's Jackson mapper).
     *
     * @param name the aggregation's name in the query
     * @param type the document class
     * @param <D> the document type
     * @return the result
     * @throws TributaryValidationException when there is no such aggregation, it is of another kind, or a
     *     document cannot be read as {@code type}
     */
    public <D> TopHitsResult<D> topHits(String name, Class<D> type) {
        TopHitsResult<?> raw = get(name, TopHitsResult.class, "topHits");
        List<Hit<D>> hits = new ArrayList<>();
        for (Hit<?> h : raw.hits()) {
            hits.add(new Hit<>(h.id(), h.score(), read(name, h.source(), type), h.highlights(), h.sort()));
        }
        return new TopHitsResult<>(raw.total(), hits);
    }

    private <D> D read(String name, Object source, Class<D> type) {
        if (type.isInstance(source)) {
            return type.cast(source);
        }
        try {
            return json.treeToValue((JsonNode) source, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // The path names the field; Jackson's message may quote the document's value, so it is left out.
            String path = e instanceof JsonMappingException m ? " at " + m.getPathReference() : "";
            throw TributaryValidationException.of("type", "a document of top hits '" + name + "' cannot be read as "
                    + type.getSimpleName() + path + ": fix the type or fetch fewer sourceFields");
        }
    }

    private <R> R get(String name, Class<R> kind, String getter) {
        Object r = results.get(name);
        if (r == null) {
            throw TributaryValidationException.of("name", "no aggregation named '" + name + "' in these results;"
                    + " results hold " + results.keySet() + " (sub-aggregations are read from their bucket)");
        }
        if (!kind.isInstance(r)) {
            throw TributaryValidationException.of("name", "aggregation '" + name + "' is not read with " + getter
                    + "(...): it is a " + r.getClass().getSimpleName());
        }
        return kind.cast(r);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Aggregations a && a.results.equals(results);
    }

    @Override
    public int hashCode() {
        return results.hashCode();
    }

    @Override
    public String toString() {
        return "Aggregations" + results.keySet();
    }
}
