package dev.tributary.opensearch.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeHandler;
import dev.tributary.core.PipelinedChangeHandler;
import dev.tributary.core.ChangeType;
import dev.tributary.core.TributaryClientException;
import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.BulkIndexer;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.internal.Calls;
import dev.tributary.opensearch.internal.Connections;
import dev.tributary.opensearch.model.BulkItemResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.Conflicts;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch.core.DeleteByQueryResponse;

/**
 * A {@link ChangeHandler} that mirrors a table into an OpenSearch index: INSERT and MODIFY index the item
 * (mapped to a document, fields included or excluded), REMOVE deletes it, or with tombstones writes a
 * tombstone document ({@code tributaryDeleted: true}) that a later replay cannot resurrect. Every write carries an
 * external version ({@link DocumentVersions}), so a stale write is a counted no-op (409), never an overwrite.
 *
 * <p>A batch is acknowledged only after OpenSearch acknowledged every write, so the producer checkpoints only
 * what is indexed. As a {@link PipelinedChangeHandler} it lets the embedded capture keep several batches of a
 * shard in flight ({@link #handleAsync}); a write of a document waits for that document's write still in
 * flight. Thread-safe; batches of different shards may run at once.
 *
 * <p>A zero-downtime reindex of the alias ({@code SearchIndex.reindex}) may run meanwhile: the internal
 * {@link BulkIndexer} copies every write to the new index too before the batch is acknowledged.
 *
 * <p>Who retries what (one owner per failure, so attempts never multiply): the internal {@link BulkIndexer}
 * owns both retries, for {@link #handle} and {@link #handleAsync} alike.
 * <ul>
 *   <li>Outage (cluster unreachable, timeout, 429 or 5xx for a whole {@code _bulk} request, circuit open): the
 *       writes are sent again with backoff (100 ms doubling to 10 s, jittered) until the outage has lasted
 *       {@link Builder#maxOutage} (default 15 min): capture pauses and resumes, nothing is lost. With
 *       {@code maxOutage(Duration.ZERO)} a batch is sent once and refused on the first such failure.</li>
 *   <li>A write rejected on its own (item 429 or 5xx): sent again at most {@link Builder#maxItemRetries} times
 *       (default 5), then the batch is refused.</li>
 *   <li>Any other failure (a document that does not fit the mapping) refuses the batch at once.</li>
 *   <li>No Resilience4j Retry wraps {@code _bulk} and this handler has no retry loop of its own. A refused batch
 *       goes to the producer's failure policy, whose every new delivery runs the policy above again: give the
 *       capture {@code FailurePolicy.builder().maxAttempts(1)} to leave the retrying to this handler.</li>
 * </ul>
 *
 * <pre>{@code
 * ChangeEventIndexer<Product> sync = ChangeEventIndexer.<Product>builder(connection, "products")
 *         .versions(DocumentVersions.attribute(Product::getVersion))
 *         .build();
 * ChangeCapture.builder(TableSchema.fromBean(Product.class)).tableName("products").handler("search", sync)...
 * }</pre>
 *
 * @param <T> the item type
 */
public final class ChangeEventIndexer<T> implements PipelinedChangeHandler<T>, AutoCloseable {
    /** Field that marks a tombstone document. */
    public static final String DELETED_FIELD = "tributaryDeleted";
    /** Field with the time a tombstone was written (ISO-8601), used by {@link #purgeTombstones}. */
    public static final String DELETED_AT_FIELD = "tributaryDeletedAt";

    private final OpenSearchConnection connection;
    private final BulkIndexer<Object> bulk;
    private final Function<T, ?> documents;
    private final Function<ChangeEvent<T>, String> ids;
    private final ToLongFunction<ChangeEvent<T>> versions;
    private final @Nullable Set<String> include;
    private final Set<String> exclude;
    private final boolean tombstones;
    private final Duration maxOutage;
    private final int concurrentRequests;
    private final Clock clock;
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    /** The write of each document still in flight, so a later batch's write of it waits (item order). */
    private final Map<String, CompletableFuture<BulkItemResult>> inFlight = new ConcurrentHashMap<>();

