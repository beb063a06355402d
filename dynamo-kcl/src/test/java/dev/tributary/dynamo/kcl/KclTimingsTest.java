package dev.tributary.dynamo.kcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryValidationException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.leases.LeaseManagementConfig;

class KclTimingsTest {

    private static void assertInvalid(UnaryOperator<KclTimings.Builder> change, String field) {
        assertThatThrownBy(() -> change.apply(KclTimings.builder()).build())
                .isInstanceOf(TributaryValidationException.class).hasMessageContaining(field);
    }

    @Test
    void defaults_matchKclExceptTheShardSyncPause() {
        KclTimings d = KclTimings.defaults();
        LeaseManagementConfig kcl = new LeaseManagementConfig("t", "app", null, null, "w");
        CoordinatorConfig kclCoordinator = new CoordinatorConfig("app");

        assertThat(d.failoverTime().toMillis()).isEqualTo(kcl.failoverTimeMillis());
        assertThat(d.leaseAssignmentInterval().toMillis()).isEqualTo(kcl.leaseAssignmentIntervalMillis());
        assertThat(d.workerMetricsReportInterval().toMillis())
                .isEqualTo(kcl.workerUtilizationAwareAssignmentConfig().workerMetricsReporterFreqInMillis());
        assertThat(d.parentShardPollInterval().toMillis()).isEqualTo(kclCoordinator.parentShardPollIntervalMillis());
        assertThat(d.shardConsumerDispatchInterval().toMillis())
                .isEqualTo(kclCoordinator.shardConsumerDispatchPollIntervalMillis());
        assertThat(d.eagerLeaseTableSetup()).isFalse();
        assertThat(kcl.shardSyncIntervalMillis()).isEqualTo(60_000L);
        assertThat(d.shardSyncInterval()).isZero();
    }

    @Test
    void fast_everyIntervalShorterThanDefaults() {
        KclTimings fast = KclTimings.fast();
        KclTimings d = KclTimings.defaults();

        assertThat(fast.failoverTime()).isLessThan(d.failoverTime());
        assertThat(fast.leaseAssignmentInterval()).isLessThan(d.leaseAssignmentInterval());
        assertThat(fast.workerMetricsReportInterval()).isLessThan(d.workerMetricsReportInterval());
        assertThat(fast.parentShardPollInterval()).isLessThan(d.parentShardPollInterval());
        assertThat(fast.shardConsumerDispatchInterval()).isLessThan(d.shardConsumerDispatchInterval());
        assertThat(fast.eagerLeaseTableSetup()).isTrue();
    }

    @Test
    void leaseAssignmentInterval_notSet_followsFailoverTime() {
        KclTimings t = KclTimings.builder().failoverTime(Duration.ofSeconds(3)).build();

        assertThat(t.leaseAssignmentInterval()).isEqualTo(Duration.ofSeconds(6));
        assertThat(t.toBuilder().failoverTime(Duration.ofSeconds(5)).build().leaseAssignmentInterval())
                .isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void toBuilder_unchanged_equalsOriginal() {
        KclTimings fast = KclTimings.fast();

        assertThat(fast.toBuilder().build()).isEqualTo(fast).hasSameHashCodeAs(fast);
        assertThat(fast.toBuilder().eagerLeaseTableSetup(false).build()).isNotEqualTo(fast);
        assertThat(fast.toString()).contains("failoverTime=PT4S", "eagerLeaseTableSetup=true");
    }

    @Test
    void build_outOfRange_namesTheSetting() {
        assertInvalid(b -> b.failoverTime(Duration.ofMillis(999)), "failoverTime");
        assertInvalid(b -> b.leaseAssignmentInterval(Duration.ofMillis(99)), "leaseAssignmentInterval");
        assertInvalid(b -> b.workerMetricsReportInterval(Duration.ofMillis(500)), "workerMetricsReportInterval");
        assertInvalid(b -> b.shardSyncInterval(Duration.ofMillis(-1)), "shardSyncInterval");
        assertInvalid(b -> b.parentShardPollInterval(Duration.ofMillis(5)), "parentShardPollInterval");
        assertInvalid(b -> b.shardConsumerDispatchInterval(Duration.ZERO), "shardConsumerDispatchInterval");
    }

    @Test
    void applyTo_fast_writesKclSettings() {
        LeaseManagementConfig lease = new LeaseManagementConfig("t", "app", null, null, "w");
        CoordinatorConfig coordinator = new CoordinatorConfig("app");

        KclTimings.fast().applyTo(lease, coordinator);

        assertThat(lease.failoverTimeMillis()).isEqualTo(4_000L);
        assertThat(lease.leaseAssignmentIntervalMillis()).isEqualTo(1_000L);
        assertThat(lease.workerUtilizationAwareAssignmentConfig().workerMetricsReporterFreqInMillis()).isEqualTo(3_000L);
        assertThat(lease.shardSyncIntervalMillis()).isZero();
        assertThat(coordinator.parentShardPollIntervalMillis()).isEqualTo(500L);
        assertThat(coordinator.shardConsumerDispatchPollIntervalMillis()).isEqualTo(250L);
    }

    @Test
    void applyTo_assignmentIntervalNotSet_leavesKclToDeriveIt() {
        LeaseManagementConfig lease = new LeaseManagementConfig("t", "app", null, null, "w");

        KclTimings.builder().failoverTime(Duration.ofSeconds(2)).build().applyTo(lease, new CoordinatorConfig("app"));

        assertThat(lease.leaseAssignmentIntervalMillis()).isEqualTo(4_000L);
    }
}
