package dev.tributary.dynamo.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.testkit.AwsShapedStreams;
import dev.tributary.testkit.DdbLocalArnStreamsClient;
import dev.tributary.testkit.DynamoDbLocalExtension;
import dev.tributary.testkit.LocalDynamoDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Two {@link KclChangeCapture} workers (same application, so one lease table) share a stream of several shards:
 * {@link AwsShapedStreams} splits DynamoDB Local's single shard, so each worker owns shards. While writes keep
 * flowing, one worker dies ({@link KclChangeCapture#abort()}) or leaves ({@link KclChangeCapture#close()}), and the
 * other takes its leases. Every written change must be delivered at least once (duplicates are counted and
 * logged), and within one delivery run (one worker reading one shard without going back) each key's changes in
 * write order.
 *
 * <p>The worker that dies is the one that is not KCL's leader: a dead leader holds its leader lock, which KCL
 * fixes at 2 minutes, before anyone assigns its leases ({@code -Dtributary.kcl.abortLeader=true} kills the leader
 * instead). The worker that leaves gracefully is the leader, so leadership moves too; KCL 3 releases the leader
 * lock on a graceful shutdown but leaves the leases in the table until they expire.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class KclScaleOutIT {
    private static final Logger LOG = LoggerFactory.getLogger(KclScaleOutIT.class);
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration LEADER_WAIT = Duration.ofSeconds(300);
    private static final int MAX_SPLITS = 3;

    private final KclLocalTables kcl;
    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient local;
    private final DynamoDbAsyncClient leases;
    private final List<AutoCloseable> cleanUps = new ArrayList<>();

    KclScaleOutIT(LocalDynamoDb server) {
        this.kcl = new KclLocalTables(server);
        this.dynamo = kcl.dynamo;
        this.local = kcl.streams;
        this.leases = kcl.leases;
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : cleanUps) {
            c.close();
        }
        kcl.close();
    }

    @Test
    void abort_workerOwningShards_survivorTakesItsLeasesAndEveryChangeArrives() throws Exception {
        Fleet fleet = startFleetOwningShards("kill");
        boolean killLeader = Boolean.getBoolean("tributary.kcl.abortLeader");
        String leader = fleet.leaseTable.leader();
        KclChangeCapture<Map<String, AttributeValue>> victim = killLeader == fleet.a.workerIdentifier().equals(leader)
                ? fleet.a : fleet.b;
        KclChangeCapture<Map<String, AttributeValue>> survivor = victim == fleet.a ? fleet.b : fleet.a;
        Set<String> victimShards = fleet.leaseTable.openLeasesOf(victim.workerIdentifier());
        Set<String> survivorShards = fleet.leaseTable.openLeasesOf(survivor.workerIdentifier());
        assertThat(victimShards).as("the worker to abort owns open shards").isNotEmpty();

        long before = fleet.recorder.deliveriesOf(victim.workerIdentifier());
        await(WAIT, () -> fleet.recorder.deliveriesOf(victim.workerIdentifier()) > before,
                "the worker to abort is delivering");
        long abortedAt = System.nanoTime();
        victim.abort();
        long victimDeliveries = fleet.recorder.deliveriesOf(victim.workerIdentifier());
        assertThat(fleet.leaseTable.openLeasesOf(victim.workerIdentifier()))
                .as("abort() releases no lease: they stay the dead worker's until they expire").isEqualTo(victimShards);
        LOG.info("Aborted {} (leader: {}) owning {}; survivor {} owned {}", victim.workerIdentifier(), leader,
                victimShards, survivor.workerIdentifier(), survivorShards);

        await(killLeader ? LEADER_WAIT : WAIT, () -> fleet.leaseTable.openLeasesOf(survivor.workerIdentifier())
                .containsAll(victimShards), "survivor owns the aborted worker's shards");
        LOG.info("Survivor took over after {} ms", (System.nanoTime() - abortedAt) / 1_000_000);
        await(WAIT, () -> fleet.recorder.shardsReadBy(survivor.workerIdentifier(), abortedAt).stream()
                .anyMatch(victimShards::contains), "survivor delivers from the aborted worker's shards");
        fleet.writer.stop();
        fleet.awaitEverythingDelivered();

        assertThat(fleet.recorder.deliveriesOf(victim.workerIdentifier()))
                .as("no handler call of the aborted worker after abort() returned").isEqualTo(victimDeliveries);
        assertThat(fleet.leaseTable.openLeasesOf(survivor.workerIdentifier()))
                .as("survivor's leases grew").hasSizeGreaterThan(survivorShards.size());
        fleet.assertOrderPerRun();
    }

    @Test
    void close_leaderOwningShards_otherWorkerTakesOverAndEveryChangeArrives() throws Exception {
        Fleet fleet = startFleetOwningShards("handover");
        String leader = fleet.leaseTable.leader();
        KclChangeCapture<Map<String, AttributeValue>> leaving = fleet.a.workerIdentifier().equals(leader)
                ? fleet.a : fleet.b;
        KclChangeCapture<Map<String, AttributeValue>> staying = leaving == fleet.a ? fleet.b : fleet.a;
        Set<String> leavingShards = fleet.leaseTable.openLeasesOf(leaving.workerIdentifier());
        Set<String> stayingShards = fleet.leaseTable.openLeasesOf(staying.workerIdentifier());
        assertThat(leavingShards).as("the worker to close owns open shards").isNotEmpty();

        long before = fleet.recorder.deliveriesOf(leaving.workerIdentifier());
        await(WAIT, () -> fleet.recorder.deliveriesOf(leaving.workerIdentifier()) > before,
                "the worker to close is delivering");
        long closedAt = System.nanoTime();
        leaving.close();
        long leavingDeliveries = fleet.recorder.deliveriesOf(leaving.workerIdentifier());
        LOG.info("Closed {} (leader: {}) owning {} in {} ms; {} owned {}", leaving.workerIdentifier(), leader,
                leavingShards, (System.nanoTime() - closedAt) / 1_000_000, staying.workerIdentifier(), stayingShards);
        // KCL 3 checkpoints and gives up leadership on a graceful shutdown, but leaves the leases to expire.
        await(WAIT, () -> fleet.leaseTable.openLeasesOf(staying.workerIdentifier()).containsAll(leavingShards),
                "the remaining worker owns the closed worker's shards");
        LOG.info("Remaining worker took over after {} ms", (System.nanoTime() - closedAt) / 1_000_000);
        await(WAIT, () -> fleet.recorder.shardsReadBy(staying.workerIdentifier(), closedAt).stream()
                .anyMatch(leavingShards::contains), "the remaining worker delivers from the closed worker's shards");
        fleet.writer.stop();
        fleet.awaitEverythingDelivered();

        assertThat(fleet.recorder.deliveriesOf(leaving.workerIdentifier()))
                .as("no handler call of the closed worker after close() returned").isEqualTo(leavingDeliveries);
        fleet.assertOrderPerRun();
    }

    /**
     * Starts worker a, then b, with writes flowing, and splits the stream until each worker owns an open shard.
     */
    private Fleet startFleetOwningShards(String name) throws Exception {
        String table = kcl.sourceTable("kcl-scale-" + name, "id");
        String app = kcl.application("kcl-scale-app-" + name);
        String streamArn = kcl.awsStreamArn(table);
        AwsShapedStreams shaped = AwsShapedStreams.builder().delegate(local).seed(name.hashCode()).build();
        cleanUps.add(shaped);
        DynamoDbStreamsClient streams = DdbLocalArnStreamsClient.wrap(shaped);

        DeliveryRecorder recorder = new DeliveryRecorder();
        ChangeWriter writer = new ChangeWriter(dynamo, table, 12, Duration.ofMillis(40));
        Fleet fleet = new Fleet(worker(app, streamArn, streams, "worker-a", recorder),
                worker(app, streamArn, streams, "worker-b", recorder), recorder, writer,
                new LeaseTableView(dynamo, app));
        cleanUps.add(0, writer::stop);
        writer.start();
        fleet.a.start();
        await(WAIT, () -> recorder.deliveriesOf("worker-a") > 0, "worker-a delivers");
        fleet.b.start();
        for (int split = 1; ; split++) {
            shaped.split();
            boolean spread = awaitQuietly(Duration.ofSeconds(30), () -> fleet.leaseTable.everyOpenLeaseOwned()
                    && !fleet.leaseTable.openLeasesOf("worker-a").isEmpty()
                    && !fleet.leaseTable.openLeasesOf("worker-b").isEmpty());
            LOG.info("After split {}: worker-a owns {}, worker-b owns {}", split,
                    fleet.leaseTable.openLeasesOf("worker-a"), fleet.leaseTable.openLeasesOf("worker-b"));
            if (spread) {
                break;
            }
            assertThat(split).as("splits until each worker owns an open shard").isLessThan(MAX_SPLITS);
        }
        assertThat(shaped.splits()).isPositive();
        await(WAIT, () -> recorder.deliveriesOf("worker-b") > 0, "worker-b delivers");
        return fleet;
    }

    private KclChangeCapture<Map<String, AttributeValue>> worker(String app, String streamArn,
            DynamoDbStreamsClient streams, String id, DeliveryRecorder recorder) {
        KclChangeCapture<Map<String, AttributeValue>> capture = KclChangeCapture.raw()
                .applicationName(app)
                .streamArn(streamArn)
                .streamsClient(streams)
                .leaseClient(leases)
                .workerIdentifier(id)
                .timings(KclTimings.fast())
                .pollInterval(Duration.ofMillis(200))
                .shutdownTimeout(Duration.ofSeconds(20))
                .handler("record", events -> recorder.record(id, events))
                .build();
        cleanUps.add(0, capture);
        return capture;
    }

    static void await(Duration wait, BooleanSupplier condition, String what) {
        Awaitility.await(what).atMost(wait).pollInterval(Duration.ofMillis(200)).until(condition::getAsBoolean);
    }

    /** Waits like {@link #await} but returns false instead of failing when {@code wait} runs out. */
    private static boolean awaitQuietly(Duration wait, BooleanSupplier condition) {
        try {
            Awaitility.await().atMost(wait).pollInterval(Duration.ofMillis(200)).until(condition::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** The two workers and what watches them. */
    private record Fleet(KclChangeCapture<Map<String, AttributeValue>> a, KclChangeCapture<Map<String, AttributeValue>> b,
            DeliveryRecorder recorder, ChangeWriter writer, LeaseTableView leaseTable) {

        void awaitEverythingDelivered() throws InterruptedException {
            Map<String, Integer> written = writer.written();
            await(WAIT, () -> recorder.missing(written).isEmpty(), "every written change delivered");
            assertThat(recorder.missing(written)).isEmpty();
            int changes = written.values().stream().mapToInt(Integer::intValue).sum();
            LOG.info("Delivered all {} changes of {} keys: {} deliveries, {} duplicates, {} runs; per worker {}",
                    changes, written.size(), recorder.total(), recorder.total() - changes, recorder.runs(),
                    recorder.perWorker());
        }

        void assertOrderPerRun() {
            Map<String, List<Integer>> outOfOrder = recorder.outOfOrderRuns();
            assertThat(outOfOrder).as("each key's changes in write order within every delivery run").isEmpty();
        }
    }

    /** Reads the KCL lease table and the leader lock directly. */
    private record LeaseTableView(DynamoDbClient dynamo, String app) {
        private static final String SHARD_END = "SHARD_END";

        Set<String> openLeasesOf(String worker) {
            return openLeases().entrySet().stream().filter(e -> worker.equals(e.getValue()))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
        }

        boolean everyOpenLeaseOwned() {
            return openLeases().values().stream().noneMatch(String::isEmpty);
        }

        /** Lease key to owner ("" when none) of every lease not read to its end. */
        private Map<String, String> openLeases() {
            Map<String, String> open = new HashMap<>();
            for (Map<String, AttributeValue> item : dynamo.scan(b -> b.tableName(app).consistentRead(true)).items()) {
                AttributeValue checkpoint = item.get("checkpoint");
                if (checkpoint != null && SHARD_END.equals(checkpoint.s())) {
                    continue;
                }
                AttributeValue owner = item.get("leaseOwner");
                open.put(item.get("leaseKey").s(), owner == null || owner.s() == null ? "" : owner.s());
            }
            return open;
        }

        String leader() {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(app + "-CoordinatorState")
                    .consistentRead(true).key(Map.of("key", AttributeValue.fromS("Leader")))).item();
            return item == null || !item.containsKey("ownerName") ? "" : item.get("ownerName").s();
        }
    }
}
