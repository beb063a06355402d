package dev.tributary.ses.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.ClientSettings;
import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.suppression.ReconciliationReport.Direction;
import dev.tributary.testkit.DynamoDbLocalExtension;
import dev.tributary.testkit.LocalDynamoDb;
import dev.tributary.testkit.LocalSes;
import dev.tributary.testkit.MutableClock;
import dev.tributary.testkit.SesEmulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SuppressedDestinationSummary;
import software.amazon.awssdk.services.sesv2.model.SuppressionListReason;

/** Against the SES emulator (with the tools/ses-emulator suppression-list extension) and DynamoDB Local. */
@ExtendWith({SesEmulatorExtension.class, DynamoDbLocalExtension.class})
class SuppressionReconcilerIT {
    private static final Instant T0 = Instant.parse("2030-02-01T00:00:00Z");

    private final LocalSes emulator;
    private final SesV2Client ses;
    private final DynamoDbClient dynamo;
    private final String table = "reconcile-" + UUID.randomUUID();
    private final MutableClock clock = MutableClock.at(T0);
    private final List<ReconciliationReport> progress = new CopyOnWriteArrayList<>();
    private final List<TributaryException> failures = new CopyOnWriteArrayList<>();
    private DynamoDbSuppressionStore store;

    SuppressionReconcilerIT(LocalSes emulator, LocalDynamoDb local) {
        this.emulator = emulator;
        this.ses = ClientSettings.local(emulator.endpoint()).toBuilder().apiCallTimeout(Duration.ofSeconds(10)).build()
                .applyTo(SesV2Client.builder()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        this.dynamo = ClientSettings.local(local.endpoint()).toBuilder().apiCallTimeout(Duration.ofSeconds(10)).build()
                .applyTo(DynamoDbClient.builder()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    @BeforeEach
    void setUp() {
        emulator.clearStore();
        store = DynamoDbSuppressionStore.builder().dynamoDbClient(dynamo).tableName(table).clock(clock).build()
                .ensureTable();
    }

    @AfterEach
    void tearDown() {
        emulator.clearStore();
        dynamo.deleteTable(b -> b.tableName(table));
        dynamo.close();
        ses.close();
    }

    private SuppressionReconciler.Builder reconciler(SuppressionStore s) {
        return SuppressionReconciler.builder().sesClient(ses).store(s).pageSize(3).maxCallsPerSecond(500)
                .listener(new ReconciliationListener() {
                    @Override
                    public void onProgress(ReconciliationReport soFar) {
                        progress.add(soFar);
                    }

                    @Override
                    public void onEntryFailed(Direction direction, TributaryException error) {
                        failures.add(error);
                    }
                });
    }

    private void onAccount(String address, SuppressionListReason reason) {
        ses.putSuppressedDestination(b -> b.emailAddress(address).reason(reason));
    }

    private Map<String, SuppressionListReason> account() {
        Map<String, SuppressionListReason> out = new TreeMap<>();
        ses.listSuppressedDestinationsPaginator(b -> b.pageSize(2)).forEach(page -> {
            for (SuppressedDestinationSummary s : page.suppressedDestinationSummaries()) {
                out.put(s.emailAddress().toLowerCase(), s.reason());
            }
        });
        return out;
    }

    @Test
    void pull_accountListOverSeveralPages_addsTheMissingEntriesToTheStore() {
        for (int i = 0; i < 6; i++) {
            onAccount("Bounced" + i + "@example.com", SuppressionListReason.BOUNCE);
        }
        onAccount("complained@example.com", SuppressionListReason.COMPLAINT);
        store.suppress("bounced0@example.com", SuppressionReason.BOUNCE, T0);
        store.suppress("bounced1@example.com", SuppressionReason.BOUNCE, T0);

        ReconciliationReport r = reconciler(store).build().pull();

        assertThat(r.direction()).isEqualTo(Direction.PULL);
        assertThat(r.accountEntries()).isEqualTo(7);
        assertThat(r.added()).isEqualTo(5);
        assertThat(r.alreadyPresent()).isEqualTo(2);
        assertThat(r.failed()).isZero();
        for (int i = 0; i < 6; i++) {
            assertThat(store.find("bounced" + i + "@example.com")).get()
                    .satisfies(e -> assertThat(e.permanent()).isTrue());
        }
        assertThat(store.find("complained@example.com")).get()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(SuppressionReason.COMPLAINT));
        // 7 entries in pages of 3: progress after each of the 3 pages, then the final report.
        assertThat(progress).hasSize(4);
        assertThat(progress.get(0).accountEntries()).isEqualTo(3);
        assertThat(progress.get(3).added()).isEqualTo(5);
    }

    @Test
    void push_storeEntries_putsThePermanentOnesTheAccountLacks() {
        store.suppress("hard@example.com", SuppressionReason.BOUNCE, T0);
        store.suppress("spam@example.com", SuppressionReason.COMPLAINT, T0);
        store.suppress("both@example.com", SuppressionReason.BOUNCE, T0);
        store.suppressUntil("soft@example.com", SuppressionReason.BOUNCE, T0, T0.plusSeconds(3600));
        onAccount("Both@Example.com", SuppressionListReason.BOUNCE);
        onAccount("ses-only@example.com", SuppressionListReason.BOUNCE);

        ReconciliationReport r = reconciler(store).build().push();

        assertThat(r.accountEntries()).isEqualTo(2);
        assertThat(r.storeEntries()).isEqualTo(4);
        assertThat(r.added()).isEqualTo(2);
        assertThat(r.alreadyPresent()).isEqualTo(1);
        assertThat(r.skipped()).isEqualTo(1);
        assertThat(r.removed()).isZero();
        assertThat(account()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "hard@example.com", SuppressionListReason.BOUNCE,
                "spam@example.com", SuppressionListReason.COMPLAINT,
                "both@example.com", SuppressionListReason.BOUNCE,
                "ses-only@example.com", SuppressionListReason.BOUNCE));
    }

    @Test
    void push_withRemoval_deletesAccountEntriesTheStoreDoesNotHold() {
        store.suppress("keep@example.com", SuppressionReason.BOUNCE, T0);
        store.suppressUntil("soft@example.com", SuppressionReason.BOUNCE, T0, T0.plusSeconds(3600));
        onAccount("keep@example.com", SuppressionListReason.BOUNCE);
        onAccount("Soft@example.com", SuppressionListReason.BOUNCE);
        onAccount("Stale1@example.com", SuppressionListReason.BOUNCE);
        onAccount("stale2@example.com", SuppressionListReason.COMPLAINT);

        ReconciliationReport r = reconciler(store).removeFromAccountWhenNotInStore(true).build().push();

        assertThat(r.removed()).isEqualTo(2);
        assertThat(account()).containsOnlyKeys("keep@example.com", "soft@example.com");
    }

    @Test
    void push_entrySesRefuses_isCountedAsFailedAndTheRunGoesOn() {
        // A store written over the user's own database, which holds an entry SES refuses (the library's stores
        // refuse to write one).
        SuppressionStore legacy = new SuppressionStore() {
            @Override
            public boolean isSuppressed(String address) {
                return false;
            }

            @Override
            public void suppress(String address, SuppressionReason reason, Instant at) {}

            @Override
            public void remove(String address) {}

            @Override
            public void forEachEntry(Consumer<SuppressedAddress> action) {
                action.accept(new SuppressedAddress("not-an-address", SuppressionReason.BOUNCE, T0));
                action.accept(new SuppressedAddress("fine@example.com", SuppressionReason.BOUNCE, T0));
            }
        };

        ReconciliationReport r = reconciler(legacy).build().push();

        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.added()).isEqualTo(1);
        assertThat(failures).singleElement()
                .satisfies(e -> assertThat(e.retryable()).isFalse())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-an-address"));
        assertThat(account()).containsOnlyKeys("fine@example.com");
    }

