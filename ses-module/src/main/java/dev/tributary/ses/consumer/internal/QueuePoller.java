package dev.tributary.ses.consumer.internal;

import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryExceptions;
import dev.tributary.core.TributaryRejectedException;
import dev.tributary.core.TributaryServiceException;
import dev.tributary.core.TributaryValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The SQS side of the consumer: receive with long polling, hand each message to the processor, delete the
 * acknowledged ones in one DeleteMessageBatch; the poller thread and its clean stop.
 */
public final class QueuePoller {
    private static final Logger LOG = LoggerFactory.getLogger(QueuePoller.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final SqsClient sqs;
    private final String queueUrl;
    private final MessageProcessor processor;
    private final int waitSeconds;
    private final int maxMessages;
    private final @Nullable Integer visibilitySeconds;
    private final Duration shutdownTimeout;

    private final Object lock = new Object();
    private @Nullable Thread thread;
    private boolean processing;
    private boolean closed;
    private volatile boolean stopping;
    private volatile @Nullable Duration visibility;

    /** Creates the poller; see the consumer's builder for the parameters. */
    public QueuePoller(SqsClient sqs, String queueUrl, MessageProcessor processor, Duration waitTime, int maxMessages,
            @Nullable Duration visibilityTimeout, Duration shutdownTimeout) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.processor = processor;
        this.waitSeconds = (int) waitTime.toSeconds();
        this.maxMessages = maxMessages;
        this.visibilitySeconds = visibilityTimeout == null ? null : (int) visibilityTimeout.toSeconds();
        this.visibility = visibilityTimeout;
        this.shutdownTimeout = shutdownTimeout;
    }

    /** Reads the queue's attributes and starts the poller thread. */
    public void start() {
        synchronized (lock) {
            if (thread != null || closed) {
                if (closed) {
                    throw TributaryRejectedException.of(TributaryRejectedException.Reason.CLOSED,
                            "The SES event consumer is closed; build a new one", null);
                }
                throw TributaryValidationException.of("start", "the consumer is already started; call start() once");
            }
            readQueueAttributes();
            Thread t = new Thread(this::run, "tributary-ses-consumer");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    private void readQueueAttributes() {
        Map<QueueAttributeName, String> attributes;
        try {
            attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT, QueueAttributeName.REDRIVE_POLICY))
                    .attributes();
        } catch (SdkException e) {
            throw TributaryExceptions.translate(e, "sqs.GetQueueAttributes");
        }
        if (visibilitySeconds == null && attributes.containsKey(QueueAttributeName.VISIBILITY_TIMEOUT)) {
            visibility = Duration.ofSeconds(Long.parseLong(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)));
        }
        if (!attributes.containsKey(QueueAttributeName.REDRIVE_POLICY)) {
            LOG.warn("[op=ses.consume, queue={}] the queue has no redrive policy: messages that are not SES events"
                    + " or whose handler keeps failing return until the retention period ends; give it a"
                    + " dead-letter queue", queueUrl);
        }
        LOG.debug("[op=ses.consume, queue={}, visibilityTimeout={}] started", queueUrl, visibility);
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (!stopping) {
            try {
                pollOnce();
                backoff = FIRST_BACKOFF;
            } catch (TributaryException e) {
                if (stopping) {
                    break;
                }
                LOG.error("[op=ses.consume, queue={}] ReceiveMessage failed; polling again in {} ms", queueUrl,
                        backoff.toMillis(), e);
                processor.listener().onPollFailed(e);
                if (!sleep(backoff)) {
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } catch (RuntimeException e) {
                LOG.error("[op=ses.consume, queue={}] unexpected failure; polling again", queueUrl, e);
                if (!sleep(backoff)) {
                    break;
                }
            }
        }
        LOG.debug("[op=ses.consume, queue={}] poller stopped", queueUrl);
    }

    /** Receives one batch, handles it and deletes what was acknowledged; returns how many were received. */
    public int pollOnce() {
        List<Message> messages = receive();
        if (messages.isEmpty()) {
            return 0;
        }
        try {
            handle(messages);
        } finally {
            synchronized (lock) {
                processing = false;
            }
        }
        return messages.size();
    }

