package dev.tributary.dynamo.kcl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.dynamodbv2.streamsadapter.model.DynamoDBStreamsProcessRecordsInput;
import com.amazonaws.services.dynamodbv2.streamsadapter.processor.DynamoDBStreamsShardRecordProcessor;
import dev.tributary.dynamo.kcl.CountingClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;

class KillSwitchTest {
    private static final DynamoDBStreamsProcessRecordsInput BATCH =
            DynamoDBStreamsProcessRecordsInput.builder().records(List.of()).build();

    private final KillSwitch killSwitch = new KillSwitch();

    /** Counts calls; blocks in processRecords while {@code hold} is not counted down. */
    private static final class CountingProcessor implements DynamoDBStreamsShardRecordProcessor {
        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch hold;

        CountingProcessor(CountDownLatch hold) {
            this.hold = hold;
        }

        @Override
        public void initialize(InitializationInput input) {
            calls.incrementAndGet();
        }

        @Override
        public void processRecords(DynamoDBStreamsProcessRecordsInput input) {
            calls.incrementAndGet();
            entered.countDown();
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void leaseLost(LeaseLostInput input) {
            calls.incrementAndGet();
        }

        @Override
        public void shardEnded(ShardEndedInput input) {
            calls.incrementAndGet();
        }

        @Override
        public void shutdownRequested(ShutdownRequestedInput input) {
            calls.incrementAndGet();
        }
    }

    private static CountingClient<DynamoDbStreamsClient> streams() {
        return CountingClient.answering(DynamoDbStreamsClient.class)
                .answer("describeStream", DescribeStreamResponse.builder().build())
                .answer("serviceName", DynamoDbStreamsClient.SERVICE_NAME);
    }

    @Test
    void guard_syncClientTripped_failsWithoutCallingIt() {
        CountingClient<DynamoDbStreamsClient> real = streams();
        DynamoDbStreamsClient guarded = killSwitch.guard(DynamoDbStreamsClient.class, real.client());

        guarded.describeStream(b -> b.streamArn("arn"));
        killSwitch.trip();

        assertThatThrownBy(() -> guarded.describeStream(b -> b.streamArn("arn")))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
        assertThat(real.calls("describeStream")).isEqualTo(1);
        assertThat(guarded.serviceName()).isEqualTo(DynamoDbStreamsClient.SERVICE_NAME);
        assertThat(killSwitch.tripped()).isTrue();
    }

    @Test
    void guard_close_neverClosesTheClient() {
        CountingClient<DynamoDbStreamsClient> real = streams();

        killSwitch.guard(DynamoDbStreamsClient.class, real.client()).close();

        assertThat(real.calls("close")).isZero();
    }

    @Test
    void guard_asyncClientTripped_returnsFailedFutureWithoutCallingIt() {
        CountingClient<DynamoDbAsyncClient> real = CountingClient.answering(DynamoDbAsyncClient.class)
                .answer("getItem", CompletableFuture.completedFuture(GetItemResponse.builder().build()));
        DynamoDbAsyncClient guarded = killSwitch.guard(DynamoDbAsyncClient.class, real.client());

        assertThat(guarded.getItem(b -> b.tableName("t"))).isCompleted();
        killSwitch.trip();
        CompletableFuture<GetItemResponse> afterTrip = guarded.getItem(b -> b.tableName("t"));

        assertThat(afterTrip).isCompletedExceptionally();
        assertThatThrownBy(afterTrip::join).hasCauseInstanceOf(DynamoDbException.class);
        assertThat(real.calls("getItem")).isEqualTo(1);
    }

    @Test
    void guard_processorTripped_ignoresEveryCallback() {
        CountingProcessor real = new CountingProcessor(new CountDownLatch(0));
        DynamoDBStreamsShardRecordProcessor guarded = killSwitch.guard(real);
        guarded.processRecords(BATCH);

        killSwitch.trip();
        guarded.initialize(null);
        guarded.processRecords(BATCH);
        guarded.leaseLost(null);
        guarded.shardEnded(null);
        guarded.shutdownRequested(null);

        assertThat(real.calls).hasValue(1);
    }

    @Test
    void awaitIdle_callbackStillRunning_waitsUntilItReturns() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        CountingProcessor real = new CountingProcessor(hold);
        DynamoDBStreamsShardRecordProcessor guarded = killSwitch.guard(real);
        Thread kcl = new Thread(() -> guarded.processRecords(BATCH));
        kcl.start();
        assertThat(real.entered.await(5, TimeUnit.SECONDS)).isTrue();

        killSwitch.trip();
        assertThat(killSwitch.awaitIdle(Duration.ofMillis(100))).as("still running").isFalse();
        hold.countDown();

        assertThat(killSwitch.awaitIdle(Duration.ofSeconds(5))).isTrue();
        kcl.join(5000);
    }

    @Test
    void awaitIdle_nothingRunning_returnsAtOnce() {
        killSwitch.trip();

        assertThat(killSwitch.awaitIdle(Duration.ZERO)).isTrue();
    }
}