    @Test
    void pull_thenPush_leavesBothSidesEqual() {
        onAccount("a@example.com", SuppressionListReason.BOUNCE);
        store.suppress("b@example.com", SuppressionReason.COMPLAINT, T0);
        SuppressionReconciler reconciler = reconciler(store).build();

        reconciler.pull();
        reconciler.push();

        List<String> inStore = new ArrayList<>();
        store.forEachEntry(e -> inStore.add(e.address()));
        assertThat(inStore).containsExactlyInAnyOrder("a@example.com", "b@example.com");
        assertThat(account()).containsOnlyKeys("a@example.com", "b@example.com");
        ReconciliationReport again = reconciler.push();
        assertThat(again.added()).isZero();
        assertThat(again.alreadyPresent()).isEqualTo(2);
    }

    @Test
    void build_missingClientOrBadPageSize_namesTheField() {
        assertThatThrownBy(() -> SuppressionReconciler.builder().store(store).build())
                .isInstanceOf(TributaryValidationException.class).hasMessageContaining("sesClient");
        assertThatThrownBy(() -> SuppressionReconciler.builder().sesClient(ses).store(store).pageSize(1001).build())
                .isInstanceOf(TributaryValidationException.class).hasMessageContaining("pageSize");
        assertThatThrownBy(() -> SuppressionReconciler.builder().sesClient(ses).store(store).maxCallsPerSecond(0)
                .build())
                .isInstanceOf(TributaryValidationException.class).hasMessageContaining("maxCallsPerSecond");
    }
}
