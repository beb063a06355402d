package dev.tributary.opensearch.internal;

import dev.tributary.core.Resilience;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.model.Hit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.SearchResponse;

/**
 * Iterates a search with a point in time and search_after, one page at a time; {@link #close()} deletes the
 * point in time (also once the last page is read).
 *
 * @param <T> the document type
 */
public final class PitIterator<T> implements Iterator<Hit<T>>, AutoCloseable {
    private final OpenSearchConnection connection;
    private final Resilience guard;
    private final String index;
    private final int pageSize;
    private final BiFunction<String, List<FieldValue>, SearchRequest> request;
    private final Class<T> type;
    private final Function<SearchResponse<T>, List<Hit<T>>> mapper;
    private final Deque<Hit<T>> buffer = new ArrayDeque<>();
    private @Nullable String pitId;
    private @Nullable List<FieldValue> after;
    private boolean exhausted;

    /**
     * Creates the iterator; the point in time is opened on the first {@link #hasNext()}.
     *
     * @param connection the connection
     * @param guard the index guard
     * @param index the index or alias
     * @param pageSize hits per request
     * @param request builds a request for a PIT id and search_after values
     * @param type the document class
     * @param mapper maps a response to hits
     */
    public PitIterator(OpenSearchConnection connection, Resilience guard, String index, int pageSize,
            BiFunction<String, List<FieldValue>, SearchRequest> request, Class<T> type,
            Function<SearchResponse<T>, List<Hit<T>>> mapper) {
        this.connection = connection;
        this.guard = guard;
        this.index = index;
        this.pageSize = pageSize;
        this.request = request;
        this.type = type;
        this.mapper = mapper;
    }

    @Override
    public boolean hasNext() {
        if (!buffer.isEmpty()) {
            return true;
        }
        if (exhausted) {
            return false;
        }
        if (pitId == null) {
            pitId = Calls.run(guard, "opensearch.createPit[" + index + "]", () -> connection.client()
                    .createPit(p -> p.index(index).keepAlive(t -> t.time("2m"))).pitId());
        }
        String pit = pitId;
        SearchResponse<T> r = Calls.run(guard, "opensearch.search[" + index + "]",
                () -> connection.client().search(request.apply(pit, after), type));
        if (r.pitId() != null) {
            pitId = r.pitId();
        }
        List<Hit<T>> hits = mapper.apply(r);
        buffer.addAll(hits);
        if (!r.hits().hits().isEmpty()) {
            after = r.hits().hits().get(r.hits().hits().size() - 1).sort();
        }
        if (hits.size() < pageSize) {
            exhausted = true;
            close();
        }
        return !buffer.isEmpty();
    }

    @Override
    public Hit<T> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return buffer.removeFirst();
    }

    /** Deletes the point in time; safe to call more than once. */
    @Override
    public void close() {
        String pit = pitId;
        if (pit == null) {
            return;
        }
        pitId = null;
        exhausted = true;
        Calls.run(guard, "opensearch.deletePit[" + index + "]",
                () -> connection.client().deletePit(d -> d.pitId(List.of(pit))));
    }
}