    private ChangeEventIndexer(Builder<T> b) {
        this.connection = b.connection;
        // A batch holds one write per document, so it may be split into requests that run at once without
        // reordering any item.
        this.bulk = BulkIndexer.<Object>builder(b.connection, b.index).flushInterval(null)
                .maxActions(b.maxActionsPerRequest).concurrentRequests(b.concurrentRequests)
                .maxItemRetries(b.maxItemRetries).maxOutage(b.maxOutage)
                .backoff(Duration.ofMillis(100), Duration.ofSeconds(10))
                .versionType(DocumentVersions.VERSION_TYPE).build();
        this.documents = b.documents;
        this.ids = b.ids;
        this.versions = b.versions;
        this.include = b.include;
        this.exclude = Set.copyOf(b.exclude);
        this.tombstones = b.tombstones;
        this.maxOutage = b.maxOutage;
        this.concurrentRequests = b.concurrentRequests;
        this.clock = b.clock;
    }

    /**
     * Starts a builder.
     *
     * @param connection the connection
     * @param index the index or alias to write
     * @param <T> the item type (documents are the items, unless mapped); name it at the call,
     *     {@code ChangeEventIndexer.<Product>builder(connection, "products")}
     * @return the builder
     */
    public static <T> Builder<T> builder(OpenSearchConnection connection, String index) {
        return new Builder<>(connection, index);
    }

    /**
     * Returns the document id of a change: its key values joined by {@code |} in key-schema order (hash key
     * first), byte keys as hex.
     *
     * @param event the change
     * @return the id
     */
    public static String defaultId(ChangeEvent<?> event) {
        Map<String, Object> keys = event.keys();
        if (keys.size() == 1) {
            // The common single-key table: no stream and no joiner per change.
            Object v = keys.values().iterator().next();
            return v instanceof byte[] bytes ? hex(bytes) : v.toString();
        }
        return keys.values().stream().map(v -> v instanceof byte[] bytes ? hex(bytes) : v.toString())
                .collect(Collectors.joining("|"));
    }

    /** Writes the batch and returns once OpenSearch acknowledged every write (outages waited out, see above). */
    @Override
    public void handle(List<ChangeEvent<T>> changes) {
        Map<String, ChangeEvent<T>> batch = lastPerDocument(changes);
        // One batch at a time: spread it over the concurrent requests.
        awaitAcknowledged(send(batch, bodies(batch), Math.max(1, -Math.floorDiv(-batch.size(), concurrentRequests)))
                .writes());
    }

    /**
     * Sends a batch's writes and returns without waiting for OpenSearch; a producer that pipelines (such as the
     * embedded {@code ChangeCapture}) keeps several batches in flight this way. A document still being written by
     * an earlier batch is written again only after that write settled, so no item's changes are reordered.
     * Outages are waited out as in {@link #handle}; a refused batch is delivered again by the producer.
     */
    @Override
    public CompletableFuture<Void> handleAsync(List<ChangeEvent<T>> changes) {
        Map<String, ChangeEvent<T>> batch = lastPerDocument(changes);
        // Several batches in flight: full requests, the next batch fills the other connections.
        Sent sent = send(batch, bodies(batch), Integer.MAX_VALUE);
        List<CompletableFuture<BulkItemResult>> futures = sent.writes();
        CompletableFuture<Void> all = sent.settled().thenRun(() -> futures.forEach(f -> count(f.join())));
        all.whenComplete((ok, e) -> {
            if (all.isCancelled()) {
                // The producer gave up on this batch: writes not yet sent or waiting for a retry are dropped.
                futures.forEach(f -> f.cancel(false));
            }
        });
        return all;
    }

    /**
     * Keeps the last change of each document, by document id, in the order of those last changes: one write per
     * document per batch, so the bulk requests in flight at once can never reorder two changes of one item (the
     * ordering argument in {@link DocumentVersions}).
     */
    private Map<String, ChangeEvent<T>> lastPerDocument(List<ChangeEvent<T>> changes) {
        Map<String, ChangeEvent<T>> last = new LinkedHashMap<>(changes.size() * 2);
        for (ChangeEvent<T> e : changes) {
            String id = ids.apply(e);
            last.remove(id);
            last.put(id, e);
        }
        return last;
    }

    private List<byte @Nullable []> bodies(Map<String, ChangeEvent<T>> batch) {
        List<byte @Nullable []> bodies = new ArrayList<>(batch.size());
        for (ChangeEvent<T> e : batch.values()) {
            bodies.add(e.type() == ChangeType.REMOVE ? null : document(e));
        }
        return bodies;
    }

    /** A batch's writes, one per document, and a future settled (either way) when all of them are. */
    private record Sent(List<CompletableFuture<BulkItemResult>> writes, CompletableFuture<Void> settled) {
    }

