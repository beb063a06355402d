package dev.tributary.opensearch.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.BulkIndexer;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.internal.Calls;
import dev.tributary.opensearch.model.BulkItemResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.SortOptions;
import org.opensearch.client.opensearch.core.MgetResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.get.GetResult;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.opensearch.core.search.Pit;

/**
 * Compares an index with a snapshot of its source of truth (a table scan) and repairs the differences:
 * missing and differing documents are written, live documents the source lacks are tombstoned (or deleted).
 *
 * <p><b>Safe while the capture runs.</b> Every repair is written with the snapshot's version, the second before
 * the scan started ({@link DocumentVersions#backfill(Instant)}), under {@code external_gte}: a change the
 * capture writes for anything made after the scan began carries a later second and wins, whichever lands
 * first. A document whose index version is later than the snapshot is left alone ({@code newerInIndex}).
 *
 * <p><b>Memory.</b> Neither side is loaded whole: the snapshot is read as a stream and checked against the
 * index in chunks with multi-get; then the index's live documents are streamed with a point in time to find
 * those the snapshot lacked. Only a 64-bit hash per snapshot id is kept (8 bytes per item).
 *
 * <pre>{@code
 * Instant scanStart = Instant.now();
 * List<ExpectedDocument> table = new ArrayList<>();
 * TableBackfill.builder(dynamo, "products", schema).build().run(batch -> batch.forEach(e -> table.add(sync.expected(e))));
 * ReconcileReport report = IndexReconciler.create(connection, "products", true).reconcile(table.stream(), scanStart);
 * }</pre>
 */
