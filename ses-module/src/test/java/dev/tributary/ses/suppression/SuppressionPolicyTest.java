package dev.tributary.ses.suppression;

import static dev.tributary.ses.suppression.SuppressionTrigger.COMPLAINT;
import static dev.tributary.ses.suppression.SuppressionTrigger.HARD_BOUNCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.event.BounceType;
import org.junit.jupiter.api.Test;

class SuppressionPolicyTest {
    private final InMemorySuppressionStore store = InMemorySuppressionStore.create();

    private SuppressionPolicy policy(SuppressionTrigger... triggers) {
        return SuppressionPolicy.builder().store(store).suppressOn(triggers).build();
    }

    @Test
    void apply_hardBounce_suppressesEveryRecipientWithBounceReasonAndBounceTime() {
        policy(HARD_BOUNCE, COMPLAINT).apply(
                TestEvents.bounce(BounceType.PERMANENT, "General", "ann@example.com", "Bob@Example.COM"));

        assertThat(store.find("ann@example.com")).hasValue(
                new SuppressedAddress("ann@example.com", SuppressionReason.BOUNCE, TestEvents.BOUNCED));
        assertThat(store.isSuppressed("bob@example.com")).isTrue();
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void apply_transientOrUndeterminedBounce_suppressesNothing() {
        SuppressionPolicy policy = policy(HARD_BOUNCE, COMPLAINT);

        policy.apply(TestEvents.bounce(BounceType.TRANSIENT, "MailboxFull", "ann@example.com"));
        policy.apply(TestEvents.bounce(BounceType.UNDETERMINED, "Undetermined", "ann@example.com"));

        assertThat(store.size()).isZero();
    }

    @Test
    void apply_complaint_suppressesWithComplaintReason() {
        policy(HARD_BOUNCE, COMPLAINT).apply(TestEvents.complaint(null, "ann@example.com"));

        assertThat(store.find("ANN@example.com")).hasValueSatisfying(
                s -> assertThat(s.reason()).isEqualTo(SuppressionReason.COMPLAINT));
    }

    @Test
    void apply_triggerNotEnabled_ignoresThatEvent() {
        policy(HARD_BOUNCE).apply(TestEvents.complaint(null, "ann@example.com"));
        policy(COMPLAINT).apply(TestEvents.bounce(BounceType.PERMANENT, "General", "bob@example.com"));

        assertThat(store.size()).isZero();
    }

    @Test
    void apply_otherEvents_suppressNothing() {
        policy(HARD_BOUNCE, COMPLAINT).apply(TestEvents.delivery("ann@example.com"));

        assertThat(store.size()).isZero();
    }

    @Test
    void apply_sameEventTwice_isIdempotent() {
        SuppressionPolicy policy = policy(HARD_BOUNCE, COMPLAINT);
        var bounce = TestEvents.bounce(BounceType.PERMANENT, "General", "ann@example.com", "ANN@example.com");

        policy.apply(bounce);
        policy.apply(bounce);

        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void builder_defaultTriggers_areHardBounceAndComplaint() {
        assertThat(SuppressionPolicy.builder().store(store).build().triggers()).containsExactlyInAnyOrder(
                HARD_BOUNCE, COMPLAINT);
    }

    @Test
    void build_neitherStoreNorClient_namesWhatToSet() {
        assertThatThrownBy(() -> SuppressionPolicy.builder().build())
                .isInstanceOf(TributaryValidationException.class).hasMessageContaining("sesClient");
    }

    @Test
    void build_noTriggers_isRejected() {
        assertThatThrownBy(() -> SuppressionPolicy.builder().store(store).suppressOn().build())
                .isInstanceOf(TributaryValidationException.class)
                .satisfies(e -> assertThat(((TributaryValidationException) e).field()).isEqualTo("suppressOn"));
    }
}