    /**
     * Queues one write per document, after any write of the same document still in flight, and sends them,
     * at most {@code perRequest} in one request (and at most the bulk indexer's maxActions).
     */
    private Sent send(Map<String, ChangeEvent<T>> batch, List<byte @Nullable []> bodies, int perRequest) {
        awaitEarlierWrites(batch.keySet());
        List<CompletableFuture<BulkItemResult>> futures = new ArrayList<>(batch.size());
        CompletableFuture<Void> settled;
        try {
            for (Map.Entry<String, ChangeEvent<T>> entry : batch.entrySet()) {
                ChangeEvent<T> e = entry.getValue();
                String id = entry.getKey();
                long version = versions.applyAsLong(e);
                CompletableFuture<BulkItemResult> f;
                if (e.type() != ChangeType.REMOVE) {
                    f = bulk.indexJson(id, bodies.get(futures.size()), version);
                } else if (tombstones) {
                    f = bulk.indexJson(id, tombstone(version), version);
                } else {
                    f = bulk.delete(id, version);
                }
                inFlight.put(id, f);
                futures.add(f);
                if (futures.size() % perRequest == 0) {
                    bulk.flush();
                }
            }
            bulk.flush();
        } catch (RuntimeException e) {
            sendQueued(futures, e);
            throw e;
        } finally {
            settled = forgetWhenSettled(batch.keySet(), futures);
        }
        return new Sent(futures, settled);
    }

    /**
     * After a write could not be queued (an id OpenSearch refuses, say): sends the batch's writes queued before it,
     * so that they settle. Left in the buffer they would wait for a flush that may never come (this indexer has
     * no interval flusher), and a later batch writing one of those documents would wait for them for good. The
     * refused batch is delivered again with the same versions, so the writes sent now are not lost work. When
     * even that fails (the indexer is closed), they are cancelled, which settles them too.
     */
    private void sendQueued(List<CompletableFuture<BulkItemResult>> queued, RuntimeException failure) {
        try {
            bulk.flush();
        } catch (RuntimeException flushFailed) {
            failure.addSuppressed(flushFailed);
            queued.forEach(f -> f.cancel(false));
        }
    }

