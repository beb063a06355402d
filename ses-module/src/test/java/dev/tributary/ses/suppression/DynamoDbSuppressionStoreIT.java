package dev.tributary.ses.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.ClientSettings;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.event.BounceType;
import dev.tributary.testkit.DynamoDbLocalExtension;
import dev.tributary.testkit.LocalDynamoDb;
import dev.tributary.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbSuppressionStoreIT {
    private static final Instant T0 = Instant.parse("2030-01-10T08:00:00Z");

    private final DynamoDbClient dynamo;
    private final MutableClock clock = MutableClock.at(T0);
    private final String table = "suppression-" + UUID.randomUUID();
    private DynamoDbSuppressionStore store;

    DynamoDbSuppressionStoreIT(LocalDynamoDb local) {
        this.dynamo = ClientSettings.local(local.endpoint()).toBuilder().apiCallTimeout(Duration.ofSeconds(10)).build()
                .applyTo(DynamoDbClient.builder())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @BeforeEach
    void createTable() {
        store = DynamoDbSuppressionStore.builder().dynamoDbClient(dynamo).tableName(table).clock(clock).build()
                .ensureTable();
    }

    @AfterEach
    void dropTable() {
        dynamo.deleteTable(b -> b.tableName(table));
        dynamo.close();
    }

    @Test
    void ensureTable_calledAgain_keepsOnDemandTableWithTtlOnExpiresAt() {
        store.ensureTable();

        assertThat(dynamo.describeTable(b -> b.tableName(table)).table().billingModeSummary().billingMode())
                .isEqualTo(BillingMode.PAY_PER_REQUEST);
        var ttl = dynamo.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
        assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(ttl.attributeName()).isEqualTo("expiresAt");
    }

    @Test
    void suppress_mailboxWithCapitals_isStoredNormalisedAndFoundInAnyForm() {
        store.suppress("Ann <Ann.Lee@Example.COM>", SuppressionReason.COMPLAINT, T0);

        assertThat(store.isSuppressed("ann.lee@example.com")).isTrue();
        assertThat(store.isSuppressed(" ANN.LEE@example.com ")).isTrue();
        assertThat(store.find("ann.lee@example.com")).get()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(SuppressionReason.COMPLAINT))
                .satisfies(e -> assertThat(e.at()).isEqualTo(T0))
                .satisfies(e -> assertThat(e.permanent()).isTrue());
        assertThat(rawItem("ann.lee@example.com")).containsKey("address").doesNotContainKey("expiresAt");
        assertThat(store.isSuppressed("bob@example.com")).isFalse();
    }

    @Test
    void suppressUntil_expiredButNotYetDeletedByTtl_isTreatedAsAbsent() {
        store.suppressUntil("soft@example.com", SuppressionReason.BOUNCE, T0, T0.plus(Duration.ofDays(3)));
        assertThat(store.isSuppressed("soft@example.com")).isTrue();
        assertThat(rawItem("soft@example.com").get("expiresAt").n())
                .isEqualTo(Long.toString(T0.plus(Duration.ofDays(3)).getEpochSecond()));

        clock.advance(Duration.ofDays(3).plusSeconds(1));

        assertThat(rawItem("soft@example.com")).isNotEmpty();
        assertThat(store.isSuppressed("soft@example.com")).isFalse();
        assertThat(store.find("soft@example.com")).isEmpty();
        assertThat(store.suppressedAmong(List.of("soft@example.com"))).isEmpty();
        List<SuppressedAddress> listed = new ArrayList<>();
        store.forEachEntry(listed::add);
        assertThat(listed).isEmpty();
    }

    @Test
    void suppressUntil_afterHardBounce_keepsThePermanentEntry() {
        store.suppress("hard@example.com", SuppressionReason.BOUNCE, T0);

        store.suppressUntil("hard@example.com", SuppressionReason.BOUNCE, T0.plusSeconds(60), T0.plusSeconds(3600));
        clock.advance(Duration.ofDays(30));

        assertThat(store.find("hard@example.com")).get().satisfies(e -> assertThat(e.permanent()).isTrue());
    }

    @Test
    void suppress_afterTransientBounce_makesTheEntryPermanent() {
        store.suppressUntil("x@example.com", SuppressionReason.BOUNCE, T0, T0.plusSeconds(3600));

        store.suppress("x@example.com", SuppressionReason.COMPLAINT, T0.plusSeconds(10));
        clock.advance(Duration.ofDays(1));

        assertThat(store.find("x@example.com")).get()
                .satisfies(e -> assertThat(e.permanent()).isTrue())
                .satisfies(e -> assertThat(e.reason()).isEqualTo(SuppressionReason.COMPLAINT));
    }

    @Test
    void suppressedAmong_250RecipientsAcrossBatches_returnsTheSuppressedInGivenOrderAndForm() {
        List<String> recipients = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String r = "User" + i + "@Example.com";
            recipients.add(r);
            if (i % 7 == 0) {
                store.suppress(r.toLowerCase(), SuppressionReason.BOUNCE, T0);
                expected.add(r);
            }
        }
        recipients.add("User0@example.com"); // duplicates are looked up once and reported in place

        List<String> suppressed = store.suppressedAmong(recipients);

        expected.add("User0@example.com");
        assertThat(suppressed).containsExactlyElementsOf(expected);
    }

    @Test
    void remove_suppressedAddress_isNoLongerSuppressedAndRemovingAgainIsNoOp() {
        store.suppress("gone@example.com", SuppressionReason.BOUNCE, T0);

        store.remove("Gone@Example.com");
        store.remove("gone@example.com");

        assertThat(store.isSuppressed("gone@example.com")).isFalse();
        assertThat(rawItem("gone@example.com")).isEmpty();
    }

    @Test
    void forEachEntry_mixedEntries_listsActiveOnes() {
        store.suppress("a@example.com", SuppressionReason.BOUNCE, T0);
        store.suppress("b@example.com", SuppressionReason.COMPLAINT, T0);
        store.suppressUntil("c@example.com", SuppressionReason.BOUNCE, T0, T0.plusSeconds(60));
        store.suppressUntil("d@example.com", SuppressionReason.BOUNCE, T0, T0.plusSeconds(600));
        clock.advance(Duration.ofSeconds(120));

        List<String> listed = new ArrayList<>();
        store.forEachEntry(e -> listed.add(e.address()));

        assertThat(listed).containsExactlyInAnyOrder("a@example.com", "b@example.com", "d@example.com");
    }

    @Test
    void suppress_notAnAddress_isRefusedBeforeAnyWriteWithoutRepeatingIt() {
        assertThatThrownBy(() -> store.suppress("secret-value-no-at", SuppressionReason.BOUNCE, T0))
                .isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("local@domain")
                .hasMessageNotContaining("secret-value");
        assertThatThrownBy(() -> store.suppressedAmong(List.of("ok@example.com", "two words@example.com")))
                .isInstanceOf(TributaryValidationException.class)
                .hasMessageNotContaining("two words");
        assertThat(dynamo.scan(b -> b.tableName(table)).count()).isZero();
    }

    @Test
    void apply_transientBounceWithPolicyDuration_expiresInTheTable() {
        SuppressionPolicy policy = SuppressionPolicy.builder()
                .store(store)
                .suppressTransientBouncesFor(Duration.ofDays(20 * 365))
                .build();

        policy.apply(TestEvents.bounce(BounceType.TRANSIENT, "MailboxFull", "Full@Example.com"));
        policy.apply(TestEvents.bounce(BounceType.PERMANENT, "General", "hard@example.com"));

        Instant bounced = TestEvents.BOUNCED;
        assertThat(rawItem("full@example.com").get("expiresAt").n())
                .isEqualTo(Long.toString(bounced.plus(Duration.ofDays(20 * 365)).getEpochSecond()));
        assertThat(rawItem("hard@example.com")).doesNotContainKey("expiresAt");
    }

    @Test
    void builder_badTableName_namesTheField() {
        assertThatThrownBy(() -> DynamoDbSuppressionStore.builder().dynamoDbClient(dynamo).tableName("a b").build())
                .isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("tableName");
        assertThatThrownBy(() -> DynamoDbSuppressionStore.builder().tableName(table).build())
                .isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("dynamoDbClient");
    }

    private Map<String, AttributeValue> rawItem(String address) {
        return dynamo.getItem(b -> b.tableName(table).key(Map.of("address", AttributeValue.fromS(address)))).item();
    }
}
