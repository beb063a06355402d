package dev.tributary.dynamo.kcl;

import dev.tributary.core.TributaryValidationException;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.leases.LeaseManagementConfig;

/**
 * The KCL timings that decide how fast a {@link KclChangeCapture} starts, fails over and moves on to child shards.
 * Immutable and thread-safe; pass it to {@link KclChangeCapture.Builder#timings}.
 *
 * <p><b>What a first start waits for</b> (KCL 3.1.1 with Streams adapter 2.0.1, on a new lease table): the lease
 * table's index ({@code LeaseOwnerToLeaseKeyIndex}, polled every 10 s by KCL), a random 1-30 s pause before the
 * first shard sync (KCL's guard against many workers syncing at once; checked every 3 s), the
 * {@linkplain Builder#shardSyncInterval shard-sync interval} after that sync (60 s in KCL, which the adapter means
 * to set to 0 but sets too late), the first worker-metrics report (2 s), then the leader's
 * {@linkplain Builder#leaseAssignmentInterval lease assignment} (every 2 x failover time), the worker's lease
 * discovery (twice per assignment interval), the {@linkplain Builder#shardConsumerDispatchInterval dispatch loop}
 * (three turns to initialise a shard) and the first {@code GetRecords} after the poll interval. On DynamoDB Local
 * that added up to about 110 s before the first record with KCL's values and about 5 s with {@link #fast()}.
 *
 * <p><b>What failover waits for.</b> A worker that dies keeps its leases until they are
 * {@linkplain Builder#failoverTime expired} and the leader's next assignment gives them to a live worker; a worker
 * counts as alive for two {@linkplain Builder#workerMetricsReportInterval worker-metrics reports}. If the dead
 * worker was the leader, KCL first waits out its leader lock, which KCL fixes at 2 minutes and no setting changes.
 * A graceful {@link KclChangeCapture#close()} checkpoints and gives up leadership at once, but KCL 3 leaves its
 * leases in the table until they expire, so they also move after the failover time.
 *
 * <pre>{@code
 * KclChangeCapture.raw()
 *         .timings(KclTimings.fast())                                     // tests on DynamoDB Local
 *         .timings(KclTimings.defaults().toBuilder().failoverTime(Duration.ofSeconds(5)).build())  // or tune one
 *         ...
 * }</pre>
 */
public final class KclTimings {
    private static final Duration MIN_FAILOVER = Duration.ofSeconds(1);
    private static final Duration MIN_ASSIGNMENT = Duration.ofMillis(100);
    private static final Duration MIN_REPORT = Duration.ofSeconds(1);
    private static final Duration MIN_LOOP = Duration.ofMillis(10);

    private final Duration failoverTime;
    private final @Nullable Duration leaseAssignmentInterval;
    private final Duration workerMetricsReportInterval;
    private final Duration shardSyncInterval;
    private final Duration parentShardPollInterval;
    private final Duration shardConsumerDispatchInterval;
    private final boolean eagerLeaseTableSetup;

    private KclTimings(Builder b) {
        this.failoverTime = b.failoverTime;
        this.leaseAssignmentInterval = b.leaseAssignmentInterval;
        this.workerMetricsReportInterval = b.workerMetricsReportInterval;
        this.shardSyncInterval = b.shardSyncInterval;
        this.parentShardPollInterval = b.parentShardPollInterval;
        this.shardConsumerDispatchInterval = b.shardConsumerDispatchInterval;
        this.eagerLeaseTableSetup = b.eagerLeaseTableSetup;
    }

    /**
     * Returns KCL 3.1.1's own values (failover 10 s, assignment every 20 s, worker metrics every 30 s, parent
     * shards polled every 10 s, dispatch every 1 s, KCL's lease-table setup) except the shard-sync interval, which
     * is 0 as the Streams adapter intends: KCL's 60 s would hold every first start for a minute. What a
     * {@link KclChangeCapture} uses unless {@link KclChangeCapture.Builder#timings} says otherwise.
     *
     * @return the defaults
     */
    public static KclTimings defaults() {
        return builder().build();
    }

    /**
     * Returns timings for tests and local development, where the first record arrives within seconds and a dead
     * worker's leases move within about 10 s: failover 4 s, assignment every 1 s, worker metrics every 3 s, parent
     * shards polled every 500 ms, dispatch every 250 ms and {@linkplain Builder#eagerLeaseTableSetup eager lease
     * table setup}. On AWS they cost DynamoDB requests all the time: the leader scans the lease and worker-metrics
     * tables every second, each worker queries its leases twice a second and renews each about every 1.3 s.
     *
     * @return the fast timings
     */
    public static KclTimings fast() {
        return builder()
                .failoverTime(Duration.ofSeconds(4))
                .leaseAssignmentInterval(Duration.ofSeconds(1))
                .workerMetricsReportInterval(Duration.ofSeconds(3))
                .parentShardPollInterval(Duration.ofMillis(500))
                .shardConsumerDispatchInterval(Duration.ofMillis(250))
                .eagerLeaseTableSetup(true)
                .build();
    }

