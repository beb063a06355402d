package dev.tributary.ses.consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.core.ClientSettings;
import dev.tributary.testkit.LocalSqs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** A queue with a dead-letter queue on the embedded SQS server, and SES event bodies, for consumer tests. */
final class SqsQueues implements AutoCloseable {
    static final int MAX_RECEIVE_COUNT = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    final SqsClient sqs;
    final String queueUrl;
    final String dlqUrl;

    SqsQueues(LocalSqs local) {
        this.sqs = ClientSettings.local(local.endpoint()).toBuilder().apiCallTimeout(Duration.ofSeconds(30)).build()
                .applyTo(SqsClient.builder())
                .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
                .build();
        String suffix = UUID.randomUUID().toString();
        this.dlqUrl = sqs.createQueue(b -> b.queueName("ses-events-dlq-" + suffix)).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}";
        // A one-second visibility timeout makes redelivery quick.
        this.queueUrl = sqs.createQueue(b -> b.queueName("ses-events-" + suffix).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                QueueAttributeName.REDRIVE_POLICY, redrive))).queueUrl();
    }

    String send(String body) {
        return sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)).messageId();
    }

    /** Visible plus in-flight messages of a queue. */
    int count(String url) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Receives from a queue until {@code n} messages arrived or the deadline passes. */
    List<Message> receive(String url, int n, Duration deadline) {
        List<Message> out = new ArrayList<>();
        try {
            // Each receive long-polls for a second: no extra poll delay.
            Awaitility.await().atMost(deadline).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        out.addAll(sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1).maxNumberOfMessages(10)
                                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                                .messages());
                        return out.size() >= n;
                    });
        } catch (ConditionTimeoutException fewer) {
            // The caller asserts on what arrived.
        }
        return out;
    }

    static void await(BooleanSupplier condition, Duration deadline, String what) {
        Awaitility.await(what).atMost(deadline).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
    }

    /** A raw-delivery body: the SES record of a hard bounce of {@code address}. */
    static String rawBounce(String address) {
        return resource("bounce.json").replace("recipient@example.com", address);
    }

    /** An SNS-wrapped body: a notification whose Message is the SES record of a complaint by {@code address}. */
    static String snsComplaint(String address) {
        ObjectNode sns = JSON.createObjectNode()
                .put("Type", "Notification")
                .put("MessageId", UUID.randomUUID().toString())
                .put("TopicArn", "arn:aws:sns:eu-west-1:123456789012:ses-events")
                .put("Message", resource("complaint.json").replace("recipient@example.com", address))
                .put("Timestamp", "2024-03-01T10:00:05.000Z");
        return sns.toString();
    }

    private static String resource(String name) {
        String path = "/dev/tributary/ses/event/" + name;
        try (InputStream in = SqsQueues.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        sqs.deleteQueue(b -> b.queueUrl(queueUrl));
        sqs.deleteQueue(b -> b.queueUrl(dlqUrl));
        sqs.close();
    }
}
