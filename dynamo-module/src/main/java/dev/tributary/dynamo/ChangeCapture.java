package dev.tributary.dynamo;

import dev.tributary.core.ChangeHandler;
import dev.tributary.core.ClientSettings;
import dev.tributary.core.Resilience;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.core.TributaryRejectedException;
import dev.tributary.core.TributaryServiceException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.core.support.ClientHolder;
import dev.tributary.dynamo.internal.CaptureConfig;
import dev.tributary.dynamo.internal.CapturePipeline;
import dev.tributary.dynamo.internal.StreamEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Consumes a DynamoDB table's stream in this process and delivers typed {@link dev.tributary.core.ChangeEvent}s
 * to {@link ChangeHandler}s: shard lineage respected (a parent shard is read to its end before its children),
 * one reader per shard, checkpoints committed only after every handler acknowledged a batch, poison records
 * isolated by the {@link FailurePolicy}, lag and throughput reported.
 *
 * <p><b>Guarantees.</b> Delivery is at least once: after a crash, batches since the last checkpoint are
 * delivered again, so handlers must be idempotent (see {@link IdempotentHandler}). Events of one item arrive
 * in stream order; batches of one shard are delivered one after another; different shards run in parallel.
 * Records the stream trimmed (24-hour retention) before they were read are reported as gaps
 * ({@link CaptureListener#onGap}), never silently skipped.
 *
 * <p>Thread-safe. {@link #close()} stops gracefully: each reader finishes its current call, a batch that every
 * handler acknowledged is checkpointed, and one cut off by the shutdown comes again after a restart. Clients
 * passed in are never closed; clients built from {@link Builder#clientSettings} are.
 *
 * <pre>{@code
 * try (ChangeCapture<User> capture = ChangeCapture.builder(TableSchema.fromBean(User.class))
 *         .clientSettings(ClientSettings.builder().region(Region.EU_WEST_1).build())
 *         .tableName("users")
 *         .consumerName("welcome-mailer")
 *         .checkpointStore(DynamoDbCheckpointStore.create(dynamo, "tributary-checkpoints"))
 *         .handler("welcome", welcomeHandler, FailurePolicy.deadLetter(dlq))
 *         .build()) {
 *     capture.start();
 *     ...
 * }
 * }</pre>
 *
 * @param <T> the item type
 */
public final class ChangeCapture<T> implements ChangeStreamConsumer {
    private final StreamEngine<T> engine;
    private final String streamArn;
    private final List<ClientHolder<?>> owned;
    private final Duration shutdownTimeout;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ChangeCapture(StreamEngine<T> engine, String streamArn, List<ClientHolder<?>> owned, Duration shutdownTimeout) {
        this.engine = engine;
        this.streamArn = streamArn;
        this.owned = owned;
        this.shutdownTimeout = shutdownTimeout;
    }

    /**
     * Starts a builder whose images are mapped with {@code schema}.
     *
     * @param schema the Enhanced Client table schema (bean, immutable or static)
     * @param <T> the item type
     * @return the builder
     */
    public static <T> Builder<T> builder(TableSchema<T> schema) {
        return new Builder<>(StreamRecordMapper.of(schema));
    }

    /** Starts a builder whose images are raw attribute maps. */
    public static Builder<Map<String, AttributeValue>> raw() {
        return new Builder<>(StreamRecordMapper.raw());
    }

    /**
     * Starts reading: shard discovery now, then every shard-sync interval. A second call while running does
     * nothing.
     *
     * @throws TributaryRejectedException ({@link TributaryRejectedException.Reason#CLOSED CLOSED}) after
     *     {@link #close()} or {@link #abort()}: build a new capture instead
     */
    @Override
    public void start() {
        if (engine.closed()) {
            throw TributaryRejectedException.of(TributaryRejectedException.Reason.CLOSED, "ChangeCapture for "
                    + streamArn + " is closed; build a new one to start again", null);
        }
        engine.start();
    }

    /** Returns the stream being read. */
    @Override
    public String streamArn() {
        return streamArn;
    }

    /** Returns a snapshot of the counters and lag. */
    @Override
    public CaptureMetrics metrics() {
        return engine.metrics();
    }

    /**
     * Returns the shards stopped by a failure policy; each holds its last checkpoint until the capture restarts.
     *
     * @return shard ids, unmodifiable
     */
    public java.util.Set<String> stoppedShards() {
        return engine.stoppedShards();
    }

    /**
     * Stops: readers finish their current call and checkpoint what every handler acknowledged, for up to the
     * builder's {@linkplain CaptureBuilder#shutdownTimeout shutdown timeout}; a batch cut off by the shutdown is
     * neither checkpointed nor dead-lettered, so it comes again after a restart. Then closes the clients it
     * built. Idempotent; never throws.
     */
    @Override
    public void close() {
        close(shutdownTimeout);
    }

    /**
     * Stops like {@link #close()}, draining for up to {@code timeout} instead of the builder's shutdown timeout.
     * Idempotent: only the first {@code close}, {@code close(Duration)} or {@link #abort()} has an effect.
     *
     * @param timeout how long in-flight batches may take to finish; readers still running then are interrupted
     */
    @Override
    public void close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        engine.stop(timeout);
        owned.forEach(ClientHolder::close);
    }

    /**
     * Stops at once, as a killed process would: shard readers are interrupted mid-batch, nothing more is
     * checkpointed or dead-lettered, and batches since the last checkpoint come again to the next capture of
     * the same consumer. Waits (up to the shutdown timeout) for the reader threads to end, then closes the
     * clients it built. Does nothing after {@link #close()}. A supported hook for recovery tests; production
     * code calls {@link #close()}.
     */
    @Override
    public void abort() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        engine.abort(shutdownTimeout);
        owned.forEach(ClientHolder::close);
    }

    /**
     * Builds a {@link ChangeCapture}; validates at {@link #build()}. The setters shared with
     * {@code KclChangeCapture} come from {@link CaptureBuilder}. Not thread-safe.
     *
     * @param <T> the item type
     */
    public static final class Builder<T> extends CaptureBuilder<T, Builder<T>> {
        private @Nullable DynamoDbClient dynamo;
        private @Nullable String tableName;
        private String consumerName = "default";
        private CheckpointStore checkpoints = InMemoryCheckpointStore.create();
        private int maxBatchesInFlight = 8;
        private Duration minIdle = Duration.ofMillis(250);
        private Duration maxIdle = Duration.ofSeconds(2);
        private Duration shardSyncInterval = Duration.ofSeconds(10);
        private ResilienceSettings resilience = ResilienceSettings.defaults();

        private Builder(StreamRecordMapper<T> mapper) {
            super(mapper);
        }

        /** Uses the user's DynamoDB client (to find the stream of {@link #tableName}); never closed. */
        public Builder<T> dynamoDbClient(DynamoDbClient client) {
            this.dynamo = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Reads the latest stream of this table; exclusive with {@link #streamArn}. */
        public Builder<T> tableName(String tableName) {
            this.tableName = tableName;
            return this;
        }

        /** Names the consumer; checkpoints are kept per consumer. Default {@code default}. */
        public Builder<T> consumerName(String name) {
            this.consumerName = name;
            return this;
        }

        /** Sets where checkpoints live; default in memory. */
        public Builder<T> checkpointStore(CheckpointStore store) {
            this.checkpoints = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Sets how many batches of one shard may be in flight when every handler is a
         * {@link dev.tributary.core.PipelinedChangeHandler} (such as the OpenSearch {@code ChangeEventIndexer}):
         * the next batch is handed over before the previous one is acknowledged, checkpoints still advance in
         * stream order, and a refused batch is delivered again with every later one. Default 8: more than the
         * handler's own concurrency (the {@code ChangeEventIndexer} sends 4 requests at once), so a slow oldest
         * batch does not hold back the next ones while its requests' slots are free (measured: sync-vs-limit
         * 0.77 with 4, 0.81 with 8, in benchmarks/RESULTS.md). A batch is at most 1 MB (the GetRecords limit), so
         * a shard that is behind holds at most about 12 MB: 8 batches in flight, up to 3 pages read ahead and the
         * page being handed over. 1 hands batches over one at a time. Other handlers always get one batch at a
         * time.
         *
         * @param maxBatchesInFlight 1-16
         * @return this builder
         */
        public Builder<T> maxBatchesInFlight(int maxBatchesInFlight) {
            this.maxBatchesInFlight = maxBatchesInFlight;
            return this;
        }

        /** Sets the polling pause: {@code min} after a short batch, growing to {@code max} on an empty shard. */
        public Builder<T> polling(Duration min, Duration max) {
            this.minIdle = Objects.requireNonNull(min, "min");
            this.maxIdle = Objects.requireNonNull(max, "max");
            return this;
        }

        /** Sets how often shards are listed; default 10 s (a finished shard triggers a listing at once). */
        public Builder<T> shardSyncInterval(Duration interval) {
            this.shardSyncInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** Sets retries and circuit breaking for Streams API calls. */
        public Builder<T> resilience(ResilienceSettings settings) {
            this.resilience = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Validates, resolves the stream ARN and builds.
         *
         * @return the capture, not yet started
         * @throws TributaryValidationException naming the missing or invalid setting
         * @throws CaptureException {@link CaptureFailure#TABLE_NOT_FOUND} when the table does not exist,
         *     {@link CaptureFailure#STREAM_NOT_ENABLED} when it has no stream
         */
        public ChangeCapture<T> build() {
            CaptureConfig<T> config = common();
            if ((tableName == null) == (config.streamArn() == null)) {
                throw TributaryValidationException.of("tableName", "set exactly one of tableName or streamArn");
            }
            if (maxBatchesInFlight < 1 || maxBatchesInFlight > 16) {
                throw TributaryValidationException.of("maxBatchesInFlight", "must be 1-16");
            }
            if (consumerName.isBlank() || consumerName.contains("|")) {
                throw TributaryValidationException.of("consumerName", "must be non-blank without '|'");
            }
            List<ClientHolder<?>> owned = new ArrayList<>();
            DynamoDbStreamsClient streamsClient = config.streams();
            if (streamsClient == null) {
                ClientSettings s = config.clientSettings();
                streamsClient = s.applyTo(DynamoDbStreamsClient.builder(),
                        UrlConnectionHttpClient.builder().connectionTimeout(s.connectTimeout())).build();
                owned.add(ClientHolder.owned(streamsClient));
            }
            String arn = config.streamArn();
            if (arn == null) {
                DynamoDbClient d = dynamo;
                if (d == null) {
                    ClientSettings s = config.clientSettings();
                    d = s.applyTo(DynamoDbClient.builder(),
                            UrlConnectionHttpClient.builder().connectionTimeout(s.connectTimeout())).build();
                    owned.add(ClientHolder.owned(d));
                }
                DynamoDbClient lookup = d;
                String table = Objects.requireNonNull(tableName);
                try {
                    arn = Resilience.create("dynamodb." + table, resilience).execute("dynamodb.DescribeTable",
                            () -> lookup.describeTable(b -> b.tableName(table)).table().latestStreamArn());
                } catch (TributaryServiceException e) {
                    owned.forEach(ClientHolder::close);
                    if (e.errorCode().filter("ResourceNotFoundException"::equals).isPresent()) {
                        throw CaptureException.of(CaptureFailure.TABLE_NOT_FOUND, "Table '" + table + "' does not"
                                + " exist: create it (StreamTables.ensureTable) or fix tableName, region and account",
                                e);
                    }
                    throw e;
                } catch (RuntimeException e) {
                    owned.forEach(ClientHolder::close);
                    throw e;
                }
                if (arn == null) {
                    owned.forEach(ClientHolder::close);
                    throw CaptureException.of(CaptureFailure.STREAM_NOT_ENABLED, "Table '" + table + "' has no"
                            + " stream: enable a stream (NEW_AND_OLD_IMAGES recommended) with"
                            + " StreamTables.ensureTable or UpdateTable", null);
                }
            }
            String source = arn;
            int inFlight = maxBatchesInFlight;
            StreamEngine<T> engine = new StreamEngine<>(streamsClient, arn, consumerName, checkpoints,
                    running -> new CapturePipeline<>(source, config.mapper(), config.handlers(), config.unmappable(),
                            config.listener(), config.clock(), running, inFlight),
                    config.batchSize(), config.startPosition(), minIdle, maxIdle, shardSyncInterval,
                    Resilience.create("dynamodbstreams." + consumerName, resilience));
            return new ChangeCapture<>(engine, arn, owned, config.shutdownTimeout());
        }
    }
}