    /**
     * Returns a builder holding {@link #defaults()}.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding these timings, to change some of them.
     *
     * @return the builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Returns how long a lease lives without renewal; KCL's {@code failoverTimeMillis}.
     *
     * @return the failover time
     */
    public Duration failoverTime() {
        return failoverTime;
    }

    /**
     * Returns how often the leader assigns leases: the set interval, or twice the failover time when none was set.
     *
     * @return the interval
     */
    public Duration leaseAssignmentInterval() {
        return leaseAssignmentInterval != null ? leaseAssignmentInterval : failoverTime.multipliedBy(2);
    }

    /**
     * Returns how often each worker writes its metrics row; KCL's {@code workerMetricsReporterFreqInMillis}.
     *
     * @return the interval
     */
    public Duration workerMetricsReportInterval() {
        return workerMetricsReportInterval;
    }

    /**
     * Returns how long a shard sync that created leases holds its task; KCL's {@code shardSyncIntervalMillis}.
     *
     * @return the interval
     */
    public Duration shardSyncInterval() {
        return shardSyncInterval;
    }

    /**
     * Returns how often a child shard checks whether its parents are done; KCL's
     * {@code parentShardPollIntervalMillis}.
     *
     * @return the interval
     */
    public Duration parentShardPollInterval() {
        return parentShardPollInterval;
    }

    /**
     * Returns the pause of KCL's scheduler loop; KCL's {@code shardConsumerDispatchPollIntervalMillis}.
     *
     * @return the interval
     */
    public Duration shardConsumerDispatchInterval() {
        return shardConsumerDispatchInterval;
    }

    /**
     * Returns whether the worker that creates the lease table also creates its index and syncs shards at once.
     *
     * @return true when eager
     */
    public boolean eagerLeaseTableSetup() {
        return eagerLeaseTableSetup;
    }

