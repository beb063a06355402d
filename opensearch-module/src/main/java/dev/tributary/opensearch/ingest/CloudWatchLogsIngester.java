package dev.tributary.opensearch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.BulkFailure;
import dev.tributary.opensearch.BulkIndexer;
import dev.tributary.opensearch.OpenSearchConnection;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes CloudWatch Logs subscription payloads into OpenSearch: one document per log event, with the event id
 * as document id, so a redelivered payload overwrites what it wrote before instead of duplicating it.
 *
 * <p>Each document holds {@code @timestamp} (ISO-8601 from the event time), {@code message},
 * {@code logGroup}, {@code logStream} and {@code owner}; when the message is a JSON object its fields are
 * added under {@code fields} (so {@code {"level":"ERROR"}} becomes {@code fields.level}) where they cannot clash
 * with the envelope's. Different applications may still log the same key with different types: map
 * {@code fields} as {@code flat_object} in an index template ({@code LogIndices.ensureTemplate}) when that
 * happens, or such documents fail with a mapping error. Control messages are dropped.
 *
 * <p>Targets:
 * <ul>
 *   <li>{@link Builder#dailyIndices(String)}: {@code <prefix>-yyyy.MM.dd} by event time (UTC), written with
 *       {@code index} operations, so a replay replaces documents with themselves;</li>
 *   <li>{@link Builder#index(String)}: one fixed index, also with {@code index} operations;</li>
 *   <li>{@link Builder#dataStream(String)}: data streams accept only {@code create}; a replayed event answers
 *       409 (the id exists), which is counted as {@link IngestResult#duplicates() duplicate} success and never
 *       reaches the failure handler. Ids are unique per backing index only: an event replayed after the stream
 *       rolled over is written again into the new backing index.</li>
 * </ul>
 * Bulk indexers created here are closed by {@link #close()}; one passed in is not, and its own failure handler
 * sees data-stream duplicates as 409 failures. Thread-safe.
 *
 * <pre>{@code
 * try (CloudWatchLogsIngester logs = CloudWatchLogsIngester.builder()
 *         .connection(connection)
 *         .dailyIndices("cwl-app")
 *         .failureHandler(deadLetters::add)
 *         .build()) {
 *     IngestResult r = logs.ingest(CloudWatchLogsPayload.decode(awslogsData));
 * }
 * }</pre>
 */
public final class CloudWatchLogsIngester implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CloudWatchLogsIngester.class);

    private final IngestTarget<JsonNode> target;
    private final boolean parseJsonMessages;

    private CloudWatchLogsIngester(Builder b) {
        this.target = b.spec.build();
        this.parseJsonMessages = b.parseJsonMessages;
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Indexes one payload and waits until every document was written or failed for good.
     *
     * @param payload the decoded payload
     * @return what was written, dropped and failed
     * @throws dev.tributary.core.TributaryRejectedException ({@code CLOSED}) when the ingester is closed
     */
    public IngestResult ingest(CloudWatchLogsPayload payload) {
        Submitted s = submit(payload);
        target.flush(s.indices());
        return join(s.result());
    }

    /**
     * Indexes several payloads (such as the records of one Kinesis batch) and waits for all of them.
     *
     * @param payloads the decoded payloads
     * @return the sum of their results
     */
    public IngestResult ingest(Collection<CloudWatchLogsPayload> payloads) {
        Set<String> indices = new LinkedHashSet<>();
        CompletableFuture<IngestResult> all = CompletableFuture.completedFuture(IngestResult.empty());
        for (CloudWatchLogsPayload p : payloads) {
            Submitted s = submit(p);
            indices.addAll(s.indices());
            all = all.thenCombine(s.result(), IngestResult::plus);
        }
        target.flush(indices);
        return join(all);
    }

    /**
     * Queues one payload without flushing: documents go out with the bulk indexer's next size- or time-based
     * flush, batched with other payloads. For long-running consumers; Lambda handlers use {@link #ingest}.
     *
     * @param payload the decoded payload
     * @return completes when every document was written or failed for good
     */
    public CompletableFuture<IngestResult> ingestAsync(CloudWatchLogsPayload payload) {
        return submit(payload).result();
    }

    /** Closes the bulk indexers this ingester created, after their queued documents are written. */
    @Override
    public void close() {
        target.close();
    }

    private record Submitted(Set<String> indices, CompletableFuture<IngestResult> result) {}

    private Submitted submit(CloudWatchLogsPayload payload) {
        Objects.requireNonNull(payload, "payload");
        Outcomes outcomes = new Outcomes();
        Set<String> indices = new LinkedHashSet<>();
        if (payload.isControl()) {
            LOG.debug("Dropped CloudWatch Logs control message");
            outcomes.droppedControlMessage();
            return new Submitted(indices, outcomes.result());
        }
        for (CloudWatchLogsPayload.LogEvent event : payload.logEvents()) {
            String index = target.indexFor(event.time());
            indices.add(index);
            outcomes.send(target, index, event.id(), LogDocuments.document(payload, event, parseJsonMessages, false),
                    null, null);
        }
        LOG.debug("Queued CloudWatch Logs events [op=cloudwatchLogs.ingest, events={}, indices={}]",
                payload.logEvents().size(), indices);
        return new Submitted(indices, outcomes.result());
    }

    private static IngestResult join(CompletableFuture<IngestResult> result) {
        try {
            return result.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /** Builds a {@link CloudWatchLogsIngester}; validates at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private final IngestTarget.Spec<JsonNode> spec = new IngestTarget.Spec<>();
        private boolean parseJsonMessages = true;

        private Builder() {}

        /** Sets the connection used to create bulk indexers; required unless an indexer is passed in. */
        public Builder connection(OpenSearchConnection connection) {
            spec.connection(connection);
            return this;
        }

        /** Writes to daily indices {@code <prefix>-yyyy.MM.dd} by event time (UTC), with index operations. */
        public Builder dailyIndices(String prefix) {
            spec.named(IngestTarget.Mode.DAILY, prefix);
            return this;
        }

        /** Writes to one fixed index (or alias), with index operations. */
        public Builder index(String index) {
            spec.named(IngestTarget.Mode.INDEX, index);
            return this;
        }

        /** Writes with index operations through an indexer the caller built and closes. */
        public Builder index(BulkIndexer<JsonNode> indexer) {
            spec.given(IngestTarget.Mode.INDEX, indexer);
            return this;
        }

        /** Writes to a data stream with create operations; a 409 on replay counts as a duplicate success. */
        public Builder dataStream(String dataStream) {
            spec.named(IngestTarget.Mode.DATA_STREAM, dataStream);
            return this;
        }

        /** Writes with create operations through an indexer (on a data stream) the caller built and closes. */
        public Builder dataStream(BulkIndexer<JsonNode> indexer) {
            spec.given(IngestTarget.Mode.DATA_STREAM, indexer);
            return this;
        }

        /** Sets how many daily indexers stay open at once (least recently used ones are closed); default 4. */
        public Builder maxOpenIndices(int maxOpenIndices) {
            spec.maxOpen(maxOpenIndices);
            return this;
        }

        /** Parses JSON-object messages into {@code fields} (default true). */
        public Builder parseJsonMessages(boolean parseJsonMessages) {
            this.parseJsonMessages = parseJsonMessages;
            return this;
        }

        /**
         * Receives documents that failed for good in indexers created here (a dead letter); runs on an I/O
         * thread. Data-stream duplicates are not passed on.
         */
        public Builder failureHandler(Consumer<BulkFailure> handler) {
            spec.failureHandler(handler);
            return this;
        }

        /**
         * Tunes the bulk indexers created here (batch size, concurrency, retries, listener). A failure handler set
         * here is replaced: use {@link #failureHandler}.
         */
        public Builder indexerSettings(Consumer<BulkIndexer.Builder<JsonNode>> settings) {
            spec.settings(settings);
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the ingester
         * @throws TributaryValidationException when no target is set, the connection is missing, or a name breaks
         *     the index-name rules
         */
        public CloudWatchLogsIngester build() {
            return new CloudWatchLogsIngester(this);
        }
    }
}
