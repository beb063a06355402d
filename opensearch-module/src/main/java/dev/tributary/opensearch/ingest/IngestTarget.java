package dev.tributary.opensearch.ingest;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.BulkFailure;
import dev.tributary.opensearch.BulkIndexer;
import dev.tributary.opensearch.LogIndices;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.internal.IndexNames;
import dev.tributary.opensearch.model.BulkItemResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an ingester writes: one bulk indexer (a fixed index or a data stream, created here or passed in) or one
 * created indexer per daily index, at most {@code maxOpen} of them open (least recently used ones are closed).
 * Thread-safe.
 */
final class IngestTarget<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestTarget.class);

    enum Mode { INDEX, DATA_STREAM, DAILY }

    private final Mode mode;
    private final String name;
    private final @Nullable BulkIndexer<T> given;
    private final @Nullable OpenSearchConnection connection;
    private final Consumer<BulkIndexer.Builder<T>> settings;
    private final Consumer<BulkFailure> failureHandler;
    private final int maxOpen;
    // Access-ordered, so the first entry is the least recently used daily indexer.
    private final LinkedHashMap<String, BulkIndexer<T>> open = new LinkedHashMap<>(8, 0.75f, true);
    private final ReentrantReadWriteLock inUse = new ReentrantReadWriteLock();
    private boolean closed;

    private IngestTarget(Spec<T> s, Mode mode, String name) {
        this.mode = mode;
        this.name = name;
        this.given = s.given;
        this.connection = s.connection;
        this.settings = s.settings;
        this.maxOpen = s.maxOpen;
        Consumer<BulkFailure> handler = s.failureHandler;
        // A replayed create into a data stream answers 409: the document is already there, not a failure.
        this.failureHandler = mode == Mode.DATA_STREAM
                ? f -> {
                    if (f.status() != 409) {
                        handler.accept(f);
                    }
                }
                : handler;
    }

    /** Returns whether writes are create-only (data streams). */
    boolean createOnly() {
        return mode == Mode.DATA_STREAM;
    }

    /** Returns the index or data stream name, or the prefix of daily indices. */
    String name() {
        return name;
    }

    /** Returns the index to write an event of this time to. */
    String indexFor(Instant time) {
        return mode == Mode.DAILY ? LogIndices.dailyIndex(name, time) : name;
    }

    /** Queues one document; may close the least recently used daily indexer to stay within maxOpen. */
    CompletableFuture<BulkItemResult> write(String index, String id, T document) {
        List<BulkIndexer<T>> evicted = new ArrayList<>(1);
        CompletableFuture<BulkItemResult> future;
        inUse.readLock().lock();
        try {
            BulkIndexer<T> indexer = indexer(index, evicted);
            future = createOnly() ? indexer.create(id, document) : indexer.index(id, document);
        } finally {
            inUse.readLock().unlock();
        }
        if (!evicted.isEmpty()) {
            closeWhenUnused(evicted);
        }
        return future;
    }

    /** Sends what is queued for these indices now. */
    void flush(Collection<String> indices) {
        if (given != null) {
            given.flush();
            return;
        }
        List<BulkIndexer<T>> toFlush = new ArrayList<>();
        synchronized (open) {
            for (String index : indices) {
                BulkIndexer<T> ix = open.get(index);
                if (ix != null) {
                    toFlush.add(ix);
                }
            }
        }
        toFlush.forEach(BulkIndexer::flush);
    }

    /** Closes the indexers created here (flushing and waiting for them); a passed-in indexer is left open. */
    @Override
    public void close() {
        List<BulkIndexer<T>> toClose;
        synchronized (open) {
            closed = true;
            toClose = new ArrayList<>(open.values());
            open.clear();
        }
        closeWhenUnused(toClose);
    }

    private void closeWhenUnused(List<BulkIndexer<T>> indexers) {
        // Writers hold the read lock from looking an indexer up until their add returns; once the write lock is
        // ours, nobody still holds a reference to these indexers (they are out of the map), so closing is safe.
        inUse.writeLock().lock();
        inUse.writeLock().unlock();
        for (BulkIndexer<T> ix : indexers) {
            LOG.debug("Closing bulk indexer [index={}]", ix.index());
            ix.close();
        }
    }

    private BulkIndexer<T> indexer(String index, List<BulkIndexer<T>> evicted) {
        if (given != null) {
            return given;
        }
        synchronized (open) {
            if (closed) {
                throw dev.tributary.core.TributaryRejectedException.of(
                        dev.tributary.core.TributaryRejectedException.Reason.CLOSED,
                        "the ingester is closed; build a new one", null);
            }
            BulkIndexer<T> ix = open.get(index);
            if (ix == null) {
                ix = create(index);
                open.put(index, ix);
                if (open.size() > maxOpen) {
                    Iterator<Map.Entry<String, BulkIndexer<T>>> eldest = open.entrySet().iterator();
                    evicted.add(eldest.next().getValue());
                    eldest.remove();
                }
            }
            return ix;
        }
    }

    private BulkIndexer<T> create(String index) {
        BulkIndexer.Builder<T> b = BulkIndexer.<T>builder(Objects.requireNonNull(connection), index);
        settings.accept(b);
        LOG.debug("Created bulk indexer [index={}, mode={}]", index, mode);
        return b.failureHandler(failureHandler).build();
    }

    /** The mutable target settings shared by the ingesters' builders. Not thread-safe. */
    static final class Spec<T> {
        private @Nullable OpenSearchConnection connection;
        private @Nullable Mode mode;
        private @Nullable String name;
        private @Nullable BulkIndexer<T> given;
        private Consumer<BulkIndexer.Builder<T>> settings = b -> { };
        private Consumer<BulkFailure> failureHandler = f -> { };
        private int maxOpen = 4;

        void connection(OpenSearchConnection connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
        }

        void named(Mode mode, String name) {
            this.mode = mode;
            this.name = Objects.requireNonNull(name, "name");
            this.given = null;
        }

        void given(Mode mode, BulkIndexer<T> indexer) {
            this.mode = mode;
            this.given = Objects.requireNonNull(indexer, "indexer");
            this.name = indexer.index();
        }

        void settings(Consumer<BulkIndexer.Builder<T>> settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        void failureHandler(Consumer<BulkFailure> handler) {
            this.failureHandler = Objects.requireNonNull(handler, "handler");
        }

        void maxOpen(int maxOpen) {
            this.maxOpen = maxOpen;
        }

        IngestTarget<T> build() {
            if (mode == null || name == null) {
                throw TributaryValidationException.of("target",
                        "set where documents go: index(...), dataStream(...) or dailyIndices(prefix)");
            }
            if (given == null && connection == null) {
                throw TributaryValidationException.of("connection", "is required unless a BulkIndexer is passed in");
            }
            if (maxOpen < 1) {
                throw TributaryValidationException.of("maxOpenIndices", "must be >= 1");
            }
            // Fails here, naming the rule, rather than on the first event.
            if (mode == Mode.DAILY) {
                LogIndices.dailyIndex(name, Instant.EPOCH);
            } else {
                IndexNames.validate(name);
            }
            return new IngestTarget<>(this, mode, name);
        }
    }
}