    private void handle(List<Message> messages) {
        long started = System.nanoTime();
        List<DeleteMessageBatchRequestEntry> acks = new ArrayList<>();
        List<String> ackedIds = new ArrayList<>();
        for (Message m : messages) {
            int receiveCount = MessageProcessor.receiveCount(
                    m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
            if (processor.process(m.messageId(), m.body(), receiveCount) == MessageProcessor.Outcome.ACKNOWLEDGED) {
                acks.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(acks.size())).receiptHandle(m.receiptHandle()).build());
                ackedIds.add(m.messageId());
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Duration v = visibility;
        if (v != null && took.compareTo(v) > 0) {
            LOG.warn("[op=ses.consume, queue={}, messages={}, took={}ms, visibilityTimeout={}] handling outlasted the"
                    + " visibility timeout: the messages may have been received again; raise the timeout or lower"
                    + " maxMessages", queueUrl, messages.size(), took.toMillis(), v);
        }
        delete(acks, ackedIds);
    }

    private List<Message> receive() {
        Thread current = Thread.currentThread();
        synchronized (lock) {
            if (stopping && current == thread) {
                return List.of();
            }
        }
        List<Message> messages;
        try {
            messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                    .waitTimeSeconds(waitSeconds)
                    .maxNumberOfMessages(maxMessages)
                    .visibilityTimeout(visibilitySeconds)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        } catch (SdkException e) {
            if (stopping && current == thread) {
                return List.of();
            }
            throw TributaryExceptions.translate(e, "sqs.ReceiveMessage");
        }
        synchronized (lock) {
            if (stopping && current == thread) {
                // Closed during the long poll: leave these to reappear after their visibility timeout.
                LOG.debug("[op=ses.consume, queue={}, messages={}] closed while receiving; left in the queue",
                        queueUrl, messages.size());
                return List.of();
            }
            if (current == thread) {
                Thread.interrupted(); // an interrupt meant for the long poll must not reach the handler
            }
            processing = !messages.isEmpty();
        }
        return messages;
    }

    private void delete(List<DeleteMessageBatchRequestEntry> acks, List<String> ackedIds) {
        if (acks.isEmpty()) {
            return;
        }
        DeleteMessageBatchResponse r;
        try {
            r = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(acks));
        } catch (SdkException e) {
            TributaryException t = TributaryExceptions.translate(e, "sqs.DeleteMessageBatch");
            LOG.warn("[op=ses.consume, queue={}, messages={}] delete failed; they will be received again", queueUrl,
                    acks.size(), t);
            ackedIds.forEach(id -> processor.listener().onDeleteFailed(id, t));
            return;
        }
        for (BatchResultErrorEntry failed : r.failed()) {
            String id = ackedIds.get(Integer.parseInt(failed.id()));
            TributaryException t = TributaryServiceException.builder()
                    .message("sqs.DeleteMessageBatch refused a message (" + failed.code() + "); it will be received"
                            + " again")
                    .retryable(!Boolean.TRUE.equals(failed.senderFault()))
                    .build();
            LOG.warn("[op=ses.consume, queue={}, messageId={}, code={}] delete refused", queueUrl, id, failed.code());
            processor.listener().onDeleteFailed(id, t);
        }
    }

    /** Stops the poller thread: a long poll or backoff is abandoned, a batch being handled finishes. */
    public void close() {
        Thread t;
        boolean abandon;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = true;
            t = thread;
            // Only a batch in hand is worth waiting for; a long poll or a backoff sleep is cut short, and
            // whatever that poll returns is dropped (never handled after close() returns).
            abandon = !processing;
            if (t != null && abandon) {
                t.interrupt();
            }
        }
        if (t == null || abandon) {
            LOG.debug("[op=ses.consume, queue={}] closed", queueUrl);
            return;
        }
        try {
            t.join(shutdownTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warn("[op=ses.consume, queue={}] the batch in hand did not finish within {}; its messages will be"
                    + " received again", queueUrl, shutdownTimeout);
        } else {
            LOG.debug("[op=ses.consume, queue={}] closed", queueUrl);
        }
    }

    private boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