public final class IndexReconciler {
    private static final int CHUNK = 1000;

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
     * Reconciles the index with a snapshot whose documents carry the snapshot's version (documents from
     * {@link ChangeEventIndexer#expected} of a table backfill do); the snapshot's version is the highest one
     * seen, or the second before now for an empty snapshot.
     *
     * @param expected every live item of the source
     * @return what was found and fixed
     */
    public ReconcileReport reconcile(Stream<ExpectedDocument> expected) {
        return run(expected, null);
    }

    /**
     * Reconciles the index with a snapshot taken by a scan that started at {@code scanStarted}.
     *
     * @param expected every live item of the source
     * @param scanStarted when the scan began; repairs get {@link DocumentVersions#backfill(Instant)} of it
     * @return what was found and fixed
     */
    public ReconcileReport reconcile(Stream<ExpectedDocument> expected, Instant scanStarted) {
        return run(expected, DocumentVersions.backfill(scanStarted));
    }

    private ReconcileReport run(Stream<ExpectedDocument> expected, Long fixedAsOf) {
        refresh();
        Counts c = new Counts();
        IdHashes seen = new IdHashes();
        long asOf = fixedAsOf != null ? fixedAsOf : Long.MIN_VALUE;
        try (BulkIndexer<Object> bulk = BulkIndexer.builder(connection, index, Object.class)
                .versionType(DocumentVersions.VERSION_TYPE).build()) {
            List<CompletableFuture<BulkItemResult>> writes = new ArrayList<>();
            Iterator<ExpectedDocument> it = expected.iterator();
            List<ExpectedDocument> chunk = new ArrayList<>(CHUNK);
            while (it.hasNext()) {
                ExpectedDocument e = it.next();
                if (fixedAsOf == null) {
                    asOf = Math.max(asOf, e.version());
                }
                chunk.add(e);
                if (chunk.size() == CHUNK || !it.hasNext()) {
                    compareChunk(chunk, fixedAsOf, seen, c, bulk, writes);
                    chunk.clear();
                    writes.removeIf(CompletableFuture::isDone);
                }
            }
            if (asOf == Long.MIN_VALUE) {
                asOf = DocumentVersions.backfill(Instant.now());
            }
            seen.seal();
            removeExtras(seen, asOf, c, bulk, writes);
            bulk.flush();
            writes.forEach(CompletableFuture::join);
        }
        return new ReconcileReport(c.matched, c.missing, c.outdated, c.extra, c.newer);
    }

    private void compareChunk(List<ExpectedDocument> chunk, Long fixedAsOf, IdHashes seen, Counts c,
            BulkIndexer<Object> bulk, List<CompletableFuture<BulkItemResult>> writes) {
        List<String> ids = new ArrayList<>(chunk.size());
        chunk.forEach(e -> ids.add(e.id()));
        var guard = connection.guard("opensearch." + index);
        MgetResponse<JsonNode> r = Calls.run(guard, "opensearch.mget[" + index + "]",
                () -> connection.client().mget(m -> m.index(index).ids(ids), JsonNode.class));
        Map<String, GetResult<JsonNode>> found = new HashMap<>();
        r.docs().forEach(d -> {
            if (d.isResult()) {
                found.put(d.result().id(), d.result());
            }
        });
        for (ExpectedDocument e : chunk) {
            seen.add(e.id());
            long version = fixedAsOf != null ? fixedAsOf : e.version();
            GetResult<JsonNode> doc = found.get(e.id());
            if (doc == null || !doc.found()) {
                c.missing++;
                writes.add(bulk.indexJson(e.id(), e.json(), version));
                continue;
            }
            long indexVersion = doc.version() == null ? 0 : doc.version();
            JsonNode source = doc.source();
            boolean tombstone = source != null && source.path(ChangeEventIndexer.DELETED_FIELD).asBoolean(false);
            if (indexVersion > version) {
                c.newer++;
            } else if (!tombstone && source != null && source.equals(parse(e.json()))) {
                c.matched++;
            } else if (tombstone) {
                c.missing++;
                writes.add(bulk.indexJson(e.id(), e.json(), version));
            } else {
                c.outdated++;
                writes.add(bulk.indexJson(e.id(), e.json(), version));
            }
        }
    }

    private void removeExtras(IdHashes seen, long asOf, Counts c, BulkIndexer<Object> bulk,
            List<CompletableFuture<BulkItemResult>> writes) {
        var guard = connection.guard("opensearch." + index);
        String pit = Calls.run(guard, "opensearch.createPit[" + index + "]", () -> connection.client()
                .createPit(p -> p.index(index).keepAlive(t -> t.time("5m"))).pitId());
        try {
            List<FieldValue> after = null;
            while (true) {
                List<FieldValue> from = after;
                SearchResponse<Map> r = Calls.run(guard, "opensearch.search[" + index + "]", () -> connection.client()
                        .search(s -> {
                            s.pit(Pit.of(p -> p.id(pit).keepAlive("5m"))).size(CHUNK).version(true)
                                    .query(q -> q.bool(b -> b.mustNot(m -> m.term(t -> t
                                            .field(ChangeEventIndexer.DELETED_FIELD).value(FieldValue.of(true))))))
                                    .source(src -> src.fetch(false))
                                    .sort(SortOptions.of(o -> o.field(f -> f.field("_id"))));
                            if (from != null) {
                                s.searchAfter(from);
                            }
                            return s;
                        }, Map.class));
                for (Hit<Map> h : r.hits().hits()) {
                    if (seen.contains(h.id())) {
                        continue;
                    }
                    long v = h.version() == null ? 0 : h.version();
                    if (v > asOf) {
                        c.newer++; // written by a change after the snapshot began: the snapshot cannot judge it
                        continue;
                    }
                    c.extra++;
                    writes.add(tombstones
                            ? bulk.indexJson(h.id(), ("{\"" + ChangeEventIndexer.DELETED_FIELD + "\":true,\""
                                    + ChangeEventIndexer.DELETED_AT_FIELD + "\":\"" + Instant.now() + "\"}")
                                    .getBytes(StandardCharsets.UTF_8), asOf)
                            : bulk.delete(h.id(), asOf));
                }
                writes.removeIf(CompletableFuture::isDone);
                if (r.hits().hits().size() < CHUNK) {
                    return;
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

    private void refresh() {
        // Recent writes must be visible to the search, or they would look missing or extra.
        Calls.run(connection.guard("opensearch." + index), "opensearch.refresh[" + index + "]",
                () -> connection.client().indices().refresh(r -> r.index(index)));
    }

    private JsonNode parse(byte[] json) {
        try {
            return connection.json().readTree(json);
        } catch (IOException e) {
            throw TributaryValidationException.of("expected.json", "is not valid JSON");
        }
    }

    private static final class Counts {
        long matched;
        long missing;
        long outdated;
        long extra;
        long newer;
    }

    /** A compact set of 64-bit id hashes: 8 bytes per id, sorted once, then binary-searched. */
    private static final class IdHashes {
        private long[] hashes = new long[1024];
        private int size;

        void add(String id) {
            if (size == hashes.length) {
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            hashes[size++] = hash(id);
        }

        void seal() {
            Arrays.sort(hashes, 0, size);
        }

        boolean contains(String id) {
            return Arrays.binarySearch(hashes, 0, size, hash(id)) >= 0;
        }

        private static long hash(String id) {
            // FNV-1a 64 over UTF-8: a collision (about 1 in 10^8 at ten million ids) only hides one extra.
            long h = 0xcbf29ce484222325L;
            for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
            return h;
        }
    }
}
