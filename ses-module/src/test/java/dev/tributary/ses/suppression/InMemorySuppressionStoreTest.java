package dev.tributary.ses.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemorySuppressionStoreTest {
    private static final Instant AT = Instant.parse("2024-03-01T10:00:00Z");

    @Test
    void suppress_mixedCaseAndMailboxForm_isFoundByAnyForm() {
        InMemorySuppressionStore store = InMemorySuppressionStore.create();

        store.suppress("Ann Lee <Ann.Lee@Example.COM>", SuppressionReason.BOUNCE, AT);

        assertThat(store.isSuppressed("ann.lee@example.com")).isTrue();
        assertThat(store.isSuppressed("  ANN.LEE@EXAMPLE.COM ")).isTrue();
        assertThat(store.find("ann.lee@example.com")).hasValue(
                new SuppressedAddress("ann.lee@example.com", SuppressionReason.BOUNCE, AT));
        assertThat(store.isSuppressed("bob@example.com")).isFalse();
    }

    @Test
    void remove_suppressedAddress_allowsItAgain() {
        InMemorySuppressionStore store = InMemorySuppressionStore.create();
        store.suppress("ann@example.com", SuppressionReason.COMPLAINT, AT);

        store.remove("ANN@example.com");
        store.remove("never@example.com");

        assertThat(store.isSuppressed("ann@example.com")).isFalse();
        assertThat(store.size()).isZero();
    }

    @Test
    void suppress_again_replacesReasonAndTime() {
        InMemorySuppressionStore store = InMemorySuppressionStore.create();
        store.suppress("ann@example.com", SuppressionReason.BOUNCE, AT);

        store.suppress("ann@example.com", SuppressionReason.COMPLAINT, AT.plusSeconds(60));

        assertThat(store.find("ann@example.com")).hasValueSatisfying(s -> {
            assertThat(s.reason()).isEqualTo(SuppressionReason.COMPLAINT);
            assertThat(s.at()).isEqualTo(AT.plusSeconds(60));
        });
    }

    @Test
    void suppress_fromManyThreads_keepsEveryAddress() throws Exception {
        InMemorySuppressionStore store = InMemorySuppressionStore.create();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        store.suppress("user" + i + "@T" + thread + ".example.com", SuppressionReason.BOUNCE, AT);
                        store.isSuppressed("user" + i + "@t" + thread + ".example.com");
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.size()).isEqualTo(2000);
        assertThat(store.isSuppressed("user499@t3.example.com")).isTrue();
    }

    @Test
    void suppress_notAnAddress_isRefusedLikeTheDurableStoreAndNothingIsKept() {
        InMemorySuppressionStore store = InMemorySuppressionStore.create();

        assertThatThrownBy(() -> store.suppress("Ann Lee", SuppressionReason.BOUNCE, Instant.now()))
                .isInstanceOf(TributaryValidationException.class).hasMessageNotContaining("Ann Lee");
        assertThatThrownBy(() -> store.suppressUntil("ann@", SuppressionReason.BOUNCE, Instant.now(),
                Instant.now().plusSeconds(60))).isInstanceOf(TributaryValidationException.class);
        assertThat(store.size()).isZero();
    }

    @Test
    void toString_hidesAddresses() {
        InMemorySuppressionStore store = InMemorySuppressionStore.create();
        store.suppress("ann@example.com", SuppressionReason.BOUNCE, AT);

        assertThat(store.toString()).doesNotContain("@");
        assertThat(store.find("ann@example.com").orElseThrow().toString()).doesNotContain("@");
    }
}
