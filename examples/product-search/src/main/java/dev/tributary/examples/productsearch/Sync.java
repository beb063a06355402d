package dev.tributary.examples.productsearch;

import dev.tributary.dynamo.CaptureListener;
import dev.tributary.dynamo.CaptureMetrics;
import dev.tributary.dynamo.ChangeCapture;
import dev.tributary.dynamo.DynamoDbCheckpointStore;
import dev.tributary.dynamo.TableBackfill;
import dev.tributary.opensearch.sync.ChangeEventIndexer;
import dev.tributary.opensearch.sync.DocumentVersions;
import dev.tributary.opensearch.sync.ExpectedDocument;
import dev.tributary.opensearch.sync.IndexReconciler;
import dev.tributary.opensearch.sync.ReconcileReport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/**
 * The pipeline: table backfill, then the table's stream, into the index through one
 * {@link ChangeEventIndexer} (external versions from {@link Product#getVersion()}, tombstones for deletes),
 * with checkpoints in DynamoDB so a later run resumes where this one stopped.
 *
 * <p>"Caught up" means the stream has gone quiet (no batch for half a second) and a probe finds nothing after
 * the checkpoint of any unfinished shard: every record written so far is indexed and checkpointed. Lag and throughput ({@link CaptureMetrics}) go to the log stream every few
 * seconds while the capture runs. Close it to stop the capture (gracefully) and flush the indexer.
 */
final class Sync implements AutoCloseable {
    static final String CONSUMER = "product-search";
    private static final int BATCH_SIZE = 1000;
    private static final Duration QUIET = Duration.ofMillis(500);

    private final Backends backends;
    private final @Nullable PrintStream log;
    private final ChangeEventIndexer<Product> indexer;
    private final ScheduledExecutorService reporter;
    private volatile long lastBatchNanos = System.nanoTime();
    private @Nullable ChangeCapture<Product> capture;
    private @Nullable DynamoDbCheckpointStore checkpoints;

