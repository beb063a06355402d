package dev.tributary.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeHandler;
import dev.tributary.core.ClientSettings;
import dev.tributary.testkit.MutableClock;
import org.awaitility.Awaitility;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import dev.tributary.testkit.DynamoDbLocalExtension;
import dev.tributary.testkit.LocalDynamoDb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import java.net.SocketTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The DynamoDB ledger against DynamoDB Local: one side effect per event, also under concurrent delivery. */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoDbIdempotencyLedgerIT {
    private final DynamoDbClient dynamo;
    private final LocalDynamoDb local;
    private final String table = "idempotency_" + System.nanoTime();
    private final MutableClock clock = MutableClock.at(Instant.now());

    DynamoDbIdempotencyLedgerIT(LocalDynamoDb local) {
        this.dynamo = ItClients.dynamo(local);
        this.local = local;
    }

    private DynamoDbIdempotencyLedger ledger(Clock c) {
        return DynamoDbIdempotencyLedger.builder()
                .client(dynamo)
                .tableName(table)
                .claimTimeout(Duration.ofMinutes(1))
                .ttl(Duration.ofHours(48))
                .clock(c)
                .build();
    }

    @BeforeEach
    void createTable() {
        ledger(clock).createTableIfMissing();
    }

    @AfterEach
    void dropTable() {
        dynamo.deleteTable(b -> b.tableName(table));
        dynamo.close();
    }

    @Test
    void createTableIfMissing_calledAgain_keepsTableWithTtlOnExpiresAt() {
        ledger(clock).createTableIfMissing();

        var ttl = dynamo.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
        assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
        assertThat(ttl.attributeName()).isEqualTo(DynamoDbIdempotencyLedger.TTL_ATTRIBUTE);
        assertThat(dynamo.describeTable(b -> b.tableName(table)).table().keySchema())
                .extracting(k -> k.attributeName())
                .containsExactly(DynamoDbIdempotencyLedger.KEY_ATTRIBUTE);
    }

    @Test
    void handle_sameEventDeliveredTwice_runsSideEffectOnceAndRecordsDone() {
        AtomicInteger sideEffects = new AtomicInteger();
        ChangeHandler<String> once = IdempotentHandler.wrap(ChangeHandler.forEach(e -> sideEffects.incrementAndGet()),
                ledger(clock));
        ChangeEvent<String> event = IdempotentHandlerTest.event("evt-1", "u-1");

        once.handle(List.of(event));
        once.handle(List.of(event));

        assertThat(sideEffects).hasValue(1);
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("evt-1")))).item();
        assertThat(item.get("status").s()).isEqualTo("DONE");
        assertThat(Long.parseLong(item.get("expiresAt").n()))
                .isEqualTo(clock.instant().plus(Duration.ofHours(48)).getEpochSecond());
    }

    @Test
    void handle_sameEventsFromTwoWorkersConcurrently_runSideEffectOncePerEvent() throws Exception {
        Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        ChangeHandler<String> sideEffect = ChangeHandler.forEach(e -> {
            counts.computeIfAbsent(e.eventId(), k -> new AtomicInteger()).incrementAndGet();
            sleep(30); // widen the window in which the other worker finds the claim in progress
        });
        List<ChangeEvent<String>> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(IdempotentHandlerTest.event("evt-" + i, "u-" + i));
        }
        // Two ledger instances are two workers: different owners, one table.
        List<ChangeHandler<String>> workers = List.of(
                IdempotentHandler.wrap(sideEffect, ledger(Clock.systemUTC())),
                IdempotentHandler.wrap(sideEffect, ledger(Clock.systemUTC())));
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (ChangeHandler<String> worker : workers) {
                runs.add(pool.submit(() -> {
                    start.await();
                    for (ChangeEvent<String> e : events) {
                        deliverUntilAccepted(worker, e);
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(counts).hasSize(10);
        assertThat(counts.values()).allSatisfy(c -> assertThat(c).hasValue(1));
    }

    /** Redelivers like a stream consumer does after a retryable refusal. */
    private static void deliverUntilAccepted(ChangeHandler<String> worker, ChangeEvent<String> e) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .ignoreException(ClaimInProgressException.class)
                .untilAsserted(() -> worker.handle(List.of(e)));
    }

    @Test
    void tryClaim_staleClaim_isTakenOverAndFormerOwnerCannotReleaseIt() {
        DynamoDbIdempotencyLedger crashed = ledger(clock);
        MutableClock later = MutableClock.at(clock.instant().plus(Duration.ofMinutes(2)));
        DynamoDbIdempotencyLedger rescuer = ledger(later);
        assertThat(crashed.tryClaim("k")).isTrue();

        assertThat(rescuer.tryClaim("k")).isTrue();
        crashed.release("k");

        DynamoDbIdempotencyLedger third = ledger(later);
        assertThat(third.tryClaim("k")).isFalse();
        assertThat(third.isDone("k")).isFalse();
    }

    @Test
    void tryClaim_responseLostAfterPutSucceeded_retryClaimsItForItsOwnerOnly() {
        AtomicInteger puts = new AtomicInteger();
        ExecutionInterceptor loseFirstPutResponse = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutItemRequest && puts.incrementAndGet() == 1) {
                    // The item was written; only the answer is lost, as after a read timeout.
                    throw SdkClientException.create("response lost", new SocketTimeoutException("Read timed out"));
                }
            }
        };
        try (DynamoDbClient flaky = ClientSettings.local(local.endpoint()).applyTo(DynamoDbClient.builder())
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(10))
                        .addExecutionInterceptor(loseFirstPutResponse))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            DynamoDbIdempotencyLedger ambiguous = DynamoDbIdempotencyLedger.builder().client(flaky).tableName(table)
                    .claimTimeout(Duration.ofMinutes(1)).clock(clock).build();

            assertThat(ambiguous.tryClaim("k")).isTrue();

            assertThat(puts.get()).isEqualTo(2);
            assertThat(ledger(clock).tryClaim("k")).isFalse();
            ambiguous.release("k");
            assertThat(ledger(clock).tryClaim("k")).isTrue();
        }
    }

    @Test
    void tryClaim_liveClaimOfAnotherWorker_isRefusedUntilReleased() {
        DynamoDbIdempotencyLedger a = ledger(clock);
        DynamoDbIdempotencyLedger b = ledger(clock);
        assertThat(a.tryClaim("k")).isTrue();

        assertThat(b.tryClaim("k")).isFalse();
        a.release("k");

        assertThat(b.tryClaim("k")).isTrue();
    }

    @Test
    void handle_delegateFails_releasesClaimSoRedeliveryRunsIt() {
        AtomicInteger attempts = new AtomicInteger();
        ChangeHandler<String> flaky = ChangeHandler.forEach(e -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
        });
        ChangeHandler<String> once = IdempotentHandler.wrap(flaky, ledger(clock));
        ChangeEvent<String> event = IdempotentHandlerTest.event("evt-1", "u-1");

        assertThatThrownBy(() -> once.handle(List.of(event))).isInstanceOf(IllegalStateException.class);
        once.handle(List.of(event));
        once.handle(List.of(event));

        assertThat(attempts).hasValue(2);
    }

    @Test
    void tryClaim_doneKeyPastTtl_isClaimableAgain() {
        DynamoDbIdempotencyLedger now = ledger(clock);
        assertThat(now.tryClaim("k")).isTrue();
        now.complete("k");
        assertThat(now.isDone("k")).isTrue();
        assertThat(now.tryClaim("k")).isFalse();

        DynamoDbIdempotencyLedger muchLater = ledger(MutableClock.at(clock.instant().plus(Duration.ofHours(49))));

        assertThat(muchLater.isDone("k")).isFalse();
        assertThat(muchLater.tryClaim("k")).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