    /**
     * Forgets the writes queued for these documents once all of them settled: one callback a batch rather than
     * one a write. A write that settled earlier stays findable until then, which is harmless (a later batch finds
     * it done and does not wait). When queueing stopped part-way, the writes queued so far are forgotten once
     * they settle ({@link #sendQueued} sees that they do).
     *
     * @return a future settled (either way) when every queued write is
     */
    private CompletableFuture<Void> forgetWhenSettled(Set<String> ids, List<CompletableFuture<BulkItemResult>> queued) {
        CompletableFuture<Void> settled = CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new));
        settled.whenComplete((ok, e) -> {
            int k = 0;
            for (String id : ids) {
                if (k == queued.size()) {
                    return;
                }
                inFlight.remove(id, queued.get(k++));
            }
        });
        return settled;
    }

    /** Waits until no write of these documents is in flight (settled either way). */
    private void awaitEarlierWrites(Set<String> ids) {
        for (String id : ids) {
            CompletableFuture<BulkItemResult> earlier = inFlight.get(id);
            if (earlier == null) {
                continue;
            }
            try {
                earlier.get();
            } catch (ExecutionException | java.util.concurrent.CancellationException settled) {
                // Settled: a refused earlier batch is delivered again before this one is acknowledged.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw TributaryClientException.create("interrupted before the batch was sent; not acknowledged", e);
            }
        }
    }

    private void awaitAcknowledged(List<CompletableFuture<BulkItemResult>> futures) {
        try {
            for (CompletableFuture<BulkItemResult> f : futures) {
                count(f.get());
            }
        } catch (InterruptedException e) {
            // The producer gave up on this batch (shutdown or abort): writes not yet sent or waiting for a retry
            // are cancelled, so none of them lands after a newer writer took over.
            futures.forEach(f -> f.cancel(false));
            Thread.currentThread().interrupt();
            throw TributaryClientException.create(
                    "interrupted before OpenSearch acknowledged the batch; not acknowledged", e);
        } catch (ExecutionException ee) {
            futures.forEach(f -> f.cancel(false));
            if (ee.getCause() instanceof TributaryException te) {
                throw te;
            }
            throw TributaryClientException.create("bulk write failed; the batch is not acknowledged", ee.getCause());
        }
    }

    private void count(BulkItemResult r) {
        written.incrementAndGet();
        if (r.stale()) {
            stale.incrementAndGet();
        }
    }

    private byte[] document(ChangeEvent<T> e) {
        Object doc = documents.apply(e.newImage().orElseThrow());
        try {
            if (include == null && exclude.isEmpty()) {
                byte[] direct = withDeletedFalse(connection.json().writeValueAsBytes(doc));
                if (direct != null) {
                    return direct;
                }
            }
            ObjectNode node = connection.json().valueToTree(doc);
            if (include != null) {
                node.retain(include);
            }
            node.remove(exclude);
            node.put(DELETED_FIELD, false);
            return connection.json().writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException ex) {
            throw TributaryValidationException.of("document", "could not be serialised to JSON");
        }
    }

    private static final byte[] DELETED_NAME = ("\"" + DELETED_FIELD + "\"").getBytes(StandardCharsets.UTF_8);
    private static final byte[] DELETED_FALSE = (",\"" + DELETED_FIELD + "\":false}").getBytes(StandardCharsets.UTF_8);

    /**
     * Appends {@code "tributaryDeleted":false} to a serialised object without a tree: the tree copy of every
     * document cost measurable CPU next to the node on the same cores. Returns null (use the tree) when the
     * bytes are not an object or may already hold the field.
     */
    private static byte @Nullable [] withDeletedFalse(byte[] json) {
        int end = json.length - 1;
        while (end > 0 && json[end] <= ' ') {
            end--;
        }
        if (json.length < 2 || json[0] != '{' || json[end] != '}' || contains(json, DELETED_NAME)) {
            return null;
        }
        int start = end - 1;
        while (start > 0 && json[start] <= ' ') {
            start--;
        }
        boolean empty = start == 0;
        byte[] out = new byte[end + DELETED_FALSE.length - (empty ? 1 : 0)];
        System.arraycopy(json, 0, out, 0, end);
        System.arraycopy(DELETED_FALSE, empty ? 1 : 0, out, end, DELETED_FALSE.length - (empty ? 1 : 0));
        return out;
    }

    private static boolean contains(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i <= bytes.length - part.length; i++) {
            for (int k = 0; k < part.length; k++) {
                if (bytes[i + k] != part[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private byte[] tombstone(long version) {
        return ("{\"" + DELETED_FIELD + "\":true,\"tributaryVersion\":" + version + ",\"" + DELETED_AT_FIELD
                + "\":\"" + clock.instant() + "\"}").getBytes(
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Returns what the index should hold for a (live) item, for {@link IndexReconciler}.
     *
     * @param event an INSERT or MODIFY event, such as one from a table backfill
     * @return the expected document
     */
    public ExpectedDocument expected(ChangeEvent<T> event) {
        return new ExpectedDocument(ids.apply(event), versions.applyAsLong(event), document(event));
    }

    /**
     * Deletes tombstones written more than {@code olderThan} ago: once no replay can reach back that far (the
     * stream keeps 24 hours), they are no longer needed.
     *
     * @param index the index or alias
     * @param olderThan the minimum tombstone age, at least 24 hours for DynamoDB Streams sources
     * @return the number of tombstones deleted
     */
    public long purgeTombstones(String index, Duration olderThan) {
        String cutoff = clock.instant().minus(olderThan).toString();
        String operation = "opensearch.purgeTombstones[" + index + "]";
        DeleteByQueryResponse r = Calls.run(Connections.guard(connection, "opensearch." + index), operation,
                () -> connection.client().deleteByQuery(d -> d.index(index).refresh(Refresh.True)
                        .conflicts(Conflicts.Proceed)
                        .query(q -> q.bool(b -> b
                                .filter(f -> f.term(t -> t.field(DELETED_FIELD).value(FieldValue.of(true))))
                                .filter(f -> f.range(rg -> rg.field(DELETED_AT_FIELD).lt(JsonData.of(cutoff))))))));
        return r.deleted() == null ? 0 : r.deleted();
    }

    /** Returns a snapshot of the writes acknowledged and refused as stale, and of the bulk indexer underneath. */
    public IndexerMetrics metrics() {
        return new IndexerMetrics(written.get(), stale.get(), bulk.metrics());
    }

    /** Flushes and closes the internal bulk indexer; the connection stays open. */
    @Override
    public void close() {
        bulk.close();
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    /**
     * Builds a {@link ChangeEventIndexer}. Not thread-safe.
     *
     * @param <T> the item type
     */
    public static final class Builder<T> {
        private final OpenSearchConnection connection;
        private final String index;
        private Function<T, ?> documents = Function.identity();
        private Function<ChangeEvent<T>, String> ids = ChangeEventIndexer::defaultId;
        private ToLongFunction<ChangeEvent<T>> versions = DocumentVersions.streamOrder();
        private @Nullable Set<String> include;
        private final List<String> exclude = new ArrayList<>();
        private boolean tombstones;
        private Duration maxOutage = Duration.ofMinutes(15);
        private int maxActionsPerRequest = 1000;
        private int concurrentRequests = 4;
        private int maxItemRetries = 5;
        private Clock clock = Clock.systemUTC();

        private Builder(OpenSearchConnection connection, String index) {
            this.connection = Objects.requireNonNull(connection, "connection");
            this.index = Objects.requireNonNull(index, "index");
        }

        /** Maps an item to the document indexed (default: the item itself). */
        public Builder<T> documents(Function<T, ?> mapper) {
            this.documents = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /** Sets the document id of a change (default {@link ChangeEventIndexer#defaultId}). */
        public Builder<T> ids(Function<ChangeEvent<T>, String> ids) {
            this.ids = Objects.requireNonNull(ids, "ids");
            return this;
        }

        /** Sets the external version of a change (default {@link DocumentVersions#streamOrder()}). */
        public Builder<T> versions(ToLongFunction<ChangeEvent<T>> versions) {
            this.versions = Objects.requireNonNull(versions, "versions");
            return this;
        }

        /** Indexes only these top-level fields. */
        public Builder<T> includeFields(String... fields) {
            this.include = Set.of(fields);
            return this;
        }

        /** Leaves these top-level fields out of the document. */
        public Builder<T> excludeFields(String... fields) {
            exclude.addAll(Arrays.asList(fields));
            return this;
        }

        /** Writes tombstones instead of deleting, so late replays cannot resurrect deleted items. */
        public Builder<T> tombstones(boolean tombstones) {
            this.tombstones = tombstones;
            return this;
        }

        /**
         * Sets how long writes wait for OpenSearch to come back (whole requests failing) before the batch is
         * refused; default 15 min, {@link Duration#ZERO} refuses on the first failed request.
         */
        public Builder<T> maxOutage(Duration maxOutage) {
            if (Objects.requireNonNull(maxOutage, "maxOutage").isNegative()) {
                throw TributaryValidationException.of("maxOutage", "must be >= 0");
            }
            this.maxOutage = maxOutage;
            return this;
        }

        /**
         * Sets the bulk requests: documents per request (default 1,000) and requests in flight at once (default
         * 4). A batch holds one write per document, so its requests may run at once without reordering an item.
         * A batch handed over alone ({@link ChangeEventIndexer#handle}) is spread evenly over the concurrent
         * requests; pipelined batches ({@link ChangeEventIndexer#handleAsync}) go out in full requests while the
         * next batches fill the other connections.
         *
         * @param maxActionsPerRequest 1-10,000
         * @param concurrentRequests 1-64
         * @return this builder
         */
        public Builder<T> bulkRequests(int maxActionsPerRequest, int concurrentRequests) {
            if (maxActionsPerRequest < 1 || maxActionsPerRequest > 10_000) {
                throw TributaryValidationException.of("maxActionsPerRequest", "must be 1-10000");
            }
            if (concurrentRequests < 1 || concurrentRequests > 64) {
                throw TributaryValidationException.of("concurrentRequests", "must be 1-64");
            }
            this.maxActionsPerRequest = maxActionsPerRequest;
            this.concurrentRequests = concurrentRequests;
            return this;
        }

        /**
         * Sets how often one write rejected on its own (item 429 or 5xx) is sent again before its batch is refused
         * (default 5); failures of whole requests are waited out instead, see {@link #maxOutage}.
         *
         * @param retries 0-100
         * @return this builder
         */
        public Builder<T> maxItemRetries(int retries) {
            if (retries < 0 || retries > 100) {
                throw TributaryValidationException.of("maxItemRetries", "must be 0-100");
            }
            this.maxItemRetries = retries;
            return this;
        }

        /**
         * Sets the clock that stamps tombstones and computes the {@link #purgeTombstones} cut-off (default UTC).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder<T> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Builds the handler (and its bulk indexer). */
        public ChangeEventIndexer<T> build() {
            return new ChangeEventIndexer<>(this);
        }
    }
}
