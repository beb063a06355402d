package dev.tributary.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.core.Resilience;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.internal.Calls;
import dev.tributary.opensearch.internal.Connections;
import dev.tributary.opensearch.internal.DualWrites;
import dev.tributary.opensearch.internal.IndexCreation;
import dev.tributary.opensearch.internal.ReindexState;
import dev.tributary.opensearch.internal.Reindexer;
import dev.tributary.opensearch.internal.PitIterator;
import dev.tributary.opensearch.internal.Queries;
import dev.tributary.opensearch.model.Document;
import dev.tributary.opensearch.model.Hit;
import dev.tributary.opensearch.model.Refresh;
import dev.tributary.opensearch.model.SearchPage;
import dev.tributary.opensearch.model.WriteOptions;
import dev.tributary.opensearch.model.WriteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.LongConsumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.VersionType;
import org.opensearch.client.opensearch.core.IndexRequest;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A typed OpenSearch index: documents of type {@code T} (mapped with Jackson), partial-match search, deep
 * iteration with a point in time, and zero-downtime reindexing behind an alias.
 *
 * <p>The index name is an alias over versioned physical indices ({@code products-000001}, ...), so
 * {@link #reindex} can build a new version and swap the alias atomically while reads and writes go on (writes
 * made through any {@code SearchIndex} of the alias, in any process, reach both indices meanwhile). Every call runs
 * under the connection's Resilience guard {@code opensearch.<name>}; failures are Tributary exceptions
 * with the status code and OpenSearch error type. Thread-safe.
 *
 * <pre>{@code
 * SearchIndex<Product> products = SearchIndex.create(connection, spec, Product.class);
 * products.ensureExists();
 * products.put("p-1", new Product("p-1", "Wireless Mouse", 24.9));
 * SearchPage<Product> page = products.search(SearchQuery.builder().text("wire mou").highlight().build());
 * }</pre>
 *
 * @param <T> the document type
 */