    private Sync(Backends backends, @Nullable PrintStream log) {
        this.backends = backends;
        this.log = log;
        this.indexer = indexer(backends);
        this.reporter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sync-metrics");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Creates the table and index when missing and prepares the indexer; nothing is read yet.
     *
     * @param backends the clients
     * @param log where progress and metrics go (stderr), or null for silence
     * @return the sync; close it
     */
    static Sync open(Backends backends, @Nullable PrintStream log) {
        backends.ensureCreated();
        return new Sync(backends, log);
    }

    /** Returns the indexer every path writes through: versioned by the item's version attribute, tombstones on. */
    static ChangeEventIndexer<Product> indexer(Backends backends) {
        return ChangeEventIndexer.<Product>builder(backends.search(), backends.index())
                .versions(DocumentVersions.attribute((Product p) -> p.getVersion() == null ? 0 : p.getVersion()))
                .tombstones(true)
                .build();
    }

    /** Copies the whole table into the index with a parallel scan; returns the number of items copied. */
    long backfill() {
        long approx = backends.dynamo().describeTable(b -> b.tableName(backends.table())).table().itemCount();
        java.util.concurrent.atomic.AtomicLong copied = new java.util.concurrent.atomic.AtomicLong();
        ProgressBar bar = ProgressBar.start(log, "backfill", approx, copied::get);
        try {
            return TableBackfill.builder(backends.dynamo(), backends.table(), Backends.SCHEMA)
                    .segments(4).pageSize(1000).progress(copied::set).build().run(indexer);
        } finally {
            bar.finish();
        }
    }

    /** Starts reading the stream (from the checkpoint, or TRIM_HORIZON the first time) and reporting metrics. */
    void startCapture(Duration reportEvery) {
        DynamoDbCheckpointStore store = DynamoDbCheckpointStore.create(backends.dynamo(),
                backends.table() + "-checkpoints");
        store.createTableIfMissing();
        checkpoints = store;
        capture = ChangeCapture.builder(Backends.SCHEMA)
                .dynamoDbClient(backends.dynamo()).streamsClient(backends.streams())
                .tableName(backends.table())
                .consumerName(CONSUMER)
                .checkpointStore(store)
                .batchSize(BATCH_SIZE)
                .polling(Duration.ofMillis(20), Duration.ofMillis(200))
                .listener(new CaptureListener() {
                    @Override
                    public void onBatch(String shardId, int records, Duration lag) {
                        lastBatchNanos = System.nanoTime();
                    }
                })
                .handler("search", indexer)
                .build();
        lastBatchNanos = System.nanoTime();
        capture.start();
        if (log != null) {
            long ms = reportEvery.toMillis();
            reporter.scheduleAtFixedRate(this::report, ms, ms, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Waits until the capture has delivered at least {@code minRecords} records in all and the stream has
     * gone quiet (see the class comment).
     *
     * @param minRecords records the caller knows are in the stream (0 when unknown)
     * @param timeout how long to wait at most
     * @return whether it caught up in time
     */
    boolean awaitCaughtUp(long minRecords, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean quiet = System.nanoTime() - lastBatchNanos > QUIET.toNanos();
            CaptureMetrics m = metrics();
            if (quiet && m.records() >= minRecords && m.activeShards() + m.finishedShards() > 0 && atStreamEnd()) {
                return true;
            }
            Loader.sleep(quiet ? 400 : 100);
        }
        return false;
    }

    /** Returns whether no unfinished shard has a record after its checkpoint (one GetRecords per shard). */
    private boolean atStreamEnd() {
        ChangeCapture<Product> c = capture;
        DynamoDbCheckpointStore store = checkpoints;
        if (c == null || store == null) {
            return false;
        }
        String arn = c.streamArn();
        try {
            for (Shard shard : backends.streams().describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
                String id = shard.shardId();
                if (store.isFinished(CONSUMER, arn, id)) {
                    continue;
                }
                Optional<String> after = store.read(CONSUMER, arn, id);
                String iterator = backends.streams().getShardIterator(b -> {
                    b.streamArn(arn).shardId(id);
                    after.ifPresentOrElse(seq -> b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                            .sequenceNumber(seq), () -> b.shardIteratorType(ShardIteratorType.TRIM_HORIZON));
                }).shardIterator();
                if (!backends.streams().getRecords(b -> b.shardIterator(iterator).limit(1)).records().isEmpty()) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;   // throttled or a shard just split: ask again on the next round
        }
    }

    /** Returns when (System.nanoTime) the last batch was acknowledged and checkpointed. */
    long lastBatchNanos() {
        return lastBatchNanos;
    }

    /** Returns the capture's counters (zeros before {@link #startCapture}). */
    CaptureMetrics metrics() {
        ChangeCapture<Product> c = capture;
        return c != null ? c.metrics() : new CaptureMetrics(0, 0, 0, 0, 0, 0, 0, 0, Duration.ZERO, 0);
    }

    /** Returns how many writes OpenSearch acknowledged and how many of them were stale (a newer version won). */
    long[] writes() {
        return new long[] {indexer.metrics().written(), indexer.metrics().staleWrites()};
    }

    /**
     * Compares the index with the table (ids and versions) and repairs what differs.
     *
     * @param backends the clients
     * @return what was found (and fixed)
     */
    static ReconcileReport reconcile(Backends backends) {
        try (ChangeEventIndexer<Product> expected = indexer(backends)) {
            List<ExpectedDocument> docs = Collections.synchronizedList(new ArrayList<>());
            TableBackfill.builder(backends.dynamo(), backends.table(), Backends.SCHEMA).build()
                    .run(batch -> batch.forEach(e -> docs.add(expected.expected(e))));
            return IndexReconciler.create(backends.search(), backends.index(), true).reconcile(docs.stream());
        }
    }

    private void report() {
        CaptureMetrics m = metrics();
        if (log != null) {
            log.printf("capture  records=%,d  batches=%,d  lag=%.1fs  rate=%,.0f/s  indexed=%,d (stale %,d)  shards=%d%n",
                    m.records(), m.batches(), m.lag().toMillis() / 1000.0, m.recordsPerSecond(), indexer.metrics().written(),
                    indexer.metrics().staleWrites(), m.activeShards());
        }
    }

    @Override
    public void close() {
        reporter.shutdownNow();
        ChangeCapture<Product> c = capture;
        if (c != null) {
            c.close();
        }
        indexer.close();
    }
}
