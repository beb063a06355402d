package dev.tributary.ses.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.event.BounceType;
import dev.tributary.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransientSuppressionTest {
    private final MutableClock clock = MutableClock.at(TestEvents.BOUNCED);
    private final InMemorySuppressionStore store = InMemorySuppressionStore.create(clock);

    @Test
    void apply_transientBounce_suppressesUntilTheDurationPasses() {
        SuppressionPolicy policy = SuppressionPolicy.builder().store(store)
                .suppressTransientBouncesFor(Duration.ofHours(24)).build();

        policy.apply(TestEvents.bounce(BounceType.TRANSIENT, "MailboxFull", "soft@example.com"));

        assertThat(store.isSuppressed("soft@example.com")).isTrue();
        assertThat(store.find("soft@example.com")).get()
                .satisfies(e -> assertThat(e.expiresAt()).isEqualTo(TestEvents.BOUNCED.plus(Duration.ofHours(24))));
        clock.advance(Duration.ofHours(24));
        assertThat(store.isSuppressed("soft@example.com")).isFalse();
    }

    @Test
    void apply_transientBounceWithoutDuration_isIgnored() {
        SuppressionPolicy policy = SuppressionPolicy.builder().store(store).build();

        policy.apply(TestEvents.bounce(BounceType.TRANSIENT, "MailboxFull", "soft@example.com"));

        assertThat(store.size()).isZero();
    }

    @Test
    void apply_transientAfterHardBounce_keepsThePermanentEntry() {
        SuppressionPolicy policy = SuppressionPolicy.builder().store(store)
                .suppressTransientBouncesFor(Duration.ofHours(1)).build();

        policy.apply(TestEvents.bounce(BounceType.PERMANENT, "General", "x@example.com"));
        policy.apply(TestEvents.bounce(BounceType.TRANSIENT, "MailboxFull", "x@example.com"));
        clock.advance(Duration.ofDays(10));

        assertThat(store.isSuppressed("x@example.com")).isTrue();
    }

    @Test
    void build_transientDurationWithoutStoreOrNotPositive_namesTheField() {
        assertThatThrownBy(() -> SuppressionPolicy.builder().store(store).suppressTransientBouncesFor(Duration.ZERO)
                .build())
                .isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("suppressTransientBouncesFor");
        assertThatThrownBy(() -> SuppressionPolicy.builder()
                .sesClient(software.amazon.awssdk.services.sesv2.SesV2Client.builder()
                        .region(software.amazon.awssdk.regions.Region.EU_WEST_1)
                        .credentialsProvider(software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
                        .build())
                .suppressTransientBouncesFor(Duration.ofHours(1)).build())
                .isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("needs a store");
    }

    @Test
    void suppressUntil_storeWithoutExpiry_isRefusedNotMadePermanent() {
        SuppressionStore plain = new SuppressionStore() {
            @Override
            public boolean isSuppressed(String address) {
                return false;
            }

            @Override
            public void suppress(String address, SuppressionReason reason, java.time.Instant at) {
                throw new AssertionError("must not be called");
            }

            @Override
            public void remove(String address) {}
        };

        assertThatThrownBy(() -> plain.suppressUntil("a@example.com", SuppressionReason.BOUNCE, clock.instant(),
                clock.instant().plusSeconds(1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
