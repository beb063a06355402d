package dev.tributary.opensearch.model;

import java.util.List;
import java.util.Map;

/**
 * One search hit: the document id, its relevance score, the typed source and highlighted fragments.
 *
 * @param id the document id
 * @param score the relevance score (NaN when the query was sorted by field)
 * @param source the document
 * @param highlights field name to highlighted fragments ({@code <em>} around matches)
 * @param sort the hit's sort values (for search_after)
 * @param <T> the document type
 */
public record Hit<T>(String id, double score, T source, Map<String, List<String>> highlights, List<String> sort) {
    /** Copies the collections. */
    public Hit {
        highlights = Map.copyOf(highlights);
        sort = List.copyOf(sort);
    }
}
