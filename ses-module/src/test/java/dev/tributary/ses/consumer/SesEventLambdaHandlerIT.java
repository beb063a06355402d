package dev.tributary.ses.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.tributary.ses.suppression.InMemorySuppressionStore;
import dev.tributary.ses.suppression.SuppressionPolicy;
import dev.tributary.testkit.LocalSqs;
import dev.tributary.testkit.LocalSqsExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Plays Lambda's SQS event source mapping against ElasticMQ: receive a batch, pass it as an SQSEvent, delete
 * what the partial batch response does not name.
 */
@ExtendWith(LocalSqsExtension.class)
class SesEventLambdaHandlerIT {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final SqsQueues queues;
    private final InMemorySuppressionStore store = InMemorySuppressionStore.create();

    SesEventLambdaHandlerIT(LocalSqs sqs) {
        this.queues = new SqsQueues(sqs);
    }

    @AfterEach
    void cleanUp() {
        queues.close();
    }

    @Test
    void handle_batchWithPoisonAndFailingRecords_reportsOnlyThoseAsItemFailures() {
        SesEventLambdaHandler handler = SesEventLambdaHandler.builder()
                .suppressionPolicy(SuppressionPolicy.builder().store(store).build())
                .handler(e -> {
                    if (e.mail().destination().contains("flaky@example.com")) {
                        throw new IllegalStateException("downstream unavailable");
                    }
                })
                .build();
        String good = queues.send(SqsQueues.rawBounce("good@example.com"));
        String sns = queues.send(SqsQueues.snsComplaint("spam@example.com"));
        String poison = queues.send("not json at all");
        String flaky = queues.send(SqsQueues.rawBounce("flaky@example.com"));
        List<Message> batch = queues.receive(queues.queueUrl, 4, DEADLINE);
        assertThat(batch).hasSize(4);

        SQSBatchResponse response = handler.handle(toEvent(batch));

        Set<String> failures = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        assertThat(failures).containsExactlyInAnyOrder(poison, flaky);
        assertThat(store.isSuppressed("good@example.com")).isTrue();
        assertThat(store.isSuppressed("spam@example.com")).isTrue();

        // What Lambda does with the response: delete the rest; the failures come back after the visibility timeout.
        batch.stream().filter(m -> !failures.contains(m.messageId()))
                .forEach(m -> queues.sqs.deleteMessage(b -> b.queueUrl(queues.queueUrl).receiptHandle(m.receiptHandle())));
        List<Message> again = queues.receive(queues.queueUrl, 2, DEADLINE);
        assertThat(again).extracting(Message::messageId).containsExactlyInAnyOrder(poison, flaky);
        assertThat(again).extracting(Message::messageId).doesNotContain(good, sns);
    }

    @Test
    void handle_emptyOrNullEvent_reportsNoFailures() {
        SesEventLambdaHandler handler = SesEventLambdaHandler.builder().handler(SesEventHandler.NONE).build();

        assertThat(handler.handle(new SQSEvent()).getBatchItemFailures()).isEmpty();
        assertThat(handler.handle(null).getBatchItemFailures()).isEmpty();
    }

    private static SQSEvent toEvent(List<Message> batch) {
        SQSEvent event = new SQSEvent();
        event.setRecords(batch.stream().map(m -> {
            SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setReceiptHandle(m.receiptHandle());
            r.setBody(m.body());
            r.setEventSource("aws:sqs");
            r.setAttributes(Map.of("ApproximateReceiveCount",
                    m.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1")));
            return r;
        }).toList());
        return event;
    }
}
