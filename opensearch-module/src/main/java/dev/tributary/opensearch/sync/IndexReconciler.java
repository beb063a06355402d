package dev.tributary.opensearch.sync;

import dev.tributary.core.TributaryException;
import dev.tributary.opensearch.BulkIndexer;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.internal.Calls;
import dev.tributary.opensearch.model.BulkItemResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.core.search.Pit;

/**
 * Compares an index with its source of truth (ids and versions) and repairs the differences: missing and
 * outdated documents are indexed with their external version, live documents the source lacks are deleted
 * (or tombstoned). Reads the index with a point in time, ids and versions only.
 *
 * <pre>{@code
 * List<ExpectedDocument> table = new ArrayList<>();
 * TableBackfill.builder(dynamo, "products", schema).build().run(batch -> batch.forEach(e -> table.add(sync.expected(e))));
 * ReconcileReport report = IndexReconciler.create(connection, "products", true).reconcile(table.stream());
 * }</pre>
 */
public final class IndexReconciler {
    private final OpenSearchConnection connection;
    private final String index;
    private final boolean tombstones;

    private IndexReconciler(OpenSearchConnection connection, String index, boolean tombstones) {
        this.connection = connection;
        this.index = index;
        this.tombstones = tombstones;
    }

    /**
     * Creates the reconciler.
     *
     * @param connection the connection
     * @param index the index or alias
     * @param tombstones whether the index uses tombstones ({@link ChangeEventIndexer.Builder#tombstones})
     * @return the reconciler
     */
    public static IndexReconciler create(OpenSearchConnection connection, String index, boolean tombstones) {
        return new IndexReconciler(connection, index, tombstones);
    }

    /**
     * Reconciles the index with {@code expected} (every live item of the source) and returns the counts.
     *
     * @param expected the source's documents
     * @return what was found and fixed
     */
    public ReconcileReport reconcile(Stream<ExpectedDocument> expected) {
        Map<String, long[]> inIndex = readIndex();
        long matched = 0;
        long missing = 0;
        long outdated = 0;
        long newer = 0;
        List<CompletableFuture<BulkItemResult>> writes = new ArrayList<>();
        try (BulkIndexer<Object> bulk = BulkIndexer.builder(connection, index, Object.class).build()) {
            for (ExpectedDocument e : (Iterable<ExpectedDocument>) expected::iterator) {
                long[] found = inIndex.remove(e.id());
                if (found == null || found[1] == 1) {
                    missing++;
                    writes.add(bulk.indexJson(e.id(), e.json(), found == null ? e.version() : Math.max(e.version(), found[0] + 1)));
                } else if (found[0] < e.version()) {
                    outdated++;
                    writes.add(bulk.indexJson(e.id(), e.json(), e.version()));
                } else if (found[0] > e.version()) {
                    newer++;
                } else {
                    matched++;
                }
            }
            long extra = 0;
            for (Map.Entry<String, long[]> left : inIndex.entrySet()) {
                if (left.getValue()[1] == 1) {
                    continue;
                }
                extra++;
                long version = left.getValue()[0] + 1;
                writes.add(tombstones
                        ? bulk.indexJson(left.getKey(), ("{\"" + ChangeEventIndexer.DELETED_FIELD + "\":true}")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8), version)
                        : bulk.delete(left.getKey(), version));
            }
            bulk.flush();
            writes.forEach(CompletableFuture::join);
            return new ReconcileReport(matched, missing, outdated, extra, newer);
        }
    }

    /** Returns id -> {version, tombstone ? 1 : 0} for every document in the index. */
    private Map<String, long[]> readIndex() {
        var guard = connection.guard("opensearch." + index);
        // Recent writes must be visible to the point in time, or they would look missing or extra.
        Calls.run(guard, "opensearch.refresh[" + index + "]", () -> connection.client().indices().refresh(r -> r.index(index)));
        String pit = Calls.run(guard, "opensearch.createPit[" + index + "]", () -> connection.client()
                .createPit(p -> p.index(index).keepAlive(t -> t.time("2m"))).pitId());
        Map<String, long[]> out = new HashMap<>();
        try {
            List<FieldValue> after = null;
            while (true) {
                List<FieldValue> from = after;
                SearchResponse<Map> r = Calls.run(guard, "opensearch.search[" + index + "]", () -> connection.client()
                        .search(s -> {
                            s.pit(Pit.of(p -> p.id(pit).keepAlive("2m"))).size(5000).version(true)
                                    .source(src -> src.filter(f -> f.includes(ChangeEventIndexer.DELETED_FIELD)))
                                    .sort(SortOptions.of(o -> o.field(f -> f.field("_id"))));
                            if (from != null) {
                                s.searchAfter(from);
                            }
                            return s;
                        }, Map.class));
                for (Hit<Map> h : r.hits().hits()) {
                    boolean tomb = h.source() != null && Boolean.TRUE.equals(h.source().get(ChangeEventIndexer.DELETED_FIELD));
                    out.put(h.id(), new long[] {h.version() == null ? 0 : h.version(), tomb ? 1 : 0});
                }
                if (r.hits().hits().size() < 5000) {
                    return out;
                }
                after = r.hits().hits().get(r.hits().hits().size() - 1).sort();
            }
        } finally {
            try {
                Calls.run(guard, "opensearch.deletePit[" + index + "]",
                        () -> connection.client().deletePit(d -> d.pitId(List.of(pit))));
            } catch (TributaryException ignored) {
                // The point in time expires on its own.
            }
        }
    }
}
