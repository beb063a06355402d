package dev.tributary.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class ResilienceTest {

    private static ResilienceSettings.Builder fast() {
        return ResilienceSettings.builder().backoff(Duration.ofMillis(1), Duration.ofMillis(5));
    }

    private static AwsServiceException serviceError(int status, String code) {
        return AwsServiceException.builder()
                .statusCode(status)
                .requestId("req-1")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("boom").build())
                .build();
    }

    @Test
    void execute_retryableFailureThenSuccess_retriesAndReturns() {
        Resilience r = Resilience.create("t1", fast().maxAttempts(3).build());
        AtomicInteger calls = new AtomicInteger();

        String out = r.execute("op", () -> {
            if (calls.incrementAndGet() < 3) {
                throw serviceError(503, "ServiceUnavailable");
            }
            return "ok";
        });

        assertThat(out).isEqualTo("ok");
        assertThat(calls).hasValue(3);
    }

    @Test
    void execute_validationError_isNotRetriedAndIsTranslated() {
        Resilience r = Resilience.create("t2", fast().maxAttempts(5).build());
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> r.execute("ses.SendEmail", () -> {
                    calls.incrementAndGet();
                    throw serviceError(400, "BadRequestException");
                }))
                .isInstanceOf(TributaryServiceException.class)
                .satisfies(e -> {
                    TributaryServiceException se = (TributaryServiceException) e;
                    assertThat(se.retryable()).isFalse();
                    assertThat(se.statusCode()).hasValue(400);
                    assertThat(se.requestId()).contains("req-1");
                    assertThat(se.errorCode()).contains("BadRequestException");
                });
        assertThat(calls).hasValue(1);
    }

    @Test
    void execute_retriesExhausted_throwsLastFailureAsRetryable() {
        Resilience r = Resilience.create("t3", fast().maxAttempts(2).build());
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> r.execute("op", () -> {
                    calls.incrementAndGet();
                    throw new UncheckedIOException(new IOException("connection reset"));
                }))
                .isInstanceOf(TributaryClientException.class)
                .satisfies(e -> assertThat(((TributaryException) e).retryable()).isTrue());
        assertThat(calls).hasValue(2);
    }

    @Test
    void execute_repeatedServerFailures_opensCircuitAndRejects() {
        Resilience r = Resilience.create(
                "t4", fast().maxAttempts(1).circuitBreaker(50, 4, 4, Duration.ofMinutes(1)).build());
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> r.execute("op", () -> {
                        throw serviceError(500, "InternalFailure");
                    }))
                    .isInstanceOf(TributaryServiceException.class);
        }
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> r.execute("op", calls::incrementAndGet))
                .isInstanceOf(TributaryRejectedException.class)
                .satisfies(e -> assertThat(((TributaryRejectedException) e).reason())
                        .isEqualTo(TributaryRejectedException.Reason.CIRCUIT_OPEN));
        assertThat(calls).hasValue(0);
    }

    @Test
    void execute_clientErrors_doNotOpenCircuit() {
        Resilience r = Resilience.create(
                "t5", fast().maxAttempts(1).circuitBreaker(50, 4, 4, Duration.ofMinutes(1)).build());
        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(() -> r.execute("op", () -> {
                throw serviceError(400, "ValidationException");
            }));
        }
        assertThat(r.execute("op", () -> "still closed")).isEqualTo("still closed");
    }

    @Test
    void execute_rateLimitExhausted_rejectsAsThrottledWithoutCalling() {
        Resilience r = Resilience.create(
                "t6", fast().rateLimit(2, Duration.ofMinutes(1), Duration.ZERO).build());
        AtomicInteger calls = new AtomicInteger();
        r.execute("op", calls::incrementAndGet);
        r.execute("op", calls::incrementAndGet);

        assertThatThrownBy(() -> r.execute("op", calls::incrementAndGet))
                .isInstanceOf(TributaryRejectedException.class)
                .satisfies(e -> assertThat(((TributaryException) e).throttled()).isTrue());
        assertThat(calls).hasValue(2);
    }

    @Test
    void execute_eachRetryAttempt_takesItsOwnRateLimiterPermit() {
        // Retry is outermost: a retried call must pass the rate limiter again, so 3 attempts use 3 permits.
        Resilience r = Resilience.create(
                "t7", fast().maxAttempts(3).rateLimit(100, Duration.ofMinutes(1), Duration.ZERO).build());
        AtomicInteger calls = new AtomicInteger();
        r.execute("op", () -> {
            if (calls.incrementAndGet() < 3) {
                throw serviceError(503, "ServiceUnavailable");
            }
            return 1;
        });

        assertThat(r.rateLimiter()).get().satisfies(rl -> assertThat(rl.getMetrics().getAvailablePermissions())
                .isEqualTo(97));
        assertThat(r.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(2);
        assertThat(r.circuitBreaker().getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
    }

    @Test
    void executeAsync_retryableFailureThenSuccess_completesWithValue() throws Exception {
        Resilience r = Resilience.create("t8", fast().maxAttempts(3).build());
        AtomicInteger calls = new AtomicInteger();

        CompletableFuture<String> f = r.executeAsync("op", () -> calls.incrementAndGet() < 2
                ? CompletableFuture.failedFuture(serviceError(429, "ThrottlingException"))
                : CompletableFuture.completedFuture("ok"));

        assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(calls).hasValue(2);
    }

    @Test
    void executeAsync_nonRetryableFailure_failsWithTranslatedException() {
        Resilience r = Resilience.create("t9", fast().maxAttempts(3).build());
        List<Integer> attempts = new ArrayList<>();

        CompletableFuture<String> f = r.executeAsync("op", () -> {
            attempts.add(1);
            return CompletableFuture.failedFuture(serviceError(400, "MessageRejected"));
        });

        assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TributaryServiceException.class);
        assertThat(attempts).hasSize(1);
    }

    @Test
    void executeAsync_rateLimited_rejectsWithoutCalling() {
        Resilience r = Resilience.create(
                "t10", fast().maxAttempts(1).rateLimit(1, Duration.ofMinutes(1), Duration.ZERO).build());
        AtomicInteger calls = new AtomicInteger();
        r.executeAsync("op", () -> CompletableFuture.completedFuture(calls.incrementAndGet())).join();

        CompletableFuture<Integer> second =
                r.executeAsync("op", () -> CompletableFuture.completedFuture(calls.incrementAndGet()));

        assertThatThrownBy(second::join).hasCauseInstanceOf(TributaryRejectedException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void create_withUserRegistry_registersInstancesUnderBackendName() {
        var retries = io.github.resilience4j.retry.RetryRegistry.ofDefaults();
        var breakers = io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry.ofDefaults();
        Resilience r = Resilience.create("dynamodb.users",
                fast().retryRegistry(retries).circuitBreakerRegistry(breakers).build());

        assertThat(retries.find("dynamodb.users")).containsSame(r.retry());
        assertThat(breakers.find("dynamodb.users")).containsSame(r.circuitBreaker());
    }

    @Test
    void builder_invalidValues_nameTheField() {
        assertThatThrownBy(() -> ResilienceSettings.builder().maxAttempts(0).build())
                .isInstanceOf(TributaryValidationException.class)
                .satisfies(e -> assertThat(((TributaryValidationException) e).field()).isEqualTo("maxAttempts"));
        assertThatThrownBy(() -> ResilienceSettings.builder().rateLimit(-1, Duration.ofSeconds(1), Duration.ZERO).build())
                .isInstanceOf(TributaryValidationException.class);
    }
}
