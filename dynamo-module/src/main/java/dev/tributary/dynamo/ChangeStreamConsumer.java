package dev.tributary.dynamo;

/**
 * What both change-capture engines offer, so an application can choose one by configuration: the embedded
 * {@link ChangeCapture} (one process, the default) or {@code dev.tributary.dynamo.kcl.KclChangeCapture}
 * (Kinesis Client Library leases across processes). Handlers, failure policies and listeners are the same.
 *
 * <pre>{@code
 * ChangeStreamConsumer consumer = config.scaleOut()
 *         ? KclChangeCapture.builder(schema).applicationName("search-sync").streamArn(arn).handler("search", sync).build()
 *         : ChangeCapture.builder(schema).streamArn(arn).handler("search", sync).build();
 * consumer.start();
 * }</pre>
 */
public interface ChangeStreamConsumer extends AutoCloseable {
    /** Starts consuming; idempotent. */
    void start();

    /** Returns the stream being consumed. */
    String streamArn();

    /** Returns a snapshot of the counters and lag. */
    CaptureMetrics metrics();

    /** Stops gracefully for up to the builder's shutdown timeout and releases what it created; idempotent. */
    @Override
    void close();

    /**
     * Stops gracefully for up to {@code timeout} and releases what the consumer created; idempotent.
     *
     * @param timeout how long in-flight batches may take to be acknowledged and checkpointed
     */
    void close(java.time.Duration timeout);

    /**
     * Stops at once, as a killed process would: nothing more is checkpointed, batches since the last checkpoint
     * come again to the next consumer. For recovery tests; does nothing after {@link #close()}.
     */
    void abort();
}
