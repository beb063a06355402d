package dev.tributary.dynamo.kcl;

import com.amazonaws.services.dynamodbv2.streamsadapter.AmazonDynamoDBStreamsAdapterClient;
import com.amazonaws.services.dynamodbv2.streamsadapter.StreamsSchedulerFactory;
import com.amazonaws.services.dynamodbv2.streamsadapter.polling.DynamoDBStreamsPollingConfig;
import dev.tributary.core.ChangeHandler;
import dev.tributary.core.ClientSettings;
import dev.tributary.core.TributaryRejectedException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.core.support.ClientHolder;
import dev.tributary.dynamo.CaptureBuilder;
import dev.tributary.dynamo.CaptureMetrics;
import dev.tributary.dynamo.ChangeCapture;
import dev.tributary.dynamo.FailurePolicy;
import dev.tributary.dynamo.StartPosition;
import dev.tributary.dynamo.StreamRecordMapper;
import dev.tributary.dynamo.internal.CaptureConfig;
import dev.tributary.dynamo.kcl.internal.EagerLeaseTableSetup;
import dev.tributary.dynamo.kcl.internal.KclRuntime;
import dev.tributary.dynamo.kcl.internal.KillSwitch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseSerializer;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.StreamTracker;
import software.amazon.kinesis.retrieval.RetrievalConfig;

/**
 * Consumes a DynamoDB table's stream with the Kinesis Client Library 3.x through the DynamoDB Streams Kinesis
 * adapter 2.x, so that any number of processes share the shards: KCL owns leases (in a DynamoDB table named
 * after {@link Builder#applicationName}), rebalancing between workers and checkpoints; Tributary maps records
 * with the {@link StreamRecordMapper}, delivers them to {@link ChangeHandler}s under their {@link FailurePolicy}
 * exactly as {@link ChangeCapture} does, and checkpoints after every batch all handlers acknowledged.
 *
 * <p><b>Choosing.</b> {@link ChangeCapture} runs in one process and keeps checkpoints in a
 * {@link dev.tributary.dynamo.CheckpointStore}; use this class when several processes must share one stream.
 * Both take the same handlers and policies, so the choice can be a configuration switch.
 *
 * <p><b>Dependencies.</b> KCL ({@code software.amazon.kinesis:amazon-kinesis-client} 3.x) and the adapter
 * ({@code com.amazonaws:dynamodb-streams-kinesis-adapter} 2.x) are optional dependencies of
 * {@code tributary-dynamo}: the application must declare them to use this class.
 *
 * <p><b>Guarantees.</b> At least once: after a crash or a lease moving to another worker, records since the
 * last checkpoint are delivered again, so handlers must be idempotent. Records of one shard are delivered in
 * order, one batch after another; KCL processes a child shard only after its parent's end was checkpointed.
 * When a policy stops a shard, this process stops checkpointing it and ignores its further batches; the
 * lease keeps the last checkpoint until the process restarts ({@link #stoppedShards()}). Records the stream
 * trimmed before they were read are skipped by KCL and not reported as gaps.
 *
 * <p><b>Lifecycle.</b> {@link #start()} runs the KCL scheduler on its own thread; {@link #close()} asks KCL for
 * a graceful shutdown (each processor checkpoints what its handlers acknowledged; KCL 3 leaves the leases to
 * expire, so another worker takes them after the failover time), waits up to the shutdown timeout, then closes
 * the clients it built. Clients passed in are never closed. Thread-safe. CloudWatch metrics are off
 * unless {@link Builder#metrics} is set. {@link #abort()} stops the worker as a killed process would, for tests of
 * failover. {@link Builder#timings} sets how fast KCL starts and fails over ({@link KclTimings}).
 *
 * <pre>{@code
 * try (KclChangeCapture<User> capture = KclChangeCapture.builder(TableSchema.fromBean(User.class))
 *         .applicationName("welcome-mailer")          // also the KCL lease table
 *         .streamArn(streamArn)
 *         .clientSettings(ClientSettings.builder().region(Region.EU_WEST_1).build())
 *         .handler("welcome", welcomeHandler, FailurePolicy.deadLetter(dlq))
 *         .build()) {
 *     capture.start();
 *     ...
 * }
 * }</pre>
 *
 * @param <T> the item type
 */
