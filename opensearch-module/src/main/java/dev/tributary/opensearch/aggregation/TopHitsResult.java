package dev.tributary.opensearch.aggregation;

import dev.tributary.opensearch.model.Hit;
import java.util.List;

/**
 * The result of a {@link TopHitsAggregation}: the best documents of its scope, typed.
 *
 * @param total the number of documents in scope (the bucket's count)
 * @param hits the documents, best first ({@link Hit#highlights()} is empty)
 * @param <D> the document type
 */
public record TopHitsResult<D>(long total, List<Hit<D>> hits) {
    /** Copies the list. */
    public TopHitsResult {
        hits = List.copyOf(hits);
    }

    /** Returns the documents, best first. */
    public List<D> documents() {
        return hits.stream().map(Hit::source).toList();
    }

    /** Returns the document ids, best first. */
    public List<String> ids() {
        return hits.stream().map(Hit::id).toList();
    }
}
