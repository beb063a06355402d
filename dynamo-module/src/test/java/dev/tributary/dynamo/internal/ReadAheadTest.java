package dev.tributary.dynamo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.Record;

class ReadAheadTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger calls = new AtomicInteger();

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Page "it-N" holds one record and points at "it-(N+1)". */
    private GetRecordsResponse page(String iterator) {
        calls.incrementAndGet();
        int n = Integer.parseInt(iterator.substring(3));
        return GetRecordsResponse.builder().records(List.of(Record.builder().eventID("e" + n).build()))
                .nextShardIterator("it-" + (n + 1)).build();
    }

    private static String id(GetRecordsResponse page) {
        return page.records().get(0).eventID();
    }

    @Test
    void take_pagesBehind_returnsThemInOrderAndReadsAtMostDepthAhead() throws Exception {
        ReadAhead ahead = new ReadAhead(this::page, p -> true, 3, executor);
        ahead.start("it-1");

        // Three pages wait, so no fourth call comes while they do.
        await().during(Duration.ofMillis(300)).atMost(DEADLINE).until(() -> calls.get() == 3);
        assertThat(id(ahead.take())).isEqualTo("e1");
        await().atMost(DEADLINE).until(() -> calls.get() == 4);
        assertThat(id(ahead.take())).isEqualTo("e2");
        assertThat(id(ahead.take())).isEqualTo("e3");
        assertThat(id(ahead.take())).isEqualTo("e4");
        assertThat(ahead.pending()).isTrue();
        ahead.cancel();
        assertThat(ahead.pending()).isFalse();
    }

    @Test
    void take_pageNotBehind_endsTheChainAfterIt() throws Exception {
        ReadAhead ahead = new ReadAhead(this::page, p -> !id(p).equals("e2"), 5, executor);
        ahead.start("it-1");

        assertThat(id(ahead.take())).isEqualTo("e1");
        assertThat(id(ahead.take())).isEqualTo("e2");
        await().atMost(DEADLINE).until(() -> !ahead.pending());
        assertThat(calls).hasValue(2);
    }

    @Test
    void take_callFails_throwsInOrderAfterEarlierPagesAndEndsTheChain() throws Exception {
        Function<String, GetRecordsResponse> failsOnSecond = it -> {
            if (it.equals("it-2")) {
                calls.incrementAndGet();
                throw LimitExceededException.builder().message("slow down").build();
            }
            return page(it);
        };
        ReadAhead ahead = new ReadAhead(failsOnSecond, p -> true, 5, executor);
        ahead.start("it-1");

        assertThat(id(ahead.take())).isEqualTo("e1");
        assertThatThrownBy(ahead::take).isInstanceOf(LimitExceededException.class);
        assertThat(ahead.pending()).isFalse();
        assertThat(calls).hasValue(2);
    }

    @Test
    void take_readOnThrows_deliversThePageAndEndsTheChain() throws Exception {
        ReadAhead ahead = new ReadAhead(this::page, p -> {
            throw new NullPointerException("record without dynamodb");
        }, 5, executor);
        ahead.start("it-1");

        assertThat(id(ahead.take())).isEqualTo("e1");
        await().atMost(DEADLINE).until(() -> !ahead.pending());
        assertThat(calls).hasValue(1);
    }

    @Test
    void cancel_callInFlight_dropsItsPage() throws Exception {
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ReadAhead ahead = new ReadAhead(it -> {
            inCall.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return page(it);
        }, p -> true, 5, executor);
        ahead.start("it-1");
        assertThat(inCall.await(10, TimeUnit.SECONDS)).isTrue();

        ahead.cancel();
        release.countDown();

        // The cancelled chain neither queues its page nor reads on.
        await().during(Duration.ofMillis(300)).atMost(DEADLINE).until(() -> calls.get() == 1 && !ahead.pending());
    }

    @Test
    void start_executorShutDown_leavesNothingPending() {
        executor.shutdown();
        ReadAhead ahead = new ReadAhead(this::page, p -> true, 3, executor);

        ahead.start("it-1");

        assertThat(ahead.pending()).isFalse();
    }
}
