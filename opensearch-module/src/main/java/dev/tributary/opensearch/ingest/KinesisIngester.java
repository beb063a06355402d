package dev.tributary.opensearch.ingest;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.BulkFailure;
import dev.tributary.opensearch.BulkIndexer;
import dev.tributary.opensearch.OpenSearchConnection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes Kinesis Data Streams records into OpenSearch: a decode function turns each record's bytes into a
 * document (or null to skip it), and each document gets a stable id, {@code <shardId>-<sequenceNumber>} by
 * default, so a redelivered batch overwrites what it wrote before instead of duplicating it.
 *
 * <p>A fixed index is written with {@code index} operations; a data stream with {@code create}, where a
 * replayed record answers 409 and counts as a {@link IngestResult#duplicates() duplicate} success. A decoder
 * or id function that throws fails that record only ({@code decode_failed}); the message names the exception
 * class, never the data. KPL-aggregated records are not de-aggregated: decode them yourself. Bulk indexers
 * created here are closed by {@link #close()}; one passed in is not. Thread-safe when the functions are.
 *
 * <pre>{@code
 * ObjectMapper json = new ObjectMapper();
 * try (KinesisIngester<JsonNode> orders = KinesisIngester.builder(json::readTree)
 *         .connection(connection)
 *         .index("orders")
 *         .idFunction((record, doc) -> doc.path("orderId").asText())   // optional
 *         .build()) {
 *     IngestResult r = orders.ingest(records);
 * }
 * }</pre>
 *
 * @param <T> the document type, serialised with the connection's Jackson mapper
 */
public final class KinesisIngester<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisIngester.class);

    /** Decodes record data into a document; returns null to skip the record. */
    @FunctionalInterface
    public interface Decoder<T> {
        /**
         * Decodes one record's data.
         *
         * @param data the record data
         * @return the document, or null to skip the record
         * @throws Exception when the data cannot be decoded; the record fails with {@code decode_failed}
         */
        @Nullable T decode(byte[] data) throws Exception;
    }

    private final Decoder<T> decoder;
    private final @Nullable BiFunction<KinesisRecord, T, String> idFunction;
    private final IngestTarget<T> target;

    private KinesisIngester(Builder<T> b) {
        this.decoder = b.decoder;
        this.idFunction = b.idFunction;
        this.target = b.spec.build();
    }

    /**
     * Starts a builder.
     *
     * @param decoder turns record data into a document, or null to skip the record
     * @param <T> the document type
     * @return the builder
     */
    public static <T> Builder<T> builder(Decoder<T> decoder) {
        return new Builder<>(decoder);
    }

    /**
     * Indexes records and waits until every document was written or failed for good.
     *
     * @param records the records, in shard order
     * @return what was written, skipped and failed; failures carry shard and sequence number
     * @throws dev.tributary.core.TributaryRejectedException ({@code CLOSED}) when the ingester is closed
     */
    public IngestResult ingest(List<KinesisRecord> records) {
        CompletableFuture<IngestResult> result = submit(records);
        target.flush(Set.of(target.name()));
        try {
            return result.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /**
     * Queues records without flushing: documents go out with the bulk indexer's next size- or time-based flush.
     * For long-running consumers; Lambda handlers use {@link #ingest}.
     *
     * @param records the records
     * @return completes when every document was written or failed for good
     */
    public CompletableFuture<IngestResult> ingestAsync(List<KinesisRecord> records) {
        return submit(records);
    }

    /** Closes the bulk indexer this ingester created, after its queued documents are written. */
    @Override
    public void close() {
        target.close();
    }

    private CompletableFuture<IngestResult> submit(List<KinesisRecord> records) {
        Objects.requireNonNull(records, "records");
        Outcomes outcomes = new Outcomes();
        String index = target.name();
        for (KinesisRecord r : records) {
            T doc;
            String id;
            try {
                doc = decoder.decode(r.data());
                if (doc == null) {
                    outcomes.skipped();
                    continue;
                }
                id = idFunction == null ? r.defaultId() : Objects.requireNonNull(idFunction.apply(r, doc), "id");
            } catch (Exception e) {
                outcomes.failed(new IngestFailure(null, index, r.shardId(), r.sequenceNumber(), -1, "decode_failed",
                        "The decoder or id function threw " + e.getClass().getSimpleName() + " for this record",
                        false));
                continue;
            }
            outcomes.send(target, index, id, doc, r.shardId(), r.sequenceNumber());
        }
        LOG.debug("Queued Kinesis records [op=kinesis.ingest, index={}, records={}]", index, records.size());
        return outcomes.result();
    }

    /**
     * Builds a {@link KinesisIngester}; validates at {@link #build()}. Not thread-safe.
     *
     * @param <T> the document type
     */
    public static final class Builder<T> {
        private final Decoder<T> decoder;
        private final IngestTarget.Spec<T> spec = new IngestTarget.Spec<>();
        private @Nullable BiFunction<KinesisRecord, T, String> idFunction;

        private Builder(Decoder<T> decoder) {
            this.decoder = Objects.requireNonNull(decoder, "decoder");
        }

        /** Sets the connection used to create the bulk indexer; required unless an indexer is passed in. */
        public Builder<T> connection(OpenSearchConnection connection) {
            spec.connection(connection);
            return this;
        }

        /** Writes to one fixed index (or alias), with index operations. */
        public Builder<T> index(String index) {
            spec.named(IngestTarget.Mode.INDEX, index);
            return this;
        }

        /** Writes with index operations through an indexer the caller built and closes. */
        public Builder<T> index(BulkIndexer<T> indexer) {
            spec.given(IngestTarget.Mode.INDEX, indexer);
            return this;
        }

        /** Writes to a data stream with create operations (documents need {@code @timestamp}). */
        public Builder<T> dataStream(String dataStream) {
            spec.named(IngestTarget.Mode.DATA_STREAM, dataStream);
            return this;
        }

        /** Writes with create operations through an indexer (on a data stream) the caller built and closes. */
        public Builder<T> dataStream(BulkIndexer<T> indexer) {
            spec.given(IngestTarget.Mode.DATA_STREAM, indexer);
            return this;
        }

        /**
         * Derives the document id from the record and document instead of {@code <shardId>-<sequenceNumber>}.
         * It must give the same id on every redelivery, or replays duplicate documents.
         */
        public Builder<T> idFunction(BiFunction<KinesisRecord, T, String> idFunction) {
            this.idFunction = Objects.requireNonNull(idFunction, "idFunction");
            return this;
        }

        /** Receives documents that failed for good in the indexer created here (a dead letter). */
        public Builder<T> failureHandler(Consumer<BulkFailure> handler) {
            spec.failureHandler(handler);
            return this;
        }

        /** Tunes the bulk indexer created here; a failure handler set here is replaced by {@link #failureHandler}. */
        public Builder<T> indexerSettings(Consumer<BulkIndexer.Builder<T>> settings) {
            spec.settings(settings);
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the ingester
         * @throws TributaryValidationException when no target is set, the connection is missing, or the name
         *     breaks the index-name rules
         */
        public KinesisIngester<T> build() {
            return new KinesisIngester<>(this);
        }
    }
}