    /** Writes these timings into KCL's configuration; eager setup is wired by the caller, which knows the stream. */
    void applyTo(LeaseManagementConfig lease, CoordinatorConfig coordinator) {
        lease.failoverTimeMillis(failoverTime.toMillis());
        if (leaseAssignmentInterval != null) {
            lease.leaseAssignmentIntervalMillis(leaseAssignmentInterval.toMillis());
        }
        lease.workerUtilizationAwareAssignmentConfig().workerMetricsReporterFreqInMillis(
                workerMetricsReportInterval.toMillis());
        lease.shardSyncIntervalMillis(shardSyncInterval.toMillis());
        coordinator.parentShardPollIntervalMillis(parentShardPollInterval.toMillis());
        coordinator.shardConsumerDispatchPollIntervalMillis(shardConsumerDispatchInterval.toMillis());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof KclTimings)) {
            return false;
        }
        KclTimings t = (KclTimings) o;
        return failoverTime.equals(t.failoverTime) && Objects.equals(leaseAssignmentInterval, t.leaseAssignmentInterval)
                && workerMetricsReportInterval.equals(t.workerMetricsReportInterval)
                && shardSyncInterval.equals(t.shardSyncInterval) && parentShardPollInterval.equals(t.parentShardPollInterval)
                && shardConsumerDispatchInterval.equals(t.shardConsumerDispatchInterval)
                && eagerLeaseTableSetup == t.eagerLeaseTableSetup;
    }

    @Override
    public int hashCode() {
        return Objects.hash(failoverTime, leaseAssignmentInterval, workerMetricsReportInterval, shardSyncInterval,
                parentShardPollInterval, shardConsumerDispatchInterval, eagerLeaseTableSetup);
    }

    @Override
    public String toString() {
        return "KclTimings[failoverTime=" + failoverTime + ", leaseAssignmentInterval=" + leaseAssignmentInterval()
                + ", workerMetricsReportInterval=" + workerMetricsReportInterval + ", shardSyncInterval="
                + shardSyncInterval + ", parentShardPollInterval=" + parentShardPollInterval
                + ", shardConsumerDispatchInterval=" + shardConsumerDispatchInterval + ", eagerLeaseTableSetup="
                + eagerLeaseTableSetup + "]";
    }

    /** Builds {@link KclTimings}; starts from {@link #defaults()} and validates at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private Duration failoverTime = Duration.ofSeconds(10);
        private @Nullable Duration leaseAssignmentInterval;
        private Duration workerMetricsReportInterval = Duration.ofSeconds(30);
        private Duration shardSyncInterval = Duration.ZERO;
        private Duration parentShardPollInterval = Duration.ofSeconds(10);
        private Duration shardConsumerDispatchInterval = Duration.ofSeconds(1);
        private boolean eagerLeaseTableSetup;

        private Builder() {}

        private Builder(KclTimings t) {
            failoverTime = t.failoverTime;
            leaseAssignmentInterval = t.leaseAssignmentInterval;
            workerMetricsReportInterval = t.workerMetricsReportInterval;
            shardSyncInterval = t.shardSyncInterval;
            parentShardPollInterval = t.parentShardPollInterval;
            shardConsumerDispatchInterval = t.shardConsumerDispatchInterval;
            eagerLeaseTableSetup = t.eagerLeaseTableSetup;
        }

        /**
         * Sets how long a lease lives without renewal, at least 1 s; default 10 s. Leases are renewed about every
         * third of it, and a dead worker's leases can move only after it.
         *
         * @param time the failover time
         * @return this builder
         */
        public Builder failoverTime(Duration time) {
            this.failoverTime = Objects.requireNonNull(time, "time");
            return this;
        }

        /**
         * Sets how often the leader assigns unowned and expired leases, at least 100 ms; each worker looks for
         * leases assigned to it twice as often. Default: twice the failover time.
         *
         * @param interval the interval
         * @return this builder
         */
        public Builder leaseAssignmentInterval(Duration interval) {
            this.leaseAssignmentInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * Sets how often each worker writes its metrics row, at least 1 s; default 30 s. The leader assigns leases
         * only to workers that reported within two intervals, so it also bounds how long a dead worker still gets
         * leases. The rows carry whole seconds: below 3 s a busy worker may be taken for dead now and then.
         *
         * @param interval the interval
         * @return this builder
         */
        public Builder workerMetricsReportInterval(Duration interval) {
            this.workerMetricsReportInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * Sets how long a shard sync that created leases holds its task afterwards, at least 0; default 0. KCL's
         * own default, 60 s, also holds a first start that long.
         *
         * @param interval the interval
         * @return this builder
         */
        public Builder shardSyncInterval(Duration interval) {
            this.shardSyncInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * Sets how often a child shard checks whether its parents were read to their end, at least 10 ms;
         * default 10 s. Each check reads the parents' leases.
         *
         * @param interval the interval
         * @return this builder
         */
        public Builder parentShardPollInterval(Duration interval) {
            this.parentShardPollInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * Sets the pause of KCL's scheduler loop, at least 10 ms; default 1 s. A new lease needs three turns
         * before its first batch, and the leader reads its leader lock on every turn.
         *
         * @param interval the interval
         * @return this builder
         */
        public Builder shardConsumerDispatchInterval(Duration interval) {
            this.shardConsumerDispatchInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * When true, the worker that creates the lease table creates its index right away, waits for it in
         * 100 ms steps instead of KCL's 10 s, and syncs the stream's shards into leases at once, so KCL skips its
         * random 1-30 s pause before the first sync. Other workers see a filled table and skip the sync, as they
         * would after KCL's pause. If any step fails it is logged and KCL's own path runs. Default false.
         *
         * @param eager whether to set up eagerly
         * @return this builder
         */
        public Builder eagerLeaseTableSetup(boolean eager) {
            this.eagerLeaseTableSetup = eager;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the timings
         * @throws TributaryValidationException naming the first setting out of range
         */
        public KclTimings build() {
            atLeast("failoverTime", failoverTime, MIN_FAILOVER);
            if (leaseAssignmentInterval != null) {
                atLeast("leaseAssignmentInterval", leaseAssignmentInterval, MIN_ASSIGNMENT);
            }
            atLeast("workerMetricsReportInterval", workerMetricsReportInterval, MIN_REPORT);
            atLeast("shardSyncInterval", shardSyncInterval, Duration.ZERO);
            atLeast("parentShardPollInterval", parentShardPollInterval, MIN_LOOP);
            atLeast("shardConsumerDispatchInterval", shardConsumerDispatchInterval, MIN_LOOP);
            return new KclTimings(this);
        }

        private static void atLeast(String field, Duration value, Duration min) {
            if (value.compareTo(min) < 0) {
                throw TributaryValidationException.of(field, "must be at least " + min + ", was " + value);
            }
        }
    }
}
