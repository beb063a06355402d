package dev.tributary.opensearch.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.BulkIndexer;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.internal.Calls;
import dev.tributary.opensearch.internal.Connections;
import dev.tributary.opensearch.model.BulkItemResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
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
 * <p><b>Safe while the capture runs.</b> Only <em>settled</em> documents are repaired: those whose version (the
 * creation second of the change that wrote them) is older than the settle time (default 5 minutes). A repair is
 * written with the version the document had when it was read, under {@code external_gte}; any change made since
 * carries a later second than that (the settle time is far above the creation times' coarseness), so whether it
 * lands before or after the repair, the change wins. Missing documents are written with
 * {@link DocumentVersions#BACKFILL_VERSION}, below every change. Recently written documents that differ are
 * reported as {@code unsettled}, not touched: the capture is most likely still delivering their change.
 *
 * <p><b>Memory.</b> Neither side is loaded whole: the snapshot is read as a stream and checked against the
 * index in chunks with multi-get; then the index's live documents are streamed with a point in time to find
 * those the snapshot lacked. Only a 64-bit hash per snapshot id is kept (8 bytes per item).
 *
 * <pre>{@code
 * List<ExpectedDocument> table = new ArrayList<>();
 * TableBackfill.builder(dynamo, "products", schema).build().run(batch -> batch.forEach(e -> table.add(sync.expected(e))));
 * ReconcileReport report = IndexReconciler.create(connection, "products", true).reconcile(table.stream());
 * }</pre>
 */
public final class IndexReconciler {
    private static final int CHUNK = 1000;

    private final OpenSearchConnection connection;
    private final String index;
    private final boolean tombstones;
    private final Duration settleTime;
    private final Clock clock;

    private IndexReconciler(OpenSearchConnection connection, String index, boolean tombstones, Duration settleTime,
            Clock clock) {
        this.connection = connection;
        this.index = index;
        this.tombstones = tombstones;
        this.settleTime = settleTime;
        this.clock = clock;
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
        return new IndexReconciler(connection, index, tombstones, Duration.ofMinutes(5), Clock.systemUTC());
    }

    /**
     * Returns a copy that repairs documents written more than {@code settleTime} ago (default 5 minutes). Keep
     * it above the source's creation-time coarseness (a second on AWS) and any clock skew; zero repairs
     * everything and is safe only while no capture writes to the index.
     *
     * @param settleTime the minimum age of a document's version before it is repaired
     * @param clock the clock "now" is read from
     * @return the reconciler
     */
    public IndexReconciler withSettleTime(Duration settleTime, Clock clock) {
        if (settleTime.isNegative()) {
            throw TributaryValidationException.of("settleTime", "must not be negative");
        }
        return new IndexReconciler(connection, index, tombstones, settleTime, clock);
    }

    /**
     * Reconciles the index with a snapshot of every live item of the source, such as documents from
     * {@link ChangeEventIndexer#expected} of a table backfill.
     *
     * @param expected every live item of the source
     * @return what was found and fixed
     */
    public ReconcileReport reconcile(Stream<ExpectedDocument> expected) {
        refresh();
        long cutoff = DocumentVersions.ofChange(clock.instant().minus(settleTime));
        Counts c = new Counts();
        IdHashes seen = new IdHashes();
        try (BulkIndexer<Object> bulk = BulkIndexer.<Object>builder(connection, index)
                .versionType(DocumentVersions.VERSION_TYPE).build()) {
            List<CompletableFuture<BulkItemResult>> writes = new ArrayList<>();
            Iterator<ExpectedDocument> it = expected.iterator();
            List<ExpectedDocument> chunk = new ArrayList<>(CHUNK);
            while (it.hasNext()) {
                chunk.add(it.next());
                if (chunk.size() == CHUNK || !it.hasNext()) {
                    compareChunk(chunk, cutoff, seen, c, bulk, writes);
                    chunk.clear();
                    writes.removeIf(CompletableFuture::isDone);
                }
            }
            seen.seal();
            removeExtras(seen, cutoff, c, bulk, writes);
            bulk.flush();
            writes.forEach(CompletableFuture::join);
        }
        return new ReconcileReport(c.matched, c.missing, c.outdated, c.extra, c.unsettled);
    }

    private void compareChunk(List<ExpectedDocument> chunk, long cutoff, IdHashes seen, Counts c,
            BulkIndexer<Object> bulk, List<CompletableFuture<BulkItemResult>> writes) {
        List<String> ids = new ArrayList<>(chunk.size());
        chunk.forEach(e -> ids.add(e.id()));
        var guard = Connections.guard(connection, "opensearch." + index);
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
            GetResult<JsonNode> doc = found.get(e.id());
            if (doc == null || !doc.found()) {
                c.missing++;
                writes.add(bulk.indexJson(e.id(), e.json(), DocumentVersions.BACKFILL_VERSION));
                continue;
            }
            long version = doc.version() == null ? 0 : doc.version();
            JsonNode source = doc.source();
            boolean tombstone = source != null && source.path(ChangeEventIndexer.DELETED_FIELD).asBoolean(false);
            if (!tombstone && source != null && source.equals(parse(e.json()))) {
                c.matched++;
            } else if (version >= cutoff) {
                c.unsettled++;
            } else {
                if (tombstone) {
                    c.missing++;
                } else {
                    c.outdated++;
                }
                writes.add(bulk.indexJson(e.id(), e.json(), version));
            }
        }
    }

    private void removeExtras(IdHashes seen, long cutoff, Counts c, BulkIndexer<Object> bulk,
            List<CompletableFuture<BulkItemResult>> writes) {
        var guard = Connections.guard(connection, "opensearch." + index);
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
                    if (v >= cutoff) {
                        c.unsettled++; // written recently: the snapshot may simply predate it
                        continue;
                    }
                    c.extra++;
                    writes.add(tombstones
                            ? bulk.indexJson(h.id(), ("{\"" + ChangeEventIndexer.DELETED_FIELD + "\":true,\""
                                    + ChangeEventIndexer.DELETED_AT_FIELD + "\":\"" + Instant.now() + "\"}")
                                    .getBytes(StandardCharsets.UTF_8), v)
                            : bulk.delete(h.id(), v));
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
        Calls.run(Connections.guard(connection, "opensearch." + index), "opensearch.refresh[" + index + "]",
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
        long unsettled;
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
