package dev.tributary.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeHandler;
import dev.tributary.core.ChangeType;
import dev.tributary.core.TributaryRejectedException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdempotentHandlerTest {
    private final MutableClock clock = MutableClock.at(Instant.parse("2024-05-01T12:00:00Z"));
    private final InMemoryIdempotencyLedger ledger = InMemoryIdempotencyLedger.builder()
            .claimTimeout(Duration.ofMinutes(5))
            .ttl(Duration.ofHours(48))
            .clock(clock)
            .build();

    /** Counts side effects per event id; fails events listed in {@code failing} while they stay listed. */
    private static final class SideEffects implements ChangeHandler<String> {
        final List<String> done = new ArrayList<>();
        final List<Integer> batchSizes = new ArrayList<>();
        final Set<String> failing = new HashSet<>();

        @Override
        public void handle(List<ChangeEvent<String>> batch) {
            batchSizes.add(batch.size());
            for (ChangeEvent<String> e : batch) {
                if (failing.contains(e.eventId())) {
                    throw new IllegalStateException("side effect failed");
                }
                done.add(e.eventId());
            }
        }
    }

    static ChangeEvent<String> event(String id, String userId) {
        return ChangeEvent.<String>builder()
                .type(ChangeType.INSERT)
                .key("userId", userId)
                .newImage("image-" + id)
                .sourceId("stream")
                .partition("shard-1")
                .sequenceNumber(Integer.toString(Math.abs(id.hashCode())))
                .approximateCreationTime(Instant.EPOCH)
                .eventId(id)
                .build();
    }

    @Test
    void handle_sameEventDeliveredTwice_runsSideEffectOnce() {
        SideEffects effects = new SideEffects();
        ChangeHandler<String> once = IdempotentHandler.wrap(effects, ledger);

        once.handle(List.of(event("e1", "u-1"), event("e2", "u-2")));
        once.handle(List.of(event("e1", "u-1"), event("e2", "u-2"), event("e3", "u-3")));

        assertThat(effects.done).containsExactly("e1", "e2", "e3");
        assertThat(effects.batchSizes).containsOnly(1);
    }

    @Test
    void handle_failureMidBatch_keepsEarlierEventsDoneAndReleasesTheFailedOne() {
        SideEffects effects = new SideEffects();
        ChangeHandler<String> once = IdempotentHandler.wrap(effects, ledger);
        List<ChangeEvent<String>> batch = List.of(event("e1", "u-1"), event("e2", "u-2"), event("e3", "u-3"));
        effects.failing.add("e2");

        assertThatThrownBy(() -> once.handle(batch)).isInstanceOf(IllegalStateException.class);
        effects.failing.clear();
        once.handle(batch);

        assertThat(effects.done).containsExactly("e1", "e2", "e3");
    }

    @Test
    void handle_eventClaimedByAnotherWorker_throwsRetryableClaimInProgress() {
        SideEffects effects = new SideEffects();
        ChangeHandler<String> once = IdempotentHandler.wrap(effects, ledger);
        assertThat(ledger.tryClaim("e2")).isTrue();

        assertThatThrownBy(() -> once.handle(List.of(event("e1", "u-1"), event("e2", "u-2"))))
                .isInstanceOfSatisfying(ClaimInProgressException.class, e -> {
                    assertThat(e).isInstanceOf(TributaryRejectedException.class);
                    assertThat(e.reason()).isEqualTo(TributaryRejectedException.Reason.IN_PROGRESS);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.eventId()).isEqualTo("e2");
                });
        assertThat(effects.done).containsExactly("e1");
    }

    @Test
    void handle_claimOlderThanTimeout_isTakenOver() {
        SideEffects effects = new SideEffects();
        ChangeHandler<String> once = IdempotentHandler.wrap(effects, ledger);
        assertThat(ledger.tryClaim("e1")).isTrue();
        clock.advance(Duration.ofMinutes(5));

        once.handle(List.of(event("e1", "u-1")));

        assertThat(effects.done).containsExactly("e1");
    }

    @Test
    void handle_businessKeyFunction_runsOncePerBusinessKey() {
        SideEffects effects = new SideEffects();
        ChangeHandler<String> once = IdempotentHandler.builder(effects, ledger)
                .keyFunction(e -> (String) e.keys().get("userId"))
                .build();

        once.handle(List.of(event("e1", "u-1"), event("e2", "u-1"), event("e3", "u-2")));

        assertThat(effects.done).containsExactly("e1", "e3");
    }

    @Test
    void handle_differentNamespacesOnOneLedger_doNotSkipEachOther() {
        SideEffects mail = new SideEffects();
        SideEffects index = new SideEffects();
        ChangeHandler<String> mailOnce = IdempotentHandler.builder(mail, ledger).namespace("mail").build();
        ChangeHandler<String> indexOnce = IdempotentHandler.builder(index, ledger).namespace("index").build();

        mailOnce.handle(List.of(event("e1", "u-1")));
        indexOnce.handle(List.of(event("e1", "u-1")));
        mailOnce.handle(List.of(event("e1", "u-1")));

        assertThat(mail.done).containsExactly("e1");
        assertThat(index.done).containsExactly("e1");
    }

    @Test
    void handle_doneKeyPastItsTtl_runsAgain() {
        SideEffects effects = new SideEffects();
        ChangeHandler<String> once = IdempotentHandler.wrap(effects, ledger);

        once.handle(List.of(event("e1", "u-1")));
        clock.advance(Duration.ofHours(48));
        once.handle(List.of(event("e1", "u-1")));

        assertThat(effects.done).containsExactly("e1", "e1");
    }

    @Test
    void handle_blankKey_throwsValidationBeforeAnySideEffect() {
        SideEffects effects = new SideEffects();
        ChangeHandler<String> once = IdempotentHandler.builder(effects, ledger).keyFunction(e -> " ").build();

        assertThatThrownBy(() -> once.handle(List.of(event("e1", "u-1"))))
                .isInstanceOfSatisfying(TributaryValidationException.class,
                        v -> assertThat(v.field()).isEqualTo("keyFunction"));
        assertThat(effects.done).isEmpty();
    }

    @Test
    void build_namespaceWithSeparator_throwsValidation() {
        assertThatThrownBy(() -> IdempotentHandler.builder(new SideEffects(), ledger).namespace("a#b").build())
                .isInstanceOfSatisfying(TributaryValidationException.class,
                        v -> assertThat(v.field()).isEqualTo("namespace"));
    }

    @Test
    void release_doneKey_keepsItDone() {
        ledger.tryClaim("k");
        ledger.complete("k");

        ledger.release("k");

        assertThat(ledger.isDone("k")).isTrue();
        assertThat(ledger.tryClaim("k")).isFalse();
    }

    @Test
    void inMemoryBuilder_ttlNotAboveClaimTimeout_throwsValidation() {
        assertThatThrownBy(() -> InMemoryIdempotencyLedger.builder()
                        .claimTimeout(Duration.ofMinutes(10)).ttl(Duration.ofMinutes(10)).build())
                .isInstanceOfSatisfying(TributaryValidationException.class, v -> assertThat(v.field()).isEqualTo("ttl"));
    }
}
