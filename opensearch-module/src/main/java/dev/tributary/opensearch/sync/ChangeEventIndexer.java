package dev.tributary.opensearch.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeHandler;
import dev.tributary.core.ChangeType;
import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.BulkIndexer;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.model.BulkItemResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChangeHandler} that mirrors a table into an OpenSearch index: INSERT and MODIFY index the item
 * (mapped to a document, fields included or excluded), REMOVE deletes it, or with tombstones writes a
 * tombstone document ({@code tributaryDeleted: true}) that a later replay cannot resurrect. Every write carries an
 * external version ({@link DocumentVersions}), so a stale write is a counted no-op (409), never an overwrite.
 *
 * <p>A batch returns only after OpenSearch acknowledged every write, so the producer checkpoints only what
 * is indexed. While OpenSearch is unavailable (429, 5xx, I/O) the batch is retried with backoff for up to
 * {@link Builder#maxOutage}: capture pauses and resumes, nothing is lost. Other failures (a document that does
 * not fit the mapping) refuse the batch, handing it to the producer's failure policy. Thread-safe; batches of
 * different shards may run at once.
 *
 * <pre>{@code
 * ChangeEventIndexer<Product> sync = ChangeEventIndexer.builder(connection, "products", Product.class)
 *         .versions(DocumentVersions.attribute(Product::getVersion))
 *         .build();
 * ChangeCapture.builder(TableSchema.fromBean(Product.class)).tableName("products").handler("search", sync)...
 * }</pre>
 *
 * @param <T> the item type
 */
public final class ChangeEventIndexer<T> implements ChangeHandler<T>, AutoCloseable {
    /** Field that marks a tombstone document. */
    public static final String DELETED_FIELD = "tributaryDeleted";
    /** Field with the time a tombstone was written (ISO-8601), used by {@link #purgeTombstones}. */
    public static final String DELETED_AT_FIELD = "tributaryDeletedAt";
    private static final Logger LOG = LoggerFactory.getLogger(ChangeEventIndexer.class);

    private final OpenSearchConnection connection;
    private final BulkIndexer<Object> bulk;
    private final Function<T, ?> documents;
    private final Function<ChangeEvent<T>, String> ids;
    private final ToLongFunction<ChangeEvent<T>> versions;
    private final @Nullable Set<String> include;
    private final Set<String> exclude;
    private final boolean tombstones;
    private final Duration maxOutage;
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong written = new AtomicLong();

    private ChangeEventIndexer(Builder<T> b) {
        this.connection = b.connection;
        // A batch holds one write per document, so it may be split into requests that run at once without
        // reordering any item: 250 per request, 4 in flight, keeps a 1,000-record batch off a single request.
        this.bulk = BulkIndexer.builder(b.connection, b.index, Object.class).flushInterval(null)
                .maxActions(250).concurrentRequests(4).maxItemRetries(5).versionType(DocumentVersions.VERSION_TYPE)
                .build();
        this.documents = b.documents;
        this.ids = b.ids;
        this.versions = b.versions;
        this.include = b.include;
        this.exclude = Set.copyOf(b.exclude);
        this.tombstones = b.tombstones;
        this.maxOutage = b.maxOutage;
    }

    /**
     * Starts a builder.
     *
     * @param connection the connection
     * @param index the index or alias to write
     * @param itemType the item type (documents are the items, unless mapped)
     * @param <T> the item type
     * @return the builder
     */
    public static <T> Builder<T> builder(OpenSearchConnection connection, String index, @Nullable Class<T> itemType) {
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
        return event.keys().values().stream().map(v -> v instanceof byte[] bytes ? hex(bytes) : v.toString())
                .collect(Collectors.joining("|"));
    }

