package dev.tributary.opensearch.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch.core.search.Hit;

/**
 * The check a reindex passes before the alias is swapped: source and target hold the same documents, each at
 * the same version. Both are equal by construction for every write that went through the protocol (the copy
 * writes the source's version with {@code version_type=external}; a dual write gives the second index the
 * version the first write got), so any difference is either a dual write still in flight or a write that
 * bypassed the protocol (another client than {@code SearchIndex} or {@code BulkIndexer}) and would be lost by the swap.
 *
 * <p>Why not counts: a bypassing update changes no count, and a bypassing create can be hidden by a delete in
 * flight. Here every document of each index is looked up in the other (search pages of ids and versions, then a
 * real-time multi-get), and each difference is looked up again after writers in flight must have finished; one
 * that stays is a lost write. Cost: two passes over the ids, about one request per 5,000 documents.
 * Not thread-safe.
 */
final class ReindexCheck {
    /** Ids looked up per page and per multi-get. */
    static final int PAGE = 5_000;
    /**
     * The most differences collected in one pass (bulk writers can have thousands of writes in flight); with
     * more, the pass is repeated instead of the ids being looked up one by one.
     */
    static final int MAX_DIFFERENCES = 100_000;

    private final OpenSearchClient client;

    ReindexCheck(OpenSearchClient client) {
        this.client = client;
    }

    /**
     * Returns the ids whose presence or version differs between the two indices (at most
     * {@link #MAX_DIFFERENCES} plus one page).
     */
    Set<String> differences(String source, String target) throws IOException {
        client.indices().refresh(r -> r.index(source, target));
        Set<String> out = new LinkedHashSet<>();
        compareAll(source, target, true, out);
        if (out.size() <= MAX_DIFFERENCES) {
            compareAll(target, source, false, out);
        }
        return out;
    }

    /** Returns those of {@code ids} that still differ, by real-time get (no refresh needed). */
    Set<String> stillDifferent(String source, String target, Set<String> ids) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        List<String> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += PAGE) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + PAGE));
            // The source first: a write reaches the target after the source, so a target at least as new as the
            // source was a moment earlier has everything the source had.
            Map<String, Long> a = versions(source, chunk);
            Map<String, Long> b = versions(target, chunk);
            for (String id : chunk) {
                long inSource = a.getOrDefault(id, -1L);
                long inTarget = b.getOrDefault(id, -1L);
                if (inSource < 0 ? inTarget >= 0 : inTarget < inSource) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    /**
     * Pages through {@code from} by id and looks every page up in {@code in}: from the source, a document must be
     * in the target at least as new; from the target, it must be in the source.
     */
    private void compareAll(String from, String in, boolean fromSource, Set<String> out) throws IOException {
        List<FieldValue> after = null;
        while (out.size() <= MAX_DIFFERENCES) {
            List<FieldValue> cursor = after;
            var page = client.search(s -> {
                s.index(from).size(PAGE).version(true).source(src -> src.fetch(false))
                        .trackTotalHits(t -> t.enabled(false))
                        .sort(o -> o.field(f -> f.field("_id").order(SortOrder.Asc)));
                return cursor == null ? s : s.searchAfter(cursor);
            }, Void.class);
            List<Hit<Void>> hits = page.hits().hits();
            if (hits.isEmpty()) {
                return;
            }
            List<String> ids = new ArrayList<>(hits.size());
            hits.forEach(h -> ids.add(h.id()));
            Map<String, Long> there = versions(in, ids);
            for (Hit<Void> h : hits) {
                Long v = there.get(h.id());
                if (v == null || (fromSource && (h.version() == null || v < h.version()))) {
                    out.add(h.id());
                }
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }

    /** Returns the version of each of {@code ids} found in {@code index} (real-time). */
    private Map<String, Long> versions(String index, List<String> ids) throws IOException {
        var r = client.mget(m -> m.index(index).ids(ids).source(s -> s.fetch(false)), Void.class);
        Map<String, Long> out = new HashMap<>();
        for (var item : r.docs()) {
            if (item.isResult() && item.result().found() && item.result().version() != null) {
                out.put(item.result().id(), item.result().version());
            }
        }
        return out;
    }
}
