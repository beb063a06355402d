package dev.tributary.dynamo.kcl.internal;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.common.StreamConfig;
import software.amazon.kinesis.coordinator.DeletedStreamListProvider;
import software.amazon.kinesis.leases.LeaseManagementFactory;
import software.amazon.kinesis.leases.LeaseRefresher;
import software.amazon.kinesis.leases.dynamodb.TableCreatorCallback;
import software.amazon.kinesis.leases.dynamodb.TableCreatorCallbackInput;
import software.amazon.kinesis.lifecycle.TaskResult;
import software.amazon.kinesis.metrics.NullMetricsFactory;

/**
 * Runs right after this worker created the KCL lease table (KCL calls table-creator callbacks only in the worker
 * whose CreateTable succeeded): creates the {@code LeaseOwnerToLeaseKeyIndex} and waits for it in short steps,
 * then syncs the stream's shards into leases with KCL's own shard-sync task. KCL would do both a moment later,
 * but polls the index every 10 s and sleeps a random 1-30 s before a first sync while the table is empty; with
 * the table filled it skips that sync. Every step is idempotent, since KCL calls the callback again when it
 * retries its initialisation. A failure is logged and leaves the rest to KCL.
 */
public final class EagerLeaseTableSetup implements TableCreatorCallback {
    private static final Logger LOG = LoggerFactory.getLogger(EagerLeaseTableSetup.class);
    private static final Duration INDEX_POLL = Duration.ofMillis(100);
    private static final Duration INDEX_WAIT = Duration.ofMinutes(2);

    private final TableCreatorCallback next;
    private final Supplier<LeaseManagementFactory> factory;
    private final StreamConfig stream;

    /**
     * Creates the callback.
     *
     * @param next the callback configured before, called first
     * @param factory the lease management factory KCL uses, looked up when the callback runs
     * @param stream the stream whose shards become leases
     */
    public EagerLeaseTableSetup(TableCreatorCallback next, Supplier<LeaseManagementFactory> factory,
            StreamConfig stream) {
        this.next = next;
        this.factory = factory;
        this.stream = stream;
    }

    @Override
    public void performAction(TableCreatorCallbackInput input) {
        next.performAction(input);
        String table = input.tableName();
        try {
            LeaseManagementFactory leases = factory.get();
            LeaseRefresher refresher = leases.createLeaseRefresher();
            if (!indexActive(refresher, table)) {
                return;
            }
            if (!refresher.isLeaseTableEmpty()) {
                return;
            }
            TaskResult result = leases.createShardSyncTaskManager(new NullMetricsFactory(), stream,
                    new DeletedStreamListProvider()).callShardSyncTask();
            if (result.getException() != null) {
                LOG.warn("Eager shard sync failed; KCL syncs after its own pause [table={}]", table,
                        result.getException());
            } else {
                LOG.debug("Lease table set up eagerly [table={}]", table);
            }
        } catch (Exception e) {
            LOG.warn("Eager lease table setup failed; KCL sets the table up itself [table={}]", table, e);
        }
    }

    private static boolean indexActive(LeaseRefresher refresher, String table) throws Exception {
        refresher.createLeaseOwnerToLeaseKeyIndexIfNotExists();
        long deadline = System.nanoTime() + INDEX_WAIT.toNanos();
        while (!refresher.isLeaseOwnerToLeaseKeyIndexActive()) {
            if (System.nanoTime() > deadline) {
                LOG.warn("Lease table index not active after {}; KCL waits for it itself [table={}]", INDEX_WAIT, table);
                return false;
            }
            try {
                Thread.sleep(INDEX_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
