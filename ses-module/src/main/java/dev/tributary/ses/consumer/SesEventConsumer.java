package dev.tributary.ses.consumer;

import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.consumer.internal.QueuePoller;
import dev.tributary.ses.suppression.SuppressionPolicy;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Consumes SES sending events from an SQS queue (subscribed to the SES event topic, with or without raw
 * message delivery, or the target of an EventBridge rule): long-polls, decodes each body with
 * {@link dev.tributary.ses.event.SesEvents#fromSqs}, applies a {@link SuppressionPolicy}, calls your
 * {@link SesEventHandler} and deletes the messages the handler acknowledged.
 *
 * <p>A message whose body is not an SES event (poison), or whose policy or handler throws, is left in the
 * queue untouched: it becomes visible again after the queue's visibility timeout, and the queue's redrive
 * policy moves it to the dead-letter queue after {@code maxReceiveCount} receives. Give the queue a redrive
 * policy ({@link #start()} warns when it has none) and a visibility timeout longer than a batch takes to
 * handle; a message handled after its visibility timeout ran out is still deleted, with a WARN, as another
 * consumer may have received it meanwhile. Handlers must therefore be idempotent.
 *
 * <p>Lifecycle: {@link #start()} runs one daemon poller thread; {@link #close()} stops it, lets the batch in
 * hand finish and be deleted, and abandons a long poll in progress: no handler or listener call happens after
 * {@code close()} returns, and whatever that poll still returns is left in the queue (visible again after the
 * visibility timeout, its receive count one higher); the thread ends when the poll returns, within the wait
 * time. Or call {@link #pollOnce()} from your own scheduler and never start. The SQS client is the caller's
 * and is never closed. Thread-safe.
 *
 * <pre>{@code
 * try (SesEventConsumer consumer = SesEventConsumer.builder()
 *         .sqsClient(sqsClient)
 *         .queueUrl("https://sqs.eu-west-1.amazonaws.com/123456789012/ses-events")
 *         .suppressionPolicy(policy)
 *         .handler(event -> metrics.count(event.type()))
 *         .build()) {
 *     consumer.start();
 *     awaitShutdown();
 * }
 * }</pre>
 */
public final class SesEventConsumer implements AutoCloseable {
    private final QueuePoller poller;
    private final String queueUrl;

    private SesEventConsumer(Builder b) {
        this.queueUrl = Objects.requireNonNull(b.queueUrl);
        this.poller = new QueuePoller(Objects.requireNonNull(b.sqs), queueUrl, b.settings.processor(), b.waitTime,
                b.maxMessages, b.visibilityTimeout, b.shutdownTimeout);
    }

    /** Returns a builder; an SQS client, a queue URL and a policy or handler are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the poller thread. Reads the queue's visibility timeout and redrive policy once (a WARN when the
     * queue has no redrive policy: poison messages would then cycle until the retention period ends).
     *
     * @return this consumer
     * @throws TributaryValidationException when already started
     * @throws dev.tributary.core.TributaryRejectedException with reason {@code CLOSED} when closed
     * @throws TributaryException when the queue's attributes cannot be read
     */
    public SesEventConsumer start() {
        poller.start();
        return this;
    }

    /**
     * Receives one batch (long polling up to the wait time), handles it and deletes the acknowledged
     * messages, on the calling thread. For callers that schedule polling themselves; do not mix with
     * {@link #start()}.
     *
     * @return how many messages were received
     * @throws TributaryException when ReceiveMessage fails
     */
    public int pollOnce() {
        return poller.pollOnce();
    }

    /**
     * Stops polling: waits for the batch being handled to finish and be deleted, up to the shutdown timeout,
     * and abandons a long poll or a backoff in progress without waiting for it. Idempotent.
     */
    @Override
    public void close() {
        poller.close();
    }

    @Override
    public String toString() {
        return "SesEventConsumer[queue=" + queueUrl + "]";
    }

    /** Builds a {@link SesEventConsumer}; validates at {@link #build()}. Not thread-safe. */
    public static final class Builder extends EventProcessorBuilder<Builder> {
        private @Nullable SqsClient sqs;
        private @Nullable String queueUrl;
        private Duration waitTime = Duration.ofSeconds(20);
        private int maxMessages = 10;
        private @Nullable Duration visibilityTimeout;
        private Duration shutdownTimeout = Duration.ofSeconds(30);

        private Builder() {}

        /** Sets the client (required); needs {@code sqs:ReceiveMessage}, {@code DeleteMessage} and {@code GetQueueAttributes}. */
        public Builder sqsClient(SqsClient sqsClient) {
            this.sqs = sqsClient;
            return this;
        }

        /** Sets the queue URL (required). */
        public Builder queueUrl(String queueUrl) {
            this.queueUrl = queueUrl;
            return this;
        }

        /** Sets the long-poll wait ({@code WaitTimeSeconds}), 0 to 20 seconds; 20 by default. */
        public Builder waitTime(Duration waitTime) {
            this.waitTime = Objects.requireNonNull(waitTime, "waitTime");
            return this;
        }

        /** Sets the most messages per receive, 1 to 10; 10 by default. */
        public Builder maxMessages(int maxMessages) {
            this.maxMessages = maxMessages;
            return this;
        }

        /**
         * Overrides the queue's visibility timeout for messages this consumer receives (whole seconds, up to
         * 12 hours); the queue's own by default.
         */
        public Builder visibilityTimeout(@Nullable Duration visibilityTimeout) {
            this.visibilityTimeout = visibilityTimeout;
            return this;
        }

        /** Sets how long {@link #close()} waits for the batch in hand; 30 seconds by default. */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
            return this;
        }

        /**
         * Validates and builds the consumer; makes no call.
         *
         * @return the consumer
         * @throws TributaryValidationException naming the field that is missing or out of range
         */
        public SesEventConsumer build() {
            if (sqs == null) {
                throw TributaryValidationException.of("sqsClient", "is required; pass an SqsClient");
            }
            if (queueUrl == null || queueUrl.isBlank()) {
                throw TributaryValidationException.of("queueUrl", "is required; pass the queue's URL");
            }
            settings.validate("events are deleted unread");
            if (waitTime.isNegative() || waitTime.compareTo(Duration.ofSeconds(20)) > 0) {
                throw TributaryValidationException.of("waitTime", "must be 0 to 20 seconds (SQS's limit)");
            }
            if (maxMessages < 1 || maxMessages > 10) {
                throw TributaryValidationException.of("maxMessages", "must be 1 to 10 (SQS's limit)");
            }
            if (visibilityTimeout != null && (visibilityTimeout.isNegative()
                    || visibilityTimeout.compareTo(Duration.ofHours(12)) > 0)) {
                throw TributaryValidationException.of("visibilityTimeout", "must be 0 to 12 hours (SQS's limit)");
            }
            if (shutdownTimeout.isNegative()) {
                throw TributaryValidationException.of("shutdownTimeout", "must not be negative");
            }
            return new SesEventConsumer(this);
        }
    }
}
