package dev.tributary.ses.consumer;

import static dev.tributary.ses.consumer.SqsQueues.MAX_RECEIVE_COUNT;
import static dev.tributary.ses.consumer.SqsQueues.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryRejectedException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.event.SesEvent;
import dev.tributary.ses.event.SesEventType;
import dev.tributary.ses.suppression.InMemorySuppressionStore;
import dev.tributary.ses.suppression.SuppressionPolicy;
import dev.tributary.ses.suppression.SuppressionReason;
import dev.tributary.testkit.LocalSqs;
import dev.tributary.testkit.LocalSqsExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/** Against ElasticMQ (the test kit's LocalSqs): a queue with visibility timeout 1 s and a DLQ after 2 receives. */
@ExtendWith(LocalSqsExtension.class)
class SesEventConsumerIT {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final SqsQueues queues;
    private final InMemorySuppressionStore store = InMemorySuppressionStore.create();
    private final SuppressionPolicy policy = SuppressionPolicy.builder().store(store).build();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final List<String> poison = new CopyOnWriteArrayList<>();
    private final List<Integer> poisonReceiveCounts = new CopyOnWriteArrayList<>();
    private final List<String> failed = new CopyOnWriteArrayList<>();
    private final SesEventConsumerListener listener = new SesEventConsumerListener() {
        @Override
        public void onHandled(String messageId, SesEvent event) {
            handled.add(messageId);
        }

        @Override
        public void onPoison(String messageId, int receiveCount, TributaryException error) {
            poison.add(messageId);
            poisonReceiveCounts.add(receiveCount);
        }

        @Override
        public void onHandlerFailed(String messageId, int receiveCount, Exception error) {
            failed.add(messageId);
        }
    };
    private SesEventConsumer consumer;

    SesEventConsumerIT(LocalSqs sqs) {
        this.queues = new SqsQueues(sqs);
    }

    @AfterEach
    void cleanUp() {
        if (consumer != null) {
            consumer.close();
        }
        queues.close();
    }

    private SesEventConsumer.Builder consumer(SesEventHandler handler) {
        return SesEventConsumer.builder().sqsClient(queues.sqs).queueUrl(queues.queueUrl).suppressionPolicy(policy)
                .handler(handler).listener(listener).waitTime(Duration.ofSeconds(1));
    }

    @Test
    void pollOnce_snsWrappedAndRawDeliveryBodies_appliesPolicyCallsHandlerAndDeletes() {
        List<SesEventType> types = new CopyOnWriteArrayList<>();
        consumer = consumer(e -> types.add(e.type())).build();
        String bounceId = queues.send(SqsQueues.rawBounce("hard@example.com"));
        String complaintId = queues.send(SqsQueues.snsComplaint("spam@example.com"));

        await(() -> {
            consumer.pollOnce();
            return handled.size() == 2;
        }, DEADLINE, "both events handled");

        assertThat(handled).containsExactlyInAnyOrder(bounceId, complaintId);
        assertThat(types).containsExactlyInAnyOrder(SesEventType.BOUNCE, SesEventType.COMPLAINT);
        assertThat(store.find("hard@example.com")).get()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(SuppressionReason.BOUNCE));
        assertThat(store.find("spam@example.com")).get()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(SuppressionReason.COMPLAINT));
        assertThat(queues.count(queues.queueUrl)).isZero();
        assertThat(queues.count(queues.dlqUrl)).isZero();
    }

    @Test
    void pollOnce_handlerThrows_leavesTheMessageWhichIsReceivedAgainAfterTheVisibilityTimeout() {
        AtomicInteger calls = new AtomicInteger();
        consumer = consumer(e -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("downstream unavailable");
            }
        }).build();
        String id = queues.send(SqsQueues.rawBounce("retry@example.com"));

        consumer.pollOnce();
        assertThat(failed).containsExactly(id);
        assertThat(queues.count(queues.queueUrl)).isEqualTo(1);

        await(() -> {
            consumer.pollOnce();
            return !handled.isEmpty();
        }, DEADLINE, "the message received again and handled");
        assertThat(calls).hasValue(2);
        assertThat(handled).containsExactly(id);
        assertThat(queues.count(queues.queueUrl)).isZero();
    }

    @Test
    void pollOnce_poisonMessage_isLeftUntilTheRedrivePolicyMovesItToTheDeadLetterQueue() {
        consumer = consumer(SesEventHandler.NONE).build();
        String body = "{\"not\":\"an SES event\"}";
        String id = queues.send(body);

        await(() -> {
            consumer.pollOnce();
            return queues.count(queues.dlqUrl) == 1;
        }, DEADLINE, "the poison message in the DLQ");

        assertThat(poison).containsOnly(id).hasSize(MAX_RECEIVE_COUNT);
        assertThat(poisonReceiveCounts).containsExactly(1, 2);
        assertThat(handled).isEmpty();
        assertThat(queues.count(queues.queueUrl)).isZero();
        List<Message> dead = queues.receive(queues.dlqUrl, 1, DEADLINE);
        assertThat(dead).singleElement().satisfies(m -> assertThat(m.body()).isEqualTo(body));
    }

    @Test
    void start_thenClose_handlesWhileRunningAndLeavesLaterMessagesInTheQueue() {
        consumer = consumer(SesEventHandler.NONE).waitTime(Duration.ofSeconds(20)).build().start();
        String id = queues.send(SqsQueues.rawBounce("bg@example.com"));
        await(() -> handled.contains(id), DEADLINE, "the poller thread handled the message");
        await(() -> queues.count(queues.queueUrl) == 0, DEADLINE, "the handled message deleted");

        consumer.close();
        consumer.close();
        // The abandoned long poll may still receive this one, but must drop it: it stays in the queue.
        String later = queues.send(SqsQueues.rawBounce("later@example.com"));

        assertThat(queues.receive(queues.queueUrl, 1, DEADLINE)).extracting(Message::messageId).containsExactly(later);
        assertThat(handled).containsExactly(id);
        assertThat(store.isSuppressed("later@example.com")).isFalse();
        assertThatThrownBy(consumer::start).isInstanceOfSatisfying(TributaryRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(TributaryRejectedException.Reason.CLOSED));
    }

    @Test
    void build_nothingToDoOrBadLimits_namesTheField() {
        assertThatThrownBy(() -> SesEventConsumer.builder().sqsClient(queues.sqs).queueUrl(queues.queueUrl).build())
                .isInstanceOf(TributaryValidationException.class).hasMessageContaining("handler");
        assertThatThrownBy(() -> consumer(SesEventHandler.NONE).waitTime(Duration.ofSeconds(21)).build())
                .isInstanceOf(TributaryValidationException.class).hasMessageContaining("waitTime");
        assertThatThrownBy(() -> consumer(SesEventHandler.NONE).maxMessages(11).build())
                .isInstanceOf(TributaryValidationException.class).hasMessageContaining("maxMessages");
    }
}
