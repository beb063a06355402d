package dev.tributary.opensearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tributary.core.TributaryRejectedException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.internal.BulkEngine;
import dev.tributary.opensearch.internal.BulkOp;
import dev.tributary.opensearch.internal.DualWrites;
import dev.tributary.opensearch.internal.IndexNames;
import dev.tributary.opensearch.model.BulkItemResult;
import dev.tributary.opensearch.model.BulkMetrics;
import dev.tributary.opensearch.model.VersionType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Writes many documents with the {@code _bulk} API: batches by action count, bytes and time, several requests
 * in flight, bounded memory with backpressure, and a per-item outcome.
 *
 * <p>Retries: this indexer is the only layer that retries {@code _bulk}, per operation, with exponential
 * backoff and jitter ({@link Builder#backoff}):
 * <ul>
 *   <li>an item rejected with 429 or a 5xx, and every operation of a whole request that failed (I/O error,
 *       timeout, 429 or 5xx for the request, circuit breaker open) is sent again, at most
 *       {@link Builder#maxItemRetries} times: one operation travels in at most {@code maxItemRetries + 1}
 *       {@code _bulk} requests, then fails for good;</li>
 *   <li>with {@link Builder#maxOutage} set, whole-request failures are retried for that long instead of being
 *       counted (waiting out an outage), item rejections still count;</li>
 *   <li>the connection's Resilience4j guard {@code opensearch.<index>.bulk} contributes its circuit breaker and
 *       rate limiter, never its Retry (that would multiply the attempts); an attempt refused by the open
 *       circuit counts as a failed request.</li>
 * </ul>
 * A 409 under external versioning means a newer write already landed and completes as success
 * ({@link BulkItemResult#stale()}); other 4xx errors (mapping errors, conflicts) go to the failure handler, a
 * dead-letter destination, at once. Bodies are gzip-compressed by the connection, responses trimmed with
 * {@code filter_path}.
 *
 * <p>Zero-downtime reindex: while {@link SearchIndex#reindex} runs on the alias this indexer writes to (in any
 * process), every write that landed is also written to the other physical index, with the version it got and
 * {@code version_type=external_gte}, before its future completes; so writes during the copy reach the new index
 * and a newer copy there is never replaced. The indexer learns of a reindex from its state document, read at
 * most once a second (the reindex waits longer than that before copying); without a reindex nothing else is sent.
 *
 * <p>Memory: every queued, in-flight or retrying operation holds its bytes against
 * {@link Builder#maxBufferedBytes}; when the budget is full, {@code index}/{@code delete} block (default) or
 * fail fast. Thread-safe. {@link #close()} flushes and waits for every operation to finish.
 *
 * <pre>{@code
 * try (BulkIndexer<Product> bulk = BulkIndexer.<Product>builder(connection, "products")
 *         .concurrentRequests(4)
 *         .failureHandler(failure -> deadLetters.add(failure))
 *         .build()) {
 *     for (Product p : products) {
 *         bulk.index(p.id(), p);
 *     }
 * }
 * }</pre>
 *
 * @param <T> the document type
 */
public final class BulkIndexer<T> implements AutoCloseable {
    private final String index;
    private final OpenSearchConnection connection;
    private final BulkEngine engine;
    private final String versionSuffix;
    private final byte[] indexPrefix;
    private final byte[] createPrefix;
    private final byte[] deletePrefix;

    private BulkIndexer(Builder<T> b) {
        this.index = b.index;
        this.versionSuffix = ",\"version_type\":\"" + b.versionType.wireName() + "\"";
        this.connection = b.connection;
        // A plain name goes in the path (/<index>/_bulk), so no action line repeats it; any other name (which
        // would need escaping in a path) goes in every line.
        boolean inPath = b.index.matches("[a-z0-9][a-z0-9._+-]*");
        this.indexPrefix = prefix("index", !inPath);
        this.createPrefix = prefix("create", !inPath);
        this.deletePrefix = prefix("delete", !inPath);
        this.engine = new BulkEngine(b.connection, b.index, inPath ? "/" + b.index + "/_bulk" : "/_bulk", b.maxActions, b.maxBytes, b.flushInterval,
                b.concurrentRequests, b.maxBufferedBytes, b.blockWhenFull, b.maxItemRetries, b.initialBackoff,
                b.maxBackoff, b.maxOutage, b.failureHandler, b.listener,
                new DualWrites(b.connection.client(), b.index));
    }

    /**
     * Starts a builder.
     *
     * @param connection the connection
     * @param index the index or alias to write to
     * @param <T> the document type (documents are serialised with the connection's Jackson mapper); name it
     *     at the call, {@code BulkIndexer.<Product>builder(connection, "products")}
     * @return the builder
     */
    public static <T> Builder<T> builder(OpenSearchConnection connection, String index) {
        return new Builder<>(connection, IndexNames.validate(index));
    }

    /**
     * Queues a document to be indexed (created or replaced).
     *
     * @param id the document id
     * @param document the document, serialised now
     * @return completes when OpenSearch wrote it, or exceptionally when it failed for good
     * @throws TributaryValidationException if the document cannot be serialised (nothing is queued)
     * @throws TributaryRejectedException if the byte budget is full and the indexer fails fast
     */
    public CompletableFuture<BulkItemResult> index(String id, T document) {
        return add("index", id, serialise(document), null);
    }

    /**
     * Queues a document with an external version: written only if newer than the stored one.
     *
     * @param id the document id
     * @param document the document
     * @param version the external version (grows for each change of the item)
     * @return completes when written, or as stale when a newer version was already stored
     */
    public CompletableFuture<BulkItemResult> index(String id, T document, long version) {
        return add("index", id, serialise(document), version);
    }

    /**
     * Queues a create-only write, as data streams require; a 409 means the id already exists.
     *
     * @param id the document id
     * @param document the document (with an {@code @timestamp} field for a data stream)
     * @return the outcome future
     */
    public CompletableFuture<BulkItemResult> create(String id, T document) {
        return add("create", id, serialise(document), null);
    }

    /**
     * Queues a pre-serialised JSON document.
     *
     * @param id the document id
     * @param json the document as a JSON object, UTF-8
     * @param version an external version, or null
     * @return the outcome future
     */
    public CompletableFuture<BulkItemResult> indexJson(String id, byte[] json, @Nullable Long version) {
        if (json.length == 0 || json[0] != '{') {
            throw TributaryValidationException.of("document", "must be a JSON object");
        }
        return add("index", id, json, version);
    }

    /**
     * Queues a delete.
     *
     * @param id the document id
     * @return completes when deleted (or not found)
     */
    public CompletableFuture<BulkItemResult> delete(String id) {
        return add("delete", id, null, null);
    }

    /**
     * Queues a delete with an external version: applied only if newer than the stored document.
     *
     * @param id the document id
     * @param version the external version
     * @return the outcome future
     */
    public CompletableFuture<BulkItemResult> delete(String id, long version) {
        return add("delete", id, null, version);
    }

    /** Sends what is queued now, without waiting for it. */
    public void flush() {
        engine.flush();
    }

    /** Returns a snapshot of the counters and the bytes held now. */
    public BulkMetrics metrics() {
        return engine.metrics();
    }

    /** Returns the index written to. */
    public String index() {
        return index;
    }

    /**
     * Flushes, then waits until every operation succeeded or failed for good (each operation's retries and
     * {@link Builder#maxOutage} bound the wait). Idempotent; later {@code index}/{@code delete} calls fail with
     * {@link TributaryRejectedException} ({@code CLOSED}).
     */
    @Override
    public void close() {
        engine.close(null);
    }

    /**
     * Flushes and waits at most {@code timeout} for operations to succeed; when it runs out, operations still
     * waiting for a retry fail for good at once (failure handler, futures completed with
     * {@link TributaryRejectedException} {@code CLOSED}); requests already in flight are still awaited, bounded by
     * the connection's response timeout. Idempotent.
     *
     * @param timeout how long retries may go on
     * @return true when every operation settled (succeeded or failed) within the timeout
     */
    public boolean close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return engine.close(timeout);
    }

    private CompletableFuture<BulkItemResult> add(String action, String id, byte @Nullable [] source, @Nullable Long version) {
        if (id == null || id.isEmpty() || id.getBytes(StandardCharsets.UTF_8).length > 512) {
            throw TributaryValidationException.of("id", "must be 1-512 bytes");
        }
        if (version != null && version < 0) {
            throw TributaryValidationException.of("version", "must be >= 0");
        }
        byte[] actionLine = actionLine(action, id, version);
        BulkOp op = engine.newOp(id, action, actionLine, source, version != null);
        engine.add(op);
        return op.future();
    }

    private byte[] actionLine(String action, String id, @Nullable Long version) {
        // Built as bytes by hand: this runs once per document, and a tree or a String per line costs measurable
        // CPU next to a node on the same cores.
        byte[] prefix = switch (action) {
            case "index" -> indexPrefix;
            case "create" -> createPrefix;
            default -> deletePrefix;
        };
        byte[] idJson = jsonString(id);
        byte[] versionJson = version == null ? null
                : (",\"version\":" + version + versionSuffix).getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[prefix.length + idJson.length + (versionJson == null ? 0 : versionJson.length) + 2];
        System.arraycopy(prefix, 0, line, 0, prefix.length);
        System.arraycopy(idJson, 0, line, prefix.length, idJson.length);
        int at = prefix.length + idJson.length;
        if (versionJson != null) {
            System.arraycopy(versionJson, 0, line, at, versionJson.length);
            at += versionJson.length;
        }
        line[at] = '}';
        line[at + 1] = '}';
        return line;
    }

    private static byte[] jsonString(String s) {
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = c >= 0x20 && c != '"' && c != '\\';
        }
        if (plain) {
            return ('"' + s + '"').getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder(s.length() + 8).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] prefix(String action, boolean withIndex) {
        return ("{\"" + action + "\":{" + (withIndex ? "\"_index\":\"" + index + "\"," : "") + "\"_id\":")
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] serialise(T document) {
        Objects.requireNonNull(document, "document");
        try {
            byte[] json = connection.json().writeValueAsBytes(document);
            if (json.length == 0 || json[0] != '{') {
                throw TributaryValidationException.of("document", "must serialise to a JSON object");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw TributaryValidationException.of("document", "could not be serialised to JSON ("
                    + document.getClass().getSimpleName() + "): fix the type or register a Jackson module");
        }
    }

    /**
     * Builds a {@link BulkIndexer}; validates at {@link #build()}. Not thread-safe.
     *
     * @param <T> the document type
     */
    public static final class Builder<T> {
        private final OpenSearchConnection connection;
        private final String index;
        private int maxActions = 1000;
        private long maxBytes = 5L * 1024 * 1024;
        private @Nullable Duration flushInterval = Duration.ofSeconds(1);
        private int concurrentRequests = 4;
        private long maxBufferedBytes = 64L * 1024 * 1024;
        private boolean blockWhenFull = true;
        private int maxItemRetries = 10;
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private @Nullable Duration maxOutage;
        private Consumer<BulkFailure> failureHandler = f -> { };
        private BulkListener listener = BulkListener.NONE;
        private VersionType versionType = VersionType.EXTERNAL;

        private Builder(OpenSearchConnection connection, String index) {
            this.connection = Objects.requireNonNull(connection, "connection");
            this.index = index;
        }

        /**
         * Sets how external versions compare: {@link VersionType#EXTERNAL} (default) writes only a strictly
         * greater version, {@link VersionType#EXTERNAL_GTE} also an equal one.
         */
        public Builder<T> versionType(VersionType versionType) {
            this.versionType = Objects.requireNonNull(versionType, "versionType");
            return this;
        }

        /** Flushes when this many operations are queued; default 1000. */
        public Builder<T> maxActions(int maxActions) {
            this.maxActions = maxActions;
            return this;
        }

        /** Flushes when the queued body reaches this many bytes; default 5 MiB. */
        public Builder<T> maxBytes(long maxBytes) {
            this.maxBytes = maxBytes;
            return this;
        }

        /** Flushes at least this often; null for never (only by size); default 1 s. */
        public Builder<T> flushInterval(@Nullable Duration flushInterval) {
            this.flushInterval = flushInterval;
            return this;
        }

        /** Sets how many bulk requests may be in flight at once; default 4. */
        public Builder<T> concurrentRequests(int concurrentRequests) {
            this.concurrentRequests = concurrentRequests;
            return this;
        }

        /** Sets the memory budget for queued, in-flight and retrying operations; default 64 MiB. */
        public Builder<T> maxBufferedBytes(long maxBufferedBytes) {
            this.maxBufferedBytes = maxBufferedBytes;
            return this;
        }

        /** When the budget is full: block the caller (true, default) or throw TributaryRejectedException. */
        public Builder<T> blockWhenFull(boolean block) {
            this.blockWhenFull = block;
            return this;
        }

        /** Sets how often an operation is sent again after an item 429/5xx or a failed request; default 10. */
        public Builder<T> maxItemRetries(int retries) {
            this.maxItemRetries = retries;
            return this;
        }

        /** Sets the item retry backoff (exponential with full jitter); default 100 ms to 30 s. */
        public Builder<T> backoff(Duration initial, Duration max) {
            this.initialBackoff = Objects.requireNonNull(initial, "initial");
            this.maxBackoff = Objects.requireNonNull(max, "max");
            return this;
        }

        /**
         * Retries the operations of whole requests that failed (cluster unreachable, timeout, 429 or 5xx for the
         * request, circuit open) for up to this long from the first such failure, instead of counting those
         * attempts against {@link #maxItemRetries}; null (default) counts them. Item rejections always count.
         *
         * @param maxOutage how long to wait out an outage, or null
         * @return this builder
         */
        public Builder<T> maxOutage(@Nullable Duration maxOutage) {
            this.maxOutage = maxOutage;
            return this;
        }

        /** Receives operations that failed for good (the dead letter); runs on an I/O thread. */
        public Builder<T> failureHandler(Consumer<BulkFailure> handler) {
            this.failureHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** Sets the metrics listener. */
        public Builder<T> listener(BulkListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Validates and builds; starts the interval flusher.
         *
         * @return the indexer
         * @throws TributaryValidationException naming the invalid setting
         */
        public BulkIndexer<T> build() {
            if (maxActions < 1 || maxBytes < 1024) {
                throw TributaryValidationException.of("maxActions", "maxActions must be >= 1 and maxBytes >= 1 KiB");
            }
            if (concurrentRequests < 1) {
                throw TributaryValidationException.of("concurrentRequests", "must be >= 1");
            }
            if (maxBufferedBytes < maxBytes) {
                throw TributaryValidationException.of("maxBufferedBytes", "must be at least maxBytes");
            }
            if (maxOutage != null && maxOutage.isNegative()) {
                throw TributaryValidationException.of("maxOutage", "must be >= 0 or null");
            }
            if (maxItemRetries < 0) {
                throw TributaryValidationException.of("maxItemRetries", "must be >= 0");
            }
            return new BulkIndexer<>(this);
        }
    }
}
