package dev.tributary.dynamo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeHandler;
import dev.tributary.core.ChangeType;
import dev.tributary.dynamo.CaptureListener;
import dev.tributary.dynamo.ClaimInProgressException;
import dev.tributary.dynamo.DeadLetter;
import dev.tributary.dynamo.FailurePolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Record;

class DeliveryTest {
    private final List<DeadLetter> dead = new CopyOnWriteArrayList<>();
    private final FailurePolicy quickDeadLetter = FailurePolicy.builder().maxAttempts(3)
            .backoff(Duration.ofMillis(10), Duration.ofMillis(50)).deadLetter(dead::add).build();

    private Delivery<String> delivery(ChangeHandler<String> handler, FailurePolicy policy) {
        return new Delivery<>(new HandlerRegistration<>("h", handler, policy), CaptureListener.NONE, Clock.systemUTC(),
                new AtomicLong(), new AtomicLong());
    }

    private static ChangeEvent<String> event(String seq) {
        return ChangeEvent.<String>builder().type(ChangeType.INSERT).key("id", "k" + seq).newImage("v")
                .sourceId("s").partition("p").sequenceNumber(seq).approximateCreationTime(Instant.EPOCH)
                .eventId("e" + seq).build();
    }

    private static Record record(String seq) {
        return Record.builder().eventID("e" + seq).dynamodb(d -> d.sequenceNumber(seq)).build();
    }

    @Test
    void deliver_claimHeldElsewhereLongerThanAllRetries_waitsItOutWithoutDeadLettering() {
        long releaseAt = System.nanoTime() + Duration.ofMillis(700).toNanos();
        AtomicInteger calls = new AtomicInteger();
        ChangeHandler<String> claimed = batch -> {
            calls.incrementAndGet();
            if (System.nanoTime() < releaseAt) {
                throw ClaimInProgressException.of("e1");
            }
        };

        delivery(claimed, quickDeadLetter).deliver(List.of(event("1")), List.of(record("1")), "s", "p", () -> true);

        assertThat(dead).isEmpty();
        assertThat(calls.get()).isGreaterThan(quickDeadLetter.maxAttempts());
    }

    @Test
    void deliver_failureWhileShuttingDown_isInterruptedNotDeadLettered() {
        AtomicBoolean running = new AtomicBoolean(true);
        ChangeHandler<String> failsAsCloseBegins = batch -> {
            running.set(false);
            throw new IllegalStateException("interrupted while OpenSearch was unavailable");
        };

        assertThatThrownBy(() -> delivery(failsAsCloseBegins, quickDeadLetter)
                .deliver(List.of(event("1"), event("2")), List.of(record("1"), record("2")), "s", "p", running::get))
                .isInstanceOf(Delivery.Interrupted.class);
        assertThat(dead).isEmpty();
    }

    @Test
    void deliver_deadLetterDestinationFailsTwice_retriesUntilStored() {
        AtomicInteger writes = new AtomicInteger();
        FailurePolicy flakyDestination = FailurePolicy.builder().maxAttempts(1).deadLetter(d -> {
            if (writes.incrementAndGet() <= 2) {
                throw new IllegalStateException("dead-letter table throttled");
            }
            dead.add(d);
        }).build();

        delivery(batch -> {
            throw new IllegalArgumentException("poison");
        }, flakyDestination).deliver(List.of(event("1")), List.of(record("1")), "s", "p", () -> true);

        assertThat(writes.get()).isEqualTo(3);
        assertThat(dead).hasSize(1);
    }
}