public final class SearchIndex<T> {
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);

    private final OpenSearchConnection connection;
    private final IndexSpec spec;
    private final Class<T> type;
    private final Resilience guard;
    private final DualWrites dualWrites;

    private SearchIndex(OpenSearchConnection connection, IndexSpec spec, Class<T> type) {
        this.connection = connection;
        this.spec = spec;
        this.type = type;
        this.guard = Connections.guard(connection, "opensearch." + spec.name());
        this.dualWrites = new DualWrites(connection.client(), spec.name());
    }

    /**
     * Creates the facade (no call is made; see {@link #ensureExists()}).
     *
     * @param connection the connection
     * @param spec the index spec
     * @param type the document class, mapped with the connection's Jackson mapper
     * @param <T> the document type
     * @return the index
     */
    public static <T> SearchIndex<T> create(OpenSearchConnection connection, IndexSpec spec, Class<T> type) {
        return new SearchIndex<>(Objects.requireNonNull(connection, "connection"), Objects.requireNonNull(spec, "spec"),
                Objects.requireNonNull(type, "type"));
    }

    /** Returns the alias name. */
    public String name() {
        return spec.name();
    }

    /** Returns the spec. */
    public IndexSpec spec() {
        return spec;
    }

    /**
     * Creates the first physical index and the alias if neither exists; a plain index of the same name is
     * used as is.
     *
     * @return the physical index name in use
     */
    public String ensureExists() {
        return Calls.run(guard, "opensearch.ensureExists[" + name() + "]", () -> {
            OpenSearchClient c = connection.client();
            if (c.indices().existsAlias(e -> e.name(name())).value()) {
                return currentPhysical();
            }
            if (c.indices().exists(e -> e.index(name())).value()) {
                return name();
            }
            String physical = physicalName(1);
            IndexCreation.create(c, connection.json(), physical, spec.toJson(), name(), null);
            LOG.debug("Created index [index={}, alias={}]", physical, name());
            return physical;
        });
    }

    /**
     * Indexes (creates or replaces) a document.
     *
     * @param id the document id
     * @param document the document
     * @return the write result
     */
    public WriteResult put(String id, T document) {
        return put(id, document, WriteOptions.defaults());
    }

    /**
     * Indexes a document with options: refresh, {@code ifMatch} or an external version, create-only.
     *
     * @param id the document id
     * @param document the document
     * @param options the options
     * @return the write result
     * @throws TributaryValidationException when the document cannot be serialised (nothing is written)
     * @throws OpenSearchException {@link OpenSearchFailure#VERSION_CONFLICT} (status 409) on a version conflict
     */
    public WriteResult put(String id, T document, WriteOptions options) {
        requireId(id);
        JsonNode node = toJson(document);
        return Calls.run(guard, "opensearch.index[" + name() + "]", () -> {
            IndexRequest.Builder<JsonNode> b = new IndexRequest.Builder<JsonNode>().index(name()).id(id).document(node)
                    .refresh(refresh(options.refresh()));
            options.ifSeqNo().ifPresent(b::ifSeqNo);
            options.ifPrimaryTerm().ifPresent(b::ifPrimaryTerm);
            options.externalVersion().ifPresent(v -> b.version(v).versionType(VersionType.External));
            if (options.createOnly()) {
                b.opType(org.opensearch.client.opensearch._types.OpType.Create);
            }
            ReindexState sentUnder = dualWrites.cachedActive();
            var r = connection.client().index(b.build());
            mirrorPut(sentUnder, r.index(), id, node, r.version(), options);
            return new WriteResult(r.id(), r.result().jsonValue(), r.seqNo(), r.primaryTerm(), r.version());
        });
    }

    /**
     * Reads a document.
     *
     * @param id the id
     * @return the document with its concurrency values, or empty
     */
    public Optional<Document<T>> get(String id) {
        requireId(id);
        return Calls.run(guard, "opensearch.get[" + name() + "]", () -> {
            var r = connection.client().get(g -> g.index(name()).id(id), type);
            if (!r.found() || r.source() == null) {
                return Optional.<Document<T>>empty();
            }
            return Optional.of(new Document<>(r.id(), r.source(), r.seqNo(), r.primaryTerm(), r.version()));
        });
    }

    /**
     * Deletes a document; a missing document is not an error (result {@code not_found}).
     *
     * @param id the id
     * @param options refresh and concurrency options
     * @return the write result
     */
    public WriteResult delete(String id, WriteOptions options) {
        requireId(id);
        return Calls.run(guard, "opensearch.delete[" + name() + "]", () -> {
            var b = new org.opensearch.client.opensearch.core.DeleteRequest.Builder().index(name()).id(id)
                    .refresh(refresh(options.refresh()));
            options.ifSeqNo().ifPresent(b::ifSeqNo);
            options.ifPrimaryTerm().ifPresent(b::ifPrimaryTerm);
            options.externalVersion().ifPresent(v -> b.version(v).versionType(VersionType.External));
            ReindexState sentUnder = dualWrites.cachedActive();
            var r = connection.client().delete(b.build());
            if (r.result() != org.opensearch.client.opensearch._types.Result.NotFound) {
                mirrorDelete(sentUnder, r.index(), id, r.version(), options);
            }
            return new WriteResult(r.id(), r.result().jsonValue(), r.seqNo(), r.primaryTerm(), r.version());
        });
    }

    /** Deletes a document with default options. */
    public WriteResult delete(String id) {
        return delete(id, WriteOptions.defaults());
    }

    /** Returns whether a document exists. */
    public boolean exists(String id) {
        requireId(id);
        return Calls.run(guard, "opensearch.exists[" + name() + "]",
                () -> connection.client().exists(e -> e.index(name()).id(id)).value());
    }

    /** Returns the number of documents. */
    public long count() {
        return count(SearchQuery.all());
    }

    /** Returns the number of documents matching a query. */
    public long count(SearchQuery query) {
        return Calls.run(guard, "opensearch.count[" + name() + "]",
                () -> connection.client().count(c -> c.index(name()).query(Queries.query(query, spec))).count());
    }

    /** Makes recent writes visible to search now. */
    public void refresh() {
        Calls.run(guard, "opensearch.refresh[" + name() + "]",
                () -> connection.client().indices().refresh(r -> r.index(name())));
    }

    /**
     * Runs a search and returns one page of typed hits, with the query's aggregation results and, with cursor
     * paging, the next page's cursor.
     *
     * @param query the query
     * @return the page
     * @throws SearchCursorException when the query's cursor was issued for another query or index (nothing is
     *     sent)
     */
    public SearchPage<T> search(SearchQuery query) {
        dev.tributary.opensearch.internal.Searches.Prepared p =
                dev.tributary.opensearch.internal.Searches.prepare(name(), Queries.Fields.of(spec), query);
        SearchResponse<T> r = Calls.run(guard, "opensearch.search[" + name() + "]",
                () -> connection.client().search(p.request(), type));
        return dev.tributary.opensearch.internal.Searches.page(p, query, r,
                connection.client()._transport().jsonpMapper(), connection.json());
    }

    /**
     * Iterates over every match, in pages of {@code pageSize}, with a point in time and search_after: a
     * consistent snapshot, any depth. Close the stream (try-with-resources) to release the point in time.
     *
     * @param query the query (its from/size are ignored)
     * @param pageSize hits fetched per request
     * @return the hits
     */
    public Stream<Hit<T>> stream(SearchQuery query, int pageSize) {
        if (pageSize < 1 || pageSize > 10_000) {
            throw TributaryValidationException.of("pageSize", "must be 1-10,000");
        }
        PitIterator<T> it = new PitIterator<>(connection, guard, name(), pageSize,
                (pit, after) -> request(query.page(0, pageSize), pit, after), type, dev.tributary.opensearch.internal.Searches::hits);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(it::close);
    }

    /**
     * Reindexes without downtime: builds the next physical index from {@code newSpec}, copies every document,
     * then swaps the alias in one atomic call, while readers and writers go on.
     *
     * <p><b>Why no write is lost.</b> The steps are stored in a state document ({@code tributary-reindex-state},
     * id = the alias) before each is taken: create the target, turn dual writes on, copy with a {@code _reindex}
     * task, verify the counts, swap the alias, turn dual writes off, delete the old index. While dual writes are on,
     * every {@link #put}/{@link #delete} through a {@code SearchIndex} of this alias, in any process, writes the
     * alias's index first and then the other physical index with the version the first write got
     * ({@code external_gte}); each writer re-reads the state at most a second after its write, and the copy starts
     * only after every writer has seen dual writes on (see {@code DualWrites}), so a write is either in the copy's
     * snapshot or written to the target by its writer. The copy writes with {@code version_type=external} and
     * {@code conflicts=proceed}, so it never replaces a newer dual-written document; the target keeps delete
     * tombstones for 7 days during the copy ({@code index.gc_deletes}), so a copy of a deleted document cannot
     * bring it back. Before the swap both indices must hold the same documents at the same versions, looked up
     * document by document (differences left by dual writes in flight are looked up again a few times).
     *
     * <p><b>Crashes.</b> Every step checks what is already done; a process that dies mid-way leaves the state
     * behind, the copy task runs on in the cluster, and {@link #resumeReindex} (any process) finishes the job or
     * {@link #abortReindex} rolls it back. Writers keep writing both indices until then.
     *
     * <p><b>Limits.</b> Writes through {@code SearchIndex} and {@link BulkIndexer} (so {@code ChangeEventIndexer}
     * too) are mirrored; writes from other clients go only to the index the alias points to: if they run during
     * the copy, the document-by-document check before the swap fails and the alias is not switched. Deletes by query are not mirrored. Blocks the calling thread until done (about 25k documents a
     * second on a small node).
     *
     * @param newSpec the new settings and mappings (its name must equal this index's)
     * @param progress told the number of documents copied so far, about once a second
     * @param deleteOld whether to delete the previous physical index
     * @return the new physical index name
     * @throws TributaryValidationException when the spec is for another index (nothing is done)
     * @throws OpenSearchException {@link OpenSearchFailure#CONFLICT} (status 409) when a reindex of this index is
     *     already in progress; {@link OpenSearchFailure#REINDEX_INCOMPLETE} (error code {@code reindex_failures},
     *     {@code reindex_incomplete} or {@code reindex_documents_differ}) when the copy is incomplete or documents
     *     differ (the alias is not switched; resume or abort)
     */
    public String reindex(IndexSpec newSpec, LongConsumer progress, boolean deleteOld) {
        if (!Objects.requireNonNull(newSpec, "newSpec").name().equals(name())) {
            throw TributaryValidationException.of("newSpec", "must have the same name as the index it replaces");
        }
        Objects.requireNonNull(progress, "progress");
        String old = ensureExists();
        int next = old.equals(name()) ? 1 : Integer.parseInt(old.substring(old.lastIndexOf('-') + 1)) + 1;
        String fresh = physicalName(next);
        try {
            return reindexer(progress).start(old, fresh, newSpec.toJson(), deleteOld);
        } finally {
            dualWrites.invalidate();
        }
    }

    /**
     * Finishes a reindex of this index that a stopped or crashed process left behind, from the step it reached.
     *
     * @param progress told the number of documents copied so far
     * @return the new physical index, or empty when no reindex of this index is in progress
     * @throws OpenSearchException as {@link #reindex}
     */
    public Optional<String> resumeReindex(LongConsumer progress) {
        Optional<ReindexState> state = Calls.run(guard, "opensearch.reindex.state[" + name() + "]",
                () -> ReindexState.load(connection.client(), name()));
        try {
            return state.map(s -> reindexer(Objects.requireNonNull(progress, "progress")).run(s));
        } finally {
            dualWrites.invalidate();
        }
    }

    /**
     * Rolls back a reindex of this index that has not switched the alias yet: cancels the copy, turns dual
     * writes off and deletes the new index. A reindex that already switched the alias is finished instead.
     *
     * @return whether a reindex was rolled back
     */
    public boolean abortReindex() {
        Optional<ReindexState> state = Calls.run(guard, "opensearch.reindex.state[" + name() + "]",
                () -> ReindexState.load(connection.client(), name()));
        try {
            return state.map(s -> reindexer(n -> { }).abort(s)).orElse(false);
        } finally {
            dualWrites.invalidate();
        }
    }

    /** Deletes the alias, every physical index behind it and any reindex state (tests, teardown). */
    public void drop() {
        Calls.run(guard, "opensearch.drop[" + name() + "]", () -> {
            OpenSearchClient c = connection.client();
            c.indices().delete(d -> d.index(name() + "-*", "-" + name() + "-*-*").ignoreUnavailable(true)
                    .allowNoIndices(true));
            if (c.indices().exists(e -> e.index(name())).value()) {
                c.indices().delete(d -> d.index(name()));
            }
            if (c.indices().exists(e -> e.index(ReindexState.INDEX)).value()) {
                c.delete(d -> d.index(ReindexState.INDEX).id(name()));
            }
            return null;
        });
        dualWrites.invalidate();
    }

    /** Returns the physical index the alias points to now. */
    public String currentPhysical() {
        return Calls.run(guard, "opensearch.getAlias[" + name() + "]", () -> {
            var r = connection.client().indices().getAlias(a -> a.name(name()));
            return r.result().keySet().stream().sorted().reduce((a, b) -> b).orElse(name());
        });
    }

    private Reindexer reindexer(LongConsumer progress) {
        return new Reindexer(connection.client(), connection.json(), guard, name(), progress, Duration.ofSeconds(1));
    }

    /**
     * Writes the other physical index while a reindex runs (see {@link #reindex}), or the target of the reindex
     * the write was sent under when it landed in the source just before the swap; a newer copy there wins.
     */
    private void mirrorPut(@Nullable ReindexState sentUnder, String written, String id, JsonNode node, long version,
            WriteOptions options) throws java.io.IOException {
        Optional<String> other = dualWrites.copyTarget(sentUnder, written);
        if (other.isEmpty()) {
            return;
        }
        try {
            connection.client().index(new IndexRequest.Builder<JsonNode>().index(other.get()).id(id)
                    .document(node).version(version).versionType(VersionType.ExternalGte)
                    .refresh(refresh(options.refresh())).build());
        } catch (java.io.IOException | RuntimeException e) {
            if (!ReindexState.hasStatus(e, 409)) {
                throw e; // 409: the other index has a newer version of the document already
            }
        }
    }

    private void mirrorDelete(@Nullable ReindexState sentUnder, String written, String id, long version,
            WriteOptions options) throws java.io.IOException {
        Optional<String> other = dualWrites.copyTarget(sentUnder, written);
        if (other.isEmpty()) {
            return;
        }
        try {
            connection.client().delete(d -> d.index(other.get()).id(id).version(version)
                    .versionType(VersionType.ExternalGte).refresh(refresh(options.refresh())));
        } catch (java.io.IOException | RuntimeException e) {
            if (!ReindexState.hasStatus(e, 409)) {
                throw e;
            }
        }
    }

    private SearchRequest request(SearchQuery query, String pitId, List<FieldValue> after) {
        SearchRequest.Builder b = new SearchRequest.Builder()
                .query(Queries.query(query, spec))
                .size(query.size())
                .trackTotalHits(t -> t.enabled(true));
        List<org.opensearch.client.opensearch._types.SortOptions> sorts = new ArrayList<>(Queries.sorts(query, spec));
        if (pitId != null) {
            b.pit(org.opensearch.client.opensearch.core.search.Pit.of(p -> p.id(pitId).keepAlive("2m")));
            // OpenSearch has no _shard_doc: _id is the unique tiebreaker that keeps search_after exact.
            sorts.add(org.opensearch.client.opensearch._types.SortOptions.of(o -> o.field(f -> f.field("_id"))));
            if (after != null) {
                b.searchAfter(after);
            }
        } else {
            b.index(name()).from(query.from());
        }
        if (!sorts.isEmpty()) {
            b.sort(sorts);
        }
        if (query.highlight()) {
            b.highlight(Queries.highlight(query.fields().isEmpty() ? spec.textFields() : query.fields()));
        }
        return b.build();
    }

    private JsonNode toJson(T document) {
        try {
            JsonNode node = connection.json().valueToTree(Objects.requireNonNull(document, "document"));
            if (!node.isObject()) {
                throw TributaryValidationException.of("document", "must serialise to a JSON object");
            }
            return node;
        } catch (IllegalArgumentException e) {
            throw TributaryValidationException.of("document", "could not be serialised to JSON ("
                    + document.getClass().getSimpleName() + "): fix the type or register a Jackson module");
        }
    }

    private static void requireId(String id) {
        if (id == null || id.isEmpty() || id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 512) {
            throw TributaryValidationException.of("id", "must be 1-512 bytes");
        }
    }

    private static org.opensearch.client.opensearch._types.Refresh refresh(Refresh r) {
        return switch (r) {
            case NONE -> org.opensearch.client.opensearch._types.Refresh.False;
            case WAIT_FOR -> org.opensearch.client.opensearch._types.Refresh.WaitFor;
            case IMMEDIATE -> org.opensearch.client.opensearch._types.Refresh.True;
        };
    }

    private String physicalName(int version) {
        return String.format("%s-%06d", name(), version);
    }
}