public final class KclChangeCapture<T> implements dev.tributary.dynamo.ChangeStreamConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(KclChangeCapture.class);
    private static final Duration HARD_STOP_WAIT = Duration.ofSeconds(5);

    private final Scheduler scheduler;
    private final KclRuntime<T> runtime;
    private final String applicationName;
    private final String streamArn;
    private final String workerIdentifier;
    private final List<AutoCloseable> owned;
    private final Duration shutdownTimeout;
    private final KillSwitch killSwitch;
    private @Nullable Thread thread;
    private boolean closed;

    private KclChangeCapture(Scheduler scheduler, KclRuntime<T> runtime, String applicationName, String streamArn,
            String workerIdentifier, List<AutoCloseable> owned, Duration shutdownTimeout, KillSwitch killSwitch) {
        this.scheduler = scheduler;
        this.runtime = runtime;
        this.applicationName = applicationName;
        this.streamArn = streamArn;
        this.workerIdentifier = workerIdentifier;
        this.owned = owned;
        this.shutdownTimeout = shutdownTimeout;
        this.killSwitch = killSwitch;
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

    /**
     * Starts a builder that maps records with {@code mapper}, such as {@code StreamRecordMapper.raw("pk", "sk")}.
     *
     * @param mapper the mapper
     * @param <T> the item type
     * @return the builder
     */
    public static <T> Builder<T> builder(StreamRecordMapper<T> mapper) {
        return new Builder<>(Objects.requireNonNull(mapper, "mapper"));
    }

    /**
     * Starts a builder whose images are raw attribute maps.
     *
     * @return the builder
     */
    public static Builder<Map<String, AttributeValue>> raw() {
        return new Builder<>(StreamRecordMapper.raw());
    }

    /**
     * Starts the KCL scheduler on a daemon thread: it creates the lease table if needed, takes leases and
     * delivers records. Returns at once; idempotent.
     *
     * @throws TributaryRejectedException ({@link TributaryRejectedException.Reason#CLOSED CLOSED}) when the
     *     capture was closed or aborted
     */
    public synchronized void start() {
        if (closed) {
            throw TributaryRejectedException.of(TributaryRejectedException.Reason.CLOSED, "KclChangeCapture '"
                    + applicationName + "' is closed; build a new one to start again", null);
        }
        if (thread != null) {
            return;
        }
        runtime.started();
        Thread t = new Thread(scheduler, "tributary-kcl-" + applicationName);
        t.setDaemon(true);
        t.start();
        thread = t;
        LOG.debug("KCL scheduler started [application={}, worker={}]", applicationName, workerIdentifier);
    }

    /**
     * Returns the KCL application name, which is also the name of the lease table.
     *
     * @return the application name
     */
    public String applicationName() {
        return applicationName;
    }

    /**
     * Returns the stream being read.
     *
     * @return the stream ARN
     */
    public String streamArn() {
        return streamArn;
    }

    /**
     * Returns this worker's identifier, as written into the leases it owns.
     *
     * @return the worker identifier
     */
    public String workerIdentifier() {
        return workerIdentifier;
    }

    /**
     * Returns a snapshot of this process's counters; {@code gaps} is always 0 (KCL does not report them).
     *
     * @return the metrics
     */
    public CaptureMetrics metrics() {
        return runtime.metrics();
    }

    /**
     * Returns the shards this process stopped because a failure policy said so; each holds its last checkpoint
     * until the process restarts.
     *
     * @return shard ids, unmodifiable
     */
    public Set<String> stoppedShards() {
        return runtime.stoppedShards();
    }

    /**
     * Shuts KCL down gracefully (processors checkpoint what was acknowledged; leases expire and are taken by
     * other workers), waiting up to the builder's {@linkplain CaptureBuilder#shutdownTimeout shutdown timeout},
     * then closes the clients this capture built. Idempotent; never throws.
     */
    @Override
    public void close() {
        close(shutdownTimeout);
    }

    /**
     * Shuts down like {@link #close()}, waiting up to {@code timeout} for KCL's graceful shutdown instead of the
     * builder's shutdown timeout. Idempotent: only the first {@code close}, {@code close(Duration)} or
     * {@link #abort()} has an effect.
     *
     * @param timeout how long processors may take to checkpoint what was acknowledged
     */
    @Override
    public synchronized void close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (closed) {
            return;
        }
        closed = true;
        runtime.stopping();
        Thread t = thread;
        if (t != null) {
            shutDown(t, timeout);
        } else {
            try {
                scheduler.shutdown();
            } catch (RuntimeException e) {
                LOG.debug("Shutting down a scheduler that never ran failed [application={}]", applicationName, e);
            }
        }
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Closing a client failed [application={}]", applicationName, e);
            }
        }
    }

    /**
     * Stops this worker as if its process were killed, so tests can check failover to other workers: no graceful
     * shutdown, no checkpoint, and its leases and (if it leads) its leader lock stay in the tables until they
     * expire and another worker takes them. From the moment this method is called no call of this worker's
     * KCL reaches AWS any more (its lease and Streams clients fail every call) and no new batch reaches a handler;
     * a batch being delivered is cut off like at {@link #close()} and not checkpointed. Returns once no handler
     * call is running, waiting up to the {@linkplain Builder#shutdownTimeout shutdown timeout} for one that
     * started before; KCL's threads then stop in the background (KCL logs their failed calls) and the clients
     * this capture built are closed. Afterwards {@link #start()} throws as after {@link #close()}; {@code close()}
     * does nothing. Idempotent; does nothing after {@code close()}. Meant for tests: in production, use
     * {@code close()}.
     *
     * <pre>{@code
     * survivor.start();
     * victim.start();
     * // ... once victim holds leases:
     * victim.abort();            // survivor takes victim's leases after they expire (KclTimings#failoverTime)
     * }</pre>
     */
    @Override
    public synchronized void abort() {
        if (closed) {
            return;
        }
        closed = true;
        killSwitch.trip();
        runtime.stopping();
        if (!killSwitch.awaitIdle(shutdownTimeout)) {
            LOG.warn("A handler call was still running {} after abort; it may still return [application={},"
                    + " worker={}]", shutdownTimeout, applicationName, workerIdentifier);
        }
        Thread t = thread;
        Thread stopper = new Thread(() -> stopAborted(t), "tributary-kcl-abort-" + applicationName);
        stopper.setDaemon(true);
        stopper.start();
        LOG.debug("KCL worker aborted [application={}, worker={}]", applicationName, workerIdentifier);
    }

    /** Lets KCL's threads run down (every call they make fails), then closes the clients this capture built. */
    private void stopAborted(@Nullable Thread t) {
        try {
            scheduler.shutdown();
            if (t != null) {
                t.join(shutdownTimeout.toMillis());
                t.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("Stopping an aborted KCL worker failed [application={}]", applicationName, e);
        }
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("Closing a client after abort failed [application={}]", applicationName, e);
            }
        }
    }

    private void shutDown(Thread t, Duration timeout) {
        boolean graceful = false;
        try {
            graceful = Boolean.TRUE.equals(
                    scheduler.startGracefulShutdown().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("KCL graceful shutdown failed [application={}]", applicationName, e);
        }
        if (!graceful) {
            LOG.warn("KCL graceful shutdown did not finish in {}; shutting down at once, batches not yet checkpointed"
                    + " will be delivered again [application={}]", timeout, applicationName);
            // Scheduler.shutdown() can block while KCL is still initialising: never let it hold close() up.
            Thread stopper = new Thread(scheduler::shutdown, "tributary-kcl-stop-" + applicationName);
            stopper.setDaemon(true);
            stopper.start();
        }
        try {
            t.join(graceful ? timeout.toMillis() : HARD_STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warn("KCL scheduler thread did not stop; it is a daemon thread and is interrupted [application={}]",
                    applicationName);
            t.interrupt();
        }
        LOG.debug("KCL scheduler stopped [application={}, worker={}]", applicationName, workerIdentifier);
    }

    /**
     * Builds a {@link KclChangeCapture}; validates at {@link #build()}. The setters shared with
     * {@link ChangeCapture} come from {@link CaptureBuilder}: the stream ARN is required, the Streams client's
     * region is passed to the adapter, the lease client (built from {@code clientSettings} when not passed in)
     * keeps the SDK's standard retries because KCL relies on them, and the listener's {@code onGap} is never
     * called (KCL does not report trimmed records). Not thread-safe.
     *
     * @param <T> the item type
     */
    public static final class Builder<T> extends CaptureBuilder<T, Builder<T>> {
        private @Nullable String applicationName;
        private @Nullable DynamoDbAsyncClient leases;
        private @Nullable CloudWatchAsyncClient cloudWatch;
        private MetricsLevel metricsLevel = MetricsLevel.NONE;
        private @Nullable String workerIdentifier;
        private @Nullable Duration pollInterval;
        private Consumer<LeaseManagementConfig> leaseCustomizer = c -> { };
        private Consumer<CoordinatorConfig> coordinatorCustomizer = c -> { };
        private KclTimings timings = KclTimings.defaults();

        private Builder(StreamRecordMapper<T> mapper) {
            super(mapper);
        }

        /**
         * Names the KCL application; it is also the name of the DynamoDB lease table (created by KCL when
         * missing) and must be the same in every process that shares the stream. Required.
         *
         * @param name the application name
         * @return this builder
         */
        public Builder<T> applicationName(String name) {
            this.applicationName = name;
            return this;
        }

        /**
         * Uses the user's asynchronous DynamoDB client for KCL's lease, coordinator-state and worker-metrics
         * tables; never closed.
         *
         * @param client the client
         * @return this builder
         */
        public Builder<T> leaseClient(DynamoDbAsyncClient client) {
            this.leases = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Publishes KCL's own metrics to CloudWatch at {@code level}; by default metrics are off
         * ({@link MetricsLevel#NONE}) and no CloudWatch client is needed. The client is never closed.
         *
         * @param client the CloudWatch client
         * @param level SUMMARY or DETAILED (NONE turns metrics off again)
         * @return this builder
         */
        public Builder<T> metrics(CloudWatchAsyncClient client, MetricsLevel level) {
            this.cloudWatch = Objects.requireNonNull(client, "client");
            this.metricsLevel = Objects.requireNonNull(level, "level");
            return this;
        }

        /**
         * Names this worker in the lease table; must be unique per process. Default: a random UUID.
         *
         * @param id the worker identifier
         * @return this builder
         */
        public Builder<T> workerIdentifier(String id) {
            this.workerIdentifier = id;
            return this;
        }

        /**
         * Same as {@link #batchSize}.
         *
         * @param maxRecords the limit
         * @return this builder
         * @deprecated use {@link #batchSize}, the name both capture engines share
         */
        @Deprecated
        public Builder<T> maxRecords(int maxRecords) {
            return batchSize(maxRecords);
        }

        /**
         * Sets KCL's pause between GetRecords calls of one shard; default KCL's.
         *
         * @param interval the pause, at least 1 ms
         * @return this builder
         */
        public Builder<T> pollInterval(Duration interval) {
            this.pollInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * Sets KCL's timings: failover, lease assignment, worker metrics, parent-shard polling, the scheduler loop
         * and lease-table setup. Default {@link KclTimings#defaults()}; {@link KclTimings#fast()} gets the first
         * record within seconds on DynamoDB Local. Applied before {@link #leaseManagement} and
         * {@link #coordinator}, which may still change any KCL setting.
         *
         * @param timings the timings
         * @return this builder
         */
        public Builder<T> timings(KclTimings timings) {
            this.timings = Objects.requireNonNull(timings, "timings");
            return this;
        }

        /**
         * Adjusts KCL's lease settings (failover time, billing mode, leases per worker, table tags...) before the
         * scheduler is built. An escape hatch: settings made here are KCL's, not validated by Tributary.
         *
         * @param customizer changes the configuration in place
         * @return this builder
         */
        public Builder<T> leaseManagement(Consumer<LeaseManagementConfig> customizer) {
            this.leaseCustomizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * Adjusts KCL's coordinator settings (parent-shard poll interval, client version...) before the scheduler
         * is built. An escape hatch like {@link #leaseManagement}.
         *
         * @param customizer changes the configuration in place
         * @return this builder
         */
        public Builder<T> coordinator(Consumer<CoordinatorConfig> customizer) {
            this.coordinatorCustomizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * Validates, builds the clients not passed in and the KCL scheduler (no call is made to AWS yet).
         *
         * @return the capture, not yet started
         * @throws TributaryValidationException naming the missing or invalid setting
         */
        public KclChangeCapture<T> build() {
            CaptureConfig<T> config = common();
            validate(config);
            String app = Objects.requireNonNull(applicationName);
            String arn = Objects.requireNonNull(config.streamArn());
            InitialPositionInStreamExtended position = InitialPositionInStreamExtended.newInitialPosition(
                    config.startPosition() == StartPosition.LATEST ? InitialPositionInStream.LATEST
                            : InitialPositionInStream.TRIM_HORIZON);
            StreamTracker tracker;
            try {
                tracker = StreamsSchedulerFactory.createSingleStreamTracker(arn, position);
            } catch (IllegalArgumentException e) {
                throw TributaryValidationException.of("streamArn", "is not a DynamoDB stream ARN"
                        + " (arn:aws:dynamodb:<region>:<account>:table/<table>/stream/<label>)");
            }
            KclRuntime<T> runtime = new KclRuntime<>(arn, config.mapper(), config.handlers(), config.unmappable(),
                    config.listener(), config.clock());
            List<AutoCloseable> owned = new ArrayList<>();
            try {
                return assemble(config, app, arn, tracker, runtime, owned);
            } catch (RuntimeException e) {
                owned.forEach(Builder::closeQuietly);
                throw e;
            }
        }

        private void validate(CaptureConfig<T> config) {
            if (applicationName == null || applicationName.isBlank()) {
                throw TributaryValidationException.of("applicationName", "is required: it names the KCL lease table");
            }
            if (!applicationName.matches("[a-zA-Z0-9_.-]{3,255}")) {
                throw TributaryValidationException.of("applicationName", "must be 3-255 characters of a-z, A-Z, 0-9,"
                        + " '_', '-' and '.', as DynamoDB table names are");
            }
            String streamArn = config.streamArn();
            if (streamArn == null || streamArn.isBlank()) {
                throw TributaryValidationException.of("streamArn", "is required");
            }
            if (pollInterval != null && pollInterval.toMillis() < 1) {
                throw TributaryValidationException.of("pollInterval", "must be at least 1 ms");
            }
            if (workerIdentifier != null && workerIdentifier.isBlank()) {
                throw TributaryValidationException.of("workerIdentifier", "must not be blank");
            }
            if (metricsLevel != MetricsLevel.NONE && cloudWatch == null) {
                throw TributaryValidationException.of("metrics", "a CloudWatch client is required for KCL metrics");
            }
        }

        private KclChangeCapture<T> assemble(CaptureConfig<T> config, String app, String arn, StreamTracker tracker,
                KclRuntime<T> runtime, List<AutoCloseable> owned) {
            ClientSettings s = config.clientSettings();
            DynamoDbStreamsClient streamsClient = config.streams();
            if (streamsClient == null) {
                streamsClient = s.applyTo(DynamoDbStreamsClient.builder(),
                        UrlConnectionHttpClient.builder().connectionTimeout(s.connectTimeout())).build();
                owned.add(ClientHolder.owned(streamsClient));
            }
            DynamoDbAsyncClient leaseClient = leases;
            if (leaseClient == null) {
                leaseClient = s.applyTo(DynamoDbAsyncClient.builder())
                        .overrideConfiguration(s.overrideConfiguration().toBuilder()
                                .retryStrategy(AwsRetryStrategy.defaultRetryStrategy()).build())
                        .build();
                owned.add(ClientHolder.owned(leaseClient));
            }
            Region region = streamsClient.serviceClientConfiguration().region();
            if (region == null) {
                throw TributaryValidationException.of("streamsClient", "has no region: set one on the client or in"
                        + " clientSettings");
            }
            // abort() cuts this worker off AWS through these guards, as a killed process would be.
            KillSwitch killSwitch = new KillSwitch();
            DynamoDbStreamsClient guardedStreams = killSwitch.guard(DynamoDbStreamsClient.class, streamsClient);
            DynamoDbAsyncClient guardedLeases = killSwitch.guard(DynamoDbAsyncClient.class, leaseClient);
            // Never closed itself: its close() only closes the Streams client it wraps, which may be the user's.
            AmazonDynamoDBStreamsAdapterClient adapter = new AmazonDynamoDBStreamsAdapterClient(guardedStreams, region);
            String worker = workerIdentifier != null ? workerIdentifier : UUID.randomUUID().toString();
            CloudWatchAsyncClient metricsClient = killSwitch.guard(CloudWatchAsyncClient.class,
                    cloudWatch != null ? cloudWatch : NoCloudWatch.INSTANCE);
            ConfigsBuilder configs = new ConfigsBuilder(tracker, app, adapter, guardedLeases, metricsClient, worker,
                    killSwitch.processors(runtime));

            DynamoDBStreamsPollingConfig polling = new DynamoDBStreamsPollingConfig(arn, adapter);
            polling.maxRecords(config.batchSize());
            if (pollInterval != null) {
                polling.idleTimeBetweenReadsInMillis(pollInterval.toMillis());
            }
            RetrievalConfig retrieval = configs.retrievalConfig().retrievalSpecificConfig(polling);
            MetricsConfig metrics = configs.metricsConfig().metricsLevel(metricsLevel);
            if (metricsLevel == MetricsLevel.NONE) {
                metrics.metricsFactory(new NullMetricsFactory());
            }
            LeaseManagementConfig leaseConfig = configs.leaseManagementConfig();
            CoordinatorConfig coordinatorConfig = configs.coordinatorConfig();
            configure(leaseConfig, coordinatorConfig, tracker);
            Scheduler scheduler = StreamsSchedulerFactory.createScheduler(configs.checkpointConfig(), coordinatorConfig,
                    leaseConfig, configs.lifecycleConfig(), metrics, configs.processorConfig(), retrieval, adapter);
            return new KclChangeCapture<>(scheduler, runtime, app, arn, worker, List.copyOf(owned),
                    config.shutdownTimeout(),
                    killSwitch);
        }

        /** Timings first, then the user's customizers, which win; eager setup keeps any callback they set. */
        private void configure(LeaseManagementConfig leaseConfig, CoordinatorConfig coordinatorConfig,
                StreamTracker tracker) {
            timings.applyTo(leaseConfig, coordinatorConfig);
            leaseCustomizer.accept(leaseConfig);
            coordinatorCustomizer.accept(coordinatorConfig);
            if (timings.eagerLeaseTableSetup()) {
                // Looked up when the callback runs: the adapter installs its lease management factory in
                // createScheduler, after the factory has read this callback.
                leaseConfig.tableCreatorCallback(new EagerLeaseTableSetup(leaseConfig.tableCreatorCallback(),
                        () -> leaseConfig.leaseManagementFactory(new DynamoDBLeaseSerializer(), false),
                        tracker.streamConfigList().get(0)));
            }
        }

        private static void closeQuietly(AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("Closing a client after a failed build failed", e);
            }
        }
    }

    /** Stands in for CloudWatch when metrics are off: KCL requires a client but never calls it then. */
    private static final class NoCloudWatch implements CloudWatchAsyncClient {
        static final NoCloudWatch INSTANCE = new NoCloudWatch();

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {}
    }
}