    @Override
    public void handle(List<ChangeEvent<T>> changes) {
        Map<String, ChangeEvent<T>> batch = lastPerDocument(changes);
        List<byte[]> bodies = new ArrayList<>(batch.size());
        for (ChangeEvent<T> e : batch.values()) {
            bodies.add(e.type() == ChangeType.REMOVE ? null : document(e));
        }
        long deadline = System.nanoTime() + maxOutage.toNanos();
        long backoff = 200;
        while (true) {
            try {
                write(batch, bodies);
                return;
            } catch (TributaryException e) {
                if (!e.retryable() || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warn("OpenSearch unavailable, pausing the batch [retryable={}, backoffMs={}]: {}", true, backoff,
                        e.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
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

    private void write(Map<String, ChangeEvent<T>> batch, List<byte[]> bodies) {
        List<CompletableFuture<BulkItemResult>> futures = new ArrayList<>(batch.size());
        int i = 0;
        for (Map.Entry<String, ChangeEvent<T>> entry : batch.entrySet()) {
            ChangeEvent<T> e = entry.getValue();
            String id = entry.getKey();
            long version = versions.applyAsLong(e);
            if (e.type() != ChangeType.REMOVE) {
                futures.add(bulk.indexJson(id, bodies.get(i), version));
            } else if (tombstones) {
                futures.add(bulk.indexJson(id, tombstone(version), version));
            } else {
                futures.add(bulk.delete(id, version));
            }
            i++;
        }
        bulk.flush();
        try {
            for (CompletableFuture<BulkItemResult> f : futures) {
                BulkItemResult r = f.get();
                written.incrementAndGet();
                if (r.stale()) {
                    stale.incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            // The producer gave up on this batch (shutdown or abort): writes not yet sent or waiting for a retry
            // are cancelled, so none of them lands after a newer writer took over.
            futures.forEach(f -> f.cancel(false));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before OpenSearch acknowledged the batch; not acknowledged", e);
        } catch (ExecutionException ee) {
            futures.forEach(f -> f.cancel(false));
            if (ee.getCause() instanceof TributaryException te) {
                throw te;
            }
            throw new IllegalStateException("bulk write failed", ee.getCause());
        }
    }

    private byte[] document(ChangeEvent<T> e) {
        Object doc = documents.apply(e.newImage().orElseThrow());
        ObjectNode node = connection.json().valueToTree(doc);
        if (include != null) {
            node.retain(include);
        }
        node.remove(exclude);
        node.put(DELETED_FIELD, false);
        try {
            return connection.json().writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw TributaryValidationException.of("document", "could not be serialised to JSON");
        }
    }

    private byte[] tombstone(long version) {
        return ("{\"" + DELETED_FIELD + "\":true,\"tributaryVersion\":" + version + ",\"" + DELETED_AT_FIELD
                + "\":\"" + java.time.Instant.now() + "\"}").getBytes(
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
        String cutoff = java.time.Instant.now().minus(olderThan).toString();
        String body = "{\"query\":{\"bool\":{\"filter\":[{\"term\":{\"" + DELETED_FIELD + "\":true}},"
                + "{\"range\":{\"" + DELETED_AT_FIELD + "\":{\"lt\":\"" + cutoff + "\"}}}]}}}";
        return dev.tributary.opensearch.internal.Calls.run(connection.guard("opensearch." + index),
                "opensearch.purgeTombstones[" + index + "]",
                () -> dev.tributary.opensearch.internal.Calls.raw(connection.generic(), connection.json(), "POST",
                        "/" + index + "/_delete_by_query", body, java.util.Map.of("refresh", "true", "conflicts", "proceed"),
                        "opensearch.purgeTombstones[" + index + "]").path("deleted").asLong());
    }

    /** Returns how many writes OpenSearch acknowledged. */
    public long written() {
        return written.get();
    }

    /** Returns how many writes were stale (a newer version was already indexed). */
    public long staleWrites() {
        return stale.get();
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

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while OpenSearch was unavailable", e);
        }
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

        /** Sets how long a batch waits for OpenSearch to come back before it is refused; default 15 min. */
        public Builder<T> maxOutage(Duration maxOutage) {
            this.maxOutage = Objects.requireNonNull(maxOutage, "maxOutage");
            return this;
        }

        /** Builds the handler (and its bulk indexer). */
        public ChangeEventIndexer<T> build() {
            return new ChangeEventIndexer<>(this);
        }
    }
}
